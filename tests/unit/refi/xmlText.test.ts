import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAttribute, decodeEntities, escapeAttr, escapeText, xmlSafe } from '../../../shared/refi/xmlText';

describe('XML text', () => {
  it('escaped text and attributes decode back to the same string (minus characters XML cannot carry)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(decodeEntities(escapeText(s))).toBe(xmlSafe(s));
        expect(decodeAttribute(escapeAttr(s))).toBe(xmlSafe(s));
      }),
      { numRuns: 500 },
    );
    // 500 runs take about a second alone, several when the machine is busy.
  }, 30_000);

  it('keeps CR, tabs and newlines, emoji and 𝄞; drops control characters and lone surrogates', () => {
    expect(xmlSafe('a\r\n\tb 🙂 𝄞 \u0001\u0008\uFFFE\uD800x')).toBe('a\r\n\tb 🙂 𝄞 x');
    expect(escapeText('line\r\n<b> & "q"')).toBe('line&#13;\n&lt;b&gt; &amp; "q"');
    expect(escapeAttr('a "b"\n')).toBe('a &quot;b&quot;&#10;');
  });

  it('decodes the five predefined entities and character references, nothing else', () => {
    expect(decodeEntities('&lt;&gt;&amp;&quot;&apos;&#13;&#x1F642;&#119070;')).toBe('<>&"\'\r🙂𝄞');
    expect(() => decodeEntities('&xxe;')).toThrow(/not defined/);
    expect(() => decodeEntities('&#0;')).toThrow(/not a character/);
    expect(decodeEntities('AT&T and & alone')).toBe('AT&T and & alone');
  });

  it('normalises literal whitespace in attributes as XML parsers must', () => {
    expect(decodeAttribute('a\tb\nc&#10;d')).toBe('a b c\nd');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCodeName, formatCodePath, parseCodePath } from '../../../shared/coding/paths';

describe('code paths', () => {
  it('splits a path into names from the top down, trimming each part', () => {
    expect(parseCodePath('Rupture/Withdrawal')).toEqual(['Rupture', 'Withdrawal']);
    expect(parseCodePath(' Rupture / Withdrawal ')).toEqual(['Rupture', 'Withdrawal']);
    expect(parseCodePath('Trust')).toEqual(['Trust']);
  });

  it("reads '\\/' as a slash inside a name and '\\\\' as a backslash", () => {
    expect(parseCodePath('Self\\/other/Boundary')).toEqual(['Self/other', 'Boundary']);
    expect(parseCodePath('A\\\\/B')).toEqual(['A\\', 'B']);
    expect(parseCodePath('C:\\temp')).toEqual(['C:\\temp']); // a backslash before anything else is itself
  });

  it('refuses empty parts with a message that shows how to write a path', () => {
    for (const bad of ['', '/', 'A//B', 'A/', '/A', 'A/ /B']) expect(() => parseCodePath(bad)).toThrow(/empty part.*Parent\/Child/);
  });

  it('formats names so that parsing gives them back', () => {
    const name = fc
      .array(fc.constantFrom('a', 'Z', '/', '\\', ' ', 'é', '-'), { minLength: 1, maxLength: 12 })
      .map((cs) => cs.join('').trim())
      .filter((s) => s.length > 0);
    fc.assert(fc.property(fc.array(name, { minLength: 1, maxLength: 4 }), (names) => {
        expect(parseCodePath(formatCodePath(names))).toEqual(names);
      }));
    expect(escapeCodeName('Self/other')).toBe('Self\\/other');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanList, makeDeidentifier } from '../../../shared/export/deidentify';

const deid = (pairs: [string, string][]) => makeDeidentifier(pairs.map(([name, replacement]) => ({ name, replacement })));

describe('de-identification', () => {
  it('replaces whole words only, ignoring case, writing the replacement as given', () => {
    const f = deid([['Ann', 'Client A']]);
    expect(f('Ann said ANN and ann; Anna and Annabel and Joanne stay.')).toBe('Client A said Client A and Client A; Anna and Annabel and Joanne stay.');
    expect(f("Ann's turn, (Ann), Ann-Marie")).toBe("Client A's turn, (Client A), Client A-Marie");
  });

  it('lets the longest name win', () => {
    const f = deid([
      ['Anna', 'T1'],
      ['Anna Maria', 'T2'],
      ['Maria', 'M'],
    ]);
    expect(f('Anna Maria came, then Anna, then Maria.')).toBe('T2 came, then T1, then M.');
    expect(f('Anna\n  Maria')).toBe('T2');
  });

  it('takes regular-expression characters in names literally', () => {
    const f = deid([
      ['A.J.', 'X'],
      ['Smith (née Jones)', 'Y'],
      ['C++ Bob', 'Z'],
      ['$dollar', 'W'],
    ]);
    expect(f('A.J. met AxJx and Smith (née Jones), C++ Bob, $dollar.')).toBe('X met AxJx and Y, Z, W.');
    expect(f('Smith (nee Jones)')).toBe('Smith (nee Jones)');
  });

  it('handles punctuation inside names and either apostrophe', () => {
    const f = deid([["O'Brien", 'the teacher']]);
    expect(f("Mr O'Brien and Mr O’Brien and OBrien")).toBe('Mr the teacher and Mr the teacher and OBrien');
  });

  it('matches non-ASCII names in any case and either Unicode form, with non-ASCII word boundaries', () => {
    const f = deid([
      ['Zoë', 'S'],
      ['Łukasz', 'L'],
      ['Ærø', 'Æ'],
    ]);
    expect(f('ZOË, zoë and Zoe\u0308 but not Zoëlle; łukasz ŁUKASZ Łukaszek')).toBe('S, S and S but not Zoëlle; L L Łukaszek');
    expect(f('ærø')).toBe('Æ');
    // A letter with a combining accent after the name is part of the word.
    expect(f('Zoëe\u0301')).toBe('Zoëe\u0301');
  });

  it('drops empty names and keeps the first of duplicates', () => {
    expect(cleanList([
      { name: '  ', replacement: 'x' },
      { name: ' Anna  Maria ', replacement: 'A' },
      { name: 'anna maria', replacement: 'B' },
    ])).toEqual([{ name: 'Anna Maria', replacement: 'A' }]);
    expect(deid([])('Anna')).toBe('Anna');
  });

  it('replacement text is never read as a pattern ($& and $1 stay literal)', () => {
    expect(deid([['Anna', '$& and $1']])('Anna')).toBe('$& and $1');
  });

  it('never leaves a listed name standing as a word (property)', () => {
    const name = fc.stringMatching(/^[A-Za-zÀ-ÿ][a-zà-ÿ]{2,8}$/);
    const filler = fc.array(fc.constantFrom(' ', ', ', '. ', '\n', 'the ', 'and '), { maxLength: 5 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 5, selector: (n) => n.toLowerCase() }), fc.array(fc.tuple(filler, fc.nat()), { maxLength: 12 }), (names, parts) => {
        const text = parts.map(([f, k]) => f + names[k % names.length]!).join(' ');
        const out = deid(names.map((n) => [n, '#'] as [string, string]))(text);
        for (const n of names) expect(out.toLowerCase().split(/[^\p{L}]+/u)).not.toContain(n.toLowerCase());
      }),
    );
  });
});

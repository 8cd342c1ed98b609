import { describe, expect, it } from 'vitest';
import { deidentifyList, makeDeidentifier } from '../../../shared/export/deidentify';

// Edges of de-identification that mutation testing (docs/mutation.md) found unguarded: names that begin or end
// with punctuation, a name inside a longer word, names that differ only by ß/ss, and the limits of the list.
const deid = (pairs: [string, string][]) => makeDeidentifier(pairs.map(([name, replacement]) => ({ name, replacement })));

describe('de-identification at the edges', () => {
  it('replaces hyphenated names ("Jean-Luc") instead of failing the export', () => {
    expect(deid([['Jean-Luc', 'T'], ['Ann-Marie', 'C']])('Jean-Luc asked ann-marie; Jean Luc stays')).toBe('T asked C; Jean Luc stays');
  });

  it('replaces a name ending in punctuation even when a letter follows directly ("Dr.Brown")', () => {
    expect(deid([['Dr.', 'the doctor ']])('Dr.Brown and Dr. Brown')).toBe('the doctor Brown and the doctor  Brown');
    expect(deid([['-Jo', 'X']])('Ann-Jo came')).toBe('AnnX came');
  });

  it('leaves a name standing inside a longer word that ends with it ("JoAnn")', () => {
    expect(deid([['Ann', 'Client A']])('JoAnn met Ann')).toBe('JoAnn met Client A');
  });

  it('needs a word boundary after a name ending in a digit ("Room 12" is not "Room 123")', () => {
    expect(deid([['Room 12', 'the room']])('Room 123 and Room 12.')).toBe('Room 123 and the room.');
  });

  it('keeps "Strauß" and "Strauss" apart: two names, two replacements', () => {
    expect(deid([['Strauß', 'A'], ['Strauss', 'B']])('Strauß met Strauss')).toBe('A met B');
  });

  it('accepts a researcher\'s list and refuses names, replacements or lists beyond the limits', () => {
    const list = [{ name: 'Anna', replacement: 'Client A' }];
    expect(deidentifyList.parse(list)).toEqual(list);
    expect(deidentifyList.safeParse([{ name: 'x'.repeat(201), replacement: 'A' }]).success).toBe(false);
    expect(deidentifyList.safeParse([{ name: 'Anna', replacement: 'y'.repeat(201) }]).success).toBe(false);
    expect(deidentifyList.safeParse([{ name: 'x'.repeat(200), replacement: 'y'.repeat(200) }]).success).toBe(true);
    const many = Array.from({ length: 2001 }, (_, i) => ({ name: `N${i}`, replacement: 'X' }));
    expect(deidentifyList.safeParse(many).success).toBe(false);
    expect(deidentifyList.safeParse(many.slice(0, 2000)).success).toBe(true);
  });
});

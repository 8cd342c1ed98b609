import { describe, expect, it } from 'vitest';
import { TextMap } from '../../../shared/merge';

const passage = (map: TextMap, from: string, into: string, words: string) => {
  const start = from.indexOf(words);
  const r = map.map(start, start + words.length);
  return r && into.slice(r.start, r.end);
};

describe('carrying a passage from one version of a transcript to another', () => {
  it('line endings only: every passage keeps its words', () => {
    const from = 'I: Here?\r\nC: I could not look at her.\r\nI: And then?\r\n';
    const into = from.replace(/\r\n/g, '\n');
    const map = new TextMap(from, into);
    expect(map.exact).toBe(true);
    for (const w of ['Here?', 'I could not look at her.', 'And then?', 'look at her.\r\nI: And']) expect(passage(map, from, into, w)).toBe(w.replace(/\r\n/g, '\n'));
    // …and back.
    const back = new TextMap(into, from);
    expect(passage(back, into, from, 'her.\nI:')).toBe('her.\r\nI:');
  });

  it('a corrected word: passages before and after keep their words; one on the word covers its replacement', () => {
    const from = 'She leaned bak and I could breathe again.';
    const into = 'She leaned back and I could breathe again.';
    const map = new TextMap(from, into);
    expect(passage(map, from, into, 'She leaned')).toBe('She leaned');
    expect(passage(map, from, into, 'I could breathe')).toBe('I could breathe');
    expect(passage(map, from, into, 'bak')).toBe('back');
    expect(passage(map, from, into, 'leaned bak and')).toBe('leaned back and');
  });

  it('text inserted right at a passage’s edge stays outside it', () => {
    const from = 'I felt small.';
    const into = 'I felt very small.';
    const map = new TextMap(from, into);
    expect(passage(map, from, into, 'I felt ')).toBe('I felt ');
    expect(passage(map, from, into, 'small.')).toBe('small.');
  });

  it('a passage wholly inside deleted text has no counterpart', () => {
    const from = 'I felt small, like a child caught out. Then relief.';
    const into = 'I felt small. Then relief.';
    const map = new TextMap(from, into);
    expect(passage(map, from, into, 'a child')).toBeNull();
    expect(passage(map, from, into, 'small, like')).toBe('small');
  });

  it('an emoji changed in its second half is changed as a whole (no half surrogate pairs)', () => {
    const from = 'It was fine 😀 really';
    const into = 'It was fine 😁 really';
    const map = new TextMap(from, into);
    expect(passage(map, from, into, '😀')).toBe('😁');
  });
});

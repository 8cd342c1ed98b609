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

describe('carrying a place or a passage: edges', () => {
  it('the very same text: passages and places stay, an empty passage has none', () => {
    const text = 'C: I felt small.\r\nT: I saw it.';
    const map = new TextMap(text, text);
    expect(map.map(3, 15)).toEqual({ start: 3, end: 15 });
    // Even a passage ending between "\r" and "\n" stays as it is.
    expect(map.map(0, 17)).toEqual({ start: 0, end: 17 });
    expect(map.map(4, 4)).toBeNull();
    expect(map.at(17)).toBe(17);
  });

  it('line endings only: a passage of nothing but the "\\r" keeps its line break; places move with the line endings', () => {
    const from = 'a\r\nb\r\nc\rd';
    const into = 'a\nb\nc\rd';
    const map = new TextMap(from, into);
    expect(map.exact).toBe(true);
    expect(map.map(1, 2)).toEqual({ start: 1, end: 2 });
    expect(map.map(4, 5)).toEqual({ start: 3, end: 4 });
    // A lone "\r" (old Mac) is a line ending of its own and counts as one character on both sides.
    expect(map.map(6, 9)).toEqual({ start: 4, end: 7 });
    expect([0, 1, 3, 4, 6, 7, 8, 9].map((o) => map.at(o))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const back = new TextMap(into, from);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((o) => back.at(o))).toEqual([0, 1, 3, 4, 6, 7, 8, 9]);
    // A passage ending after a line break ends after the whole "\r\n".
    expect(back.map(2, 4)).toEqual({ start: 3, end: 6 });
  });

  it('a letter inserted: a place at the insertion is the start of what follows; a passage ending there stays before it', () => {
    const from = 'She leaned bak and sighed.';
    const into = 'She leaned back and sighed.';
    const map = new TextMap(from, into);
    expect(map.exact).toBe(false);
    expect(map.at(4)).toBe(4);
    expect(map.at(13)).toBe(14);
    expect(map.at(15)).toBe(16);
    expect(map.at(from.length)).toBe(into.length);
    expect(map.map(4, 13)).toEqual({ start: 4, end: 13 });
    expect(map.map(13, 18)).toEqual({ start: 14, end: 19 });
  });

  it('a word replaced: a place inside it goes to where the replacement begins; passages inside it cover all of the replacement', () => {
    const from = 'I felt smal and sad.';
    const into = 'I felt tiny and sad.';
    const map = new TextMap(from, into);
    expect(map.at(9)).toBe(7);
    expect(map.at(11)).toBe(11);
    expect(map.map(9, 11)).toEqual({ start: 7, end: 11 });
    expect(map.map(8, 10)).toEqual({ start: 7, end: 11 });
    expect(map.map(2, 9)).toEqual({ start: 2, end: 11 });
    expect(map.map(12, 15)).toEqual({ start: 12, end: 15 });
  });

  it('corrections in texts with Windows line endings: the offsets of the raw texts', () => {
    const from = 'I: Then?\r\nC: I felt smoll.\r\nT: Yes.\r\n';
    const into = 'I: Then?\r\nC: I felt small.\r\nT: Yes.\r\n';
    const map = new TextMap(from, into);
    const yes = from.indexOf('Yes');
    expect(map.map(yes, yes + 4)).toEqual({ start: into.indexOf('Yes'), end: into.indexOf('Yes') + 4 });
    expect(map.map(from.indexOf('I felt'), from.indexOf('.\r\nT'))).toEqual({ start: into.indexOf('I felt'), end: into.indexOf('.\r\nT') });
  });

  it('an emoji changed in its first half is changed as a whole too', () => {
    const from = 'Fine \u{1F600} really';
    const into = 'Fine \u{1FA00} really';
    const map = new TextMap(from, into);
    expect(passage(map, from, into, '\u{1F600}')).toBe('\u{1FA00}');
    expect(passage(map, from, into, ' really')).toBe(' really');
    expect(passage(map, from, into, 'Fine ')).toBe('Fine ');
  });

  it('text added at the very start or end: passages keep their words', () => {
    const from = 'I felt small.';
    for (const into of ['C: I felt small.', 'I felt small. Then relief.']) {
      const map = new TextMap(from, into);
      expect(passage(map, from, into, 'I felt')).toBe('I felt');
      expect(passage(map, from, into, 'small.')).toBe('small.');
      expect(passage(map, from, into, from)).toBe(from);
    }
  });
});

describe('carrying a passage: surrogate pairs, repeats and the very first character', () => {
  it('a passage on a changed stretch that begins or ends in an emoji covers the whole emoji, never half of it', () => {
    // [before, after]: emoji differing in their second half, then in their first half, at the bounds of the surrogate ranges.
    const lowDiffers = [
      ['\u{1F600}', '\u{1F601}'],
      ['\u{10000}', '\u{10001}'],
      ['\u{10FC00}', '\u{10FC01}'],
    ];
    const highDiffers = [
      ['\u{1F600}', '\u{1FA00}'],
      ['\u{10000}', '\u{10400}'],
      ['\u{103FF}', '\u{107FF}'],
    ];
    for (const [x, y] of lowDiffers) {
      const from = `So ${x} and fine`;
      const into = `So ${y} or fine`;
      expect(passage(new TextMap(from, into), from, into, 'and'), `${x} → ${y}`).toBe(`${y} or`);
    }
    for (const [x, y] of highDiffers) {
      const from = `So and ${x} fine`;
      const into = `So or ${y} fine`;
      expect(passage(new TextMap(from, into), from, into, 'and'), `${x} → ${y}`).toBe(`or ${y}`);
    }
  });

  it('a change right after or right before an emoji or another character above the surrogates leaves that character alone', () => {
    for (const c of ['\u{1F600}', '\u{10FFFF}', '\uFB00', '\uE000']) {
      const from = `So ${c}x then`;
      const into = `So ${c}y then`;
      const map = new TextMap(from, into);
      expect(passage(map, from, into, 'x'), c).toBe('y');
      expect(passage(map, from, into, `So ${c}`), c).toBe(`So ${c}`);
      const back = new TextMap(`So x${c} then`, `So y${c} then`);
      expect(passage(back, `So x${c} then`, `So y${c} then`, 'x'), c).toBe('y');
      expect(passage(back, `So x${c} then`, `So y${c} then`, `${c} then`), c).toBe(`${c} then`);
    }
  });

  it('a repeated letter or word added: the passage keeps its place and takes in the addition it touches', () => {
    const mm = new TextMap('Hmm.', 'Hmmm.');
    expect(mm.map(2, 4)).toEqual({ start: 2, end: 5 });
    expect(mm.map(0, 2)).toEqual({ start: 0, end: 2 });
    const twice = new TextMap('No. ', 'No. No. ');
    expect(twice.map(0, 3)).toEqual({ start: 0, end: 3 });
    expect(twice.map(1, 4)).toEqual({ start: 1, end: 4 });
    expect(twice.at(4)).toBe(8);
  });

  it('a text that begins with a Windows line break', () => {
    const map = new TextMap('\r\nC: Hi.\r\n', '\nC: Hi.\n');
    expect(map.map(2, 8)).toEqual({ start: 1, end: 7 });
    expect(map.at(2)).toBe(1);
    const back = new TextMap('\nC: Hi.\n', '\r\nC: Hi.\r\n');
    expect(back.map(1, 7)).toEqual({ start: 2, end: 8 });
  });

  it('an empty passage has no counterpart, whatever changed', () => {
    expect(new TextMap('a\r\nb', 'a\nb').map(2, 2)).toBeNull();
    expect(new TextMap('I felt small.', 'I felt tiny.').map(3, 3)).toBeNull();
  });
});

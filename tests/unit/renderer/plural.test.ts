/**
 * Counts in the researcher's words: small counts written without the locale's number formatting (its first use in a
 * page is slow, util/plural.ts), large ones with it, and the same text either way as toLocaleString gives.
 */
import { describe, expect, it } from 'vitest';
import { counts, formatCount, plural } from '../../../renderer/src/util/plural';

describe('counts in words', () => {
  it('writes a count as the locale does, below a thousand and above', () => {
    for (const n of [0, 1, 7, 42, 999, 1000, 10572, 1204000, -3, -1500]) expect(formatCount(n)).toBe(n.toLocaleString());
    expect(formatCount(2.5)).toBe((2.5).toLocaleString());
  });

  it('puts the noun in the plural unless the count is one', () => {
    expect(plural(1, 'memo')).toBe('1 memo');
    expect(plural(0, 'memo')).toBe('0 memos');
    expect(plural(3, 'recall moment')).toBe('3 recall moments');
    expect(plural(2, 'dyad', 'dyads')).toBe('2 dyads');
    expect(plural(10572, 'word')).toBe(`${(10572).toLocaleString()} words`);
  });

  it('joins several counts in prose', () => {
    expect(counts([[3, 'source'], [1, 'code'], [2, 'memo']])).toBe('3 sources, 1 code and 2 memos');
    expect(counts([[1, 'coding']])).toBe('1 coding');
  });
});

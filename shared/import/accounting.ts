/**
 * The check that no words are lost on the way in: every word of the source (less what a format legitimately
 * drops — cue timings and numbers, markup, comments) must be found in the stored text. It is independent of how a
 * parser rebuilt the text, so a parser that drops a cue, a table cell or a paragraph by mistake is caught and
 * reported instead of passing silently.
 *
 * Words are runs of letters and digits, compared without case; the comparison counts: a word said three times in
 * the source must be found three times.
 */

/** One source line's text, and where it is, as the warning should name it ("line 12", "paragraph 4"). */
export interface SourceLine {
  text: string;
  /** 1-based. */
  number: number;
}

const OTHER_WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Calls `each` with every word of `s` (already in lower case) and its offset: runs of letters, digits and marks. */
function eachWord(s: string, each: (word: string, at: number) => void): void {
  let from = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    // ASCII by ranges; beyond it (accents, other scripts, surrogate pairs) by Unicode class.
    const inWord =
      c < 128
        ? (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)
        : c >= 0xd800 && c <= 0xdfff
          ? OTHER_WORD_CHAR.test(s.slice(i, i + 2)) || OTHER_WORD_CHAR.test(s.slice(i - 1, i + 1))
          : OTHER_WORD_CHAR.test(s[i]!);
    if (inWord) {
      if (from < 0) from = i;
    } else if (from >= 0) {
      each(s.slice(from, i), from);
      from = -1;
    }
  }
}

interface LostWords {
  count: number;
  /** Numbers of the source lines the lost words come from, in order. */
  lines: number[];
  /** A few of the lost words, as written in the source. */
  sample: string[];
}

export function lostWords(source: readonly SourceLine[], stored: string): LostWords {
  const have = new Map<string, number>();
  eachWord(stored.toLowerCase(), (w) => have.set(w, (have.get(w) ?? 0) + 1));
  const lost: LostWords = { count: 0, lines: [], sample: [] };
  for (const line of source) {
    const lower = line.text.toLowerCase();
    // Lower case keeps the length of nearly every text; where it does not, the sample is the lower-case word.
    const same = lower.length === line.text.length;
    eachWord(lower, (key, at) => {
      const n = have.get(key) ?? 0;
      if (n > 0) {
        have.set(key, n - 1);
        return;
      }
      lost.count++;
      if (lost.lines[lost.lines.length - 1] !== line.number) lost.lines.push(line.number);
      if (lost.sample.length < 8) lost.sample.push(same ? line.text.slice(at, at + key.length) : key);
    });
  }
  return lost;
}

/** "7 words of the file are not in the imported text (lines 12–14, 40: "…")", or null when none are lost. */
export function lostWordsWarning(lost: LostWords, unit: 'line' | 'paragraph' = 'line'): string | null {
  if (!lost.count) return null;
  const ranges: string[] = [];
  for (let i = 0; i < lost.lines.length; ) {
    let j = i;
    while (j + 1 < lost.lines.length && lost.lines[j + 1] === lost.lines[j]! + 1) j++;
    ranges.push(i === j ? `${lost.lines[i]}` : `${lost.lines[i]}–${lost.lines[j]}`);
    i = j + 1;
  }
  const where = `${unit}${lost.lines.length > 1 ? 's' : ''} ${ranges.slice(0, 6).join(', ')}${ranges.length > 6 ? ' …' : ''}`;
  return (
    `${lost.count} word${lost.count === 1 ? '' : 's'} of the file ${lost.count === 1 ? 'is' : 'are'} not in the imported text ` +
    `(${where}: "${lost.sample.join(' ')}${lost.count > lost.sample.length ? ' …' : ''}"). Check the file in another program before coding it.`
  );
}

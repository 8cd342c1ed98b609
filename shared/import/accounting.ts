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

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

function words(s: string): string[] {
  return s.toLowerCase().match(WORD) ?? [];
}

export interface LostWords {
  count: number;
  /** Numbers of the source lines the lost words come from, in order. */
  lines: number[];
  /** A few of the lost words, as written in the source. */
  sample: string[];
}

export function lostWords(source: readonly SourceLine[], stored: string): LostWords {
  const have = new Map<string, number>();
  for (const w of words(stored)) have.set(w, (have.get(w) ?? 0) + 1);
  const lost: LostWords = { count: 0, lines: [], sample: [] };
  for (const line of source) {
    for (const w of line.text.match(WORD) ?? []) {
      const key = w.toLowerCase();
      const n = have.get(key) ?? 0;
      if (n > 0) {
        have.set(key, n - 1);
        continue;
      }
      lost.count++;
      if (lost.lines[lost.lines.length - 1] !== line.number) lost.lines.push(line.number);
      if (lost.sample.length < 8) lost.sample.push(w);
    }
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

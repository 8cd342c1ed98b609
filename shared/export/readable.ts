/**
 * Excerpts made for reading (Word, Markdown, HTML), not for counting (CSV, Excel keep every coding as it is):
 *
 * - A passage selected a little short ("ould not make eye contac") reads as a typo in a paper: it is widened to
 *   whole words. Only letters and digits glued to the cut are added, never a new word.
 * - Two coders who coded nearly the same passage with the same code make one excerpt, with both coders named,
 *   rather than the same quotation twice in a row.
 */

/** Letters, digits, and the apostrophes and hyphens inside words ("don't", "telling-off"). */
const WORD = /[\p{L}\p{N}\p{M}]/u;
const JOINER = /['’\-]/u;

function isWordAt(text: string, i: number): boolean {
  const c = text[i];
  if (c === undefined) return false;
  if (WORD.test(c)) return true;
  // An apostrophe or hyphen between two letters is part of the word.
  return JOINER.test(c) && WORD.test(text[i - 1] ?? '') && WORD.test(text[i + 1] ?? '');
}

/** The passage from start to end (UTF-16 offsets) widened so that it neither starts nor ends inside a word. */
export function widenToWords(text: string, start: number, end: number): { start: number; end: number } {
  if (end <= start) return { start, end };
  let s = start;
  let e = end;
  while (s > 0 && isWordAt(text, s - 1) && isWordAt(text, s)) s--;
  while (e < text.length && isWordAt(text, e - 1) && isWordAt(text, e)) e++;
  // Never split a surrogate pair.
  if (s > 0 && /[\uDC00-\uDFFF]/u.test(text[s] ?? '')) s--;
  if (/[\uDC00-\uDFFF]/u.test(text[e] ?? '')) e++;
  return { start: s, end: e };
}

export interface Passage {
  interviewId: string;
  start: number;
  end: number;
  coders: string[];
}

/** How much of the two passages they share: 1 for the same passage, 0 for passages apart. */
export function sameness(a: Passage, b: Passage): number {
  if (a.interviewId !== b.interviewId) return 0;
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (overlap <= 0) return 0;
  return overlap / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}

/** Passages sharing at least this much are "nearly the same" (a word or two of difference in a sentence). */
const NEARLY_THE_SAME = 0.75;

/**
 * The passages with those of different coders that are nearly the same combined (`combine` makes the one from
 * the two); order kept (a combined passage stands where its first part stood). Passages of one coder are never
 * combined: a coder who coded a passage twice meant two things.
 */
export function combineNearlyTheSame<T extends Passage>(list: readonly T[], combine: (a: T, b: T) => T): T[] {
  const out: T[] = [];
  for (const p of list) {
    const at = out.findIndex((q) => sameness(q, p) >= NEARLY_THE_SAME && !q.coders.some((c) => p.coders.includes(c)));
    if (at < 0) out.push(p);
    else out[at] = combine(out[at]!, p);
  }
  return out;
}

/**
 * "Coded by Ana, Ben" under an excerpt that stands for nearly the same passage of several coders, unless the
 * attribution (its template may hold {coder}) already names them.
 */
export function codersNote(e: { codingIds: readonly string[]; coder: string; attribution: string }): string | null {
  if (e.codingIds.length < 2 || !e.coder.includes(', ') || e.attribution.includes(e.coder)) return null;
  return `Coded by ${e.coder}`;
}

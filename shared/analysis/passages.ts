/**
 * Cutting passages out of an interview's text for display: the context around an excerpt and the snippet of a
 * search hit. Offsets are UTF-16 (shared/text/offsets.ts); cuts never split a word or a surrogate pair, so
 * what the researcher reads never starts or ends in the middle of a word.
 */
import type { Span } from './intervals';

const WORD = /[\p{L}\p{N}\p{M}'’_-]/u;

/** The code point that ends just before `i` (a surrogate pair read whole). */
function charBefore(text: string, i: number): string {
  if (i <= 0) return '';
  const lo = text.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = text.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return text.slice(i - 2, i);
  }
  return text[i - 1]!;
}

function charAt(text: string, i: number): string {
  if (i >= text.length) return '';
  const cp = text.codePointAt(i)!;
  return String.fromCodePoint(cp);
}

const isWord = (ch: string) => ch !== '' && WORD.test(ch);

/** Moves a cut at `i` forward past a word it would split (and past a low surrogate). */
function cutForward(text: string, i: number, limit: number): number {
  if (i > 0 && i < text.length && isWord(charBefore(text, i)) && isWord(charAt(text, i))) {
    while (i < limit && isWord(charAt(text, i))) i += charAt(text, i).length;
  }
  const c = text.charCodeAt(i);
  if (i > 0 && c >= 0xdc00 && c <= 0xdfff) i++;
  return Math.min(i, limit);
}

/** Moves a cut at `i` back before a word it would split (and before a low surrogate). */
function cutBack(text: string, i: number, limit: number): number {
  if (i > 0 && i < text.length && isWord(charBefore(text, i)) && isWord(charAt(text, i))) {
    while (i > limit && isWord(charBefore(text, i))) i -= charBefore(text, i).length;
  }
  const c = text.charCodeAt(i);
  if (i > 0 && i < text.length && c >= 0xdc00 && c <= 0xdfff) i--;
  return Math.max(i, limit);
}

const trimStartAt = (text: string, from: number, to: number) => {
  while (from < to && /\s/u.test(text[from]!)) from++;
  return from;
};
const trimEndAt = (text: string, from: number, to: number) => {
  while (to > from && /\s/u.test(text[to - 1]!)) to--;
  return to;
};

/**
 * Up to `chars` characters of text before and after [start, end), cut at word boundaries and trimmed of
 * surrounding white space. Both are plain slices of `text`.
 */
export function contextAround(text: string, start: number, end: number, chars: number): { before: string; after: string } {
  if (chars <= 0) return { before: '', after: '' };
  const from = trimStartAt(text, cutForward(text, Math.max(0, start - chars), start), start);
  const to = trimEndAt(text, end, cutBack(text, Math.min(text.length, end + chars), end));
  return { before: text.slice(from, start), after: text.slice(end, to) };
}

export interface Snippet {
  /** A slice of the text, cut at word boundaries. */
  text: string;
  /** Offset of `text` in the interview's text. */
  start: number;
  /** The matched terms, relative to `text`. */
  marks: Span[];
  /** True when the passage continues before / after the snippet (show "…"). */
  clippedStart: boolean;
  clippedEnd: boolean;
}

/**
 * A window of about `width` characters of `passage` (which starts at `passageStart` in the interview) around its
 * first mark, with the marks that fall inside.
 */
export function snippetOf(passage: string, passageStart: number, marks: readonly Span[], width: number): Snippet {
  let from = 0;
  let to = passage.length;
  if (passage.length > width) {
    const first = marks[0];
    const centre = first ? first.start : 0;
    from = Math.max(0, Math.min(centre - Math.floor(width / 3), passage.length - width));
    to = Math.min(passage.length, from + width);
    // Keep the first mark whole even when it is longer than the window.
    if (first && first.end > to) to = Math.min(passage.length, first.end);
    from = cutForward(passage, from, first ? Math.min(first.start, to) : to);
    to = cutBack(passage, to, first ? Math.max(first.end, from) : from);
  }
  from = trimStartAt(passage, from, to);
  to = trimEndAt(passage, from, to);
  const inside = marks.filter((m) => m.start >= from && m.end <= to).map((m) => ({ start: m.start - from, end: m.end - from }));
  return {
    text: passage.slice(from, to),
    start: passageStart + from,
    marks: inside,
    clippedStart: from > 0 && passage.slice(0, from).trim() !== '',
    clippedEnd: to < passage.length && passage.slice(to).trim() !== '',
  };
}

/**
 * Reads FTS5 highlight() output: the passage with `open`/`close` around each matched phrase. Returns the passage
 * without the markers and the marked spans, or null when the markers do not pair up (the text itself contained
 * a marker character; the caller retries with other markers).
 */
export function readHighlight(marked: string, open: string, close: string): { text: string; marks: Span[] } | null {
  let text = '';
  const marks: Span[] = [];
  let openAt = -1;
  let pos = 0;
  for (;;) {
    const o = marked.indexOf(open, pos);
    const c = marked.indexOf(close, pos);
    if (o < 0 && c < 0) break;
    if (openAt < 0) {
      if (o < 0 || (c >= 0 && c < o)) return null;
      text += marked.slice(pos, o);
      openAt = text.length;
      pos = o + open.length;
    } else {
      if (c < 0 || (o >= 0 && o < c)) return null;
      text += marked.slice(pos, c);
      if (text.length > openAt) marks.push({ start: openAt, end: text.length });
      openAt = -1;
      pos = c + close.length;
    }
  }
  if (openAt >= 0) return null;
  text += marked.slice(pos);
  return { text, marks };
}

/**
 * Moving coding offsets (UTF-16, shared/text/offsets.ts) from one version of an interview's text to another.
 *
 * - Same text up to line endings ("\r\n" against "\n"): every offset has an exact counterpart.
 * - Different texts (one coder corrected the transcript): the common beginning and end are kept; a passage that
 *   touches the edited stretch is stretched to cover all of its replacement, never cut short. A passage that lay
 *   wholly inside text the other version deleted has no counterpart (null): the caller reports it.
 */
import { normaliseText } from './normalise';

/** Raw offsets ↔ offsets in the text with "\r\n" written as "\n". */
class LineEndings {
  /** Raw indices of each '\r' dropped by normalising (the ones directly before '\n'). */
  private readonly dropped: number[] = [];
  constructor(raw: string) {
    for (let i = raw.indexOf('\r'); i >= 0; i = raw.indexOf('\r', i + 1)) if (raw.charCodeAt(i + 1) === 10) this.dropped.push(i);
  }
  toNormal(raw: number): number {
    return raw - countBelow(this.dropped, raw);
  }
  toRaw(normal: number): number {
    // The k-th dropped '\r' sits at normal position dropped[k] − k; every one strictly before `normal` adds one back.
    let lo = 0;
    let hi = this.dropped.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.dropped[mid] as number) - mid < normal) lo = mid + 1;
      else hi = mid;
    }
    return normal + lo;
  }
}

function countBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

export class TextMap {
  /** True when the texts are equal up to line endings: offsets map exactly. */
  readonly exact: boolean;
  /** The very same text: offsets stay as they are (even one between a '\r' and its '\n'). */
  private readonly same: boolean;
  private readonly from: LineEndings;
  private readonly into: LineEndings;
  private readonly prefix: number;
  private readonly fromSuffixStart: number;
  private readonly intoSuffixStart: number;

  constructor(fromText: string, intoText: string) {
    const a = normaliseText(fromText);
    const b = normaliseText(intoText);
    this.from = new LineEndings(fromText);
    this.into = new LineEndings(intoText);
    this.exact = a === b;
    this.same = fromText === intoText;
    let p = 0;
    const max = Math.min(a.length, b.length);
    while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
    // Never split a surrogate pair: an emoji that differs only in its second half differs as a whole.
    if (p > 0 && p < max && isHigh(a.charCodeAt(p - 1))) p--;
    let s = 0;
    while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
    if (s > 0 && s < max - p && isLow(a.charCodeAt(a.length - s))) s--;
    this.prefix = p;
    this.fromSuffixStart = a.length - s;
    this.intoSuffixStart = b.length - s;
  }

  /** The passage [start, end) of the `from` text in the `into` text, or null when it has no counterpart. */
  map(start: number, end: number): { start: number; end: number } | null {
    if (this.same) return end > start ? { start, end } : null;
    const s = this.point(this.from.toNormal(start), 'start');
    let e = this.point(this.from.toNormal(end), 'end');
    // A passage of nothing but the '\r' of a "\r\n" keeps the line break it belonged to.
    if (this.exact && e === s && end > start) e = s + 1;
    if (e <= s) return null;
    return { start: this.into.toRaw(s), end: this.into.toRaw(e) };
  }

  /**
   * Where the place `o` of the `from` text is in the `into` text, as the start of what follows it (a recall
   * moment's offset: where its stretch of transcript begins).
   */
  at(o: number): number {
    if (this.same) return o;
    return this.into.toRaw(this.point(this.from.toNormal(o), 'start'));
  }

  /** A start prefers the text after an insertion at its offset, an end the text before it: passages stay tight. */
  private point(o: number, side: 'start' | 'end'): number {
    if (this.exact) return o;
    const inSuffix = o >= this.fromSuffixStart;
    const inPrefix = o <= this.prefix;
    if (side === 'start') {
      if (inSuffix) return o - this.fromSuffixStart + this.intoSuffixStart;
      return inPrefix ? o : this.prefix;
    }
    if (inPrefix) return o;
    return inSuffix ? o - this.fromSuffixStart + this.intoSuffixStart : this.intoSuffixStart;
  }
}

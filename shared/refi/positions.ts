/**
 * Offsets at the REFI-QDA boundary. Dyad counts UTF-16 code units (shared/text/offsets.ts); the standard counts
 * code points; NVivo writes UTF-16 code units anyway. The two readings differ only after a character outside
 * the Basic Multilingual Plane (emoji, 𝄞), so a text without one needs no conversion and gives no evidence.
 *
 * `OffsetMap` converts in O(log n) per offset (shared/text/offsets.ts walks the text each time, which is too
 * slow for 100,000 codings), and `choosePositionUnit` decides how a file counts from its selections.
 */

export type PositionUnit = 'code-points' | 'utf16';

export class OffsetMap {
  /** UTF-16 index of the high surrogate of every surrogate pair, ascending. */
  private readonly pairs: number[] = [];
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(readonly text: string) {
    for (let i = 0; i + 1 < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) this.pairs.push(i++);
      }
    }
    this.utf16Length = text.length;
    this.codePointLength = text.length - this.pairs.length;
  }

  get hasAstral(): boolean {
    return this.pairs.length > 0;
  }

  /** Number of pairs whose high surrogate index satisfies idx(k) < bound, with idx(k) = pairs[k] - shift·k. */
  private countBelow(bound: number, shift: number): number {
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.pairs[mid]! - shift * mid < bound) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** UTF-16 offset → code points (an offset inside a pair counts the pair as passed, like utf16ToCodePoint). */
  toCodePoint(u: number): number {
    const clamped = Math.min(Math.max(u, 0), this.utf16Length);
    if (!this.pairs.length) return clamped;
    return clamped - this.countBelow(clamped - 1, 0);
  }

  /** Code-point offset → UTF-16. Offsets past the end clamp to the text's length. */
  toUtf16(cp: number): number {
    if (!this.pairs.length) return Math.min(Math.max(cp, 0), this.utf16Length);
    const clamped = Math.min(Math.max(cp, 0), this.codePointLength);
    // The k-th pair sits at code point pairs[k] - k.
    return clamped + this.countBelow(clamped, 1);
  }

  /** True when a UTF-16 offset falls between the two halves of a pair. */
  splitsPair(u: number): boolean {
    if (u <= 0 || u >= this.utf16Length) return false;
    const k = this.countBelow(u, 0) - 1;
    return k >= 0 && this.pairs[k] === u - 1;
  }
}

const WORD = /[\p{L}\p{N}\p{M}]/u;

function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  // For the half of a pair, look at the whole character.
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) return WORD.test(text.slice(i - 1, i + 1));
  if (c >= 0xd800 && c <= 0xdbff) return WORD.test(text.slice(i, i + 2));
  return WORD.test(text[i]!);
}

/** A selection edge is "sensible" when it does not cut a word in two. */
function onBoundary(text: string, u: number): boolean {
  if (u <= 0 || u >= text.length) return true;
  return !(isWordAt(text, u - 1) && isWordAt(text, u));
}

export interface UnitEvidence {
  /** Selections that fall outside the text, or split a character, under each reading. */
  invalid: Record<PositionUnit, number>;
  /** Selection edges that land on a word boundary under each reading (only where the readings differ). */
  boundaries: Record<PositionUnit, number>;
  /** Selections whose two readings differ. */
  differing: number;
}

export function emptyEvidence(): UnitEvidence {
  return { invalid: { 'code-points': 0, utf16: 0 }, boundaries: { 'code-points': 0, utf16: 0 }, differing: 0 };
}

/** Adds what one source's selections say about the unit. */
export function gatherEvidence(map: OffsetMap, selections: Iterable<{ start: number; end: number }>, into: UnitEvidence): void {
  if (!map.hasAstral) return;
  const text = map.text;
  for (const s of selections) {
    const cpOk = s.start >= 0 && s.end <= map.codePointLength && s.start <= s.end;
    const u16Ok = s.start >= 0 && s.end <= map.utf16Length && s.start <= s.end && !map.splitsPair(s.start) && !map.splitsPair(s.end);
    const cpStart = map.toUtf16(s.start);
    const cpEnd = map.toUtf16(s.end);
    if (cpOk && u16Ok && cpStart === s.start && cpEnd === s.end) continue;
    into.differing++;
    if (!cpOk) into.invalid['code-points']++;
    if (!u16Ok) into.invalid.utf16++;
    if (cpOk) into.boundaries['code-points'] += +onBoundary(text, cpStart) + +onBoundary(text, cpEnd);
    if (u16Ok) into.boundaries.utf16 += +onBoundary(text, s.start) + +onBoundary(text, s.end);
  }
}

interface UnitDecision {
  unit: PositionUnit;
  /** How it was decided, for the import's warnings (null when the readings never differ). */
  reason: string | null;
}

/**
 * The reading with fewer impossible selections wins; then the one whose selections cut fewer words; a tie goes
 * to what the writing program is known to do (`origin`: NVivo counts UTF-16 units), else to the standard.
 */
export function choosePositionUnit(e: UnitEvidence, origin: string | null): UnitDecision {
  const nvivo = /nvivo/i.test(origin ?? '');
  const fallback: PositionUnit = nvivo ? 'utf16' : 'code-points';
  if (e.differing === 0) return { unit: fallback, reason: null };
  const cp = e.invalid['code-points'];
  const u16 = e.invalid.utf16;
  if (cp !== u16) {
    const unit: PositionUnit = cp < u16 ? 'code-points' : 'utf16';
    const other = unit === 'utf16' ? cp : u16;
    return { unit, reason: `${other} selection${other === 1 ? '' : 's'} would fall outside the text or split a character the other way` };
  }
  const bc = e.boundaries['code-points'];
  const bu = e.boundaries.utf16;
  if (bc !== bu) {
    const unit: PositionUnit = bc > bu ? 'code-points' : 'utf16';
    return { unit, reason: `selections start and end on word boundaries more often that way (${Math.max(bc, bu)} against ${Math.min(bc, bu)} edges)` };
  }
  return { unit: fallback, reason: nvivo ? 'the file comes from NVivo, which counts UTF-16 code units' : 'the REFI-QDA standard counts code points' };
}

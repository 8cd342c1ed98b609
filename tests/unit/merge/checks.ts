/** What every merge must guarantee, as checks that return what is wrong (empty: nothing). */
import type { ProjectSnapshot } from '../../../shared/snapshot/types';
import type { MergePlan } from '../../../shared/merge';

/**
 * Names as a researcher reads them, written here rather than taken from the product (shared/merge/normalise.ts), so
 * that a product that stopped ignoring case or spacing fails these checks: letters compared one by one in their
 * decomposed form, each folded through upper and lower case; runs of blank space count as one, at the ends as none.
 */
export function nameKey(name: string): string {
  let out = '';
  let gap = false;
  for (const ch of name.normalize('NFD')) {
    if (/\s/u.test(ch)) {
      gap = out.length > 0;
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += ch.toUpperCase().toLowerCase();
  }
  return out.normalize('NFD');
}

export function siblingClashes(s: ProjectSnapshot): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const c of s.codes) {
    const k = `${c.codebookId}|${c.parentId ?? ''}|${nameKey(c.name)}`;
    if (seen.has(k)) out.push(`${seen.get(k)} / ${c.name}`);
    seen.set(k, c.name);
  }
  return out;
}

export const codingKey = (c: { interviewId: string; start: number; end: number; codeId: string; coderId: string }) =>
  `${c.interviewId}|${c.start}|${c.end}|${c.codeId}|${c.coderId}`;

/** Offsets through "\r\n" → "\n" and back, computed the slow, obvious way (independent of TextMap). */
export function lineEndingOffset(fromText: string, intoText: string, o: number): number {
  if (fromText === intoText) return o;
  const dropped = (t: string, before: number) => [...t.matchAll(/\r(?=\n)/g)].filter((m) => (m.index as number) < before).length;
  const normal = o - dropped(fromText, o);
  for (let r = 0; r <= intoText.length; r++) if (r - dropped(intoText, r) === normal) return r;
  throw new Error('no counterpart');
}

/**
 * Every coding of both inputs is in the result, the incoming ones under their mapped interview, code and coder.
 * With `exactTexts`, every incoming coding's interview must have the same text (line endings aside).
 */
export function lostCodings(pair: { into: ProjectSnapshot; from: ProjectSnapshot }, plan: MergePlan, result: ProjectSnapshot, exactTexts: boolean): string[] {
  const problems: string[] = [];
  const keys = new Set(result.codings.map(codingKey));
  const ids = new Set(result.codings.map((c) => c.id));
  for (const c of pair.into.codings) if (!ids.has(c.id)) problems.push(`this project's coding ${c.id} is gone`);
  const skipped = new Set(plan.summary.interviews.skipped.map((s) => s.id));
  let unplaced = 0;
  for (const c of pair.from.codings) {
    if (skipped.has(c.interviewId)) continue;
    const ivId = plan.ids.interviews.get(c.interviewId) as string;
    const fromIv = pair.from.interviews.find((i) => i.id === c.interviewId)!;
    const iv = result.interviews.find((i) => i.id === ivId);
    if (!iv) {
      problems.push(`the interview of coding ${c.id} is missing`);
      continue;
    }
    let span: { start: number; end: number } | null;
    if (exactTexts) {
      if (iv.text.replace(/\r\n?/g, '\n') !== fromIv.text.replace(/\r\n?/g, '\n')) problems.push(`coding ${c.id} went to an interview with another text`);
      span = { start: lineEndingOffset(fromIv.text, iv.text, c.start), end: lineEndingOffset(fromIv.text, iv.text, c.end) };
      // A coding of a lone '\r' (of "\r\n") keeps its line break.
      if (span.end === span.start) span.end = lineEndingOffset(fromIv.text, iv.text, c.end + 1);
    } else span = passageIn(fromIv.text, iv.text, c.start, c.end);
    if (!span) {
      unplaced++;
      continue;
    }
    const mapped = { interviewId: ivId, ...span, codeId: plan.ids.codes.get(c.codeId) as string, coderId: plan.ids.coders.get(c.coderId) as string };
    if (!keys.has(codingKey(mapped))) problems.push(`coding ${c.id} of ${pair.from.name} is missing as ${JSON.stringify(mapped)}`);
  }
  if (unplaced !== plan.summary.codings.unplaced) problems.push(`unplaced ${unplaced} but the plan says ${plan.summary.codings.unplaced}`);
  return problems;
}

/** "\r\n" read as "\n" (a lone "\r" as "\n" too, same length): the offset in the text so normalised, counted the slow way. */
const toNormal = (raw: string, o: number) => o - [...raw.matchAll(/\r\n/g)].filter((m) => (m.index as number) < o).length;
/** The first raw offset whose normalised offset is `n` (before the '\r' of a "\r\n" there). */
function toRaw(raw: string, n: number): number {
  for (let r = 0; r <= raw.length; r++) if (toNormal(raw, r) === n) return r;
  throw new Error(`no raw offset for ${n}`);
}
/** The UTF-16 offsets where each whole character (code point) of t starts. */
const charStarts = (t: string) => {
  const out: number[] = [];
  let i = 0;
  for (const ch of t) {
    out.push(i);
    i += ch.length;
  }
  return out;
};

/**
 * Where a coded passage of one version of a transcript lies in another version, worked out character by
 * character (independent of the product's TextMap): the versions share a beginning and an end (whole characters,
 * line endings aside); each character of the passage in those is found again at its place, and a passage that
 * reaches into or across the stretch one coder edited takes in all of what the other version has there. A passage
 * wholly inside text the other version deleted has no place (null).
 */
export function passageIn(fromText: string, intoText: string, start: number, end: number): { start: number; end: number } | null {
  if (end <= start) return null;
  if (fromText === intoText) return { start, end };
  const a = fromText.replace(/\r\n?/g, '\n');
  const b = intoText.replace(/\r\n?/g, '\n');
  const ca = charStarts(a).map((i) => a.slice(i, i + (a.codePointAt(i)! > 0xffff ? 2 : 1)));
  const cb = charStarts(b).map((i) => b.slice(i, i + (b.codePointAt(i)! > 0xffff ? 2 : 1)));
  let p = 0; // characters in common at the beginning
  while (p < ca.length && p < cb.length && ca[p] === cb[p]) p++;
  let q = 0; // …and at the end, not overlapping them
  while (q < ca.length - p && q < cb.length - p && ca[ca.length - 1 - q] === cb[cb.length - 1 - q]) q++;
  const units = (cs: string[], n: number) => cs.slice(0, n).join('').length;
  const prefix = units(ca, p);
  const aSuffix = a.length - units(ca.slice(ca.length - q), q);
  const bSuffix = b.length - units(cb.slice(cb.length - q), q);
  const s = toNormal(fromText, start);
  const e = toNormal(fromText, end);
  if (a === b) {
    // Line endings only: every character has its counterpart; a passage of only the '\r' of "\r\n" keeps the break.
    return { start: toRaw(intoText, s), end: toRaw(intoText, e > s ? e : s + 1) };
  }
  // Each character of the passage: kept at the beginning, kept at the end, or edited.
  let lo = Infinity;
  let hi = -Infinity;
  let touchesEdit = false;
  let before = false;
  let after = false;
  for (let i = s; i < e; i++) {
    if (i < prefix) {
      lo = Math.min(lo, i);
      hi = Math.max(hi, i + 1);
      before = true;
    } else if (i >= aSuffix) {
      const j = i - aSuffix + bSuffix;
      lo = Math.min(lo, j);
      hi = Math.max(hi, j + 1);
      after = true;
    } else touchesEdit = true;
  }
  // A passage of nothing but the '\r' of a "\r\n" inside the edited stretch touches it all the same.
  if (s === e && prefix < s && s < aSuffix) touchesEdit = true;
  if (touchesEdit || (before && after)) {
    lo = Math.min(lo, prefix);
    hi = Math.max(hi, bSuffix);
  }
  if (!(hi > lo)) return null;
  return { start: toRaw(intoText, lo), end: toRaw(intoText, hi) };
}

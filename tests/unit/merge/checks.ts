/** What every merge must guarantee, as checks that return what is wrong (empty: nothing). */
import type { ProjectSnapshot } from '../../../shared/exchange/snapshot';
import { normaliseName, TextMap } from '../../../shared/merge';
import type { MergePlan } from '../../../shared/merge';

export function siblingClashes(s: ProjectSnapshot): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const c of s.codes) {
    const k = `${c.codebookId}|${c.parentId ?? ''}|${normaliseName(c.name)}`;
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
    } else span = new TextMap(fromIv.text, iv.text).map(c.start, c.end);
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

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

/** The review's answer to a conflict the plan raised: the lead's choice, else the conflict's default. */
function chosen(plan: MergePlan, choices: Readonly<Record<string, string>>, found: (c: MergePlan['summary']['conflicts'][number]) => boolean): string | null {
  const c = plan.summary.conflicts.find(found);
  if (!c) return null;
  const choice = choices[c.id];
  return choice !== undefined && c.options.some((o) => o.id === choice) ? choice : c.defaultOption;
}

/**
 * Dyad attributes as the review chose, worked out here: an incoming dyad is this project's dyad of the same id,
 * else of the same name (nameKey), else a new one; an attribute this project lacks is taken, one it has with
 * another value is a conflict the plan must raise, settled by the choice (or its default); a new dyad has the
 * incoming attributes; a dyad made only for an interview has none.
 */
export function attributesNotAsChosen(
  pair: { into: ProjectSnapshot; from: ProjectSnapshot },
  plan: MergePlan,
  choices: Readonly<Record<string, string>>,
  result: ProjectSnapshot,
): string[] {
  const problems: string[] = [];
  const expected = new Map<string, Record<string, string>>(pair.into.dyads.map((d) => [d.id, { ...d.attributes }]));
  const intoIds = new Set(pair.into.dyads.map((d) => d.id));
  for (const d of pair.from.dyads) {
    const here = pair.into.dyads.find((x) => x.id === d.id) ?? pair.into.dyads.find((x) => nameKey(x.name) === nameKey(d.name));
    const id = plan.ids.dyads.get(d.id);
    if (here ? id !== here.id : id === undefined || intoIds.has(id)) {
      problems.push(`dyad ${d.name} went to ${id}, not ${here ? here.id : 'a new dyad'}`);
      continue;
    }
    const attrs = expected.get(id!) ?? {};
    expected.set(id!, attrs);
    for (const [key, value] of Object.entries(d.attributes)) {
      const mine = attrs[key];
      if (!here || mine === undefined) attrs[key] = value;
      else if (mine !== value) {
        const choice = chosen(plan, choices, (c) => c.kind === 'dyad-attribute' && c.subjectId === id && c.mine === mine && c.theirs === value);
        if (choice === null) problems.push(`dyad ${d.name}: ${key} = "${mine}" here and "${value}" incoming, but no conflict asks which`);
        else if (choice === 'take-theirs') attrs[key] = value;
        else if (choice !== 'keep-mine') problems.push(`dyad ${d.name}: unknown choice ${choice}`);
      }
    }
  }
  for (const d of result.dyads) {
    const want = expected.get(d.id) ?? {};
    if (JSON.stringify(sortKeys(d.attributes)) !== JSON.stringify(sortKeys(want))) {
      problems.push(`dyad ${d.name} has ${JSON.stringify(d.attributes)}, the review chose ${JSON.stringify(want)}`);
    }
  }
  for (const id of expected.keys()) if (!result.dyads.some((d) => d.id === id)) problems.push(`dyad ${id} is missing`);
  return problems;
}

const sortKeys = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
/** Memo texts as a researcher compares them: line endings and blank space around them do not count. */
const memoText = (t: string) => t.replace(/\r\n?/g, '\n').trim();

/**
 * Memos as the review chose, worked out here: every memo of this project stays (with the incoming text when the
 * review took theirs); an incoming memo of the same id edited differently is a conflict the plan must raise, and
 * "keep both" adds it beside; any other incoming memo is added on its mapped target (the project when its target
 * was left out) unless the same target already has it from the same coder with the same text. Compared as the
 * list of (target, coder, title, text) of the result's memos.
 */
export function memosNotAsChosen(
  pair: { into: ProjectSnapshot; from: ProjectSnapshot },
  plan: MergePlan,
  choices: Readonly<Record<string, string>>,
  result: ProjectSnapshot,
): string[] {
  const problems: string[] = [];
  type Row = { kind: string; target: string; coder: string | null; title: string; text: string };
  const rows = new Map<string, Row>(pair.into.memos.map((m) => [m.id, { kind: m.targetKind, target: m.targetId, coder: m.coderId, title: m.title, text: m.text }]));
  const added: Row[] = [];
  const sameContent = (r: Row, x: Row) => r.kind === x.kind && r.target === x.target && r.coder === x.coder && memoText(r.text) === memoText(x.text);
  const dyadNamed = (name: string | undefined) => (name === undefined ? undefined : result.dyads.find((d) => nameKey(d.name) === nameKey(name))?.id);
  for (const m of pair.from.memos) {
    const target =
      m.targetKind === 'project' ? '' :
      m.targetKind === 'code' ? plan.ids.codes.get(m.targetId) :
      m.targetKind === 'coding' ? plan.ids.codings.get(m.targetId) :
      m.targetKind === 'interview' ? plan.ids.interviews.get(m.targetId) :
      m.targetKind === 'session' ? plan.ids.sessions.get(m.targetId) :
      (plan.ids.dyads.get(m.targetId) ?? dyadNamed(m.targetName));
    const row: Row = {
      kind: target === undefined ? 'project' : m.targetKind,
      target: target ?? '',
      coder: m.coderId === null ? null : (plan.ids.coders.get(m.coderId) ?? null),
      title: m.title,
      text: m.text,
    };
    const mine = pair.into.memos.find((x) => x.id === m.id);
    if (mine) {
      if (memoText(mine.text) === memoText(m.text) && mine.title.trim() === m.title.trim()) continue;
      const choice = chosen(plan, choices, (c) => c.kind === 'memo-text' && c.subjectId === mine.id);
      if (choice === null) {
        problems.push(`memo ${m.id} was edited differently in the two copies, but no conflict asks which to keep`);
        continue;
      }
      if (choice === 'take-theirs') rows.set(mine.id, { ...rows.get(mine.id)!, title: m.title, text: m.text });
      if (choice !== 'keep-both') continue;
    }
    if ([...rows.values(), ...added].some((x) => sameContent(row, x))) continue;
    added.push(row);
  }
  const show = (r: Row) => JSON.stringify([r.kind, r.target, r.coder, r.title, r.text]);
  const want = [...rows.values(), ...added].map(show).sort();
  const got = result.memos.map((m) => show({ kind: m.targetKind, target: m.targetId, coder: m.coderId, title: m.title, text: m.text })).sort();
  for (const w of want) if (!got.includes(w)) problems.push(`memo ${w} is missing`);
  for (const g of got) if (!want.includes(g)) problems.push(`memo ${g} was not chosen`);
  if (!problems.length && got.length !== want.length) problems.push(`${got.length} memos, the review chose ${want.length}`);
  return problems;
}

/**
 * Random pairs of coders' copies of one study, for the merge's property tests: a shared base (codebook,
 * interviews, codings, memos) that each copy then changes the way coders do: renaming and moving codes, adding
 * codes whose names the other copy also uses (under the same or another parent), correcting a transcript,
 * importing a transcript the other copy also has (same text, other id, other line endings), coding (with
 * passages both coders chose), editing definitions, memos and dyad attributes.
 */
import fc from 'fast-check';
import type { Role } from '../../../shared/domain/types';
import type { ProjectSnapshot, SnapshotCode, SnapshotCoding, SnapshotInterview, SnapshotMemo } from '../../../shared/snapshot/types';
import { nameKey } from './checks';

type Gen = fc.GeneratorValue;

const NAMES = ['Shame', 'shame ', 'Émotion', 'ÉMOTION', 'Straße', 'STRASSE', 'Trust', 'Repair', 'Rupture', 'Withdrawal', 'Alpha', 'Beta', 'Feeling  unseen', 'feeling unseen', 'Bond', 'Goals'];
const WORDS = ['I ', 'felt ', 'small ', 'she ', 'looked ', 'away ', '\n', '😀 ', 'quiet ', 'again ', '\r\n'];
const COLORS = ['#E69F00', '#56B4E9', '#009e73', '#CC79A7'];
const DEFS = ['', '', 'A strain in the alliance', 'Moving away from the other', 'Self-conscious pain'];

export interface Pair {
  into: ProjectSnapshot;
  from: ProjectSnapshot;
}

function tools(g: Gen) {
  const int = (min: number, max: number) => g(fc.integer, { min, max });
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
  const chance = (percent: number) => int(0, 99) < percent;
  return { int, pick, chance };
}

function text(g: Gen): string {
  const { int, pick } = tools(g);
  let s = '';
  const n = int(3, 14);
  for (let i = 0; i < n; i++) s += pick(WORDS);
  return s;
}

/** A name not yet used (case and spacing ignored) among the code's future siblings. */
function freeName(g: Gen, codes: SnapshotCode[], codebookId: string, parentId: string | null, self: string | null): string {
  const { pick } = tools(g);
  const taken = new Set(codes.filter((c) => c.codebookId === codebookId && c.parentId === parentId && c.id !== self).map((c) => nameKey(c.name)));
  let name = pick(NAMES);
  for (let k = 2; taken.has(nameKey(name)); k++) name = `${pick(NAMES)} ${k}`;
  return name;
}

const isUnder = (codes: SnapshotCode[], id: string, ancestor: string): boolean => {
  const byId = new Map(codes.map((c) => [c.id, c]));
  for (let x: string | null = id; x !== null; x = byId.get(x)?.parentId ?? null) if (x === ancestor) return true;
  return false;
};

/** `i`, or the place just before the character it would cut in half. */
const whole = (t: string, i: number) => (i > 0 && i < t.length && /[\ud800-\udbff]/.test(t[i - 1]!) && /[\udc00-\udfff]/.test(t[i]!) ? i - 1 : i);

function spanIn(g: Gen, t: string): { start: number; end: number } {
  const { int } = tools(g);
  const start = int(0, t.length - 1);
  return { start, end: int(start + 1, t.length) };
}

function base(g: Gen): ProjectSnapshot {
  const { int, pick, chance } = tools(g);
  const codes: SnapshotCode[] = [];
  const n = int(1, 6);
  for (let i = 0; i < n; i++) {
    const parentId = i > 0 && chance(40) ? (pick(codes) as SnapshotCode).id : null;
    codes.push({
      id: `base-code-${i}`,
      codebookId: 'cb',
      parentId,
      name: freeName(g, codes, 'cb', parentId, null),
      color: pick(COLORS),
      definition: pick(DEFS),
      inclusion: '',
      exclusion: '',
      example: '',
      shortcut: chance(20) ? String(i) : null,
      position: i,
    });
  }
  const interviews: SnapshotInterview[] = [];
  const slots = [
    ['D1', 1, 'client'],
    ['D1', 1, 'therapist'],
    ['D2', 1, 'client'],
  ] as const;
  const ivs = int(1, 3);
  for (let i = 0; i < ivs; i++) {
    const [dyad, session, role] = slots[i]!;
    interviews.push({ id: `base-iv-${i}`, dyad, session, role, sourceName: `${dyad}_S${session}_${role}.txt`, text: text(g), turns: [], moments: [] });
  }
  const coders = [
    { id: 'coder-ann', name: 'Ann' },
    { id: 'coder-ben', name: 'Ben' },
  ];
  const codings = randomCodings(g, interviews, codes, coders.map((c) => c.id), 'base', int(0, 8));
  const memos: SnapshotMemo[] = [];
  if (chance(60)) memos.push(memo('base-memo-code', 'code', pick(codes).id, 'coder-ann', 'About this code'));
  if (chance(40)) memos.push(memo('base-memo-project', 'project', '', null, 'Codebook version 2'));
  if (codings.length && chance(40)) memos.push(memo('base-memo-coding', 'coding', pick(codings).id, 'coder-ben', 'Eye contact'));
  return {
    name: 'base',
    coders,
    codebooks: [{ id: 'cb', name: 'Codebook' }],
    codes,
    dyads: [
      { id: 'dyad-1', name: 'D1', attributes: { age: '34' }, sessions: [{ id: 'session-1-1', number: 1, date: null }] },
      { id: 'dyad-2', name: 'D2', attributes: {}, sessions: [{ id: 'session-2-1', number: 1, date: null }] },
    ],
    interviews,
    codings,
    memos,
  };
}

function memo(id: string, targetKind: SnapshotMemo['targetKind'], targetId: string, coderId: string | null, t: string): SnapshotMemo {
  return { id, targetKind, targetId, coderId, title: '', text: t, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' };
}

function randomCodings(g: Gen, interviews: SnapshotInterview[], codes: SnapshotCode[], coders: string[], prefix: string, count: number): SnapshotCoding[] {
  const { pick } = tools(g);
  const out: SnapshotCoding[] = [];
  const keys = new Set<string>();
  for (let i = 0; i < count && interviews.length && codes.length; i++) {
    const iv = pick(interviews);
    const span = spanIn(g, iv.text);
    const c = { id: `${prefix}-coding-${i}`, interviewId: iv.id, codeId: pick(codes).id, coderId: pick(coders), ...span, createdAt: '2025-01-02T00:00:00.000Z' };
    const key = `${c.interviewId}|${c.start}|${c.end}|${c.codeId}|${c.coderId}`;
    if (keys.has(key)) continue;
    keys.add(key);
    out.push(c);
  }
  return out;
}

/** One coder's copy of the base, after some work. */
function copy(g: Gen, b: ProjectSnapshot, side: string): ProjectSnapshot {
  const { int, pick, chance } = tools(g);
  const s: ProjectSnapshot = structuredClone(b);
  s.name = side;
  // The same person may appear under another id (a copy made before coders were shared).
  if (chance(30)) s.coders.push({ id: `${side}-coder`, name: chance(50) ? 'ANN ' : `Coder ${side}` });
  const coders = s.coders.map((c) => c.id);

  for (const c of s.codes) {
    if (chance(20)) c.name = freeName(g, s.codes, c.codebookId, c.parentId, c.id);
    if (chance(20)) c.definition = pick(DEFS);
    if (chance(15)) c.color = pick(COLORS);
    if (chance(15)) {
      const to = chance(30) ? null : pick(s.codes).id;
      if (to === null || !isUnder(s.codes, to, c.id)) {
        const taken = s.codes.some((o) => o.id !== c.id && o.parentId === to && nameKey(o.name) === nameKey(c.name));
        if (!taken) c.parentId = to;
      }
    }
  }
  const extra = int(0, 4);
  for (let i = 0; i < extra; i++) {
    const parentId = s.codes.length && chance(50) ? pick(s.codes).id : null;
    s.codes.push({
      id: `${side}-code-${i}`,
      codebookId: 'cb',
      parentId,
      name: freeName(g, s.codes, 'cb', parentId, null),
      color: pick(COLORS),
      definition: pick(DEFS),
      inclusion: '',
      exclusion: '',
      example: '',
      shortcut: chance(20) ? String(i) : null,
      position: 100 + i,
    });
  }

  // A corrected transcript: its codings that no longer fit are gone in this copy.
  if (s.interviews.length && chance(25)) {
    const iv = pick(s.interviews);
    // Whole characters only, as the correction API allows: a text holding half an emoji cannot be stored.
    const at = whole(iv.text, int(0, iv.text.length));
    iv.text = iv.text.slice(0, at) + pick(['late ', '', 'x']) + iv.text.slice(whole(iv.text, Math.min(iv.text.length, at + int(0, 3))));
    if (!iv.text.length) iv.text = 'x';
    s.codings = s.codings.filter((c) => c.interviewId !== iv.id || c.end <= iv.text.length);
    s.memos = s.memos.filter((m) => m.targetKind !== 'coding' || s.codings.some((c) => c.id === m.targetId));
  }
  // Transcripts imported in this copy: new, or the same as one already there (other id, maybe other line endings).
  const added = int(0, 2);
  for (let i = 0; i < added; i++) {
    const like = s.interviews.length && chance(40) ? pick(s.interviews) : null;
    const t = like ? (chance(50) ? like.text.replace(/\r?\n/g, '\r\n') : like.text) : text(g);
    const role: Role = pick(['client', 'therapist', 'other'] as const);
    const dyad = pick(['D1', 'D2', 'D3']);
    const unplaced = chance(15);
    const clash = s.interviews.some((x) => x.dyad === dyad && x.session === 1 && x.role === role && role !== 'other');
    s.interviews.push({
      id: `${side}-iv-${i}`,
      dyad: unplaced ? null : dyad,
      session: unplaced ? null : 1,
      role: unplaced ? null : clash ? 'other' : role,
      sourceName: `${side}-${i}.txt`,
      text: t,
      turns: [],
      moments: [],
    });
    if (!unplaced && !s.dyads.some((d) => d.name === dyad)) s.dyads.push({ id: `${side}-dyad-${dyad}`, name: dyad, attributes: chance(50) ? { modality: pick(['online', 'in person']) } : {}, sessions: [{ id: `${side}-session-${dyad}`, number: 1, date: null }] });
  }
  if (chance(30)) (s.dyads[0] as ProjectSnapshot['dyads'][number]).attributes.age = pick(['34', '35']);
  if (chance(30)) (s.dyads[0] as ProjectSnapshot['dyads'][number]).attributes.modality = pick(['online', 'in person']);

  // Coding: new codings, some on passages the base (and so the other copy) already has.
  const mine = randomCodings(g, s.interviews, s.codes, coders, side, int(0, 10));
  for (const c of mine) if (!s.codings.some((o) => o.interviewId === c.interviewId && o.start === c.start && o.end === c.end && o.codeId === c.codeId && o.coderId === c.coderId)) s.codings.push(c);
  if (chance(30) && s.codings.length) s.codings.splice(int(0, s.codings.length - 1), 1);
  s.memos = s.memos.filter((m) => m.targetKind !== 'coding' || s.codings.some((c) => c.id === m.targetId));
  for (const m of s.memos) if (chance(25)) m.text = `${m.text} (${side})`;
  if (chance(40) && s.codes.length) s.memos.push(memo(`${side}-memo`, 'code', pick(s.codes).id, pick(coders), `Note by ${side}`));
  if (chance(30)) s.memos.push(memo(`${side}-memo-dyad`, 'dyad', 'dyad-1', null, 'Early sessions: uneasiness'));
  return s;
}

export function generatePair(g: Gen): Pair {
  const b = base(g);
  return { into: copy(g, b, 'into'), from: copy(g, b, 'from') };
}

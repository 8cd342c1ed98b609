/**
 * A model-based test of corrections and undo: random sequences of codings, transcript corrections (typing at a
 * turn's start and end, emptying a turn and typing into it again, emoji, combining marks, Windows line endings, half
 * a character), removals, code merges and deletions, memos, undo and redo, driven through the API as the app drives
 * it and checked after every step against a model written here: the texts, the speaker turns, the codings, the codes
 * and the memos. Undo then redo gives back the same file, and undoing everything gives back the start.
 *
 * The model is deliberately naive (whole copies of the state, a plain per-coding walk, names grouped by hand into
 * the spellings that are one name), so that it shares no code with what it checks.
 *
 * A few thousand operations by default; DYAD_MODEL_OPS=100000 for a long run, DYAD_MODEL_SEED=n to replay one seed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { callApi } from '../../helpers/api';
import { rng } from '../../helpers/rng';
import { dump, openFixture, type Fixture } from './fixture';

const OPS = Number(process.env.DYAD_MODEL_OPS ?? 3000);
/** Fewer steps than the undo history keeps (UNDO_LIMIT, 200), so that undoing everything must reach the start. */
const STEPS_PER_SEED = 150;
const SEEDS = process.env.DYAD_MODEL_SEED ? [Number(process.env.DYAD_MODEL_SEED)] : [...Array(Math.max(1, Math.ceil(OPS / STEPS_PER_SEED))).keys()].map((i) => 1601 + i);

interface Span {
  start: number;
  end: number;
}
interface Coding extends Span {
  interviewId: string;
  codeId: string;
  coderId: string;
}
interface Memo {
  id: string;
  targetKind: 'project' | 'code' | 'interview';
  targetId: string;
  title: string;
  text: string;
}
interface Model {
  texts: Record<string, string>;
  turns: Record<string, Span[]>;
  codings: Coding[];
  codes: { id: string; name: string }[];
  memos: Memo[];
}

// ---- the model's own text rules ----

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** A place where text may be cut: not between the two halves of a surrogate pair. */
const cuttable = (t: string, i: number) => i <= 0 || i >= t.length || !(isHigh(t.charCodeAt(i - 1)) && isLow(t.charCodeAt(i)));

/** The edit reduced to what changes: the same leading and trailing characters dropped, whole characters only. */
function reduce(text: string, start: number, end: number, replacement: string): { start: number; end: number; rep: string } {
  let s = start;
  let r = replacement;
  while (s < end && r.length && text[s] === r[0]) {
    s++;
    r = r.slice(1);
  }
  while (!cuttable(text, s) || (r.length && isLow(r.charCodeAt(0)))) {
    s--;
    r = text[s] + r;
  }
  let e = end;
  while (e > s && r.length && text[e - 1] === r[r.length - 1]) {
    e--;
    r = r.slice(0, -1);
  }
  while (!cuttable(text, e) || (r.length && isHigh(r.charCodeAt(r.length - 1)))) {
    r += text[e];
    e++;
  }
  return { start: s, end: e, rep: r };
}

/** What a correction does to the model (shared/coding/offsets.ts states the rules in words; this is them, plainly). */
function correctModel(m: Model, interviewId: string, edit: { start: number; end: number; rep: string }): void {
  const { start: a, end: b, rep } = edit;
  const d = rep.length - (b - a);
  const old = m.texts[interviewId]!;
  m.texts[interviewId] = old.slice(0, a) + rep + old.slice(b);
  const startOf = (x: number) => (x < a ? x : x < b ? a : x + d);
  const endOf = (x: number) => (x <= a ? x : x <= b ? a + rep.length : x + d);
  const kept: Coding[] = [];
  for (const c of m.codings) {
    if (c.interviewId !== interviewId) {
      kept.push(c);
      continue;
    }
    const moved = { ...c, start: startOf(c.start), end: endOf(c.end) };
    if (moved.end <= moved.start) continue; // all of its text deleted
    if (kept.some((k) => sameCoding(k, moved))) continue; // became the same passage as another: one remains
    kept.push(moved);
  }
  m.codings = kept;
  // Turns: typing at a place goes to the first turn there (ending there, emptied there, or starting there).
  const typing = a === b && rep.length > 0;
  const taker = typing ? m.turns[interviewId]!.findIndex((t) => t.end === a || t.start === a) : -1;
  let floor = 0;
  m.turns[interviewId] = m.turns[interviewId]!.map((t, i) => {
    let s = i === taker ? t.start : startOf(t.start);
    let e = i === taker ? t.end + rep.length : endOf(t.end);
    s = Math.max(s, floor);
    e = Math.max(e, s);
    floor = e;
    return { start: s, end: e };
  });
}

const sameCoding = (x: Coding, y: Coding) =>
  x.interviewId === y.interviewId && x.codeId === y.codeId && x.coderId === y.coderId && x.start === y.start && x.end === y.end;
const codingKey = (c: Coding) => `${c.interviewId} ${c.codeId} ${c.coderId} ${String(c.start).padStart(6, '0')} ${String(c.end).padStart(6, '0')}`;

/** Spellings that are one code name (case, accents composed or not, sharp s, spacing); written out by hand. */
const NAME_GROUPS = [
  ['Émotion', 'émotion', 'ÉMOTION', 'E\u0301motion', 'e\u0301MOTION'],
  ['Straße', 'STRASSE', 'strasse', 'Strasse'],
  ['Shame', 'SHAME', 'shame', '  Shame '],
  ['No man’s land', 'NO MAN’S LAND', 'no man’s  land'],
  ['Ωμέγα', 'ΩΜΈΓΑ', 'ωμέγα'],
  ['Trust'],
  ['Relief'],
];
const groupOf = (name: string) => NAME_GROUPS.findIndex((g) => g.includes(name) || g.map((n) => n.normalize('NFC').trim()).includes(name.normalize('NFC').trim()));

/** Pieces of text a researcher types: words, accents precomposed and combining, emoji with modifiers, line endings. */
const PIECES = ['well', ' ', 'é', 'e\u0301', 'n\u0303o', '🙂', '👍🏽', '👩‍👩‍👧', '\r\n', '\n', '.', 'she said', '\r', 'ß'];
/** Half a character: the second half of 👍, the first half of 🙂. */
const HALVES = ['\udc4d', '\ud83d'];

// ---- reading the file ----

function actual(fx: Fixture, interviewIds: string[]): Model {
  const db = fx.db;
  const texts: Record<string, string> = {};
  const turns: Record<string, Span[]> = {};
  for (const id of interviewIds) {
    texts[id] = (db.prepare('SELECT text FROM interviews WHERE id = ?').get(id) as { text: string }).text;
    turns[id] = db.prepare('SELECT start, "end" FROM turns WHERE interview_id = ? ORDER BY seq').all(id) as Span[];
  }
  const codings = db.prepare('SELECT interview_id AS interviewId, code_id AS codeId, coder_id AS coderId, start, "end" FROM codings ORDER BY rowid').all() as Coding[];
  const codes = db.prepare('SELECT id, name FROM codes ORDER BY rowid').all() as Model['codes'];
  const memos = db.prepare('SELECT id, target_kind AS targetKind, target_id AS targetId, title, text FROM memos ORDER BY rowid').all() as Memo[];
  return { texts, turns, codings, codes, memos };
}

/** The model sorted as `actual` reads the file. */
function canonical(m: Model): Model {
  return {
    ...m,
    codings: [...m.codings].sort((x, y) => codingKey(x).localeCompare(codingKey(y))),
    codes: [...m.codes].sort((x, y) => (x.id < y.id ? -1 : 1)),
    memos: [...m.memos].sort((x, y) => (x.id < y.id ? -1 : 1)),
  };
}

// ---- one run ----

let fx: Fixture;
beforeEach(() => {
  fx = openFixture();
});
afterEach(() => fx.close());

async function refused(p: Promise<unknown>): Promise<{ kind: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { kind: string; message: string };
  }
  throw new Error('expected a refusal, the call succeeded');
}

async function run(seed: number): Promise<{ steps: number; log: string[] }> {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const call = <T = any>(method: string, input: unknown = {}) => callApi<T>(fx.project, method, input);
  const interviewIds = [fx.clientId, fx.therapistId];
  const turnIds: Record<string, string[]> = {};
  for (const id of interviewIds) turnIds[id] = (fx.db.prepare('SELECT id FROM turns WHERE interview_id = ? ORDER BY seq').all(id) as { id: string }[]).map((t) => t.id);

  const ana = (await call('coders.setCurrent', { name: 'Ana' })).id as string;
  const ben = (await call('coders.setCurrent', { name: 'Ben' })).id as string;
  for (const name of ['Shame', 'Relief', 'Trust']) await call('codes.create', { name });
  // The start: what undoing everything must return to.
  C.clearUndoHistory(fx.db);
  expect(await call('undo.state')).toMatchObject({ canUndo: false, canRedo: false });
  const start = dump(fx.db);

  // The model keeps things in the order they were made (ids are random: sorting by them would make a seed pick
  // different codes from one run to the next); the comparison sorts.
  let model = actual(fx, interviewIds);
  const done: Model[] = [];
  let undone: Model[] = [];
  const log: string[] = [];
  /** A step that changed something: the state before it goes on the undo history, the redo history is gone. */
  const stepped = (before: Model) => {
    done.push(before);
    undone = [];
  };
  const copy = (m: Model): Model => structuredClone(m);

  const randomSpan = (text: string): Span | null => {
    const cuts = [...Array(text.length + 1).keys()].filter((i) => cuttable(text, i));
    const x = pick(cuts);
    const y = Math.min(text.length, x + 1 + Math.floor(r() * 40));
    const end = cuts.find((c) => c >= y) ?? text.length;
    return end > x ? { start: x, end } : null;
  };
  const typed = () => {
    let s = '';
    const n = 1 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++) s += pick(PIECES);
    return s;
  };

  async function addCoding(before: Model, interviewId: string, span: Span, codeId: string, coderId: string, how: Promise<{ created: boolean }>) {
    const c: Coding = { interviewId, codeId, coderId, ...span };
    const exists = model.codings.some((k) => sameCoding(k, c));
    const res = await how;
    expect(res.created).toBe(!exists);
    if (!exists) {
      model.codings.push(c);
      stepped(before);
    }
  }

  for (let step = 0; step < STEPS_PER_SEED; step++) {
    const before = copy(model);
    const x = r();
    const interviewId = pick(interviewIds);
    const text = model.texts[interviewId]!;
    const turns = model.turns[interviewId]!;
    const coderId = pick([ana, ben]);
    if (x < 0.22) {
      // Code a passage.
      const span = randomSpan(text);
      if (!span || !model.codes.length) continue;
      const codeId = pick(model.codes).id;
      log.push(`code ${JSON.stringify(text.slice(span.start, span.end))}`);
      await addCoding(before, interviewId, span, codeId, coderId, call('codings.add', { interviewId, ...span, codeId, coderId }));
    } else if (x < 0.27) {
      // A passage that would cut an emoji in half is refused.
      const inside = [...Array(text.length).keys()].filter((i) => !cuttable(text, i));
      if (!inside.length || !model.codes.length) continue;
      const cut = pick(inside);
      log.push(`code across half an emoji at ${cut}`);
      const e = await refused(call('codings.add', { interviewId, start: Math.max(0, cut - 3), end: cut, codeId: model.codes[0]!.id, coderId }));
      expect(e.kind).toBe('invalid-input');
    } else if (x < 0.33) {
      // Code a whole turn: refused only when the turn has no text.
      const i = Math.floor(r() * turns.length);
      const t = turns[i]!;
      if (!model.codes.length) continue;
      const codeId = pick(model.codes).id;
      log.push(`code turn ${i} ${JSON.stringify(text.slice(t.start, t.end))}`);
      const how = call('codings.codeTurn', { turnId: turnIds[interviewId]![i], codeId, coderId });
      if (t.end === t.start) expect((await refused(how)).message).toMatch(/no text to code/);
      else await addCoding(before, interviewId, t, codeId, coderId, how);
    } else if (x < 0.39) {
      // Remove a coding.
      if (!model.codings.length) continue;
      const c = pick(model.codings);
      const row = fx.db
        .prepare('SELECT id FROM codings WHERE interview_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?')
        .get(c.interviewId, c.codeId, c.coderId, c.start, c.end) as { id: string };
      log.push(`remove coding ${c.start}-${c.end}`);
      await call('codings.remove', { codingId: row.id });
      model.codings = model.codings.filter((k) => !sameCoding(k, c));
      stepped(before);
    } else if (x < 0.66) {
      // Correct the transcript.
      const kind = pick(['turn start', 'turn end', 'empty turn', 'retype turn', 'retype turn', 'anywhere', 'half', 'cut']);
      const i = Math.floor(r() * turns.length);
      const t = turns[i]!;
      let start: number;
      let end: number;
      let replacement = typed();
      if (kind === 'turn start') [start, end] = [t.start, t.start];
      else if (kind === 'turn end') [start, end] = [t.end, t.end];
      else if (kind === 'empty turn') [start, end, replacement] = [t.start, t.end, ''];
      else if (kind === 'retype turn') {
        const empty = turns.filter((u) => u.start === u.end);
        const u = empty.length ? pick(empty) : t;
        [start, end] = [u.start, u.start];
      } else if (kind === 'half') {
        [start, end, replacement] = [t.start, t.start, `${typed()}${pick(HALVES)}${typed()}`];
      } else if (kind === 'cut') {
        const inside = [...Array(text.length).keys()].filter((k) => !cuttable(text, k));
        if (!inside.length) continue;
        start = end = pick(inside);
      } else {
        const span = randomSpan(text);
        if (!span) continue;
        ({ start, end } = span);
        if (r() < 0.3) replacement = '';
      }
      log.push(`correct ${kind} ${start}-${end} ${JSON.stringify(text.slice(start, end))} → ${JSON.stringify(replacement)}`);
      const how = call('interviews.correct', { interviewId, start, end, replacement });
      if (kind === 'half') {
        const e = await refused(how);
        expect(e).toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/replacement.*half of a character/) });
      } else if (kind === 'cut') {
        expect((await refused(how)).message).toMatch(/cut a character/);
      } else {
        const res = await how;
        const edit = reduce(text, start, end, replacement.replace(/\r\n?/g, '\n'));
        if (edit.start === edit.end && !edit.rep) expect(res.edit).toBeNull();
        else {
          expect(res.edit).toMatchObject({ start: edit.start, end: edit.end, replacementLength: edit.rep.length });
          correctModel(model, interviewId, edit);
          stepped(before);
        }
      }
    } else if (x < 0.7) {
      // Merge one code into another.
      if (model.codes.length < 2) continue;
      const source = pick(model.codes);
      const target = pick(model.codes.filter((c) => c !== source));
      log.push(`merge ${source.name} into ${target.name}`);
      await call('codes.merge', { sourceId: source.id, targetId: target.id });
      const moved: Coding[] = [];
      for (const c of model.codings) {
        const m = c.codeId === source.id ? { ...c, codeId: target.id } : c;
        if (!moved.some((k) => sameCoding(k, m))) moved.push(m);
      }
      model.codings = moved;
      model.codes = model.codes.filter((c) => c !== source);
      for (const m of model.memos) if (m.targetKind === 'code' && m.targetId === source.id) m.targetId = target.id;
      stepped(before);
    } else if (x < 0.73) {
      // Delete a code: its codings and memos go with it.
      if (model.codes.length < 2) continue;
      const c = pick(model.codes);
      log.push(`delete code ${c.name}`);
      await call('codes.delete', { codeId: c.id });
      model.codes = model.codes.filter((k) => k !== c);
      model.codings = model.codings.filter((k) => k.codeId !== c.id);
      model.memos = model.memos.filter((m) => !(m.targetKind === 'code' && m.targetId === c.id));
      stepped(before);
    } else if (x < 0.78) {
      // Create a code: a name that is another spelling of a code's name is refused.
      if (model.codes.length >= 7) continue;
      const name = pick(pick(NAME_GROUPS));
      log.push(`create code ${JSON.stringify(name)}`);
      const clash = model.codes.find((c) => groupOf(c.name) === groupOf(name));
      const how = call<{ id: string; name: string }>('codes.create', { name });
      if (clash) {
        const e = await refused(how);
        expect(e).toMatchObject({ kind: 'conflict', message: `There is already a code named "${clash.name}" at the top of codebook "Codebook".` });
      } else {
        const code = await how;
        expect(code.name).toBe(name.trim());
        model.codes.push({ id: code.id, name: code.name });
        stepped(before);
      }
    } else if (x < 0.8) {
      // Rename a code, to another spelling of its own name or of another's.
      if (!model.codes.length) continue;
      const code = pick(model.codes);
      const name = pick(pick(NAME_GROUPS));
      log.push(`rename ${code.name} to ${JSON.stringify(name)}`);
      const clash = model.codes.find((c) => c !== code && groupOf(c.name) === groupOf(name));
      const how = call('codes.update', { codeId: code.id, name });
      if (clash) expect((await refused(how)).kind).toBe('conflict');
      else {
        await how;
        if (code.name !== name.trim()) {
          code.name = name.trim();
          stepped(before);
        }
      }
    } else if (x < 0.87) {
      // Memos: written, edited, deleted; half a character is refused.
      const which = r();
      if (which < 0.4 || !model.memos.length) {
        const target = pick(['project', 'interview', 'code'] as const);
        const targetId = target === 'project' ? '' : target === 'interview' ? interviewId : model.codes.length ? pick(model.codes).id : '';
        if (target === 'code' && !targetId) continue;
        const half = r() < 0.15;
        const memoText = half ? `${typed()}${pick(HALVES)}` : typed();
        log.push(`memo on ${target} ${JSON.stringify(memoText)}`);
        const title = r() < 0.5 ? typed() : undefined;
        const how = call('memos.create', { targetKind: target, targetId: targetId || null, text: memoText, title });
        if (half) {
          expect((await refused(how)).message).toMatch(/text.*half of a character/);
          continue;
        }
        const m = await how;
        model.memos.push({ id: m.id, targetKind: target, targetId, title: (title ?? '').trim(), text: memoText });
        stepped(before);
      } else if (which < 0.8) {
        const m = pick(model.memos);
        const memoText = typed();
        log.push(`edit memo ${JSON.stringify(memoText)}`);
        await call('memos.update', { memoId: m.id, text: memoText });
        if (m.text !== memoText) {
          m.text = memoText;
          stepped(before);
        }
      } else {
        const m = pick(model.memos);
        log.push('delete memo');
        await call('memos.delete', { memoId: m.id });
        model.memos = model.memos.filter((k) => k !== m);
        stepped(before);
      }
    } else if (x < 0.95) {
      log.push('undo');
      const res = await call('undo.undo');
      const prev = done.pop();
      expect(res.undone === null).toBe(!prev);
      if (prev) {
        undone.push(model);
        model = prev;
      }
    } else {
      log.push('redo');
      const res = await call('undo.redo');
      const next = undone.pop();
      expect(res.redone === null).toBe(!next);
      if (next) {
        done.push(model);
        model = next;
      }
    }
    const seen = actual(fx, interviewIds);
    expect(canonical(seen), `seed ${seed}, step ${step}:\n${log.slice(-8).join('\n')}`).toEqual(canonical(model));
    // Every coding and turn begins and ends between whole characters of the text it is on.
    for (const c of seen.codings) expect(cuttable(seen.texts[c.interviewId]!, c.start) && cuttable(seen.texts[c.interviewId]!, c.end)).toBe(true);
    // Now and then: undo then redo gives back exactly the same file.
    if (step % 10 === 9 && done.length) {
      const now = dump(fx.db);
      await call('undo.undo');
      await call('undo.redo');
      expect(dump(fx.db), `undo then redo, seed ${seed}, step ${step}`).toEqual(now);
    }
  }
  // Undoing everything returns the start.
  let undos = 0;
  while ((await call('undo.undo')).undone !== null) undos++;
  expect(undos).toBe(done.length);
  expect(dump(fx.db)).toEqual(start);
  return { steps: STEPS_PER_SEED, log };
}

describe(`random coding, correction and undo sequences against a model (${SEEDS.length} seeds × ${STEPS_PER_SEED} steps)`, () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const { log } = await run(seed);
      // The run exercised what it is about, not only refusals.
      expect(log.filter((l) => l.startsWith('correct')).length).toBeGreaterThan(20);
      expect(log.filter((l) => l === 'undo').length).toBeGreaterThanOrEqual(3);
    });
  }
});

/**
 * Coding must stay instant in a big project: 100,000 codings, a full undo history. Prints rough figures (the
 * machine is shared, so times are reported, not asserted) and checks that every query on the way uses an index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { newId } from '../../../electron/core/ids';
import { insertInterview } from '../../../electron/core/interviews';
import { buildTranscript, openFixture, type Fixture, type Line } from './fixture';

let fx: Fixture;
let big: string;
let codes: string[];
const N = 100_000;

beforeAll(() => {
  fx = openFixture();
  const lines: Line[] = [];
  for (let i = 0; i < 1500; i++) {
    if (i % 10 === 0) lines.push({ video: i * 6 });
    lines.push({ speaker: i % 2 ? 'C' : 'I', text: `Turn ${i}: I remember the moment she looked away and I felt the room go quiet again.` });
  }
  const db = fx.db;
  big = db.transaction(() => insertInterview(db, 'D08_S1_client.txt', buildTranscript(lines), { dyad: '8', session: 1, role: 'client', speakerRoles: {} }))();
  C.setCurrentCoder(db, 'Ana');
  const other = C.ensureCoder(db, 'Ben');
  codes = Array.from({ length: 40 }, (_, i) => C.createCode(db, { name: `Theme ${i}` }).id);
  const len = (db.prepare('SELECT length(text) AS n FROM interviews WHERE id = ?').get(big) as { n: number }).n;
  const ana = C.currentCoder(db)!.id;
  const insert = db.prepare('INSERT OR IGNORE INTO codings (id, interview_id, code_id, coder_id, start, "end", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  // As a REFI-QDA import or a merge would bring them in: outside any undo step.
  db.transaction(() => {
    let seedValue = 7;
    const rand = (n: number) => (seedValue = (seedValue * 48271) % 2147483647) % n;
    let made = 0;
    while (made < N) {
      const start = rand(len - 300);
      made += insert.run(newId(), big, codes[rand(codes.length)], made % 2 ? ana : other.id, start, start + 20 + rand(280), new Date().toISOString()).changes;
    }
  })();
  // A full undo history, as after a long day of coding.
  for (let i = 0; i < C.UNDO_LIMIT; i++) C.createMemo(db, { targetKind: 'interview', targetId: big, text: `note ${i}` });
}, 120_000);
afterAll(() => fx.close());

const ms = (f: () => void) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

describe('coding speed with 100,000 codings', () => {
  it('adds codings (with their undo step) in about a millisecond', () => {
    expect((fx.db.prepare('SELECT count(*) AS n FROM codings').get() as { n: number }).n).toBeGreaterThanOrEqual(N);
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const start = 50 + i * 37;
      times.push(ms(() => C.addCoding(fx.db, { interviewId: big, start, end: start + 41, codeId: codes[i % codes.length]! })));
    }
    console.log(`codings.add with ${N.toLocaleString('en')} codings: median ${median(times).toFixed(2)} ms, p95 ${p95(times).toFixed(2)} ms`);
    expect(C.undoState(fx.db).canUndo).toBe(true);
    const undo = ms(() => C.undo(fx.db));
    console.log(`undo of one coding: ${undo.toFixed(2)} ms`);
  });

  it('reads the codings of a big interview and the codebook with counts', () => {
    let codings: ReturnType<typeof C.codingsForInterview> = [];
    let books: ReturnType<typeof C.listCodebooks> = [];
    const list = ms(() => (codings = C.codingsForInterview(fx.db, big)));
    const book = ms(() => (books = C.listCodebooks(fx.db)));
    console.log(`codings.forInterview (${codings.length.toLocaleString('en')} codings): ${list.toFixed(0)} ms; codebooks.list: ${book.toFixed(0)} ms`);
    // What the view draws: every coding of the interview, in text order, each with its code's name.
    const stored = (fx.db.prepare('SELECT count(*) AS n FROM codings WHERE interview_id = ?').get(big) as { n: number }).n;
    expect(codings).toHaveLength(stored);
    for (let i = 1; i < codings.length; i++) expect(codings[i - 1]!.start <= codings[i]!.start).toBe(true);
    expect(codings.every((c) => /^Theme \d+$/.test(c.codeName))).toBe(true);
    // The codebook's counts add up to the codings there are.
    const counted = books.flatMap((b) => b.codes).reduce((sum, c) => sum + c.codingCount, 0);
    expect(counted).toBe((fx.db.prepare('SELECT count(*) AS n FROM codings').get() as { n: number }).n);
  });

  it('deletes, undoes and redoes a code with thousands of codings', () => {
    const count = C.codeUsage(fx.db, codes[0]!).codingCount;
    const del = ms(() => C.deleteCode(fx.db, codes[0]!));
    expect(fx.db.prepare('SELECT count(*) AS n FROM codings WHERE code_id = ?').get(codes[0]!)).toEqual({ n: 0 });
    const undo = ms(() => C.undo(fx.db));
    expect(C.codeUsage(fx.db, codes[0]!).codingCount).toBe(count);
    const redo = ms(() => C.redo(fx.db));
    console.log(`codes.delete with ${count.toLocaleString('en')} codings: ${del.toFixed(0)} ms; undo ${undo.toFixed(0)} ms; redo ${redo.toFixed(0)} ms`);
    // Each step did what it says, for all of the thousands: gone, all back, gone again.
    expect(count).toBeGreaterThan(1000);
    expect(fx.db.prepare('SELECT count(*) AS n FROM codes WHERE id = ?').get(codes[0]!)).toEqual({ n: 0 });
    expect(fx.db.prepare('SELECT count(*) AS n FROM codings WHERE code_id = ?').get(codes[0]!)).toEqual({ n: 0 });
  });

  it('every query of adding a coding uses an index', () => {
    const plans = [
      ['SELECT id FROM codings WHERE interview_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?', [big, codes[1], 'x', 1, 2]],
      ['SELECT * FROM codings WHERE id = ?', ['x']],
      ['SELECT 1 FROM undo_log WHERE step_id = ? LIMIT 1', [1]],
      ["SELECT id FROM undo_steps WHERE stack = 'undo' ORDER BY id DESC LIMIT -1 OFFSET ?", [200]],
      ['SELECT id, label, reindex FROM undo_steps WHERE stack = ? ORDER BY id DESC LIMIT 1', ['undo']],
      ['DELETE FROM undo_log WHERE step_id = ?', [1]],
    ] as const;
    for (const [sql, args] of plans) {
      const plan = (fx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('; ');
      expect(plan, sql).not.toMatch(/\bSCAN (codings|undo_log|undo_steps)\b(?! USING)/);
    }
  });
});

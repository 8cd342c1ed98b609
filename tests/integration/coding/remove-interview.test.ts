/**
 * Deleting an interview imported into the wrong session: it goes with its codings and memos, the session and
 * dyad it leaves empty go too, and Ctrl+Z puts every row back exactly (rowids and the search index included).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { callApi } from '../../helpers/api';
import * as C from '../../../electron/core/coding';
import type { Db } from '../../../electron/core/database';
import { everything } from '../../helpers/everything';
import { insertInterview } from '../../../electron/core/interviews';
import { buildTranscript, CLIENT_LINES, type Fixture, openFixture, seed } from './fixture';

let fx: Fixture;
afterEach(() => fx?.close());

const call = <T = any>(method: string, input: unknown = {}) => callApi<T>(fx.project, method, input);

const count = (db: Db, sql: string, ...args: string[]) => db.prepare(sql).pluck().get(...args) as number;

describe('deleting an interview', () => {
  it('says what it takes with it, takes it, and Undo and Redo put back and take away exactly those rows', async () => {
    fx = openFixture();
    seed(fx);
    const before = everything(fx.db);

    const usage = await call('interviews.usage', { interviewId: fx.clientId });
    expect(usage).toEqual({ sourceName: 'D07_S1_client.txt', codings: 6, memos: 2, coders: 2 });

    const removed = await call('interviews.delete', { interviewId: fx.clientId });
    expect(removed).toMatchObject({ ...usage, sessionRemoved: false, dyadRemoved: false });
    const after = everything(fx.db);
    expect(count(fx.db, 'SELECT count(*) FROM interviews WHERE id = ?', fx.clientId)).toBe(0);
    expect(count(fx.db, 'SELECT count(*) FROM codings WHERE interview_id = ?', fx.clientId)).toBe(0);
    expect(count(fx.db, 'SELECT count(*) FROM turns_fts WHERE interview_id = ?', fx.clientId)).toBe(0);
    expect(count(fx.db, "SELECT count(*) FROM memos WHERE target_kind IN ('interview', 'coding')")).toBe(0);
    // The therapist's side, the session, its memo and the codebook are untouched.
    expect(after.codes).toEqual(before.codes);
    expect(after.sessions).toEqual(before.sessions);
    expect(count(fx.db, 'SELECT count(*) FROM codings WHERE interview_id = ?', fx.therapistId)).toBe(3);
    expect((await call('undo.state')).undoLabel).toBe('Delete interview D07_S1_client.txt');

    await call('undo.undo');
    expect(everything(fx.db)).toEqual(before);
    await call('undo.redo');
    expect(everything(fx.db)).toEqual(after);
    await call('undo.undo');
    expect(everything(fx.db)).toEqual(before);
    // And the restored interview is searchable and codable again.
    expect((await call('search.text', { query: 'look at her' })).hits.length).toBeGreaterThan(0);
  });

  it('removes the session and the dyad it leaves empty, and undo brings all three back', async () => {
    fx = openFixture();
    const db = fx.db;
    const stray = db.transaction(() =>
      insertInterview(db, 'D70_S1_client.txt', buildTranscript(CLIENT_LINES), { dyad: '70', session: 1, role: 'client', speakerRoles: { I: 'interviewer', C: 'participant' } }),
    )();
    const coder = C.setCurrentCoder(db, 'Ana');
    const code = C.createCode(db, { name: 'Shame' });
    C.addCoding(db, { interviewId: stray, start: 0, end: 10, codeId: code.id, coderId: coder.id });
    const before = everything(db);

    const removed = await call('interviews.delete', { interviewId: stray });
    expect(removed).toMatchObject({ codings: 1, sessionRemoved: true, dyadRemoved: true });
    expect((await call('dyads.list')).map((d: { name: string }) => d.name)).toEqual(['7']);
    const after = everything(db);

    await call('undo.undo');
    expect(everything(db)).toEqual(before);
    expect((await call('dyads.list')).map((d: { name: string }) => d.name).sort()).toEqual(['7', '70']);
    await call('undo.redo');
    expect(everything(db)).toEqual(after);
  });

  it('keeps a session that has a memo of its own, and survives reopening the project between delete and undo', async () => {
    fx = openFixture();
    C.createMemo(fx.db, { targetKind: 'session', targetId: fx.sessionId, text: 'Both recall the silence.' });
    await call('interviews.delete', { interviewId: fx.clientId });
    const removed = await call('interviews.delete', { interviewId: fx.therapistId });
    expect(removed).toMatchObject({ sessionRemoved: false, dyadRemoved: false });
    fx.reopen();
    await call('undo.undo');
    await call('undo.undo');
    expect(count(fx.db, 'SELECT count(*) FROM interviews')).toBe(2);
    expect((await call('sessions.align', { sessionId: fx.sessionId })).rows.length).toBeGreaterThan(1);
  });

  it('refuses an unknown interview and changes nothing', async () => {
    fx = openFixture();
    const before = everything(fx.db);
    await expect(call('interviews.delete', { interviewId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ kind: 'not-found' });
    expect(everything(fx.db)).toEqual(before);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api/define';
import { codingMethods } from '../../../shared/api/methods/coding';
import { JobRegistry } from '../../../electron/api/context';
import { dispatch } from '../../../electron/api/dispatch';
import { createHandlers } from '../../../electron/api/handlers';
import { openFixture, spanOf, type Fixture } from './fixture';

let fx: Fixture;
let events: ApiEvent[];
const table = createHandlers();
beforeEach(() => {
  fx = openFixture();
  events = [];
});
afterEach(() => fx.close());

/** Calls the API as the IPC bridge and the HTTP server do: name and input as unknown, result as a value. */
async function call<T = any>(method: string, input: unknown = {}): Promise<T> {
  const r = await dispatch(table, { project: fx.project, jobs: new JobRegistry(), emit: (e) => events.push(e) }, method, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { kind: r.error.kind });
  return r.value as T;
}
async function fails(method: string, input: unknown) {
  const r = await dispatch(table, { project: fx.project, jobs: new JobRegistry(), emit: () => {} }, method, input);
  expect(r.ok).toBe(false);
  return (r as { error: { kind: string; message: string } }).error;
}

describe('the coding API', () => {
  it('every coding method is in the handler table', () => {
    for (const m of Object.keys(codingMethods)) expect(typeof (table as Record<string, unknown>)[m]).toBe('function');
  });

  it('a researcher chooses who they are, builds a codebook, codes both sides of a session and undoes a merge', async () => {
    expect(await call('coders.current')).toBeNull();
    expect((await fails('codes.create', { name: 'x', color: 'red' })).message).toMatch(/color.*#RRGGBB/);
    const me = await call('coders.setCurrent', { name: 'Dana' });
    expect(events.at(-1)).toEqual({ type: 'changed', what: ['coders'] });
    const rupture = await call('codes.create', { name: 'Rupture', definition: 'A strain', shortcut: '1' });
    const shame = await call('codes.create', { name: 'Shame', parentId: rupture.id, color: '#cc3366' });
    const emb = await call('codes.create', { name: 'Embarrassment', parentId: rupture.id });
    expect(events.at(-1)).toEqual({ type: 'changed', what: ['codebooks', 'undo'] });
    const look = spanOf(fx.db, fx.clientId, 'I could not look at her');
    const a = await call('codings.add', { interviewId: fx.clientId, ...look, codeId: shame.id });
    expect(a).toMatchObject({ created: true, coding: { coderId: me.id, codePath: 'Rupture/Shame', color: '#CC3366' } });
    const b = await call('codings.add', { interviewId: fx.clientId, ...look, codeId: emb.id });
    expect(await call('codings.get', { codingId: b.coding.id })).toMatchObject({ codeName: 'Embarrassment', coderName: 'Dana' });
    const turn = fx.db.prepare("SELECT id FROM turns WHERE interview_id = ? AND speaker = 'T'").get(fx.therapistId) as { id: string };
    await call('codings.codeTurn', { turnId: turn.id, codeId: emb.id });
    const session = await call('codings.forSession', { sessionId: fx.sessionId });
    expect(session.interviews.map((i: { role: string; codings: unknown[] }) => [i.role, i.codings.length])).toEqual([
      ['client', 2],
      ['therapist', 1],
    ]);
    const books = await call('codebooks.list');
    expect(books[0].codes[0]).toMatchObject({ name: 'Rupture', totalCodingCount: 3, children: [{ name: 'Shame' }, { name: 'Embarrassment' }] });
    const merged = await call('codes.merge', { sourceId: shame.id, targetId: emb.id });
    expect(merged).toMatchObject({ movedCodings: 0, collapsedDuplicates: 1 });
    expect(await call('undo.state')).toMatchObject({ canUndo: true, undoLabel: "Merge 'Shame' into 'Embarrassment'" });
    expect(await call('undo.undo')).toMatchObject({ undone: "Merge 'Shame' into 'Embarrassment'", state: { canRedo: true } });
    expect(events.at(-1)).toMatchObject({ type: 'changed', what: expect.arrayContaining(['codebooks', 'codings', 'memos', 'interviews', 'undo']) });
    expect((await call('codes.get', { codeId: shame.id })).path).toBe('Rupture/Shame');
    expect((await call('undo.redo')).redone).toBe("Merge 'Shame' into 'Embarrassment'");
    expect(await call('codes.find', { path: 'rupture/shame' })).toBeNull();
  });

  it('reports errors as values with a kind and a message for the researcher', async () => {
    await call('coders.setCurrent', { name: 'Dana' });
    const c = await call('codes.create', { name: 'Trust' });
    expect(await fails('codes.create', { name: 'trust' })).toEqual({ kind: 'conflict', message: 'There is already a code named "Trust" at the top of codebook "Codebook".' });
    expect((await fails('codings.add', { interviewId: fx.clientId, start: 5, end: 2, codeId: c.id })).kind).toBe('invalid-input');
    expect((await fails('codings.add', { interviewId: 'nope', start: 0, end: 2, codeId: c.id })).kind).toBe('not-found');
    expect((await fails('memos.create', { targetKind: 'note', text: 'x' })).kind).toBe('invalid-input');
    expect(await call('undo.redo')).toEqual({ redone: null, state: { canUndo: true, canRedo: false, undoLabel: "Create code 'Trust'", redoLabel: null } });
  });

  it('refuses text holding half a character (a lone surrogate) everywhere it would be stored, and changes nothing', async () => {
    await call('coders.setCurrent', { name: 'Dana' });
    const before = fx.db.prepare('SELECT text FROM interviews WHERE id = ?').get(fx.clientId);
    const half = '\udc4d'; // the second half of 👍 alone
    const e = await fails('interviews.correct', { interviewId: fx.clientId, start: 0, end: 0, replacement: `ok ${half}` });
    expect(e.kind).toBe('invalid-input');
    expect(e.message).toMatch(/replacement.*half of a character/);
    expect(fx.db.prepare('SELECT text FROM interviews WHERE id = ?').get(fx.clientId)).toEqual(before);
    const trust = await call('codes.create', { name: 'Trust' });
    const refusals = [
      await fails('memos.create', { targetKind: 'project', text: `Note ${half}` }),
      await fails('memos.create', { targetKind: 'project', title: '\ud83d', text: 'Fine' }),
      await fails('codes.create', { name: `Tr\ud83dust` }),
      await fails('codes.update', { codeId: trust.id, definition: `A bond ${half}` }),
      await fails('codebooks.create', { name: `Book ${half}` }),
      await fails('coders.setCurrent', { name: `Eve ${half}` }),
      await fails('dyads.update', { dyadId: fx.dyadId, attributes: { modality: `online ${half}` } }),
    ];
    for (const r of refusals) expect(r).toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/half of a character/) });
    expect(fx.db.prepare('SELECT count(*) AS n FROM memos').get()).toEqual({ n: 0 });
    expect(fx.db.prepare('SELECT count(*) AS n FROM codes').get()).toEqual({ n: 1 });
    // A whole emoji (both halves) is welcome.
    expect((await call('memos.create', { targetKind: 'project', text: 'Good 👍' })).text).toBe('Good 👍');
  });

  it('corrects a transcript through the API and tells every window', async () => {
    await call('coders.setCurrent', { name: 'Dana' });
    const c = await call('codes.create', { name: 'Relief' });
    await call('codings.add', { interviewId: fx.clientId, ...spanOf(fx.db, fx.clientId, 'Relief, honestly'), codeId: c.id });
    const r = await call('interviews.correct', { interviewId: fx.clientId, ...spanOf(fx.db, fx.clientId, 'honestly'), replacement: 'truly' });
    expect(r).toMatchObject({ resizedCodings: 1, removedCodings: [] });
    expect(events.at(-1)?.type === 'changed' && events.at(-1)).toMatchObject({ what: expect.arrayContaining(['interviews', 'codings', 'search']) });
    const [coding] = await call('codings.forInterview', { interviewId: fx.clientId });
    const text = (fx.db.prepare('SELECT text FROM interviews WHERE id = ?').get(fx.clientId) as { text: string }).text;
    expect(text.slice(coding.start, coding.end)).toBe('Relief, truly');
  });

  it('memos through the API', async () => {
    const m = await call('memos.create', { targetKind: 'dyad', targetId: fx.dyadId, title: 'Alliance', text: 'Slow to warm up.' });
    expect(m).toMatchObject({ coderId: null, targetLabel: 'Dyad 7' });
    await call('memos.update', { memoId: m.id, text: 'Slow to warm up; trust by session 3.' });
    expect((await call('memos.get', { memoId: m.id })).text).toBe('Slow to warm up; trust by session 3.');
    expect((await call('memos.search', { query: 'TRUST' })).map((x: { id: string }) => x.id)).toEqual([m.id]);
    expect(await call('memos.list', { targetKind: 'dyad', targetId: fx.dyadId })).toHaveLength(1);
    await call('memos.delete', { memoId: m.id });
    expect(await call('memos.list')).toEqual([]);
  });
});

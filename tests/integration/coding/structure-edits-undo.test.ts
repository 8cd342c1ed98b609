/**
 * Renaming a dyad, editing its attributes, dating a session and changing an interview's role are steps of the
 * history like any coding: Ctrl+Z takes each back, Ctrl+Shift+Z does it again, and the rows end exactly as they were.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { callApi } from '../../helpers/api';
import { everything } from '../../helpers/everything';
import { type Fixture, openFixture } from './fixture';

let fx: Fixture;
afterEach(() => fx?.close());

const call = <T = any>(method: string, input: unknown = {}) => callApi<T>(fx.project, method, input);

describe('undoing edits of the study’s structure', () => {
  it('takes back and redoes each edit, with the label the toolbar shows', async () => {
    fx = openFixture();
    const states = [everything(fx.db)];
    const edits: [string, unknown, string][] = [
      ['dyads.update', { dyadId: fx.dyadId, name: 'Rowan' }, 'Rename dyad 7 to Rowan'],
      ['dyads.update', { dyadId: fx.dyadId, attributes: { modality: 'CBT', "client's age": '41' } }, 'Edit the attributes of dyad Rowan'],
      ['sessions.update', { sessionId: fx.sessionId, date: '2026-05-04', recordingPath: "D:\\Study\\Rowan's S1.mp4" }, 'Edit the details of dyad Rowan, session 1'],
      ['interviews.setRole', { interviewId: fx.therapistId, role: 'other' }, 'Make D07_S1_therapist.txt the other interview'],
    ];
    for (const [method, input, label] of edits) {
      await call(method, input);
      expect((await call('undo.state')).undoLabel).toBe(label);
      states.push(everything(fx.db));
    }
    const tree = (await call('dyads.list'))[0];
    expect(tree).toMatchObject({ name: 'Rowan', attributes: { modality: 'CBT', "client's age": '41' } });
    expect(tree.sessions[0]).toMatchObject({ date: '2026-05-04', recordingPath: "D:\\Study\\Rowan's S1.mp4" });

    for (let i = edits.length - 1; i >= 0; i--) {
      await call('undo.undo');
      expect(everything(fx.db)).toEqual(states[i]);
    }
    for (let i = 1; i <= edits.length; i++) {
      await call('undo.redo');
      expect(everything(fx.db)).toEqual(states[i]);
    }
  });

  it('does not undo over a later change made outside the history: the value stays as it now is', async () => {
    fx = openFixture();
    await call('sessions.update', { sessionId: fx.sessionId, date: '2026-05-04' });
    fx.db.prepare("UPDATE sessions SET date = '2026-06-01' WHERE id = ?").run(fx.sessionId);
    await call('undo.undo');
    expect(fx.db.prepare('SELECT date FROM sessions WHERE id = ?').pluck().get(fx.sessionId)).toBe('2026-06-01');
  });

  it('lets dyad 7 be renamed "D07" (the same dyad by its number) but not to the name of another dyad', async () => {
    fx = openFixture();
    expect((await call('dyads.update', { dyadId: fx.dyadId, name: 'D07' })).name).toBe('D07');
    await expect(call('dyads.update', { dyadId: fx.dyadId, name: '007' })).resolves.toMatchObject({ name: '007' });
  });

  it('records nothing when nothing changes', async () => {
    fx = openFixture();
    await call('dyads.update', { dyadId: fx.dyadId, name: '7' });
    expect((await call('undo.state')).undoLabel).toBeNull();
  });
});

/**
 * A transcriber wrote stops as "<<00:12:34>>", which Dyad does not know: the researcher adds a pattern, and the
 * interviews imported before it get their recall moments — counted first, added as one undoable step.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { callApi } from '../../helpers/api';
import { insertInterview } from '../../../electron/core/interviews';
import { Project } from '../../../electron/core/project';
import { parseTranscript } from '../../../shared/import/parse';
import { everything } from '../../helpers/everything';
import { tempDir } from '../../helpers/tmp';

const CLIENT = [
  'I: Stop it wherever you like.',
  'C: Here. <<00:02:10>> She looked at the clock.',
  'I: What was that like?',
  'C: Like I was taking too long. [video 00:05:00] And here <<00:07:45>> I went quiet.',
].join('\n');
const THERAPIST = ['I: Where shall we stop?', 'T: <<00:02:14>> Here I noticed the clock too.', 'I: And then?', 'T: <<00:07:40>> I waited.'].join('\n');

const tmp = tempDir();
let project: Project;
afterEach(() => project?.close());

const call = <T = any>(method: string, input: unknown = {}) => callApi<T>(project, method, input);

function study(name: string): string {
  project = Project.open(tmp.path(name), { create: true });
  const db = project.db;
  const add = (file: string, text: string, role: 'client' | 'therapist') =>
    insertInterview(db, file, parseTranscript(text, { fileName: file }), { dyad: '4', session: 1, role, speakerRoles: { I: 'interviewer', C: 'participant', T: 'participant' } });
  db.transaction(() => {
    add('D04_S1_client.txt', CLIENT, 'client');
    add('D04_S1_therapist.txt', THERAPIST, 'therapist');
  })();
  return (db.prepare('SELECT id FROM sessions').pluck().get() as string);
}

const momentTimes = async (sessionId: string) => {
  const a = await call('sessions.align', { sessionId });
  return a.rows.filter((r: { sessionTime: number | null }) => r.sessionTime !== null).map((r: any) => [r.client?.sessionTime ?? null, r.therapist?.sessionTime ?? null]);
};

describe('finding recall moments after adding a marker pattern', () => {
  it('refuses an unusable pattern when it is saved, naming it, and changes nothing', async () => {
    study('refuse.dyad');
    const before = everything(project.db);
    await expect(call('project.updateSettings', { customMarkerPatterns: ['<<(\\d+:\\d\\d'] })).rejects.toThrow(/The marker pattern "<<\(\\d\+:\\d\\d" is not a valid regular expression/);
    await expect(call('project.updateSettings', { customMarkerPatterns: ['<<\\d+:\\d\\d>>'] })).rejects.toThrow(/has no capture group/);
    await expect(call('project.updateSettings', { fileNamePattern: 'D{dyad}_{visit}' })).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(everything(project.db)).toEqual(before);
  });

  it('counts, then adds the moments the new pattern marks; Undo takes them away, Redo brings them back, a second scan finds none', async () => {
    const sessionId = study('rescan.dyad');
    expect(await momentTimes(sessionId)).toEqual([[300, null]]);
    await call('project.updateSettings', { customMarkerPatterns: ['<<(\\d\\d:\\d\\d:\\d\\d)>>'] });

    const before = everything(project.db);
    const preview = await call('moments.rescan', { apply: false });
    expect(preview).toMatchObject({ moments: 4, interviews: 2 });
    expect(preview.sample[0]).toEqual({ sourceName: 'D04_S1_client.txt', label: '<<00:02:10>>', sessionTime: 130 });
    expect(everything(project.db)).toEqual(before);

    await call('moments.rescan', { apply: true });
    expect(await momentTimes(sessionId)).toEqual([
      [130, 134],
      [300, null],
      [465, 460],
    ]);
    const after = everything(project.db);
    expect((await call('undo.state')).undoLabel).toBe('Find 4 recall moments in the transcripts');
    await call('undo.undo');
    expect(everything(project.db)).toEqual(before);
    await call('undo.redo');
    expect(everything(project.db)).toEqual(after);
    expect((await call('moments.rescan', { apply: true })).moments).toBe(0);
    expect(everything(project.db)).toEqual(after);
  });
});

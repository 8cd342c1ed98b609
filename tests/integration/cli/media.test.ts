/**
 * Attaching recordings from the command line (issue 14): a session's recording and each interview's own, stored
 * relative to the project when beside it (so the study folder can move), a missing one saying where Dyad looked,
 * and `dyad relink` finding every missing one in a folder by file name, as one undoable step.
 */
import { copyFileSync, cpSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../../../electron/core/paths';
import { tempDir } from '../../helpers/tmp';
import { dyad, dyadJson } from '../../helpers/cli';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const demo = join(appRoot(), 'demo', 'transcripts');
const study = tmp.path('study');
const file = join(study, 'study.dyad');

const json = dyadJson;

interface Medium {
  kind: string;
  interviewId: string | null;
  label: string;
  storedPath: string;
  resolvedPath: string;
  found: boolean;
}
const media = async (f = file): Promise<Medium[]> => (await json('list', f)).media;

let clientId = '';
beforeAll(async () => {
  mkdirSync(join(study, 'recordings'), { recursive: true });
  writeFileSync(join(study, 'recordings', 'D01_S1_session.mp4'), 'not really a video, but a file');
  writeFileSync(join(study, 'recordings', 'D01_S1_client_interview.m4a'), 'an interview');
  writeFileSync(tmp.path('elsewhere.wav'), 'RIFF');
  expect((await dyad('new', file)).code).toBe(0);
  for (const f of ['D01_S1_client.txt', 'D01_S1_therapist.txt']) copyFileSync(join(demo, f), join(study, f));
  expect((await dyad('import', file, join(study, 'D01_S1_client.txt'), join(study, 'D01_S1_therapist.txt'))).code).toBe(0);
  const tree = (await json('list', file)).dyads;
  clientId = tree[0].sessions[0].interviews.find((i: { role: string }) => i.role === 'client').id;
});

describe('attaching recordings', () => {
  it('a session recording beside the project is stored relative to it, and list shows it found', async () => {
    const s = await json('session', file, '--dyad', 'D01', '--session', '1', '--recording', join(study, 'recordings', 'D01_S1_session.mp4'));
    expect(s.session.recordingPath).toBe('recordings/D01_S1_session.mp4');
    expect(s.recording).toMatchObject({ found: true, resolvedPath: join(study, 'recordings', 'D01_S1_session.mp4') });
    expect(await media()).toEqual([expect.objectContaining({ kind: 'session', label: 'dyad 1, session 1', storedPath: 'recordings/D01_S1_session.mp4', found: true })]);
  });

  it("an interview's own recording is attached with --interview ID --audio PATH", async () => {
    const r = await json('interview', file, '--interview', clientId, '--audio', join(study, 'recordings', 'D01_S1_client_interview.m4a'));
    expect(r.interview.audioPath).toBe('recordings/D01_S1_client_interview.m4a');
    expect(r.recording).toMatchObject({ kind: 'interview', interviewId: clientId, found: true });
    const text = (await dyad('list', file)).out;
    expect(text).toMatch(/recording recordings\/D01_S1_session\.mp4\n/);
    expect(text).toMatch(/recording recordings\/D01_S1_client_interview\.m4a\n/);
  });

  it('a recording outside the study folder keeps its absolute path', async () => {
    const r = await json('interview', file, clientId, '--audio', tmp.path('elsewhere.wav'));
    expect(r.interview.audioPath).toBe(tmp.path('elsewhere.wav'));
    expect((await dyad('undo', file)).out).toMatch(/^Undid: Attach a recording to D01_S1_client\.txt/);
    expect((await json('interview', file, clientId)).interview.audioPath).toBe('recordings/D01_S1_client_interview.m4a');
  });

  it('refuses a file that is not there or not a recording, naming it, and changes nothing', async () => {
    const gone = await dyad('session', file, '--dyad', '1', '--session', '1', '--recording', join(study, 'nope.mp4'));
    expect(gone.code).not.toBe(0);
    expect(gone.err).toContain(join(study, 'nope.mp4'));
    const notMedia = await dyad('session', file, '--dyad', '1', '--session', '1', '--recording', join(study, 'D01_S1_client.txt'));
    expect(notMedia.code).not.toBe(0);
    expect(notMedia.err).toMatch(/D01_S1_client\.txt is not a recording Dyad can play/);
    const both = await dyad('session', file, '--dyad', '1', '--session', '1', '--recording', 'x.mp4', '--no-recording');
    expect(both.code).toBe(2);
    expect((await media()).map((m) => m.storedPath)).toEqual(['recordings/D01_S1_session.mp4', 'recordings/D01_S1_client_interview.m4a']);
  });

  it('the study folder moved elsewhere still finds its recordings', async () => {
    const moved = tmp.path('moved-study');
    cpSync(study, moved, { recursive: true });
    const there = await media(join(moved, 'study.dyad'));
    expect(there.every((m) => m.found)).toBe(true);
    expect(there[0]!.resolvedPath).toBe(join(moved, 'recordings', 'D01_S1_session.mp4'));
  });
});

describe('missing recordings', () => {
  it('say where Dyad looked, and relink finds them all in a folder by file name (undoable)', async () => {
    mkdirSync(join(tmp.dir, 'usb', 'archive', '2026'), { recursive: true });
    renameSync(join(study, 'recordings', 'D01_S1_session.mp4'), join(tmp.dir, 'usb', 'archive', '2026', 'D01_S1_session.mp4'));
    renameSync(join(study, 'recordings', 'D01_S1_client_interview.m4a'), join(tmp.dir, 'usb', 'D01_S1_client_interview.m4a'));
    const missing = await media();
    expect(missing.map((m) => m.found)).toEqual([false, false]);
    const text = (await dyad('list', file)).out;
    expect(text).toContain(`recordings/D01_S1_session.mp4  (missing: Dyad looked at ${join(study, 'recordings', 'D01_S1_session.mp4')})`);
    expect(text).toContain('dyad relink');

    const r = await json('relink', file, tmp.path('usb'));
    expect(r.missing).toEqual([]);
    expect(r.relinked.map((x: { to: string }) => x.to).sort()).toEqual([join(tmp.dir, 'usb', 'D01_S1_client_interview.m4a'), join(tmp.dir, 'usb', 'archive', '2026', 'D01_S1_session.mp4')]);
    expect((await media()).every((m) => m.found)).toBe(true);

    expect((await dyad('undo', file)).out).toMatch(/^Undid: Relink 2 recordings/);
    expect((await media()).map((m) => m.found)).toEqual([false, false]);
  });

  it('relink names what it could not find and exits 1', async () => {
    mkdirSync(tmp.path('empty'), { recursive: true });
    const r = await dyad('relink', file, tmp.path('empty'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Still missing dyad 1, session 1: no file named D01_S1_session\.mp4 in /);
  });

  it('--no-recording detaches the session recording and leaves the file alone', async () => {
    const s = await json('session', file, '--dyad', '1', '--session', '1', '--no-recording');
    expect(s.session.recordingPath).toBeNull();
    expect((await media()).map((m) => m.kind)).toEqual(['interview']);
  });
});

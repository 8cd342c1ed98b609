/**
 * `dyad serve`'s media route (issue 14): only a recording attached to the open project, only with the token, with
 * Range answers (206) so the player can seek, and 416 for a range past the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSession, updateSession } from '../../../electron/core/dyads';
import { Project } from '../../../electron/core/project';
import { startServer, type RunningServer } from '../../../electron/server/server';
import { createAppProtocolHandler, projectMediaSource } from '../../../electron/shell/appProtocol';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir();
let project: Project;
let server: RunningServer;
const recording = join(tmp.dir, 'recordings', 'D04_S1.wav');
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

beforeAll(async () => {
  mkdirSync(join(tmp.dir, 'recordings'));
  writeFileSync(recording, bytes);
  writeFileSync(tmp.path('not-attached.mp3'), 'a recording nobody attached');
  project = Project.open(tmp.path('study.dyad'), { create: true });
  const session = project.db.transaction(() => ensureSession(project.db, '4', 1))();
  updateSession(project.db, session.id, { recordingPath: 'recordings/D04_S1.wav' });
  const staticDir = tmp.path('ui');
  mkdirSync(staticDir);
  writeFileSync(`${staticDir}/index.html`, '<!doctype html><title>Dyad</title>');
  server = await startServer({ project, staticDir, warmAnalysis: false });
});
afterAll(async () => {
  await server.close();
  project.close();
  tmp.cleanup();
});

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { Host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}
const media = (path: string, headers: Record<string, string> = {}, token: string | null = server.token) =>
  get(`/api/media?path=${encodeURIComponent(path)}`, token === null ? headers : { 'x-dyad-token': token, ...headers });

describe('dyad serve: recordings', () => {
  it('serves an attached recording whole, with its Content-Type and Accept-Ranges', async () => {
    const r = await media(recording);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('audio/wav');
    expect(r.headers['accept-ranges']).toBe('bytes');
    expect(r.body.equals(bytes)).toBe(true);
  });

  it('answers a range with 206 and exactly those bytes; an open-ended and a suffix range too', async () => {
    const r = await media(recording, { Range: 'bytes=100-199' });
    expect(r.status).toBe(206);
    expect(r.headers['content-range']).toBe('bytes 100-199/1000');
    expect(r.headers['content-length']).toBe('100');
    expect(r.body.equals(bytes.subarray(100, 200))).toBe(true);
    const tail = await media(recording, { Range: 'bytes=990-' });
    expect(tail.body.equals(bytes.subarray(990))).toBe(true);
    const suffix = await media(recording, { Range: 'bytes=-10' });
    expect(suffix.headers['content-range']).toBe('bytes 990-999/1000');
  });

  it('refuses a range past the end with 416 and the size', async () => {
    const r = await media(recording, { Range: 'bytes=1000-1100' });
    expect(r.status).toBe(416);
    expect(r.headers['content-range']).toBe('bytes */1000');
  });

  it('refuses without the token', async () => {
    const r = await media(recording, {}, null);
    expect(r.status).toBe(401);
    expect(r.body.length).toBeLessThan(300);
    expect((await media(recording, {}, 'f'.repeat(48))).status).toBe(401);
  });

  it('refuses a file the project does not attach, even a playable one beside it', async () => {
    const r = await media(tmp.path('not-attached.mp3'));
    expect(r.status).toBe(403);
    expect(r.body.toString()).toMatch(/Only a recording attached to the open project/);
    expect((await media(tmp.path('study.dyad'))).status).toBe(403);
  });

  it('refuses path traversal and relative paths, whatever they resolve to', async () => {
    for (const p of [`${tmp.dir}/recordings/../recordings/D04_S1.wav`, `${tmp.dir}/ui/../recordings/D04_S1.wav`, 'recordings/D04_S1.wav', '../../etc/passwd']) {
      const r = await media(p);
      expect(r.status, p).toBe(403);
      expect(r.body.includes(bytes.subarray(0, 50))).toBe(false);
    }
    expect((await get(`/api/media?path=${encodeURIComponent('/etc/passwd')}`, { 'x-dyad-token': server.token })).status).toBe(403);
  });
});

describe("the app's protocol on a real project", () => {
  it('streams a range of the attached recording, from the disk, and refuses the project file', async () => {
    const handle = createAppProtocolHandler(tmp.path('ui'), undefined, projectMediaSource(() => [project]));
    const res = await handle(new Request(`app://dyad/media?path=${encodeURIComponent(recording)}`, { headers: { Range: 'bytes=500-' } }));
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(500))).toBe(true);
    expect((await handle(new Request(`app://dyad/media?path=${encodeURIComponent(tmp.path('study.dyad'))}`))).status).toBe(403);
  });
});

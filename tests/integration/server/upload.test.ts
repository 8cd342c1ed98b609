/**
 * `POST /api/upload`: a browser's file goes to a private scratch file as it arrives, and the call that reads it
 * names it by id — so several large imports at once cost the server a few stream buffers, not copies of the files.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/core/project';
import { startServer, type RunningServer } from '../../../electron/server/server';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir();
let project: Project;
let server: RunningServer;
/** Small enough that the over-limit test sends little; the memory test runs its own server. */
const LIMIT = 2 * 1024 * 1024;

beforeAll(async () => {
  project = Project.open(tmp.path('uploads.dyad'), { create: true });
  server = await startServer({ project, staticDir: tmp.path('no-ui'), maxBodyBytes: LIMIT, warmAnalysis: false });
});
afterAll(async () => {
  await server.close();
  project.close();
  tmp.cleanup();
});

interface Answer {
  status: number;
  body: string;
}

function send(s: RunningServer, path: string, body: Buffer | Readable | string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: s.port, path, method: 'POST', headers: { Host: `127.0.0.1:${s.port}`, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    if (body instanceof Readable) body.pipe(req);
    else req.end(body);
  });
}
const upload = (s: RunningServer, name: string, body: Buffer | Readable | string, headers: Record<string, string> = {}) =>
  send(s, `/api/upload?name=${encodeURIComponent(name)}`, body, { 'x-dyad-token': s.token, ...headers });
const call = async (method: string, input: unknown) =>
  JSON.parse((await send(server, `/api/call/${method}`, JSON.stringify(input), { 'x-dyad-token': server.token, 'Content-Type': 'application/json' })).body);

/** The upload folders this process has in the temporary folder (scratch folders carry the pid and purpose). */
const uploadFiles = () =>
  readdirSync(tmpdir())
    .filter((n) => n.startsWith(`dyad-scratch-${process.pid}-uploads-`))
    .flatMap((d) => readdirSync(join(tmpdir(), d)).map((f) => join(tmpdir(), d, f)));

const TRANSCRIPT = [
  'Recall interview, dyad 31, session 2, client',
  '',
  'I: You paused the tape just there. What was happening for you?',
  '[video 00:04:12]',
  'C: I noticed I was waiting for her to tell me I had done it wrong.',
  'I: Waiting for her to tell you.',
  'C: Yes, and she never did, which was almost worse.',
].join('\n');

describe('uploads to dyad serve', () => {
  it('streams the file to a private scratch file, and the import reads it from there and removes it', async () => {
    const r = await upload(server, 'D31_S2_client.txt', TRANSCRIPT);
    expect(r.status).toBe(200);
    const { value } = JSON.parse(r.body);
    expect(value.uploadId).toMatch(/^[0-9a-f]{48}$/);
    expect(value.size).toBe(Buffer.byteLength(TRANSCRIPT));
    const [file] = uploadFiles();
    expect(file).toBeDefined();
    expect(statSync(file!).mode & 0o777).toBe(0o600);

    const preview = await call('import.preview', { files: [{ name: 'D31_S2_client.txt', uploadId: value.uploadId }] });
    expect(preview.ok).toBe(true);
    const [item] = preview.value.items;
    expect(item).toMatchObject({ ok: true, proposed: { dyad: '31', session: 2, role: 'client' } });
    expect(item.turns.map((t: { text: string }) => t.text).join(' ')).toContain('she never did, which was almost worse');
    expect(existsSync(file!)).toBe(false);

    const done = await call('import.commit', {
      stagingId: preview.value.stagingId,
      items: [{ index: item.index, dyad: 'D31', session: 2, role: 'client', speakerRoles: { I: 'interviewer', C: 'participant' } }],
    });
    expect(done.ok).toBe(true);
    expect(done.value.interviewIds).toHaveLength(1);
  });

  it('takes a REFI-QDA codebook by upload too', async () => {
    const qdc = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0">',
      '<Codes><Code guid="0b1c6a52-3f0e-4c55-9a8e-2f1d7c3b9e01" name="Waiting to be judged" isCodable="true"/></Codes>',
      '</CodeBook>',
    ].join('');
    const { value } = JSON.parse((await upload(server, 'recall codes.qdc', qdc)).body);
    const r = await call('refi.importQdc', { uploadId: value.uploadId, name: 'recall codes.qdc' });
    expect(r).toMatchObject({ ok: true, value: { name: 'recall codes', codes: 1 } });
  });

  it('says plainly when an upload id is unknown, or was already read', async () => {
    const unknown = await call('import.preview', { files: [{ name: 'D31_S2_client.txt', uploadId: 'f'.repeat(48) }] });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringMatching(/uploaded file is no longer here.*Choose the file again/) } });

    const { value } = JSON.parse((await upload(server, 'D31_S2_client.txt', TRANSCRIPT)).body);
    expect((await call('import.preview', { files: [{ name: 'D31_S2_client.txt', uploadId: value.uploadId }] })).ok).toBe(true);
    expect(await call('import.preview', { files: [{ name: 'D31_S2_client.txt', uploadId: value.uploadId }] })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('refuses a file over the limit with 413 and a message, and leaves no partial file', async () => {
    // Sent in pieces without a length, so the limit is met while streaming rather than from the header.
    const pieces = Readable.from((function* () {
      for (let i = 0; i < 12; i++) yield Buffer.alloc(256 * 1024, 0x61);
    })());
    const r = await upload(server, 'D31_S2_client.txt', pieces);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toMatch(/"D31_S2_client\.txt" is too large: Dyad accepts up to 2 MB/);
    expect(uploadFiles()).toEqual([]);

    const declared = await upload(server, 'big.txt', Buffer.alloc(LIMIT + 1, 0x61));
    expect(declared.status).toBe(413);
    expect(uploadFiles()).toEqual([]);
  });

  it('refuses an upload without the token or with a wrong one, and one from another site', async () => {
    expect((await send(server, '/api/upload?name=a.txt', TRANSCRIPT)).status).toBe(401);
    expect((await upload(server, 'a.txt', TRANSCRIPT, { 'x-dyad-token': '0'.repeat(48) })).status).toBe(401);
    expect((await upload(server, 'a.txt', TRANSCRIPT, { Origin: 'https://evil.example' })).status).toBe(403);
    expect(uploadFiles()).toEqual([]);
  });

  it('asks for the file name', async () => {
    const r = await send(server, '/api/upload', TRANSCRIPT, { 'x-dyad-token': server.token });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.message).toMatch(/name/);
  });
});

describe('several large uploads at once', () => {
  const MB = Number(process.env.DYAD_UPLOAD_MB ?? 50);

  it(`keeps the server's memory bounded: 4 × ${MB} MB`, { timeout: 60_000 + MB * 2_000 }, async () => {
    const big = await startServer({ project, staticDir: tmp.path('no-ui'), maxBodyBytes: (MB + 1) * 1048576, warmAnalysis: false });
    try {
      // The client sends one reused 64 KB piece over and over, so what grows is the server's side only.
      const piece = Buffer.alloc(64 * 1024, 0x62);
      const body = () =>
        Readable.from((function* () {
          for (let i = 0; i < MB * 16; i++) yield piece;
        })());
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const answers = await Promise.all([0, 1, 2, 3].map((i) => upload(big, `D4${i}_S1_client.txt`, body(), { 'Content-Length': String(MB * 1048576) })));
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      for (const a of answers) expect(a.status).toBe(200);
      const growthMb = (peak - before) / 1048576;
      console.log(`4 × ${MB} MB uploads: RSS ${Math.round(before / 1048576)} MB before, peak ${Math.round(peak / 1048576)} MB (+${Math.round(growthMb)} MB)`);
      // Held in memory, the bodies would cost 4 × N × ~7; streamed, a few buffers per upload whatever N is.
      expect(growthMb).toBeLessThan(96);
      for (const a of answers) expect(statSync(uploadFiles().find((f) => f.includes(JSON.parse(a.body).value.uploadId))!).size).toBe(MB * 1048576);
    } finally {
      await big.close();
    }
    expect(uploadFiles()).toEqual([]);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/shell/appProtocol';
import { cspHeader } from '../../../electron/shell/security';

let base: string;
let ui: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'dyad-protocol-'));
  ui = join(base, 'renderer');
  mkdirSync(join(ui, 'assets'), { recursive: true });
  writeFileSync(join(ui, 'index.html'), '<!doctype html><script type="module" src="/assets/main.js"></script>');
  writeFileSync(join(ui, 'assets', 'main.js'), 'console.log("dyad")');
  // A file beside the UI folder, as package.json or a project would be: must stay out of reach.
  writeFileSync(join(base, 'secret.txt'), 'not for the page');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// protocol handler', () => {
  it('serves the UI with the CSP and the right type', async () => {
    const handle = createAppProtocolHandler(ui);
    const res = await handle(new Request('app://dyad/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(cspHeader());
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('/assets/main.js');

    const js = await handle(new Request('app://dyad/assets/main.js'));
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toBe('console.log("dyad")');
  });

  it('serves index.html for the bare origin', async () => {
    const res = await createAppProtocolHandler(ui)(new Request('app://dyad/'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<!doctype html>');
  });

  it('answers 404 for a missing file and 403 for a way out, with the CSP on both', async () => {
    const handle = createAppProtocolHandler(ui);
    const missing = await handle(new Request('app://dyad/assets/nope.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(cspHeader());
    const out = await handle(new Request('app://dyad/..%2fsecret.txt'));
    expect(out.status).toBe(403);
    expect(await out.text()).not.toContain('not for the page');
    const dir = await handle(new Request('app://dyad/assets'));
    expect(dir.status).toBe(404);
  });

  it('never reads outside the folder, even when the URL parser leaves dot segments in', async () => {
    const reads: string[] = [];
    const handle = createAppProtocolHandler(ui, async (p) => {
      reads.push(p);
      throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    });
    for (const url of ['app://dyad/../secret.txt', 'app://dyad/%2e%2e/secret.txt', 'app://dyad/..%5csecret.txt', 'app://other/index.html']) {
      await handle(new Request(url));
    }
    expect(reads.every((p) => p.startsWith(ui))).toBe(true);
  });

  it('accepts only GET and HEAD', async () => {
    const handle = createAppProtocolHandler(ui);
    expect((await handle(new Request('app://dyad/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handle(new Request('app://dyad/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('app://dyad/media: recordings of the open projects', () => {
  const recording = '/study/recordings/D04_S1.webm';
  const bytes = new Uint8Array(Array.from({ length: 300 }, (_, i) => i % 256));
  const media = {
    isAttached: (p: string) => p === recording,
    sizeOf: (p: string) => (p === recording ? bytes.length : null),
    stream: (_p: string, start: number, end: number) => new Response(bytes.slice(start, end + 1)).body!,
  };
  const handle = createAppProtocolHandler('/nowhere', undefined, media);
  const at = (path: string) => `app://dyad/media?path=${encodeURIComponent(path)}`;

  it('answers a range with 206, its bytes and video/webm, through the same check as dyad serve', async () => {
    const res = await handle(new Request(at(recording), { headers: { Range: 'bytes=10-19' } }));
    expect(res.status).toBe(206);
    expect(res.headers.get('content-type')).toBe('video/webm');
    expect(res.headers.get('content-range')).toBe('bytes 10-19/300');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([...bytes.slice(10, 20)]);
  });

  it('refuses a file not attached, a traversal, and a range past the end', async () => {
    expect((await handle(new Request(at('/study/study.dyad')))).status).toBe(403);
    expect((await handle(new Request(at('/study/x/../recordings/D04_S1.webm')))).status).toBe(403);
    const past = await handle(new Request(at(recording), { headers: { Range: 'bytes=300-' } }));
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */300');
  });

  it('is not there at all without a media source', async () => {
    expect((await createAppProtocolHandler(ui)(new Request(at(recording)))).status).toBe(404);
  });
});

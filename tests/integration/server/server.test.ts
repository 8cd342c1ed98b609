import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/core/project';
import { startServer, type RunningServer } from '../../../electron/server/server';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir();
let project: Project;
let server: RunningServer;

beforeAll(async () => {
  project = Project.open(tmp.path('served.dyad'), { create: true });
  const staticDir = tmp.path('ui');
  mkdirSync(staticDir);
  writeFileSync(`${staticDir}/index.html`, '<!doctype html><title>Dyad</title>');
  writeFileSync(`${staticDir}/app.js`, 'console.log(1)');
  writeFileSync(tmp.path('secret.txt'), 'clinical notes');
  server = await startServer({ project, staticDir });
});
afterAll(async () => {
  await server.close();
  project.close();
  tmp.cleanup();
});

/** A raw HTTP request, so tests control Host and Origin headers exactly as an attacker's page could. */
function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
const call = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  raw(`/api/call/${method}`, { method: 'POST', body: JSON.stringify(input), headers: { 'x-dyad-token': server.token, 'Content-Type': 'application/json', ...headers } });

describe('dyad serve', () => {
  it('listens on loopback only and prints a URL with its token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[0-9a-f]{48}$`));
  });

  it('answers API calls that carry the token', async () => {
    const r = await call('project.info', {});
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body);
    expect(body.ok).toBe(true);
    expect(body.value.name).toBe('served');
    expect(body.value.settings.alignToleranceSeconds).toBe(15);
  });

  it('refuses requests without the token, or with a wrong one', async () => {
    expect((await raw('/api/call/project.info', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await call('project.info', {}, { 'x-dyad-token': 'x'.repeat(48) })).status).toBe(401);
    expect((await raw('/')).status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (another site in the browser)', async () => {
    expect((await call('project.info', {}, { Host: 'evil.example:80' })).status).toBe(403);
    expect((await call('project.info', {}, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await call('project.info', {}, { Origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('validates input and reports errors as values', async () => {
    const bad = JSON.parse((await call('sessions.get', { sessionId: 42 })).body);
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const unknown = JSON.parse((await call('project.dropTables', {})).body);
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const missing = JSON.parse((await call('sessions.get', { sessionId: 'nope' })).body);
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('serves the interface with a strict CSP and sets the token cookie', async () => {
    const r = await raw(`/?token=${server.token}`);
    expect(r.status).toBe(200);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    expect(String(r.headers['set-cookie'])).toMatch(/dyad_token=.*HttpOnly; SameSite=Strict/);
    const asset = await raw('/app.js', { headers: { Cookie: `dyad_token=${server.token}` } });
    expect(asset.status).toBe(200);
  });

  it("lets the browser keep the build's hashed assets, never the page that names them, and serves a rebuilt file as it now is", async () => {
    const staticDir = tmp.path('ui');
    mkdirSync(`${staticDir}/assets`, { recursive: true });
    writeFileSync(`${staticDir}/assets/render-Ab3_x-9Z.js`, 'export const v = 1;');
    const cookie = { Cookie: `dyad_token=${server.token}` };
    const hashed = await raw('/assets/render-Ab3_x-9Z.js', { headers: cookie });
    expect(hashed.body).toBe('export const v = 1;');
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(hashed.headers['content-type']).toMatch(/^text\/javascript/);
    // The page and unhashed files change with every build: asked for each time.
    expect((await raw(`/?token=${server.token}`)).headers['cache-control']).toBe('no-store');
    expect((await raw('/app.js', { headers: cookie })).headers['cache-control']).toBe('no-store');
    // A rebuild writes the folder again under the running server: the kept copy must not outlive the file.
    writeFileSync(`${staticDir}/app.js`, 'console.log("rebuilt, and longer")');
    expect((await raw('/app.js', { headers: cookie })).body).toBe('console.log("rebuilt, and longer")');
    writeFileSync(`${staticDir}/app.js`, 'console.log(1)');
  });

  it('never serves files outside the interface folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
      const r = await raw(`${p}?token=${server.token}`);
      expect(r.body).not.toContain('clinical notes');
    }
  });

  it('streams events to listeners', async () => {
    const got = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}`, headers: { Host: `127.0.0.1:${server.port}` } },
        (res) => {
          // The stream is open (its headers came): now a change must reach it.
          void call('project.updateSettings', { alignToleranceSeconds: 20 });
          let buf = '';
          res.on('data', (c) => {
            buf += c;
            if (buf.includes('settings')) {
              req.destroy();
              resolve(buf);
            }
          });
        },
      );
      req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    expect(got).toContain('"type":"changed"');
  });
});

/**
 * scripts/electron-native.mjs: a failed Electron build (no headers to download) says so clearly and leaves
 * node_modules' Node build of better-sqlite3 exactly as it was; the ABI check tells the builds apart.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(__dirname, '../../..');
const script = join(repo, 'scripts', 'electron-native.mjs');
const nodeBuild = join(repo, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const electronVersion = JSON.parse(readFileSync(join(repo, 'node_modules', 'electron', 'package.json'), 'utf8')).version as string;
const electronAbi = Number(readFileSync(join(repo, 'node_modules', 'electron', 'abi_version'), 'utf8'));

let base: string;
let server: Server;
let headersUrl: string;
const requested: string[] = [];

function run(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [script, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' }, (error, stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'dyad-native-'));
  // A loopback "headers server" that has nothing: the build fails at once, as it does without internet.
  server = createServer((req, res) => {
    requested.push(req.url ?? '');
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  headersUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(base, { recursive: true, force: true });
});

describe('electron-native.mjs', () => {
  it("fails clearly when Electron's headers cannot be fetched, and leaves the Node build working", async () => {
    const before = { hash: digest(nodeBuild), mtime: statSync(nodeBuild).mtimeMs };
    const out = join(base, 'out');
    const r = await run([`--dist-url=${headersUrl}`, `--devdir=${join(base, 'gyp')}`, `--out-dir=${out}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Could not build better-sqlite3 for Electron ${electronVersion}`);
    expect(r.stderr).toContain(`could not download Electron's headers from ${headersUrl}`);
    expect(r.stderr).toContain('node_modules/better-sqlite3 (built for Node) was not touched');
    expect(requested.some((u) => u.includes(`v${electronVersion}`))).toBe(true);
    // Nothing half-made was left where the app would load it.
    expect(() => statSync(join(out, electronVersion, 'better_sqlite3.node'))).toThrow();
    expect({ hash: digest(nodeBuild), mtime: statSync(nodeBuild).mtimeMs }).toEqual(before);
    // And Node still loads it: tests, the command line and the server keep working.
    const check = await new Promise<string>((done) =>
      execFile(
        process.execPath,
        ['-e', "const D=require('better-sqlite3');const db=new D(':memory:');console.log(db.prepare('select sqlite_version() v').get().v)"],
        { cwd: repo, encoding: 'utf8' },
        (_e, stdout) => done(stdout.trim()),
      ),
    );
    expect(check).toMatch(/^3\.\d+\.\d+$/);
  }, 60_000);

  it(`accepts a build for Electron's ABI (${electronAbi}) and refuses the Node build`, async () => {
    const out = join(base, 'check');
    const target = join(out, electronVersion, 'better_sqlite3.node');
    mkdirSync(join(out, electronVersion), { recursive: true });
    // A stand-in carrying the registration symbol an addon built for Electron exports.
    writeFileSync(target, Buffer.from(`\x7fELF...node_register_module_v${electronAbi}\0...`, 'latin1'));
    const good = await run(['--check', `--out-dir=${out}`]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(`ABI ${electronAbi}`);

    writeFileSync(target, readFileSync(nodeBuild));
    const bad = await run(['--check', `--out-dir=${out}`]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`was built for Node (ABI ${process.versions.modules})`);
    // ensure (what npm start runs) refuses it too instead of handing it to Electron.
    const ensure = await run([`--out-dir=${out}`, `--dist-url=${headersUrl}`, `--devdir=${join(base, 'gyp')}`]);
    expect(ensure.code).toBe(1);
    expect(ensure.stderr).toContain('was built for Node');
  });

  it('ignores npm\'s nodedir setting, which would build for Node and call it Electron', async () => {
    const r = await run([`--dist-url=${headersUrl}`, `--devdir=${join(base, 'gyp2')}`, `--out-dir=${join(base, 'out2')}`], {
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
    });
    // With nodedir honoured node-gyp would not download anything and would compile against /usr's headers.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`could not download Electron's headers from ${headersUrl}`);
  }, 60_000);
});

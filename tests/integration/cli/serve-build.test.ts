/**
 * `dyad serve` on a checkout whose user interface is not built builds it first, saying so, and then serves it —
 * never a page that says it is missing. The checkout here is a stand-in (DYAD_APP_ROOT) whose build script
 * writes a small page, so the test does not wait for Vite.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoot } from '../../../electron/core/paths';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const bin = join(appRoot(), 'bin', 'dyad.js');

describe('dyad serve', () => {
  it('builds the interface first when the checkout has none, then serves it', async () => {
    const root = tmp.path('checkout');
    mkdirSync(join(root, 'scripts'), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'dyad' }));
    symlinkSync(join(appRoot(), 'migrations'), join(root, 'migrations'));
    // The stand-in build script: what `node scripts/build.mjs --renderer-only` leaves behind, and how it was called.
    writeFileSync(
      join(root, 'scripts', 'build.mjs'),
      `import { mkdirSync, writeFileSync } from 'node:fs';
       if (!process.argv.includes('--renderer-only')) process.exit(3);
       mkdirSync('build/renderer', { recursive: true });
       writeFileSync('build/renderer/index.html', '<!doctype html><title>stand-in interface</title>');
       console.log('built the stand-in');`,
    );
    const file = tmp.path('study.dyad');
    expect(spawnSync(process.execPath, [bin, 'new', file]).status).toBe(0);

    const child = spawn(process.execPath, [bin, 'serve', file], { env: { ...process.env, DYAD_APP_ROOT: root } });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('close', (c) => reject(new Error(`dyad serve ended (${c}): ${err}`)));
    });
    try {
      expect(err).toMatch(/The Dyad interface is not built yet in this checkout: building it first/);
      expect(err).toContain('built the stand-in');
      expect(existsSync(join(root, 'build', 'renderer', 'index.html'))).toBe(true);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('stand-in interface');
    } finally {
      child.kill('SIGINT');
      await new Promise((done) => child.on('close', done));
    }
  }, 120_000);
});

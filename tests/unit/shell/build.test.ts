import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames } from '../../../shared/api/contract';
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildElectron } from '../../../scripts/build.mjs';

let out: string;
let sizes: { main: number; preload: number };

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'dyad-build-'));
  sizes = await buildElectron({ outDir: out, log: () => {} });
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

function requiredModules(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]!))];
}

describe('build/electron/preload.cjs', () => {
  it('is one self-contained file that needs only electron (a sandboxed preload can require nothing else)', () => {
    const code = readFileSync(join(out, 'preload.cjs'), 'utf8');
    expect(requiredModules(code)).toEqual(['electron']);
    // The names-only stand-in for the contract keeps zod out.
    expect(code).not.toMatch(/zod|safeParse/);
    expect(sizes.preload).toBeLessThan(8 * 1024);
  });

  it('exposes window.dyad with every method of the contract and nothing of ipcRenderer', () => {
    const code = readFileSync(join(out, 'preload.cjs'), 'utf8');
    const exposed = new Map<string, unknown>();
    const invoked: unknown[][] = [];
    const ipcRenderer = {
      invoke: async (...args: unknown[]) => void invoked.push(args),
      on: () => {},
      removeListener: () => {},
    };
    const electron = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) }, ipcRenderer };
    const fakeRequire = (id: string) => {
      if (id === 'electron') return electron;
      throw new Error(`preload required ${id}`);
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)(fakeRequire, module, module.exports);
    expect([...exposed.keys()]).toEqual(['dyad']);
    const bridge = exposed.get('dyad') as { api: Record<string, (i: unknown) => Promise<unknown>> };
    expect(Object.keys(bridge.api).sort()).toEqual([...methodNames].sort());
    void bridge.api['project.info']!({});
    expect(invoked).toEqual([['dyad:call', 'project.info', {}]]);
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
  });
});

describe('build/electron/main.cjs', () => {
  it('loads only electron, better-sqlite3 and Node built-ins at run time', () => {
    const code = readFileSync(join(out, 'main.cjs'), 'utf8');
    // pg-native: pg's optional native binding, required only when a caller asks for it (Dyad never does); kept
    // external on purpose by scripts/build.mjs since the lab server's handlers joined the table.
    const allowed = new Set(['electron', 'better-sqlite3', 'pg-native', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(requiredModules(code).filter((m) => !allowed.has(m))).toEqual([]);
    expect(requiredModules(code)).toContain('electron');
    expect(requiredModules(code)).toContain('better-sqlite3');
  });

  it('has no import.meta left (CommonJS has none): paths.ts gets the bundle\'s own URL', () => {
    const code = readFileSync(join(out, 'main.cjs'), 'utf8');
    expect(code.replace(/__dyad_import_meta_url/g, '')).not.toContain('import.meta');
    expect(code.split('\n')[0]).toContain('pathToFileURL(__filename)');
  });
});

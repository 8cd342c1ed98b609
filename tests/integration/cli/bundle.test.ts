/**
 * The command line's start-up bundle (scripts/build.mjs → build/cli, run by bin/dyad.js): built from the sources,
 * split so that starting `dyad` loads neither the Word, Excel nor zip libraries, and ignored as soon as a source
 * changes (the sources then run through tsx, so a checkout never runs stale code).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { runCli } from '../../../electron/cli/main';
import { Project } from '../../../electron/core/project';
import { appRoot } from '../../../electron/core/paths';
import { methodNames } from '../../../shared/api/contract';

const root = appRoot();
const out = mkdtempSync(join(tmpdir(), 'dyad-cli-bundle-'));
const out_ = out;
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The files a module loads before running: its static imports, followed, not its dynamic import()s. */
function staticClosure(dir: string, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(join(dir, file), 'utf8');
  for (const m of text.matchAll(/^import\s*(?:[^'"]*?from\s*)?"(\.\/[^"]+)"/gm)) {
    const next = join(file, '..', m[1]!);
    staticClosure(dir, next, seen);
  }
  return seen;
}

describe('the command line bundle', () => {
  beforeAll(async () => {
    const { buildCli } = (await import(join(root, 'scripts', 'build.mjs'))) as { buildCli: (o: { log: () => void; outDir: string }) => Promise<unknown> };
    await buildCli({ log: () => {}, outDir: join(out, 'cli') });
  }, 120_000);

  it('records the sources it was built from, not the packages', () => {
    const { inputs } = JSON.parse(readFileSync(join(out, 'cli', 'cli.json'), 'utf8')) as { inputs: Record<string, [number, number]> };
    expect(Object.keys(inputs)).toContain('electron/cli/main.ts');
    expect(Object.keys(inputs)).toContain('electron/api/local.ts');
    expect(Object.keys(inputs).some((f) => f.includes('node_modules'))).toBe(false);
    const [size] = inputs['electron/cli/main.ts']!;
    expect(size).toBe(statSync(join(root, 'electron', 'cli', 'main.ts')).size);
  });

  it('starts without loading Word, Excel, zip or encoding libraries; opening a project loads the handler table only', () => {
    const dir = join(out, 'cli');
    const atStart = staticClosure(dir, 'main.mjs');
    const main = readFileSync(join(dir, 'main.mjs'), 'utf8');
    const local = readdirSync(join(dir, 'chunks')).find((f) => f.startsWith('local-'))!;
    expect(main).toContain(`import("./chunks/${local}")`);
    const onOpen = staticClosure(dir, join('chunks', local));
    const text = (files: Set<string>) => [...files].map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(text(atStart)).not.toMatch(/node_modules\/zod\//);
    // The contract's schemas are built per group, on first use.
    expect(text(onOpen)).not.toContain('// shared/api/contract.ts');
    const opened = text(onOpen);
    for (const heavy of ['docx', 'exceljs', 'mammoth', 'yauzl', 'iconv-lite', 'chardet', 'jszip', 'saxes']) expect(opened, heavy).not.toContain(`// node_modules/${heavy}/`);
    expect(opened).toContain('// electron/api/handlers.ts');
    // …and they are in the bundle, for the commands that use them.
    const all = readdirSync(join(dir, 'chunks')).map((f) => readFileSync(join(dir, 'chunks', f), 'utf8')).join('\n');
    expect(all).toContain('// node_modules/docx/');
    expect(all).toContain('// node_modules/exceljs/');
  });

  it('bin/dyad.js runs the bundle while it is current, and the sources once a source changed', () => {
    const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--cli-only'], { encoding: 'utf8' });
    expect(built.status).toBe(0);
    const run = () => spawnSync(process.execPath, [join(root, 'bin', 'dyad.js'), 'help', 'list'], { encoding: 'utf8', env: { ...process.env, DYAD_CLI_TRACE: '1' } });
    const fast = run();
    expect(fast.status).toBe(0);
    expect(fast.stderr).toBe('dyad: running the bundle in build/cli\n');
    expect(fast.stdout).toMatch(/^dyad list — /);
    const source = join(root, 'electron', 'cli', 'spec.ts');
    const st = statSync(source);
    utimesSync(source, st.atimeMs / 1000, (st.mtimeMs + 5000) / 1000);
    try {
      const slow = run();
      expect(slow.stderr).toBe('dyad: running the sources through tsx\n');
      expect(slow.stdout).toBe(fast.stdout);
    } finally {
      utimesSync(source, st.atimeMs / 1000, st.mtimeMs / 1000);
    }
    expect(run().stderr).toBe('dyad: running the bundle in build/cli\n');
  }, 120_000);

  it('builds the contract group by group, answering as the real contract does', async () => {
    const bundled = spawnSync(process.execPath, [join(root, 'bin', 'dyad.js'), 'call', '--list'], { encoding: 'utf8', env: { ...process.env, DYAD_CLI_TRACE: '1' } });
    expect(bundled.stderr).toBe('dyad: running the bundle in build/cli\n');
    let out = '';
    await runCli(['call', '--list'], { out: (t) => (out += `${t}\n`), err: () => {} });
    expect(bundled.stdout).toBe(out);
    expect(out.split('\n').filter(Boolean)).toHaveLength(methodNames.length);
    const file = join(out_, 'lazy.dyad');
    expect(spawnSync(process.execPath, [join(root, 'bin', 'dyad.js'), 'new', file]).status).toBe(0);
    const bad = spawnSync(process.execPath, [join(root, 'bin', 'dyad.js'), 'call', file, 'codes.create', '--input', '{"name":""}'], { encoding: 'utf8' });
    expect(bad.stderr).toBe('dyad call: Invalid input for codes.create at name: A code needs a name\n');
  }, 120_000);

  it('carries the import worker as an entry of its own, which parses a transcript with a marker pattern off the main thread', async () => {
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(join(out, 'cli', 'import-worker.mjs'));
    try {
      const answer = new Promise<any>((resolve, reject) => (worker.once('message', resolve), worker.once('error', reject)));
      const text = 'I: {t=0:01:05} What was happening for you there?\n\nC: I felt she was far away.\n';
      worker.postMessage({ job: 1, name: 'D3_S1_client.txt', bytes: Buffer.from(text), customMarkerPatterns: ['\\{t=(\\d+:\\d{2}:\\d{2})\\}'] });
      const m = await answer;
      expect(m.ok).toBe(true);
      expect(m.staged.parsed.turns.map((t: { speaker: string }) => t.speaker)).toEqual(['I', 'C']);
      expect(m.staged.parsed.moments.map((x: { sessionTime: number }) => x.sessionTime)).toEqual([65]);
      expect(m.staged.speakerRoles).toEqual({ I: 'interviewer', C: 'participant' });
    } finally {
      await worker.terminate();
    }
  });

  it("carries the lab server's base worker, which cleans a replica's copy into the published project off the main thread", async () => {
    const { Worker } = await import('node:worker_threads');
    const file = join(out, 'replica-copy.dyad');
    const p = Project.open(file, { create: true });
    p.db.prepare("INSERT INTO team_replica (id, project_id, server, schema_name, member, last_seq) VALUES (1, 'p', 'postgres://lab', 's', 'lea', 7)").run();
    p.close();
    // The native module is outside the bundle, loaded from node_modules as an installed `dyad` has it.
    if (!existsSync(join(out, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'));
    const worker = new Worker(join(out, 'cli', 'base-worker.mjs'));
    try {
      const answer = new Promise<any>((resolve, reject) => (worker.once('message', resolve), worker.once('error', reject)));
      worker.postMessage({ path: file });
      expect(await answer).toEqual({ ok: true, facts: { seq: 7, ownChanges: false } });
    } finally {
      await worker.terminate();
    }
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM team_replica').pluck().get()).toBe(0);
    copy.close();
  });
});

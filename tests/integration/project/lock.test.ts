import { linkSync, readdirSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DyadError } from '../../../shared/api/errors';
import { openForReading, Project } from '../../../electron/core/project';
import { callApi } from '../../helpers/api';
import { tempDir } from '../../helpers/tmp';
import { startChild, type Child } from './children';

const tmp = tempDir();
const holder = join(__dirname, 'holder.ts');
let a: Child;
let b: Child;

beforeAll(async () => {
  a = startChild(holder);
  b = startChild(holder);
  expect(await a.next()).toBe('ready');
  expect(await b.next()).toBe('ready');
}, 30_000);
afterAll(async () => {
  a.proc.kill();
  b.proc.kill();
  tmp.cleanup();
});

const dyadCount = (p: Project) => (p.db.prepare('SELECT count(*) AS n FROM dyads').get() as { n: number }).n;

describe('one writer per project file, whatever its name', () => {
  it('refuses the same file through a hard link and a symbolic link while another process has it', async () => {
    const file = tmp.path('linked.dyad');
    Project.open(file, { create: true }).close();
    linkSync(file, tmp.path('hard.dyad'));
    symlinkSync(file, tmp.path('soft.dyad'));
    expect(await a.ask('open', file)).toBe('won');
    for (const name of [file, tmp.path('hard.dyad'), tmp.path('soft.dyad')]) {
      const answer = await b.ask('open', name, '50');
      expect(answer).toMatch(/^lost locked /);
      expect(answer).toContain(name);
    }
    // Under its own name the note says who: the other process.
    expect(await b.ask('open', file, '50')).toContain(`process ${a.proc.pid}`);
    // In this process too, through each name.
    for (const name of [tmp.path('hard.dyad'), tmp.path('soft.dyad')]) expect(() => Project.open(name, { lockWaitMs: 50 })).toThrow(/already open/);
    expect(await a.ask('add', '', 'one')).toBe('added');
    expect(await a.ask('close')).toBe('closed');
    // Free again through the hard link; what the first writer saved is there.
    const p = Project.open(tmp.path('hard.dyad'));
    expect(dyadCount(p)).toBe(1);
    expect(p.db.pragma('integrity_check', { simple: true })).toBe('ok');
    p.close();
  });

  it('in 200 rounds of two processes reaching for the same file at once, exactly one wins each time', async () => {
    const file = tmp.path('race.dyad');
    Project.open(file, { create: true }).close();
    const rounds = Number(process.env.DYAD_LOCK_ROUNDS ?? 200);
    const tally = { one: 0, none: 0, both: 0 };
    for (let i = 0; i < rounds; i++) {
      const [ra, rb] = await Promise.all([a.ask('open', file, '40'), b.ask('open', file, '40')]);
      const winners = [ra, rb].filter((r) => r === 'won').length;
      if (winners === 1) tally.one++;
      else if (winners === 0) tally.none++;
      else tally.both++;
      for (const [r, c] of [[ra, a], [rb, b]] as const) {
        if (r === 'won') expect(await c.ask('close')).toBe('closed');
        else expect(r).toMatch(/^lost locked /);
      }
    }
    expect(tally).toEqual({ one: rounds, none: 0, both: 0 });
  }, 120_000);

  it('a Dyad killed while holding a project leaves nothing that blocks the next one', async () => {
    const file = tmp.path('killed.dyad');
    Project.open(file, { create: true }).close();
    const c = startChild(holder);
    expect(await c.next()).toBe('ready');
    expect(await c.ask('open', file)).toBe('won');
    expect(await c.ask('add', '', 'saved before the crash')).toBe('added');
    c.proc.kill('SIGKILL');
    await c.exited;
    expect(existsSync(`${file}.lock`)).toBe(true); // the note is left, but it is not the lock
    const p = Project.open(file);
    expect(dyadCount(p)).toBe(1);
    p.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  }, 30_000);

  it('takes over a note naming a live process that does not hold the file, and refuses one naming another computer', () => {
    const file = tmp.path('noted.dyad');
    Project.open(file, { create: true }).close();
    // Process 1 is alive but is not a Dyad holding this file: the real lock is free, so the note is stale.
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 1, host: hostname(), since: 'then' }));
    Project.open(file).close();
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 4242, host: 'field-laptop', since: 'Tuesday' }));
    let error: unknown;
    try {
      Project.open(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DyadError);
    expect((error as DyadError).kind).toBe('locked');
    expect((error as DyadError).message).toContain('field-laptop');
    expect((error as DyadError).message).toContain(`delete ${file}.lock`);
    expect(existsSync(`${file}.lock`)).toBe(true);
  });
});

describe('reading a project open in another Dyad', () => {
  it('reads a consistent snapshot, says so, and refuses writes', async () => {
    const file = tmp.path('busy.dyad');
    Project.open(file, { create: true }).close();
    expect(await a.ask('open', file)).toBe('won');
    for (let i = 0; i < 3; i++) expect(await a.ask('add', '', `d${i}`)).toBe('added');
    const { project, note } = openForReading(file);
    expect(note).toBe(`note: ${file} is open in another Dyad (pid ${a.proc.pid}); reading a snapshot`);
    expect(project.readOnly).toBe(true);
    expect(dyadCount(project)).toBe(3);
    expect(() => project.assertWritable()).toThrow(/read-only/);
    // Through the API: reading calls answer from the snapshot, writing calls are refused before they run.
    expect((await callApi<unknown[]>(project, 'dyads.list', {})).length).toBe(3);
    await expect(callApi(project, 'memos.create', { targetKind: 'project', text: 'a note' })).rejects.toMatchObject({ kind: 'locked', message: expect.stringMatching(/read-only/) });
    expect(() => project.updateSettings({ fileNamePattern: '' })).toThrow(DyadError);
    expect(() => project.db.prepare("INSERT INTO dyads (id, name, attributes, created_at) VALUES ('x', 'x', '{}', 'now')").run()).toThrow();
    project.close();
    // The snapshot was a private copy, removed on close; the writer goes on undisturbed.
    expect(await a.ask('add', '', 'd3')).toBe('added');
    // Another process reads it while it is being written.
    expect(await b.ask('read', file)).toBe(`read 4 note: ${file} is open in another Dyad (pid ${a.proc.pid}); reading a snapshot`);
    expect(await a.ask('close')).toBe('closed');
    expect(await b.ask('read', file)).toBe('read 4 ');
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('busy.dyad'))).toEqual(['busy.dyad']);
  }, 30_000);
});

/**
 * Reading while someone writes (issue 12, item 2), through the real `dyad` command line: while another Dyad holds
 * a project open, the reading commands answer from a consistent snapshot and say so on stderr; the writing ones
 * are refused as locked, naming the other Dyad, and change nothing.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../../../electron/core/paths';
import { tempDir } from '../../helpers/tmp';
import { type Child, startChild } from '../project/children';

const tmp = tempDir();
const bin = join(appRoot(), 'bin', 'dyad.js');
const file = tmp.path('study.dyad');
const dyad = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
let other: Child;

beforeAll(async () => {
  expect(dyad('new', file).status).toBe(0);
  const transcript = tmp.path('D04_S1_client.txt');
  copyFileSync(join(appRoot(), 'tests/fixtures/import/D04_S1_client.txt'), transcript);
  expect(dyad('import', file, transcript).status).toBe(0);
  const interview = JSON.parse(dyad('list', file, '--json').stdout).dyads[0].sessions[0].interviews[0].id as string;
  expect(dyad('code', file, '--interview', interview, '--start', '0', '--end', '20', '--code', 'Shame', '--coder', 'Ana', '--create').status).toBe(0);
  other = startChild(join(appRoot(), 'tests/integration/project/holder.ts'));
  expect(await other.next()).toBe('ready');
  expect(await other.ask('open', file)).toBe('won');
}, 120_000);

afterAll(async () => {
  await other?.ask('exit').catch(() => undefined);
  tmp.cleanup();
});

describe('a project open in another Dyad', () => {
  it('is listed, searched and retrieved from a snapshot, saying so', () => {
    const list = dyad('list', file, '--json');
    expect(list.status).toBe(0);
    expect(list.stderr).toMatch(/note: .*study\.dyad is open in another Dyad \(pid \d+\); reading a snapshot/);
    expect(JSON.parse(list.stdout).dyads.map((d: { name: string }) => d.name)).toEqual(['4']);

    const retrieve = dyad('retrieve', file, '--code', 'Shame', '--json');
    expect(retrieve.status).toBe(0);
    expect(retrieve.stderr).toMatch(/reading a snapshot/);
    expect(JSON.parse(retrieve.stdout).excerpts).toHaveLength(1);

    const search = dyad('search', file, 'video', '--json');
    expect(search.status).toBe(0);
    expect(search.stderr).toMatch(/reading a snapshot/);
  }, 60_000);

  it('refuses a write, naming the other Dyad, and leaves the project as it was', () => {
    const before = JSON.parse(dyad('list', file, '--json').stdout);
    const interview = before.dyads[0].sessions[0].interviews[0].id as string;
    const code = dyad('code', file, '--interview', interview, '--start', '30', '--end', '60', '--code', 'Shame', '--coder', 'Ana');
    expect(code.status).toBe(1);
    expect(code.stderr).toMatch(/open in another Dyad|in use/i);
    const retrieve = JSON.parse(dyad('retrieve', file, '--code', 'Shame', '--json').stdout);
    expect(retrieve.excerpts).toHaveLength(1);
  }, 60_000);
});

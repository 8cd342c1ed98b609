import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { appRoot } from '../../../electron/core/paths';
import { openFixture, seed, spanOf, textOf, type Fixture } from './fixture';
import { dyad } from '../../helpers/cli';

let fx: Fixture;
let look: { start: number; end: number };
beforeEach(() => {
  fx = openFixture();
  seed(fx);
  look = spanOf(fx.db, fx.clientId, 'I felt small');
  fx.project.close(); // the command line opens the file itself
});
afterEach(() => fx.close());


describe('dyad code', () => {
  it('codes a passage by code path, as the named coder, undoably', async () => {
    const r = await dyad('code', fx.path, '--interview', fx.clientId, '--start', String(look.start), '--end', String(look.end), '--code', 'Rupture/Withdrawal', '--coder', 'Eve', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ created: true, coding: { ...look, codePath: 'Rupture/Withdrawal', coderName: 'Eve' } });
    fx.reopen();
    expect(C.undoState(fx.db).undoLabel).toBe("Code passage as 'Withdrawal'");
    expect(C.codingsForInterview(fx.db, fx.clientId, { codeId: out.coding.codeId }).map((c) => c.coderName)).toContain('Eve');
    fx.project.close();
  });

  it('takes the interview by file name, says what it coded, and does not code twice', async () => {
    const args = ['code', fx.path, '--interview', 'D07_S1_client.txt', '--start', String(look.start), '--end', String(look.end), '--code', 'shame', '--coder', 'Ana'];
    const first = await dyad(...args);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Coded \d+–\d+ of D07_S1_client\.txt as "Shame" \(coder Ana\): "I felt small"/);
    expect((await dyad(...args)).out).toMatch(/^Already coded/);
  });

  it('falls back to the login name for the coder', async () => {
    const r = await dyad('code', fx.path, '--interview', fx.clientId, '--start', '0', '--end', '5', '--code', 'Repair', '--json');
    expect(JSON.parse(r.out).coding.coderName).toBe(process.env.USER ?? process.env.USERNAME ?? userInfo().username);
  });

  it('refuses a code path that does not exist unless --create', async () => {
    const args = ['code', fx.path, '--interview', fx.clientId, '--start', '0', '--end', '5', '--code', 'Rupture/Silence', '--coder', 'Ana'];
    const r = await dyad(...args);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`dyad code: ${fx.path}: No code "Silence" under "Rupture" in codebook "Codebook".\n`);
    const made = await dyad(...args, '--create', '--json');
    expect(made.code).toBe(0);
    expect(JSON.parse(made.out).coding.codePath).toBe('Rupture/Silence');
  });

  it('refuses bad offsets and missing arguments with usage', async () => {
    const out = await dyad('code', fx.path, '--interview', fx.clientId, '--start', 'ten', '--end', '5', '--code', 'Repair');
    expect(out.code).toBe(2);
    expect(out.err).toMatch(/--start needs a whole number/);
    expect((await dyad('code', fx.path, '--code', 'Repair')).code).toBe(2);
    const past = await dyad('code', fx.path, '--interview', fx.clientId, '--start', '0', '--end', '999999', '--code', 'Repair', '--coder', 'Ana');
    expect(past.code).toBe(1);
    expect(past.err).toMatch(/not within D07_S1_client\.txt/);
    expect((await dyad('code', fx.path, '--interview', 'nope.txt', '--start', '0', '--end', '5', '--code', 'Repair')).err).toMatch(/has no interview nope\.txt/);
  });
});

describe('dyad codebook', () => {
  it('--json gives the whole tree with definitions and counts', async () => {
    const r = await dyad('codebook', fx.path, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.project).toBe('study');
    const [book] = out.codebooks;
    expect(book).toMatchObject({ name: 'Codebook', codeCount: 6, codingCount: 9 });
    expect(book.codes[0]).toMatchObject({
      name: 'Rupture',
      definition: 'A strain in the alliance',
      shortcut: '1',
      totalCodingCount: 3,
      children: [{ name: 'Withdrawal', inclusion: 'Moving away from the other', codingCount: 2 }, { name: 'Confrontation', codingCount: 1 }],
    });
  });

  it('prints the tree for reading', async () => {
    const r = await dyad('codebook', fx.path);
    expect(r.out).toContain('Codebook "Codebook" — 6 codes, 9 codings');
    expect(r.out).toMatch(/^ {2}Rupture {2}#[0-9A-F]{6} {2}key 1 {2}— 3 codings \(0 on this code\)$/m);
    expect(r.out).toMatch(/^ {4}Withdrawal .*— 2 codings\n {8}include: Moving away from the other$/m);
    expect((await dyad('codebook', fx.path, '--codebook', 'Nope')).err).toMatch(/no codebook "Nope"/);
  });
});

describe('npx dyad', () => {
  it('runs the coding commands as a separate process', () => {
    const bin = join(appRoot(), 'bin', 'dyad.js');
    const coded = spawnSync(process.execPath, [bin, 'code', fx.path, '--interview', fx.therapistId, '--start', '0', '--end', '4', '--code', 'Repair', '--coder', 'Ana', '--json'], {
      encoding: 'utf8',
    });
    expect(coded.stderr).toBe('');
    expect(coded.status).toBe(0);
    expect(JSON.parse(coded.stdout).coding).toMatchObject({ start: 0, end: 4, codeName: 'Repair' });
    const book = spawnSync(process.execPath, [bin, 'codebook', fx.path, '--json'], { encoding: 'utf8' });
    expect(book.status).toBe(0);
    expect(JSON.parse(book.stdout).codebooks[0].codingCount).toBe(10);
    fx.reopen();
    expect(textOf(fx.db, fx.therapistId).slice(0, 4)).toBe('[vid');
    fx.project.close();
  });
});

/**
 * No clinical text left behind: a Dyad killed (kill -9) in the middle of an export or of reading a coder's copy for
 * a merge leaves temporary files, which the next start sweeps away; while they exist they are the user's alone.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/core/project';
import { sweepScratchDirs } from '../../../electron/core/scratch';
import { tempDir } from '../../helpers/tmp';
import { startChild } from '../project/children';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const worker = join(__dirname, 'worker.ts');
const scratchOf = (pid: number) => readdirSync(tmpdir()).filter((f) => f.startsWith(`dyad-scratch-${pid}-`));

async function waitFor(check: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe('temporary files after a crash', () => {
  it('an export killed mid-write leaves a user-only temporary file that the next start removes', async () => {
    const out = tmp.path('exports');
    mkdirSync(out);
    const target = join(out, 'excerpts.md');
    const child = startChild(worker, ['export', target]);
    expect(await child.next()).toBe('writing');
    const temps = readdirSync(out);
    expect(temps).toHaveLength(1);
    expect(temps[0]).toMatch(new RegExp(`^\\.excerpts\\.md\\.dyad-${child.proc.pid}-[0-9a-f]+\\.tmp$`));
    expect(statSync(join(out, temps[0]!)).mode & 0o777).toBe(0o600);
    child.proc.kill('SIGKILL');
    await child.exited;
    expect(readdirSync(out)).toHaveLength(1); // what the crash left
    // The next start: opening any project sweeps what dead Dyads left.
    Project.open(tmp.path('next.dyad'), { create: true }).close();
    expect(readdirSync(out)).toEqual([]);
    expect(existsSync(target)).toBe(false);
    expect(scratchOf(child.proc.pid!)).toEqual([]);
  }, 30_000);

  it("a merge killed while reading a coder's copy leaves a private folder that the next start removes", async () => {
    const coder = tmp.path('coder.dyad');
    const p = Project.open(coder, { create: true });
    const memo = 'The client said she felt judged. '.repeat(20_000);
    p.db.prepare("INSERT INTO memos (id, target_kind, target_id, title, text, created_at, updated_at) VALUES ('m1', 'project', '', 'notes', ?, 'now', 'now')").run(memo);
    p.close();
    const into = tmp.path('into.dyad');
    Project.open(into, { create: true }).close();
    const child = startChild(worker, ['merge', coder, into]);
    const pid = child.proc.pid!;
    await waitFor(() => scratchOf(pid).some((f) => f.includes('-merge-')));
    child.proc.kill('SIGKILL');
    await child.exited;
    const left = scratchOf(pid);
    expect(left.length).toBeGreaterThan(0);
    for (const d of left) expect(statSync(join(tmpdir(), d)).mode & 0o777).toBe(0o700);
    sweepScratchDirs();
    expect(scratchOf(pid)).toEqual([]);
  }, 30_000);
});

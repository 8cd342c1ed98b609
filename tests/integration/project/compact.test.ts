/**
 * Compacting the project file (issue 17, item 5): after removals, the file says how much of it is free space, and
 * compacting gives that back without changing a row, the search index or what Undo can do.
 */
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { insertInterview } from '../../../electron/core/interviews';
import { Project } from '../../../electron/core/project';
import { callApi } from '../../helpers/api';
import { dyad, dyadJson } from '../../helpers/cli';
import { everything } from '../../helpers/everything';
import { buildTranscript, CLIENT_LINES, type Fixture, openFixture, type Line } from '../coding/fixture';

let fx: Fixture;
afterEach(() => fx?.close());

const call = <T = any>(method: string, input: unknown = {}) => callApi<T>(fx.project, method, input);

/** Sixty more sessions, each a long client interview of its own words (so that the search index has many terms). */
function addSessions(n: number): string[] {
  const lines = (k: number): Line[] =>
    Array.from({ length: 100 }, (_, i) => ({ speaker: i % 2 ? 'C' : 'I', text: `${CLIENT_LINES.map((l) => ('text' in l ? l.text : '')).join(' ')} word${k}x${i} ` }));
  return fx.db.transaction(() =>
    Array.from({ length: n }, (_, k) =>
      insertInterview(fx.db, `D${100 + k}_S1_client.txt`, buildTranscript(lines(k)), { dyad: String(100 + k), session: 1, role: 'client', speakerRoles: { I: 'interviewer', C: 'participant' } }),
    ),
  )();
}

describe('compacting the project file', () => {
  it('offers nothing on a fresh project, then, after removals, gives the free space back and changes no row', async () => {
    fx = openFixture();
    const ids = addSessions(60);
    const fresh = (await call('project.info')).disk;
    expect(fresh.bytes).toBeGreaterThan(0);
    expect(fresh.worthCompacting).toBe(false);

    for (const id of ids.slice(0, 50)) await call('interviews.delete', { interviewId: id });
    const removed = everything(fx.db);
    const { disk } = await call('project.info');
    expect(disk.reclaimableBytes, JSON.stringify(disk)).toBeGreaterThan(disk.bytes / 10);
    expect(disk.worthCompacting).toBe(true);

    const done = await call('project.compact');
    expect(done.before).toBe(disk.bytes);
    expect(done.after).toBeLessThan(done.before - disk.reclaimableBytes / 2);
    // What the researcher sees: the same rows (rowids too), the same index, the file as small as it says.
    expect(everything(fx.db)).toEqual(removed);
    expect(statSync(fx.path).size).toBe(done.after);
    const after = (await call('project.info')).disk;
    expect(after).toMatchObject({ bytes: done.after, reclaimableBytes: 0, worthCompacting: false });
    const hits = (await call('search.text', { query: 'word55x3' })).hits;
    expect(hits.map((h: { interviewId: string }) => h.interviewId)).toEqual([ids[55]]);
    expect((await call('search.text', { query: 'word5x3' })).hits).toEqual([]);

    // Undo still takes back the last removal, search index included, and the file reopens as it was left.
    await call('undo.undo');
    expect((await call('search.text', { query: 'word49x3' })).hits.map((h: { interviewId: string }) => h.interviewId)).toEqual([ids[49]]);
    const undone = everything(fx.db);
    fx.reopen();
    expect(everything(fx.db)).toEqual(undone);
  });

  it('is refused on a read-only copy, and leaves the project as it was', async () => {
    fx = openFixture();
    addSessions(3);
    fx.project.close();
    const snapshot = Project.open(fx.path, { readOnly: true });
    try {
      await expect(callApi(snapshot, 'project.compact', {})).rejects.toMatchObject({ kind: 'locked' });
    } finally {
      snapshot.close();
    }
    fx.project = Project.open(fx.path);
    fx.db = fx.project.db;
    expect((await call('dyads.list')).length).toBe(4);
  });

  it('`dyad compact --check` says what it would give back; `dyad compact` does it and says the sizes', async () => {
    fx = openFixture();
    const ids = addSessions(60);
    for (const id of ids.slice(0, 50)) await call('interviews.delete', { interviewId: id });
    fx.project.close();
    const check = await dyad('compact', fx.path, '--check');
    expect(check.code).toBe(0);
    expect(check.out).toMatch(/: \d+\.\d MB on disk, \d+\.\d MB of it free space\.\nWorth compacting: dyad compact /);
    const before = statSync(fx.path).size;
    const done = await dyadJson('compact', fx.path);
    expect(done.after).toBeLessThan(done.before);
    expect(statSync(fx.path).size).toBe(done.after);
    expect(statSync(fx.path).size).toBeLessThan(before);
    expect((await dyad('compact', fx.path, '--check')).out).toContain('Not worth compacting now.');
    const plain = await dyad('compact', fx.path);
    expect(plain.out).toMatch(/^Compacted .*: \d+\.\d MB → \d+\.\d MB in \d+\.\d s\.\n$/);
    fx.project = Project.open(fx.path);
    fx.db = fx.project.db;
  });
});

import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { ensureCoder } from '../../../electron/core/coding/coders';
import { copyInSteps } from '../../../electron/core/copyInSteps';
import { Project } from '../../../electron/core/project';
import { makeStudy, type Study } from '../team/fixture';

let study: Study;
let project: Project | null = null;
beforeAll(() => (study = makeStudy()));
afterEach(() => {
  if (project?.db.open) project.close();
  project = null;
});
afterAll(() => study.cleanup());

/**
 * A replica as a lab member has it: locked (EXCLUSIVE, as the app opens it), standing at operation 0, with `n`
 * codings already in it and `mb` MB of other content (a long memo's worth) so that the copy takes many steps.
 */
function replica(name: string, n: number, mb: number) {
  project = Project.open(study.copy(name));
  const db = project.db;
  const coder = ensureCoder(db, 'Ana').id;
  const codeId = C.findCodeByPath(db, null, 'Shame')!.id;
  db.prepare("INSERT INTO team_replica (id, project_id, server, schema_name, member, last_seq, applying) VALUES (1, 'p', 'postgres://lab', 's', 'ana', 0, 1)").run();
  const insert = db.prepare('INSERT INTO codings (id, interview_id, code_id, coder_id, start, "end", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(randomUUID(), study.clientId, codeId, coder, i, i + 5 + (i % 7), 'before');
    for (let i = 0; i < mb; i++) db.prepare('INSERT INTO project_settings (key, value) VALUES (?, ?)').run(`test.padding.${i}`, JSON.stringify(randomBytes(786_432).toString('base64')));
  })();
  /** One operation arriving from the server: its coding and the sequence it brings the replica to, together. */
  const pull = () =>
    db.transaction(() => {
      const seq = (db.prepare('SELECT last_seq FROM team_replica').get() as { last_seq: number }).last_seq + 1;
      insert.run(randomUUID(), study.clientId, codeId, coder, 100_000 + seq, 100_005 + seq, 'pulled');
      db.prepare('UPDATE team_replica SET last_seq = ?').run(seq);
    })();
  return { db, pull, insert, coder, codeId };
}

const pulledIn = (file: string) => {
  const copy = new Database(file, { readonly: true });
  try {
    return {
      lastSeq: (copy.prepare('SELECT last_seq FROM team_replica').get() as { last_seq: number }).last_seq,
      pulled: copy.prepare("SELECT count(*) FROM codings WHERE created_at = 'pulled'").pluck().get() as number,
      before: copy.prepare("SELECT count(*) FROM codings WHERE created_at = 'before'").pluck().get() as number,
      integrity: copy.pragma('integrity_check', { simple: true }),
    };
  } finally {
    copy.close();
  }
};

describe('a copy of an open project in steps (the re-published base, the backup before a merge)', () => {
  it('is one consistent moment while the same connection keeps writing: its last operation matches its codings', async () => {
    const { db, pull } = replica('steady.dyad', 5_000, 24);
    const to = study.path('steady-copy.dyad');
    let copying = true;
    let steps = 0;
    let pulledDuring = 0;
    // Operations arriving between the copy's steps, as live updates do; and a change rolled back half-way, which
    // SQLite answers by starting the copy again.
    const arrive = () => {
      if (!copying) return;
      pull();
      pulledDuring++;
      if (pulledDuring === 5) {
        expect(() =>
          db.transaction(() => {
            db.prepare("UPDATE codings SET created_at = 'rolled back' WHERE created_at = 'before'").run();
            throw new Error('given up');
          })(),
        ).toThrow('given up');
      }
      setImmediate(arrive);
    };
    setImmediate(arrive);
    await copyInSteps(db, to, { progress: () => steps++ });
    copying = false;
    expect(steps).toBeGreaterThan(5);
    expect(pulledDuring).toBeGreaterThan(5);
    const copy = pulledIn(to);
    expect(copy.integrity).toBe('ok');
    expect(copy.before).toBe(5_000);
    // Every operation the copy says it has is in it, and none more; the ones that arrived while it was made, too.
    expect(copy.pulled).toBe(copy.lastSeq);
    expect(copy.lastSeq).toBeGreaterThan(0);
    expect(copy.lastSeq).toBeLessThanOrEqual(pulledDuring);
    // The project itself goes on: it stands where the last operation left it.
    expect(db.prepare("SELECT count(*) FROM codings WHERE created_at = 'pulled'").pluck().get()).toBe(pulledDuring);
  });

  it('holds the thread for a short step only, on a project of 64 MB', async () => {
    const { db } = replica('steps.dyad', 5_000, 64);
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const t = performance.now();
      longest = Math.max(longest, t - last);
      last = t;
    }, 1);
    const t0 = performance.now();
    await copyInSteps(db, study.path('steps-copy.dyad'));
    const ms = performance.now() - t0;
    clearInterval(timer);
    // A shared machine can hold any thread up; the whole copy in one go (as VACUUM INTO did) would hold it for `ms`.
    expect(longest).toBeLessThan(Math.max(60, ms / 3));
    expect(pulledIn(study.path('steps-copy.dyad')).before).toBe(5_000);
  });

  it('cancelled, or cut short by the project being closed, leaves no file and says why', async () => {
    const { db } = replica('cut.dyad', 1_000, 8);
    const stop = new AbortController();
    const cancelled = study.path('cancelled-copy.dyad');
    const copying = copyInSteps(db, cancelled, { signal: stop.signal, progress: (done) => done > 0 && stop.abort() });
    await expect(copying).rejects.toMatchObject({ kind: 'cancelled' });
    expect(existsSync(cancelled)).toBe(false);

    const closed = study.path('closed-copy.dyad');
    const cut = copyInSteps(db, closed, { progress: (done) => done > 0 && project!.close() });
    await expect(cut).rejects.toMatchObject({ kind: 'io', message: expect.stringContaining(closed) });
    expect(existsSync(closed)).toBe(false);
  });
});

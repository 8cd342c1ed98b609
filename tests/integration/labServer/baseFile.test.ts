/**
 * The published project's file, made from a lead's replica while the app goes on (base.ts withBaseFile): no server
 * needed, the copy and its cleaning are local.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { setCurrentCoder } from '../../../electron/core/coding/coders';
import { Project } from '../../../electron/core/project';
import { withBaseFile } from '../../../electron/labServer/base';
import { cleanBaseCopy } from '../../../electron/labServer/cleanBase';
import { makeStudy, type Study } from '../team/fixture';

let study: Study;
let project: Project | null = null;
beforeAll(() => (study = makeStudy()));
afterEach(() => {
  if (project?.db.open) project.close();
  project = null;
});
afterAll(() => study.cleanup());

/** A lead's replica standing at operation 42, with a code not yet sent, an undo history and a current coder. */
function leadReplica(name: string, paddingMb = 0) {
  project = Project.open(study.copy(name));
  const db = project.db;
  db.prepare("INSERT INTO team_replica (id, project_id, server, schema_name, member, last_seq) VALUES (1, 'p', 'postgres://lab', 's', 'lea', 42)").run();
  setCurrentCoder(db, 'Lea');
  C.createCode(db, { name: 'Relief', color: '#33AA55' });
  // The size of a real study, in a few rows (the copy and its cleaning do not care what the pages hold).
  const pad = db.prepare('INSERT INTO project_settings (key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < paddingMb; i++) pad.run(`test.padding.${i}`, JSON.stringify(randomBytes(786_432).toString('base64')));
  })();
  return db;
}

const count = (db: Database.Database, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('the published project made from a lead replica (withBaseFile)', () => {
  it("is the project without the replica's own: no undo history, outbox, place on the server or current coder", async () => {
    const db = leadReplica('lead.dyad');
    let scratch = '';
    const seen = await withBaseFile(db, async (copy) => {
      scratch = dirname(copy.path);
      // One file: nothing of it waits in a log beside it.
      expect(readdirSync(scratch)).toEqual(['base.dyad']);
      const base = new Database(copy.path, { readonly: true });
      try {
        for (const table of ['undo_log', 'undo_steps', 'team_outbox', 'team_refused', 'team_replica']) expect(count(base, table), table).toBe(0);
        expect(base.prepare("SELECT count(*) FROM project_settings WHERE key LIKE '%coder%'").pluck().get()).toBe(0);
        expect(base.prepare("SELECT color FROM codes WHERE name = 'Relief'").pluck().get()).toBe('#33AA55');
        expect(base.prepare("SELECT count(*) FROM codes WHERE name IN ('Rupture', 'Withdrawal', 'Shame', 'Trust')").pluck().get()).toBe(4);
      } finally {
        base.close();
      }
      return { seq: copy.seq, ownChanges: copy.ownChanges };
    });
    // What the copy was: operation 42, with a change of its own (the new code, not yet sent).
    expect(seen).toEqual({ seq: 42, ownChanges: true });
    expect(existsSync(scratch)).toBe(false);
    // The replica itself keeps all of it.
    expect(count(db, 'team_outbox')).toBeGreaterThan(0);
    expect(count(db, 'undo_steps')).toBeGreaterThan(0);
    expect(C.findCodeByPath(db, null, 'Relief')).toBeTruthy();
  });

  it('a replica with nothing of its own is the server’s project; the scratch folder goes when the upload fails', async () => {
    const db = leadReplica('clean.dyad');
    db.exec('DELETE FROM team_outbox');
    let scratch = '';
    const failing = withBaseFile(db, async (copy) => {
      scratch = dirname(copy.path);
      expect(copy).toMatchObject({ seq: 42, ownChanges: false });
      throw new Error('the server went away');
    });
    await expect(failing).rejects.toThrow('the server went away');
    expect(scratch).not.toBe('');
    expect(existsSync(scratch)).toBe(false);
  });

  it('keeps the app answering: the cleaning (DELETE and VACUUM of a large copy) runs in a worker thread', async () => {
    const db = leadReplica('large.dyad', 32);
    // The same cleaning on this thread, on a copy of the same project, for comparison: what it held the app for.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const inline = study.path('large-inline.dyad');
    copyFileSync(project!.path, inline);
    const t0 = performance.now();
    expect(cleanBaseCopy(inline)).toEqual({ seq: 42, ownChanges: true });
    const inlineMs = performance.now() - t0;

    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const t = performance.now();
      longest = Math.max(longest, t - last);
      last = t;
    }, 1);
    try {
      await withBaseFile(db, async (copy) => expect(copy.seq).toBe(42));
    } finally {
      clearInterval(timer);
    }
    expect(longest).toBeLessThan(inlineMs / 2);
  });
});

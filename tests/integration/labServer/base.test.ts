import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { secretPath } from '../../../electron/labServer/connect';
import { joinProject } from '../../../electron/labServer/publish';
import { readSnapshot } from '../../../electron/snapshot/read';
import { describeWithPostgres } from '../../helpers/postgres';
import { spanOf } from '../team/fixture';
import { rowByRowChecks } from './olderSchema';
import { startLab, sync, withOpen, type Lab } from './fixture';

async function asAdmin<T>(lab: Lab, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: lab.cluster.adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const baseSeq = (lab: Lab) => asAdmin(lab, async (c) => Number((await c.query(`SELECT seq FROM ${lab.schema}.base`)).rows[0].seq));
const lastOp = (lab: Lab) => asAdmin(lab, async (c) => Number((await c.query(`SELECT max(seq) AS m FROM ${lab.schema}.ops`)).rows[0].m));
/** The project as a researcher sees it, whichever file it is in. */
const projectIn = (path: string) => withOpen(path, (p) => ({ ...readSnapshot(p.db), name: 'x' }));

/** A coding of the client's words by the replica's coder. */
function code(lab: Lab, path: string, words: string, codeName: string) {
  const interviewId = lab.study.clientId;
  return withOpen(path, (p) => C.addCoding(p.db, { interviewId, ...spanOf(p.db, interviewId, words), codeId: C.findCodeByPath(p.db, null, codeName)!.id }));
}

describeWithPostgres('the published project: re-published by the lead when operations pile up, joined from there', () => {
  let lab: Lab;
  let ana: string;
  beforeAll(async () => {
    lab = await startLab();
    ana = await lab.member('ana');
  });
  afterAll(() => lab?.stop());

  it('a join after the lead re-published starts at the base and has exactly the project the others have', async () => {
    await code(lab, ana, 'I felt small', 'Shame');
    await code(lab, ana, 'I felt small', 'Trust');
    await withOpen(lab.leadPath, (p) => C.createCode(p.db, { name: 'Relief', color: '#33AA55' }));
    await sync(ana);
    await sync(lab.leadPath);
    expect(await baseSeq(lab)).toBe(0);
    // A change of the lead's not yet sent: pushed by the sync, then the base is published again at the last operation.
    await withOpen(lab.leadPath, (p) => C.updateCode(p.db, C.findCodeByPath(p.db, null, 'Trust')!.id, { name: 'Trust in the therapist' }));
    const lead = await sync(lab.leadPath, { republishAfter: 2 });
    expect(lead).toMatchObject({ pushed: 1, pending: 0 });
    expect(await baseSeq(lab)).toBe(await lastOp(lab));
    expect(await baseSeq(lab)).toBe(lead.lastSeq);

    const bobUrl = await lab.invite('bob');
    const bobPath = lab.study.path('bob.dyad');
    const bob = await joinProject(bobUrl, bobPath);
    // Only what came after the base (bob's own coder row, sent by the invitation) was received.
    expect(bob.sync.pulled).toBe((await lastOp(lab)) - (await baseSeq(lab)));
    expect(bob.sync.pulled).toBeLessThan(3);
    await sync(ana);
    await sync(lab.leadPath);
    const everyone = await projectIn(lab.leadPath);
    expect(everyone.codes.map((c) => c.name)).toContain('Trust in the therapist');
    expect(everyone.codings).toHaveLength(2);
    expect(await projectIn(bobPath)).toEqual(everyone);
    expect(await projectIn(ana)).toEqual(everyone);

    // Nothing of the lead's replica itself came with the base.
    await withOpen(bobPath, (p) => {
      expect(C.currentCoder(p.db)?.name).toBe('bob');
      expect(p.db.prepare('SELECT member, last_seq AS seq FROM team_replica').get()).toEqual({ member: 'bob', seq: bob.sync.lastSeq });
      for (const t of ['team_outbox', 'team_refused', 'undo_steps', 'undo_log']) expect(p.db.prepare(`SELECT count(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
    });
    expect(readFileSync(bobPath).includes(Buffer.from(lab.cluster.admin.password))).toBe(false);

    // And it goes on from there like any replica.
    await code(lab, bobPath, 'I felt small', 'Relief');
    expect(await sync(bobPath)).toMatchObject({ pushed: 1, pending: 0 });
    await sync(ana);
    expect((await projectIn(ana)).codings).toHaveLength(3);
  });

  it('a lead whose replica differs from the server (a change refused), or a coder, never re-publishes', async () => {
    const before = await baseSeq(lab);
    // A NUL character is fine in the replica and never accepted by PostgreSQL: the memo stays here only.
    await withOpen(lab.leadPath, (p) => C.createMemo(p.db, { targetKind: 'interview', targetId: lab.study.clientId, title: 'pasted', text: 'a\u0000b' }));
    await code(lab, ana, 'I felt small', 'Rupture');
    await sync(ana, { republishAfter: 0 });
    expect(await sync(lab.leadPath, { republishAfter: 0 })).toMatchObject({ refused: 1, pending: 0 });
    expect(await baseSeq(lab)).toBe(before);
    const carl = await lab.member('carl');
    expect((await projectIn(carl)).memos.map((m) => m.title)).not.toContain('pasted');
  });

  it('an interrupted join (the base incomplete) leaves no file, no secret and no partial file beside it', async () => {
    const url = await lab.invite('dora');
    const out = lab.study.path('dora.dyad');
    await asAdmin(lab, (c) => c.query(`UPDATE ${lab.schema}.base SET size = size + 1`));
    try {
      await expect(joinProject(url, out)).rejects.toMatchObject({ kind: 'not-found', message: expect.stringMatching(/incomplete.*No file was made/) });
    } finally {
      await asAdmin(lab, (c) => c.query(`UPDATE ${lab.schema}.base SET size = size - 1`));
    }
    expect(existsSync(out)).toBe(false);
    expect(existsSync(secretPath(out))).toBe(false);
    expect(readdirSync(lab.study.dir).filter((f) => f.includes(basename(out)))).toEqual([]);
    // Whole again, the same invitation joins.
    await joinProject(url, out);
    await sync(ana);
    expect(await projectIn(out)).toEqual(await projectIn(ana));
  });
});

describeWithPostgres('a server set up by an older Dyad (schema 2: the published project in one value)', () => {
  let lab: Lab;
  let anaUrl: string;
  let benUrl: string;
  beforeAll(async () => {
    lab = await startLab();
    anaUrl = await lab.invite('ana');
    benUrl = await lab.invite('ben');
    // What Dyad wrote before server schema 3, from the same project.
    const s = lab.schema;
    await asAdmin(lab, (c) =>
      c.query(`BEGIN;
        UPDATE ${s}.base SET file = (SELECT string_agg(bytes, ''::bytea ORDER BY part) FROM ${s}.base_parts);
        DROP TABLE ${s}.base_parts;
        ALTER TABLE ${s}.base DROP COLUMN size, DROP COLUMN seq, ALTER COLUMN file SET NOT NULL;
        ${rowByRowChecks(s)}
        UPDATE ${s}.meta SET value = '2' WHERE key = 'schema_version';
        COMMIT;`),
    );
  });
  afterAll(() => lab?.stop());

  it('is joined as it is, and moved to parts by the lead who re-publishes; a coder invited before joins from them', async () => {
    const ana = await lab.join(anaUrl, 'ana.dyad');
    expect(await projectIn(ana)).toEqual(await projectIn(lab.leadPath));
    await code(lab, ana, 'I felt small', 'Shame');
    await sync(ana);
    await sync(lab.leadPath, { republishAfter: 0 });
    const version = await asAdmin(lab, async (c) => (await c.query(`SELECT value FROM ${lab.schema}.meta WHERE key = 'schema_version'`)).rows[0].value);
    expect(version).toBe('4');
    expect(await baseSeq(lab)).toBe(await lastOp(lab));
    const ben = await lab.join(benUrl, 'ben.dyad');
    expect((await projectIn(ben)).codings).toHaveLength(1);
    expect(await projectIn(ben)).toEqual(await projectIn(ana));
  });
});

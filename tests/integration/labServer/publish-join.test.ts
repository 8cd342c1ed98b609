import { readFileSync, statSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { secretPath } from '../../../electron/labServer/connect';
import { teamStatus } from '../../../electron/labServer/members';
import { readSnapshot } from '../../../electron/snapshot/read';
import { describeWithPostgres } from '../../helpers/postgres';
import { spanOf } from '../team/fixture';
import { startLab, sync, withOpen, type Lab } from './fixture';

describeWithPostgres('a project published on the lab server, joined and synced', () => {
  let lab: Lab;
  let anaUrl: string;
  let ana: string;
  beforeAll(async () => {
    lab = await startLab();
    anaUrl = await lab.invite('ana');
    ana = await lab.join(anaUrl, 'ana.dyad');
  });
  afterAll(() => lab?.stop());

  it('publishes into its own schema with a recorded server schema version, the lead as first member', async () => {
    const c = new pg.Client({ connectionString: lab.cluster.adminUrl });
    await c.connect();
    const schema = lab.schema;
    const meta = await c.query(`SELECT key, value FROM ${schema}.meta ORDER BY key`);
    const members = await c.query(`SELECT role, coder_name, lead FROM ${schema}.members ORDER BY role`);
    await c.end();
    expect(Object.fromEntries(meta.rows.map((r) => [r.key, r.value]))).toMatchObject({ schema_version: '4', project_id: lab.projectId, project_name: 'lead' });
    expect(members.rows).toEqual([
      { role: 'ana', coder_name: 'ana', lead: false },
      { role: 'lab_admin', coder_name: 'Lea', lead: true },
    ]);
  });

  it('prints a join URL with the project and a one-time secret, kept beside the replica readable by the user only', () => {
    expect(anaUrl).toMatch(new RegExp(`^postgres://ana:[A-Za-z0-9_-]{32}@127\\.0\\.0\\.1:${lab.cluster.port}/lab\\?project=${lab.projectId}$`));
    expect(statSync(secretPath(ana)).mode & 0o777).toBe(0o600);
    expect(readFileSync(secretPath(ana), 'utf8').trim()).toBe(anaUrl);
    // Never inside the project file.
    const password = new URL(anaUrl).password;
    expect(readFileSync(ana).includes(Buffer.from(password))).toBe(false);
    expect(readFileSync(lab.leadPath).includes(Buffer.from(lab.cluster.admin.password))).toBe(false);
  });

  it('a joined replica is the lead’s project, with its coder chosen', async () => {
    const lead = await withOpen(lab.leadPath, (p) => readSnapshot(p.db));
    const mine = await withOpen(ana, (p) => ({ snap: readSnapshot(p.db), me: C.currentCoder(p.db)?.name }));
    expect(mine.me).toBe('ana');
    // Everything but the file's own name.
    expect({ ...mine.snap, name: 'x' }).toEqual({ ...lead, name: 'x' });
  });

  it('a coding made by a coder reaches the lead, and a code made by the lead reaches the coder', async () => {
    await withOpen(ana, (p) => {
      const shame = C.findCodeByPath(p.db, null, 'Shame')!;
      C.addCoding(p.db, { interviewId: lab.study.clientId, ...spanOf(p.db, lab.study.clientId, 'I felt small'), codeId: shame.id });
    });
    await withOpen(lab.leadPath, (p) => C.createCode(p.db, { name: 'Relief', color: '#33AA55' }));
    expect(await withOpen(ana, (p) => teamStatus(p.db, 'ana.dyad', ana))).toMatchObject({ pending: 1, lastSync: expect.any(String) });
    const first = await sync(ana);
    expect(first).toMatchObject({ pushed: 1, pending: 0 });
    const lead = await sync(lab.leadPath);
    // Ana's coding applied; the new code (and its siblings' new places) pushed.
    expect(lead).toMatchObject({ applied: 1, pending: 0 });
    expect(lead.pushed).toBeGreaterThanOrEqual(1);
    await sync(ana);
    const a = await withOpen(ana, (p) => readSnapshot(p.db));
    const l = await withOpen(lab.leadPath, (p) => readSnapshot(p.db));
    expect({ ...a, name: 'x' }).toEqual({ ...l, name: 'x' });
    expect(l.codings.map((c) => c.coderId)).toHaveLength(1);
    expect(a.codes.map((c) => c.name)).toContain('Relief');
  });

  it('status lists the members, the last sync and nothing pending', async () => {
    const s = await withOpen(ana, (p) => teamStatus(p.db, 'ana.dyad', ana));
    expect(s).toMatchObject({ server: `ana@127.0.0.1:${lab.cluster.port}/lab`, projectId: lab.projectId, member: 'ana', pending: 0, offline: null });
    expect(s.members?.map((m) => `${m.coder}${m.lead ? ' (lead)' : ''}`)).toEqual(['ana', 'Lea (lead)']);
  });
});

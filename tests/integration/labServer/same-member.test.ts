/**
 * The same coder on two machines: Ana joins twice with her one invitation (a laptop and the lab's desktop). Both
 * replicas push as the same member; each one's operations carry their own ids and reach the other, and the two
 * converge with the lead's.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { readSnapshot } from '../../../electron/snapshot/read';
import { describeWithPostgres } from '../../helpers/postgres';
import { readableCodings, spanOf } from '../team/fixture';
import { startLab, sync, withOpen, type Lab } from './fixture';

describeWithPostgres('the same member on two machines', () => {
  let lab: Lab;
  let laptop: string;
  let desktop: string;
  beforeAll(async () => {
    lab = await startLab();
    const url = await lab.invite('ana');
    laptop = await lab.join(url, 'ana-laptop.dyad');
    desktop = await lab.join(url, 'ana-desktop.dyad');
  });
  afterAll(() => lab?.stop());

  const code = (path: string, words: string, codeName: string) =>
    withOpen(path, (p) => {
      const c = C.findCodeByPath(p.db, null, codeName)!;
      return C.addCoding(p.db, { interviewId: lab.study.clientId, ...spanOf(p.db, lab.study.clientId, words), codeId: c.id }).coding.id;
    });

  it("each replica receives the other's work, with distinct operation ids, and all three converge", async () => {
    const a = await code(laptop, 'I could not look at her', 'Shame');
    const b = await code(desktop, 'Relief, honestly', 'Trust');
    await withOpen(desktop, (p) => C.createMemo(p.db, { targetKind: 'project', text: 'Written at the lab' }));
    await sync(laptop);
    await sync(desktop);
    await sync(laptop);
    await sync(lab.leadPath);

    const expected = [
      'D07_S1_client.txt | I could not look at her | Shame | ana',
      'D07_S1_client.txt | Relief, honestly | Trust | ana',
    ];
    for (const path of [laptop, desktop, lab.leadPath]) expect(await withOpen(path, (p) => readableCodings(p.db))).toEqual(expected);

    const c = new pg.Client({ connectionString: lab.cluster.adminUrl });
    await c.connect();
    const ops = (
      await c.query(`SELECT op_id, row_id FROM ${lab.schema}.ops WHERE author = 'ana' AND target IN ('codings', 'memos') ORDER BY seq`)
    ).rows as { op_id: string; row_id: string }[];
    await c.end();
    // Her two codings and the memo, once each (sorting a matcher among random ids made this check depend on them).
    expect(ops).toHaveLength(3);
    expect(ops.map((o) => o.row_id)).toEqual(expect.arrayContaining([a, b]));
    expect(new Set(ops.map((o) => o.op_id)).size).toBe(ops.length);

    // The desktop removes the coding made on the laptop (her own): gone on both, and for the lead.
    await withOpen(desktop, (p) => C.removeCoding(p.db, a));
    await sync(desktop);
    await sync(laptop);
    await sync(lab.leadPath);
    const snaps = await Promise.all([laptop, desktop, lab.leadPath].map((path) => withOpen(path, (p) => ({ ...readSnapshot(p.db), name: '' }))));
    expect(snaps[0]!.codings.map((g) => g.id)).toEqual([b]);
    expect(snaps[1]).toEqual(snaps[0]);
    expect(snaps[2]).toEqual(snaps[0]);
  });
});

/**
 * A sync cut off at each point resumes without duplicates or gaps: the server records each operation once, and
 * the replica neither sends its work twice nor misses others' work.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import type { SyncPoint } from '../../../electron/labServer/sync';
import { describeWithPostgres } from '../../helpers/postgres';
import { spanOf } from '../team/fixture';
import { startLab, sync, withOpen, type Lab } from './fixture';

describeWithPostgres('a sync interrupted anywhere resumes cleanly', () => {
  let lab: Lab;
  let ana: string;
  beforeAll(async () => {
    lab = await startLab();
    ana = await lab.member('ana');
  });
  afterAll(() => lab?.stop());

  const serverOps = async () => {
    const c = new pg.Client({ connectionString: lab.cluster.adminUrl });
    await c.connect();
    try {
      const r = await c.query(`SELECT row_id, count(*)::int AS n FROM ${lab.schema}.ops WHERE author = 'ana' GROUP BY row_id`);
      return r.rows as { row_id: string; n: number }[];
    } finally {
      await c.end();
    }
  };

  const phrases = ['I could not look at her', 'like a child caught out', 'Relief, honestly'];
  const points: SyncPoint[] = ['before-push-commit', 'after-push-commit', 'mid-pull'];

  it.each(points.map((p, i) => [p, phrases[i]!] as const))('cut off %s: the next sync sends the coding once', async (point, words) => {
    const id = await withOpen(ana, (p) => {
      const shame = C.findCodeByPath(p.db, null, 'Shame')!;
      return C.addCoding(p.db, { interviewId: lab.study.clientId, ...spanOf(p.db, lab.study.clientId, words), codeId: shame.id }).coding.id;
    });
    // The lead changes something too, so that there is something to pull.
    await withOpen(lab.leadPath, (p) => C.createMemo(p.db, { targetKind: 'project', text: `before ${point}` }));
    await sync(lab.leadPath);
    const cut = sync(ana, {
      batch: 1,
      interrupt: (at) => {
        if (at === point) throw new Error(`cut off at ${at}`);
      },
    });
    await expect(cut).rejects.toThrow(new RegExp(`cut off at ${point}`));
    const after = await sync(ana);
    expect(after.pending).toBe(0);
    const ops = await serverOps();
    expect(ops.filter((o) => o.row_id === id)).toEqual([{ row_id: id, n: 1 }]);
    expect(ops.every((o) => o.n === 1)).toBe(true);
    await sync(lab.leadPath);
    const memos = (path: string) => withOpen(path, (p) => (p.db.prepare('SELECT text FROM memos ORDER BY text').all() as { text: string }[]).map((m) => m.text));
    expect(await memos(ana)).toEqual(await memos(lab.leadPath));
    expect(await withOpen(lab.leadPath, (p) => p.db.prepare('SELECT count(*) AS n FROM codings WHERE id = ?').get(id))).toEqual({ n: 1 });
  });
});

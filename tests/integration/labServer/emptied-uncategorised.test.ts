/**
 * Ana codes a passage with Rupture and syncs; Ben, a lead who has not pulled it, deletes Rupture; Ana takes her coding
 * back (undo) and syncs. Ben's sync receives her coding for a code he deleted (kept, under "Uncategorised (deleted
 * code)"), then its removal; Lea receives the removal before Ben's deletion and never needs that code. Found by the
 * convergence property (converge.test.ts): Ben kept an empty "Uncategorised (deleted code)" the others never had.
 * An emptied one goes at each sync (electron/labServer/deletedCodes.ts, dropEmptyUncategorised).
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeWithPostgres } from '../../helpers/postgres';
import { drawIdsFor } from './drawnIds';
import { startLab, withOpen, type Lab } from './fixture';
import { playCase, type Action } from './threeReplicas';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const { drawnUUID } = await import('./drawnIds');
  const randomUUID = () => drawnUUID(real.createHash);
  return { ...real, default: { ...real, randomUUID }, randomUUID };
});

describeWithPostgres('a coding kept for a deleted code, then removed by its coder', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(() => lab?.stop());

  it('no replica keeps an empty "Uncategorised (deleted code)"', async () => {
    // In threeReplicas.ts's terms: Ana (1) codes with the first code by id (Rupture), Ben (2) deletes it.
    const actions: Action[] = [
      { t: 'code', who: 1, pick: 0, side: 0, a: 10, b: 10 },
      { t: 'sync', who: 1, cut: null },
      { t: 'deleteCode', who: 2, pick: 0 },
      { t: 'undo', who: 1 },
      { t: 'sync', who: 1, cut: null },
    ];
    drawIdsFor(`emptied-uncategorised:${JSON.stringify(actions)}`);
    await playCase(lab.cluster, lab.study, actions, 1);
    for (const name of ['lea', 'ana', 'ben']) {
      const names = await withOpen(lab.study.path(`${name}-1.dyad`), (p) => (p.db.prepare('SELECT name FROM codes ORDER BY name').all() as { name: string }[]).map((r) => r.name));
      expect(names, name).toEqual(['Shame', 'Trust']);
    }
  });
});

/**
 * Two leads rename the same code offline; Lea settles the conflict and then undoes her choice before syncing. Nothing
 * is left to send (the name is back to the one her choice replaced), so the others never hear of a choice: on every
 * replica the conflict must be open again. Found by the convergence property (converge.test.ts, seed -541858216):
 * Lea's replica kept "chosen, not yet sent" for good while the others listed it open (and, with a choice waiting,
 * her replica would never re-publish the base).
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { listConflicts } from '../../../electron/labServer/conflicts';
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

describeWithPostgres("a lead's choice of a conflicting change, undone before it was sent", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  }, 180_000);
  afterAll(() => lab?.stop());

  it('the conflict is open again on every replica, the later name kept', async () => {
    // In threeReplicas.ts's terms: Lea (0) and Ben (2) rename the first code by id, offline; Lea chooses hers, undoes.
    const actions: Action[] = [
      { t: 'rename', who: 0, pick: 0, name: 'Relief' },
      { t: 'rename', who: 2, pick: 0, name: 'Hope' },
      { t: 'sync', who: 0, cut: null },
      { t: 'sync', who: 2, cut: null },
      { t: 'sync', who: 0, cut: null },
      { t: 'resolve', who: 0, pick: 0, keep: 'earlier' },
      { t: 'undo', who: 0 },
    ];
    drawIdsFor(`undone-resolve:${JSON.stringify(actions)}`);
    const acted = await playCase(lab.cluster, lab.study, actions, 1);
    expect(acted).toMatchObject({ rename: 2, resolve: 1, undo: 1 });
    for (const name of ['lea', 'ana', 'ben']) {
      const conflicts = await withOpen(lab.study.path(`${name}-1.dyad`), (p) => listConflicts(p.db, { all: true }));
      expect(conflicts.map((c) => ({ earlier: c.earlier.value, later: c.later.value, code: c.code, resolved: c.resolved })), name).toEqual([
        { earlier: 'Relief', later: 'Hope', code: 'Hope', resolved: null },
      ]);
    }
  });
});

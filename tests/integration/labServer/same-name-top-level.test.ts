/**
 * Two codes of the same name meet at the top level of the codebook in different orders on different replicas: one
 * lead makes "Hope" under Trust and then another "Hope" at the top; another lead, offline, deletes Trust, so the
 * first "Hope" goes to the top too (deletedCodes.ts). On the deleter's replica the first "Hope" reaches the top before
 * the second arrives; on the maker's, after. Which of the two takes its short id must not depend on that order, or
 * the replicas never agree on the codebook (found by the property test, converge.test.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { describeWithPostgres } from '../../helpers/postgres';
import { startLab, sync, withOpen, type Lab } from './fixture';

describeWithPostgres('two codes of the same name meeting at the top level', () => {
  let lab: Lab;
  let ben: string;
  beforeAll(async () => {
    lab = await startLab();
    ben = await lab.member('ben', true);
  });
  afterAll(() => lab?.stop());

  const hopes = (path: string) =>
    withOpen(path, (p) => p.db.prepare("SELECT id, name, parent_id AS parent FROM codes WHERE name LIKE 'Hope%' ORDER BY id").all() as { id: string; name: string; parent: string | null }[]);

  it('the same one keeps the name "Hope" on every replica, whichever order they met in', async () => {
    const trust = await withOpen(lab.leadPath, (p) => C.findCodeByPath(p.db, null, 'Trust')!.id);
    // Ben, offline, deletes Trust before he sees anything Lea does.
    await withOpen(ben, (p) => C.deleteCode(p.db, trust));
    // Lea makes Hope under Trust and publishes it; then another Hope at the top (no Hope there yet for her).
    await withOpen(lab.leadPath, (p) => C.createCode(p.db, { name: 'Hope', parentId: trust }));
    await sync(lab.leadPath);
    await withOpen(lab.leadPath, (p) => C.createCode(p.db, { name: 'Hope', parentId: null }));
    await sync(lab.leadPath);
    await sync(ben); // the first Hope arrives under a code deleted here: to the top; then the second meets it
    await sync(lab.leadPath); // Ben's deletion arrives: the first Hope goes to the top, where the second is
    await sync(ben);
    const onLead = await hopes(lab.leadPath);
    expect(await hopes(ben)).toEqual(onLead);
    expect(onLead.map((c) => c.parent)).toEqual([null, null]);
    // One of them is "Hope", the other "Hope (its short id)".
    expect(onLead.map((c) => c.name).sort()).toEqual(['Hope', `Hope (${onLead.find((c) => c.name !== 'Hope')!.id.slice(0, 4)})`].sort());
  });
});

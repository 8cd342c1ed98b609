/**
 * A lead, offline, makes a code, then a second one, and moves the first under the second before syncing; then codes
 * with it. A code is sent as it is when pushed, so the first code arrives naming a parent that comes later in the
 * server's order: the others must still get it, under that parent, with its codings (found by the property test,
 * converge.test.ts: one replica ended with a code "Fear", and a coding on it, that the others never got).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { describeWithPostgres } from '../../helpers/postgres';
import { spanOf } from '../team/fixture';
import { startLab, sync, withOpen, type Lab } from './fixture';

describeWithPostgres('a code moved under a newer code before the first sync', () => {
  let lab: Lab;
  let ben: string;
  beforeAll(async () => {
    lab = await startLab();
    ben = await lab.member('ben', true);
  });
  afterAll(() => lab?.stop());

  const tree = (path: string) =>
    withOpen(path, (p) => p.db.prepare('SELECT c.name, p.name AS parent, (SELECT count(*) FROM codings g WHERE g.code_id = c.id) AS codings FROM codes c LEFT JOIN codes p ON p.id = c.parent_id ORDER BY c.name').all());

  it('reaches the others under its new parent, with its codings', async () => {
    await withOpen(lab.leadPath, (p) => {
      const fear = C.createCode(p.db, { name: 'Fear', parentId: C.findCodeByPath(p.db, null, 'Trust')!.id });
      const calm = C.createCode(p.db, { name: 'Calm', parentId: null });
      C.moveCode(p.db, fear.id, calm.id);
      C.addCoding(p.db, { interviewId: lab.study.clientId, ...spanOf(p.db, lab.study.clientId, 'I felt small'), codeId: fear.id });
    });
    await sync(lab.leadPath);
    await sync(ben);
    const onLead = await tree(lab.leadPath);
    expect(onLead).toContainEqual({ name: 'Fear', parent: 'Calm', codings: 1 });
    expect(await tree(ben)).toEqual(onLead);
  });
});

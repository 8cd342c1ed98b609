/**
 * A lead deletes a code while a coder, offline, codes passages with it. The deletion takes the codings the lead had
 * seen; the coder's codings the lead never saw are kept on every replica, under "Uncategorised (deleted code)".
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { UNCATEGORISED } from '../../../electron/labServer/deletedCodes';
import { describeWithPostgres } from '../../helpers/postgres';
import { spanOf } from '../team/fixture';
import { startLab, sync, withOpen, type Lab } from './fixture';

describeWithPostgres('deleting a code on a lab server', () => {
  let lab: Lab;
  let ana: string;
  let ben: string;
  beforeAll(async () => {
    lab = await startLab();
    ana = await lab.member('ana');
    ben = await lab.member('ben', true);
  });
  afterAll(() => lab?.stop());

  const code = (path: string, passage: string) =>
    withOpen(path, (p) => {
      const shame = C.findCodeByPath(p.db, null, 'Shame')!;
      return C.addCoding(p.db, { interviewId: lab.study.clientId, ...spanOf(p.db, lab.study.clientId, passage), codeId: shame.id }).coding.id;
    });
  const codingsOf = (path: string) =>
    withOpen(path, (p) => p.db.prepare('SELECT g.id, c.name AS code FROM codings g JOIN codes c ON c.id = g.code_id ORDER BY g.id').all() as { id: string; code: string }[]);

  it("keeps the codings the deleter had not seen, uncategorised, everywhere; the ones they saw go with the code", async () => {
    const seen = await code(ana, 'I felt small');
    await sync(ana);
    await sync(lab.leadPath); // the lead sees Ana's first coding
    const pushedUnseen = await code(ana, 'Relief, honestly');
    await sync(ana); // on the server, but the lead has not pulled it when she deletes the code
    await withOpen(lab.leadPath, (p) => C.deleteCode(p.db, C.findCodeByPath(p.db, null, 'Shame')!.id));
    const offline = await code(ana, 'I could not look at her'); // Ana, offline, still codes with it
    await sync(lab.leadPath);
    await sync(ana);
    await sync(lab.leadPath);
    const [onLead, onAna] = [await codingsOf(lab.leadPath), await codingsOf(ana)];
    expect(onAna).toEqual(onLead);
    const byId = new Map(onLead.map((c) => [c.id, c.code]));
    expect(byId.has(seen)).toBe(false);
    expect(byId.get(pushedUnseen)).toBe(UNCATEGORISED);
    expect(byId.get(offline)).toBe(UNCATEGORISED);
    expect(await withOpen(ana, (p) => C.findCodeByPath(p.db, null, 'Shame'))).toBeFalsy();
    expect(await withOpen(ana, (p) => (p.db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n)).toBe(0);
  });

  it('a code another lead moved under the deleted one meanwhile, or made there, stays: at the top level, with its codings', async () => {
    const ids = await withOpen(lab.leadPath, (p) => ({ trust: C.findCodeByPath(p.db, null, 'Trust')!.id }));
    await withOpen(lab.leadPath, (p) => C.createCode(p.db, { name: 'Withdrawal', parentId: null }));
    await sync(lab.leadPath);
    await sync(ben);
    await sync(ana);
    const withdrawal = await withOpen(ben, (p) => C.findCodeByPath(p.db, null, 'Withdrawal')!.id);
    // Ben, offline: moves Withdrawal under Trust and makes Hope there. Lea, offline: deletes Trust.
    await withOpen(ben, (p) => {
      C.moveCode(p.db, withdrawal, ids.trust);
      C.createCode(p.db, { name: 'Hope', parentId: ids.trust });
    });
    await withOpen(lab.leadPath, (p) => C.deleteCode(p.db, ids.trust));
    await sync(ben);
    await sync(lab.leadPath);
    await sync(ana);
    await sync(ben);
    const tree = (path: string) => withOpen(path, (p) => p.db.prepare('SELECT name, parent_id AS parent FROM codes ORDER BY name').all() as { name: string; parent: string | null }[]);
    const onLead = await tree(lab.leadPath);
    expect(await tree(ben)).toEqual(onLead);
    expect(await tree(ana)).toEqual(onLead);
    expect(onLead).toEqual(expect.arrayContaining([{ name: 'Withdrawal', parent: null }, { name: 'Hope', parent: null }]));
    expect(onLead.map((c) => c.name)).not.toContain('Trust');
  });
});

/**
 * "Uncategorised (deleted code)" is made by each replica on its own (electron/labServer/deletedCodes.ts), so one
 * replica can lack it when another member renames it, writes a memo on it, moves a code under it, codes with it or
 * deletes it. Each test sets up three replicas (Lea the lead, Ana a coder, Ben a second lead) so that one of them
 * has not made it, or dropped it emptied, when such a change arrives; after everyone syncs the three must hold the
 * same project.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import type { Db } from '../../../electron/core/database';
import { UNCATEGORISED, uncategorisedId } from '../../../electron/labServer/deletedCodes';
import { readSnapshot } from '../../../electron/snapshot/read';
import { describeWithPostgres } from '../../helpers/postgres';
import { spanOf } from '../team/fixture';
import { startLab, sync, withOpen, type Lab } from './fixture';

describeWithPostgres('the "Uncategorised (deleted code)" code on a lab server', () => {
  let lab: Lab;
  let lea: string;
  let ana: string;
  let ben: string;
  beforeEach(async () => {
    lab = await startLab();
    lea = lab.leadPath;
    ana = await lab.member('ana');
    ben = await lab.member('ben', true);
  });
  afterEach(() => lab?.stop());

  const uncategorised = (db: Db) => uncategorisedId((db.prepare('SELECT id FROM codebooks').get() as { id: string }).id);
  const codeNamed = (db: Db, name: string) => C.findCodeByPath(db, null, name)!.id;
  const code = (path: string, passage: string, codeId: (db: Db) => string) =>
    withOpen(path, (p) => C.addCoding(p.db, { interviewId: lab.study.clientId, ...spanOf(p.db, lab.study.clientId, passage), codeId: codeId(p.db) }).coding.id);
  const everyoneSyncs = async () => {
    for (const path of [lea, ana, ben, lea, ana, ben]) await sync(path);
  };
  /** The three replicas hold the same project (their names aside); Lea's is returned. */
  const same = async () => {
    const [l, a, b] = await Promise.all([lea, ana, ben].map((path) => withOpen(path, (p) => ({ ...readSnapshot(p.db), name: '' }))));
    expect(a, "Ana's replica is Lea's").toEqual(l);
    expect(b, "Ben's replica is Lea's").toEqual(l);
    return l!;
  };
  const uncategorisedOn = (path: string) =>
    withOpen(path, (p) => {
      const id = uncategorised(p.db);
      const row = p.db.prepare('SELECT name, color, parent_id AS parent FROM codes WHERE id = ?').get(id) as { name: string; color: string; parent: string | null } | undefined;
      const codings = (p.db.prepare('SELECT id FROM codings WHERE code_id = ? ORDER BY id').all(id) as { id: string }[]).map((r) => r.id);
      const memos = (p.db.prepare("SELECT text FROM memos WHERE target_kind = 'code' AND target_id = ?").all(id) as { text: string }[]).map((r) => r.text);
      return row ? { ...row, codings, memos } : null;
    });

  /** Ana codes with Shame and syncs; Lea, who has not pulled it, deletes Shame and syncs: Lea keeps it, uncategorised. */
  const leaDeletesShameAnaCodedWith = async () => {
    const coding = await code(ana, 'I felt small', (db) => codeNamed(db, 'Shame'));
    await sync(ana);
    await withOpen(lea, (p) => C.deleteCode(p.db, codeNamed(p.db, 'Shame')));
    await sync(lea);
    expect((await uncategorisedOn(lea))?.codings).toEqual([coding]);
    return coding;
  };

  it('renamed, emptied everywhere and made again by a late coding: it has its new name on every replica', async () => {
    const first = await leaDeletesShameAnaCodedWith();
    await withOpen(lea, (p) => C.updateCode(p.db, uncategorised(p.db), { name: 'To recode' }));
    await sync(lea);
    await sync(ben);
    // Ben, offline, codes a passage with it; meanwhile Ana removes her coding, the last one in it elsewhere.
    const late = await code(ben, 'I could breathe again', uncategorised);
    await sync(ana);
    await withOpen(ana, (p) => C.removeCoding(p.db, first));
    await sync(ana);
    await sync(lea);
    expect(await uncategorisedOn(ana), 'emptied, it went at her sync').toBeNull();
    expect(await uncategorisedOn(lea), 'emptied, it went at her sync').toBeNull();
    await everyoneSyncs();
    for (const path of [lea, ana, ben]) expect(await uncategorisedOn(path)).toEqual({ name: 'To recode', color: '#9E9E9E', parent: null, codings: [late], memos: [] });
    await same();
  });

  it('a memo on it reaches a replica that never made it: the code is made there, with the memo', async () => {
    const first = await leaDeletesShameAnaCodedWith();
    await withOpen(lea, (p) => C.createMemo(p.db, { targetKind: 'code', targetId: uncategorised(p.db), text: 'Recode these by Friday' }));
    await sync(lea);
    // Ana takes her coding back before she receives the deletion: nothing of hers lands in the code.
    await withOpen(ana, (p) => C.removeCoding(p.db, first));
    await sync(ana);
    await everyoneSyncs();
    for (const path of [lea, ana, ben]) expect(await uncategorisedOn(path)).toEqual({ name: UNCATEGORISED, color: '#9E9E9E', parent: null, codings: [], memos: ['Recode these by Friday'] });
    await same();
  });

  it('a code moved under it and a passage coded with it reach a replica that never made it', async () => {
    const first = await leaDeletesShameAnaCodedWith();
    await withOpen(lea, (p) => C.moveCode(p.db, codeNamed(p.db, 'Trust'), uncategorised(p.db)));
    await sync(lea);
    await sync(ben);
    const bens = await code(ben, 'I wanted to leave the room', uncategorised);
    await sync(ben);
    await withOpen(ana, (p) => C.removeCoding(p.db, first));
    await sync(ana);
    await everyoneSyncs();
    const project = await same();
    const id = await withOpen(lea, (p) => uncategorised(p.db));
    expect(project.codes.find((c) => c.name === 'Trust')?.parentId).toBe(id);
    for (const path of [lea, ana, ben]) expect((await uncategorisedOn(path))?.codings).toEqual([bens]);
  });

  it('deleted by a lead while another coded with it unseen: that coding stays, in it made anew with its first name', async () => {
    const first = await leaDeletesShameAnaCodedWith();
    await withOpen(lea, (p) => C.updateCode(p.db, uncategorised(p.db), { name: 'Leftovers' }));
    await everyoneSyncs();
    // Ben, offline, codes with it; Lea, who has not seen that, deletes it (with Ana's coding, which she saw).
    const bens = await code(ben, 'I could breathe again', uncategorised);
    await withOpen(lea, (p) => C.deleteCode(p.db, uncategorised(p.db)));
    await sync(ben);
    await sync(lea);
    await everyoneSyncs();
    for (const path of [lea, ana, ben]) {
      const kept = await uncategorisedOn(path);
      expect(kept).toEqual({ name: UNCATEGORISED, color: '#9E9E9E', parent: null, codings: [bens], memos: [] });
    }
    const project = await same();
    expect(project.codings.map((c) => c.id)).not.toContain(first);
    for (const path of [lea, ana, ben]) expect(await withOpen(path, (p) => (p.db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n)).toBe(0);
  });
});

/**
 * A lead corrects a transcript before a passage they coded, thinks better of it and undoes the correction, then
 * syncs: the others receive the correction and its undoing, and the coding must sit on the same words everywhere.
 *
 * The convergence property (converge.test.ts) found this once in about 200 cases: undo puts the codings back before
 * it puts the text back, so the coding was sent (as it is now, on the restored text) before the undo's correction,
 * and the others shifted it by the correction's length a second time (electron/labServer/codingsAfterCorrections.ts).
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import * as C from '../../../electron/core/coding';
import { describeWithPostgres } from '../../helpers/postgres';
import { readableCodings, spanOf, textOf } from '../team/fixture';
import { drawIdsFor } from './drawnIds';
import { startLab, sync, withOpen, type Lab } from './fixture';
import { playCase, type Action } from './threeReplicas';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const { drawnUUID } = await import('./drawnIds');
  const randomUUID = () => drawnUUID(real.createHash);
  return { ...real, default: { ...real, randomUUID }, randomUUID };
});

describeWithPostgres('a correction undone before it was synced', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(() => lab?.stop());

  it('a coding after the corrected words stays on its words on every replica', async () => {
    const ben = await lab.member('ben', true);
    const client = lab.study.clientId;
    const before = await withOpen(ben, (p) => {
      const trust = C.findCodeByPath(p.db, null, 'Trust')!;
      C.addCoding(p.db, { interviewId: client, ...spanOf(p.db, client, 'I could breathe again'), codeId: trust.id });
      const text = textOf(p.db, client);
      // Words retyped before the coded passage (the text grows by 5); then undone.
      C.correctInterview(p.db, { interviewId: client, ...spanOf(p.db, client, 'Relief'), replacement: 'Such relief' });
      expect(textOf(p.db, client)).not.toBe(text);
      expect(C.undo(p.db)).toMatch(/^Correct the transcript/);
      expect(textOf(p.db, client)).toBe(text);
      return readableCodings(p.db);
    });
    expect(before).toEqual(['D07_S1_client.txt | I could breathe again | Trust | ben']);
    await sync(ben);
    await sync(lab.leadPath);
    await sync(ben);
    const codings = (path: string) => withOpen(path, (p) => ({ text: textOf(p.db, client), codings: p.db.prepare('SELECT id, start, "end" FROM codings ORDER BY id').all(), readable: readableCodings(p.db) }));
    const lea = await codings(lab.leadPath);
    expect(lea.readable).toEqual(before);
    expect(await codings(ben)).toEqual(lea);
  });

  it('the case the property found, shrunk: Ben codes, corrects before the coding, undoes, and everyone syncs', async () => {
    // In threeReplicas.ts's terms: side 0 is the client's interview; Ben (2) codes its characters 178–200 and
    // replaces two characters at 150 with twelve.
    const actions: Action[] = [
      { t: 'code', who: 2, pick: 0, side: 0, a: 178, b: 21 },
      { t: 'correct', who: 2, side: 0, at: 150, replaced: 2, text: ' [inaudible]' },
      { t: 'undo', who: 2 },
    ];
    drawIdsFor(`undone-correction:${JSON.stringify(actions)}`);
    await playCase(lab.cluster, lab.study, actions, 1);
  });
});

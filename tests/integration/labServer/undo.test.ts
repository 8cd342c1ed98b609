/**
 * Undo in a team: a coder's undo of a change already synced is a new operation the others receive; undo never takes
 * back another coder's work (pulling others' changes closes the history before them).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { describeWithPostgres } from '../../helpers/postgres';
import { spanOf } from '../team/fixture';
import { startLab, sync, withOpen, type Lab } from './fixture';

describeWithPostgres('undo on a replica of a team project', () => {
  let lab: Lab;
  let ana: string;
  beforeAll(async () => {
    lab = await startLab();
    ana = await lab.join(await lab.invite('ana'), 'ana.dyad');
  });
  afterAll(() => lab?.stop());

  const codingsOf = (path: string) => withOpen(path, (p) => (p.db.prepare('SELECT c.name FROM codings g JOIN coders c ON c.id = g.coder_id ORDER BY c.name').all() as { name: string }[]).map((r) => r.name));

  it("undoing a synced coding removes it for everyone, as a new operation", async () => {
    await withOpen(ana, (p) => {
      const shame = C.findCodeByPath(p.db, null, 'Shame')!;
      C.addCoding(p.db, { interviewId: lab.study.clientId, ...spanOf(p.db, lab.study.clientId, 'I felt small'), codeId: shame.id });
    });
    await sync(ana);
    await sync(lab.leadPath);
    expect(await codingsOf(lab.leadPath)).toEqual(['ana']);
    expect(await withOpen(ana, (p) => C.undo(p.db))).toMatch(/^Code/);
    expect(await sync(ana)).toMatchObject({ pushed: 1 });
    await sync(lab.leadPath);
    expect(await codingsOf(lab.leadPath)).toEqual([]);
  });

  it("the lead's undo cannot take back a coding of Ana's that arrived after the lead's own change", async () => {
    // The lead renames a code; Ana codes with it; the lead pulls Ana's coding.
    await withOpen(lab.leadPath, (p) => C.updateCode(p.db, C.findCodeByPath(p.db, null, 'Trust')!.id, { name: 'Basic trust' }));
    await sync(lab.leadPath);
    await sync(ana);
    await withOpen(ana, (p) => {
      const trust = C.findCodeByPath(p.db, null, 'Basic trust')!;
      C.addCoding(p.db, { interviewId: lab.study.clientId, ...spanOf(p.db, lab.study.clientId, 'Relief, honestly'), codeId: trust.id });
    });
    await withOpen(lab.leadPath, (p) => C.updateCode(p.db, C.findCodeByPath(p.db, null, 'Shame')!.id, { color: '#000000' }));
    await sync(ana);
    await sync(lab.leadPath);
    // The recolouring was before Ana's coding arrived: undoing it now could overwrite what others did since.
    expect(await withOpen(lab.leadPath, (p) => ({ undone: C.undo(p.db), state: C.undoState(p.db) }))).toEqual({
      undone: null,
      state: { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null },
    });
    expect(await codingsOf(lab.leadPath)).toEqual(['ana']);
    // Her own later work stays undoable.
    await withOpen(lab.leadPath, (p) => C.updateCode(p.db, C.findCodeByPath(p.db, null, 'Shame')!.id, { color: '#AA3355' }));
    expect(await withOpen(lab.leadPath, (p) => C.undo(p.db))).toMatch(/Shame/);
  });
});

/**
 * Undo in a team: a coder's undo of a change already synced is a new operation the others receive; her own steps stay
 * undoable after the others' changes arrive (by a sync or live), and undo never takes back another member's work: a
 * step whose rows their changes touched since is refused with the reason, and nothing changes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { Project } from '../../../electron/core/project';
import { LiveUpdates } from '../../../electron/labServer/live';
import { describeWithPostgres } from '../../helpers/postgres';
import { readableCodings, spanOf } from '../team/fixture';
import { startLab, sync, withOpen, type Lab } from './fixture';

async function waitFor(ready: () => boolean, what: string): Promise<void> {
  const t0 = performance.now();
  while (!ready()) {
    if (performance.now() - t0 > 20_000) throw new Error(`waited 20 s for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describeWithPostgres('undo on a replica of a team project', () => {
  let lab: Lab;
  let ana: string;
  let ben: string;
  beforeAll(async () => {
    lab = await startLab();
    ana = await lab.member('ana');
    ben = await lab.member('ben', true);
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

  it("the lead's own undo keeps working after Ana's coding arrives, and never takes back her coding", async () => {
    // The lead renames a code; Ana codes with it; the lead recolours another code, then pulls Ana's coding.
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
    expect(await codingsOf(lab.leadPath)).toEqual(['ana']);
    // Her recolouring and her rename touched rows Ana's coding did not: both are still hers to undo.
    await withOpen(lab.leadPath, (p) => {
      expect(C.undo(p.db)).toMatch(/Shame/);
      expect(C.findCodeByPath(p.db, null, 'Shame')!.color).not.toBe('#000000');
      expect(C.undo(p.db)).toMatch(/Basic trust|Trust/);
      expect(C.findCodeByPath(p.db, null, 'Trust')).toBeTruthy();
    });
    expect(await codingsOf(lab.leadPath)).toEqual(['ana']);
    // The undos are changes like any other: they reach Ana, and her coding stays, on the renamed-back code.
    await sync(lab.leadPath);
    await sync(ana);
    expect(await withOpen(ana, (p) => readableCodings(p.db))).toEqual([expect.stringMatching(/Relief, honestly \| Trust \| ana$/)]);
  });

  it("a step whose code another lead changed since is refused with the reason, and nothing changes", async () => {
    await withOpen(lab.leadPath, (p) => C.updateCode(p.db, C.findCodeByPath(p.db, null, 'Shame')!.id, { color: '#113355' }));
    await withOpen(ben, (p) => C.updateCode(p.db, C.findCodeByPath(p.db, null, 'Shame')!.id, { name: 'Shame (self)' }));
    await sync(ben);
    await sync(lab.leadPath);
    // Undoing the recolouring would write the whole code back, Ben's rename with it.
    const before = await withOpen(lab.leadPath, (p) => C.findCodeByPath(p.db, null, 'Shame (self)'));
    expect(before).toMatchObject({ color: '#113355' });
    await withOpen(lab.leadPath, (p) => {
      expect(() => C.undo(p.db)).toThrow(/Cannot undo "Edit code 'Shame'.*": a change from the lab server to the same code arrived since, and undoing it could take back another member's work. The project was left as it was/);
      expect(C.findCodeByPath(p.db, null, 'Shame (self)')).toEqual(before);
    });
  });

  it("a code the lead made and Ana coded with since: undoing its creation would delete her coding, so it is refused", async () => {
    await withOpen(lab.leadPath, (p) => C.createCode(p.db, { codebookId: C.findCodeByPath(p.db, null, 'Rupture')!.codebookId, name: 'Hope' }));
    await sync(lab.leadPath);
    await sync(ana);
    await withOpen(ana, (p) => {
      const hope = C.findCodeByPath(p.db, null, 'Hope')!;
      C.addCoding(p.db, { interviewId: lab.study.clientId, ...spanOf(p.db, lab.study.clientId, 'I felt small'), codeId: hope.id });
    });
    await sync(ana);
    await sync(lab.leadPath);
    await withOpen(lab.leadPath, (p) => {
      expect(() => C.undo(p.db)).toThrow(/Cannot undo .*Hope.*: a change from the lab server now relies on the code it made/);
      expect(readableCodings(p.db)).toContain('D07_S1_client.txt | I felt small | Hope | ana');
      // The step is gone with the refusal: nothing of that history is offered again.
      expect(C.undoState(p.db).undoLabel ?? '').not.toMatch(/Hope/);
    });
  });

  it("live updates: Ben's own codings stay undoable while Ana's codings arrive, and his undo never touches hers", async () => {
    const benProject = Project.open(ben);
    const live = new LiveUpdates(benProject, () => {}, { retryDelay: () => 200, pushDelayMs: 60_000 });
    try {
      live.start();
      await waitFor(() => live.state === 'listening', 'the listener to connect');
      const db = benProject.db;
      C.setCurrentCoder(db, 'ben');
      const trust = C.findCodeByPath(db, null, 'Trust')!;
      const mine = C.addCoding(db, { interviewId: lab.study.therapistId, ...spanOf(db, lab.study.therapistId, 'I pressed harder'), codeId: trust.id }).coding.id;
      const hers = await withOpen(ana, (p) => {
        const rupture = C.findCodeByPath(p.db, null, 'Rupture')!;
        return C.addCoding(p.db, { interviewId: lab.study.therapistId, ...spanOf(p.db, lab.study.therapistId, 'I pressed harder'), codeId: rupture.id }).coding.id;
      });
      await sync(ana);
      await waitFor(() => !!db.prepare('SELECT 1 FROM codings WHERE id = ?').get(hers), "Ana's coding on Ben's replica");
      expect(C.undoState(db)).toMatchObject({ canUndo: true, undoLabel: expect.stringMatching(/^Code/) });
      expect(C.undo(db)).toMatch(/^Code/);
      expect(db.prepare('SELECT id FROM codings WHERE id IN (?, ?)').pluck().all(mine, hers)).toEqual([hers]);
    } finally {
      await live.stop();
      benProject.close();
    }
  });
});

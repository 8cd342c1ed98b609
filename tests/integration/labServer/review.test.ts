/**
 * The lead's review of conflicting changes: two leads rename the same code offline, neither seeing the other's
 * name. The later one in the server's order is the name for now; every replica records both names, with their
 * authors and server times; a lead chooses one and, once everyone has synced, every replica has it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { listConflicts, resolveConflict } from '../../../electron/labServer/conflicts';
import { dyad, dyadJson } from '../../helpers/cli';
import { describeWithPostgres } from '../../helpers/postgres';
import { startLab, sync, withOpen, type Lab } from './fixture';

describeWithPostgres("a lead's review of two leads' changes to the same field", () => {
  let lab: Lab;
  let ben: string;
  let ana: string;
  beforeAll(async () => {
    lab = await startLab();
    ben = await lab.member('ben', true);
    ana = await lab.member('ana');
  });
  afterAll(() => lab?.stop());

  const nameOf = (path: string, codeId: string) => withOpen(path, (p) => C.getCode(p.db, codeId).name);
  const conflictsOf = (path: string, all = false) => withOpen(path, (p) => listConflicts(p.db, { all }));
  const everyone = async () => {
    for (const path of [lab.leadPath, ben, ana, lab.leadPath, ben, ana]) await sync(path);
  };

  it('two leads rename the same code offline: the lead sees both names, chooses one, and every replica takes it', async () => {
    const shame = await withOpen(lab.leadPath, (p) => C.findCodeByPath(p.db, null, 'Shame')!.id);
    await withOpen(lab.leadPath, (p) => C.updateCode(p.db, shame, { name: 'Feeling small' }));
    await withOpen(ben, (p) => C.updateCode(p.db, shame, { name: 'Humiliation' }));
    await sync(lab.leadPath); // Lea's name reaches the server first
    await sync(ben); // Ben pulls it without seeing it (his own name stays) and sends his
    await sync(lab.leadPath);
    await sync(ana);

    // Last writer wins for now, everywhere.
    for (const path of [lab.leadPath, ben, ana]) expect(await nameOf(path, shame)).toBe('Humiliation');
    // Every replica knows of the same conflict, both names with their authors and the server's times.
    const [lea, onBen, onAna] = await Promise.all([conflictsOf(lab.leadPath), conflictsOf(ben), conflictsOf(ana)]);
    expect(lea).toHaveLength(1);
    expect(onBen).toEqual(lea);
    expect(onAna).toEqual(lea);
    expect(lea[0]).toMatchObject({
      codeId: shame,
      code: 'Humiliation',
      field: 'name',
      earlier: { value: 'Feeling small', shown: 'Feeling small', author: 'lab_admin' },
      later: { value: 'Humiliation', shown: 'Humiliation', author: 'ben' },
      resolved: null,
    });
    expect(lea[0]!.earlier.at! <= lea[0]!.later.at!).toBe(true);
    expect(lea[0]!.earlier.at).toMatch(/^\d{4}-\d\d-\d\dT/);

    // The lead keeps her own name; the choice is a change of hers, sent with the next sync.
    const chosen = await withOpen(lab.leadPath, (p) => resolveConflict(p.db, lea[0]!.id, 'earlier', 'lab_admin'));
    expect(chosen.resolved).toMatchObject({ by: 'lab_admin', value: 'Feeling small', sent: false });
    expect(await conflictsOf(lab.leadPath)).toEqual([]);
    await everyone();
    for (const path of [lab.leadPath, ben, ana]) {
      expect(await nameOf(path, shame)).toBe('Feeling small');
      expect(await conflictsOf(path)).toEqual([]);
      expect((await conflictsOf(path, true))[0]!.resolved).toMatchObject({ by: 'lab_admin', value: 'Feeling small', sent: true });
    }
  });

  it('choosing the name that is already there still tells everyone it was chosen', async () => {
    const trust = await withOpen(lab.leadPath, (p) => C.findCodeByPath(p.db, null, 'Trust')!.id);
    await withOpen(ben, (p) => C.updateCode(p.db, trust, { color: '#225588' }));
    await withOpen(lab.leadPath, (p) => C.updateCode(p.db, trust, { color: '#AA3355' }));
    await sync(ben);
    await sync(lab.leadPath);
    await sync(ben);
    const [c] = await conflictsOf(ben);
    expect(c).toMatchObject({ field: 'color', earlier: { value: '#225588', author: 'ben' }, later: { value: '#AA3355', author: 'lab_admin' } });
    await withOpen(ben, (p) => resolveConflict(p.db, c!.id, 'later', 'ben'));
    await everyone();
    for (const path of [lab.leadPath, ben, ana]) {
      expect(await withOpen(path, (p) => C.getCode(p.db, trust).color)).toBe('#AA3355');
      expect(await conflictsOf(path)).toEqual([]);
    }
  });

  it('a change made after seeing the other is no conflict', async () => {
    const shame = await withOpen(lab.leadPath, (p) => C.findCodeByPath(p.db, null, 'Feeling small')!.id);
    await withOpen(lab.leadPath, (p) => C.updateCode(p.db, shame, { definition: 'Feeling looked down on.' }));
    await sync(lab.leadPath);
    await sync(ben);
    await withOpen(ben, (p) => C.updateCode(p.db, shame, { definition: 'Feeling looked down on, or small.' }));
    await everyone();
    for (const path of [lab.leadPath, ben, ana]) expect(await conflictsOf(path)).toEqual([]);
  });

  it('dyad team conflicts and dyad team resolve', async () => {
    const shame = await withOpen(lab.leadPath, (p) => C.findCodeByPath(p.db, null, 'Feeling small')!.id);
    await withOpen(lab.leadPath, (p) => C.updateCode(p.db, shame, { name: 'Shame' }));
    await withOpen(ben, (p) => C.updateCode(p.db, shame, { name: 'Smallness' }));
    await sync(lab.leadPath);
    await sync(ben);
    await sync(lab.leadPath);
    const listed = await dyad('team', 'conflicts', lab.leadPath);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/#(\d+) {2}the name of Smallness — open: the later one is used for now\n {2}earlier: Shame {2}by lab_admin \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)\n {2}later: {3}Smallness {2}by ben/);
    const id = Number(/#(\d+)/.exec(listed.out)![1]);
    expect((await dyadJson('team', 'conflicts', lab.leadPath)).map((c: { id: number }) => c.id)).toEqual([id]);
    const refused = await dyad('team', 'resolve', lab.leadPath, String(id), '--keep', 'nobody');
    expect(refused).toMatchObject({ code: 2, err: expect.stringMatching(/--keep nobody: say earlier, later, lab_admin or ben/) });
    const resolved = await dyad('team', 'resolve', lab.leadPath, String(id), '--keep', 'lab_admin');
    expect(resolved.out).toMatch(/Kept Shame as the name of Shame; everyone receives it with your next sync/);
    await everyone();
    for (const path of [lab.leadPath, ben, ana]) expect(await nameOf(path, shame)).toBe('Shame');
    expect((await dyad('team', 'conflicts', ben)).out).toMatch(/No open conflicts/);
  });
});

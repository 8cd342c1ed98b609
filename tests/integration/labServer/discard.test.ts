/**
 * "Take the server's value" for a change the lab server refused: `dyad team refused` lists them, `dyad team discard`
 * (and the team.discard method the Lab server page calls) drops one and puts back what the server has for what it
 * touched. A coder's refused removal of an interview comes back with her codings and memo (held back with it), the
 * codings another coder made on it meanwhile and the lead's correction of it; a refused memo goes; a demoted lead's
 * refused rename gives way to the server's name.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import type { Db } from '../../../electron/core/database';
import { Project } from '../../../electron/core/project';
import { removeInterview } from '../../../electron/core/removeInterview';
import { callApi } from '../../helpers/api';
import { dyad, dyadJson } from '../../helpers/cli';
import { describeWithPostgres } from '../../helpers/postgres';
import { readableCodings, spanOf } from '../team/fixture';
import { projectOf, serverProject, startLab, sync, withOpen, type Lab } from './fixture';

/** What a researcher compares between two replicas for one interview. */
const interviewState = (db: Db, id: string) => ({
  text: (db.prepare('SELECT text FROM interviews WHERE id = ?').get(id) as { text: string } | undefined)?.text ?? null,
  turns: db.prepare('SELECT id, start, "end", speaker FROM turns WHERE interview_id = ? ORDER BY seq').all(id),
  moments: db.prepare('SELECT id, "offset", session_time FROM moments WHERE interview_id = ? ORDER BY "offset"').all(id),
  codings: readableCodings(db).filter((c) => c.startsWith('D07_S1_client.txt')),
  memos: db.prepare("SELECT title, text FROM memos WHERE title LIKE 'disc:%' ORDER BY title").all(),
});

describeWithPostgres("taking the server's value for a refused change", () => {
  let lab: Lab;
  let ana: string;
  let ben: string;
  let cy: string;
  const refusedRows = (path: string) => withOpen(path, (p) => p.db.prepare('SELECT count(*) AS n FROM team_refused').pluck().get());
  /** Another lead gives or takes a member's lead rights (on the server, at once). */
  const setLead = async (role: string, lead: boolean) => {
    const admin = new pg.Client({ connectionString: lab.cluster.adminUrl });
    await admin.connect();
    try {
      await admin.query(`UPDATE ${lab.schema}.members SET lead = $1 WHERE role = $2`, [lead, role]);
    } finally {
      await admin.end();
    }
  };
  /** After taking the server's value and a sync, the replica holds exactly what a replica joined now holds. */
  const expectServers = async (path: string) => {
    expect(await sync(path)).toMatchObject({ pushed: 0, refused: 0, pending: 0 });
    expect(await projectOf(path)).toEqual(await serverProject(lab, path));
  };
  beforeAll(async () => {
    lab = await startLab();
    ana = await lab.member('ana');
    ben = await lab.member('ben');
    cy = await lab.member('cy', true);
  });
  afterAll(() => lab?.stop());

  /** Codes `words` of the therapist's interview. */
  const code2 = (db: Db, words: string, codeName: string) =>
    C.addCoding(db, { interviewId: lab.study.therapistId, ...spanOf(db, lab.study.therapistId, words), codeId: C.findCodeByPath(db, null, codeName)!.id }).coding.id;
  const code = (path: string, words: string, codeName: string) =>
    withOpen(path, (p) => C.addCoding(p.db, { interviewId: lab.study.clientId, ...spanOf(p.db, lab.study.clientId, words), codeId: C.findCodeByPath(p.db, null, codeName)!.id }).coding.id);

  it("a coder's refused removal of an interview: dyad team discard brings it back with her codings, the others' made since and the lead's correction", async () => {
    const { clientId } = lab.study;
    const hers = await code(ana, 'I felt small', 'Shame');
    await withOpen(ana, (p) => C.createMemo(p.db, { targetKind: 'coding', targetId: hers, title: 'disc: small', text: 'shrinking' }));
    await sync(ana);

    await withOpen(ana, (p) => removeInterview(p.db, clientId));
    expect(await sync(ana)).toMatchObject({ pushed: 0, refused: 1, pending: 0 });
    // Meanwhile Ben codes the interview and the lead corrects it: Ana's replica, without the interview, skips both.
    await code(ben, 'I could not look at her', 'Trust');
    await sync(ben);
    await withOpen(lab.leadPath, (p) => C.correctInterview(p.db, { interviewId: clientId, ...spanOf(p.db, clientId, 'I felt small'), replacement: 'I felt very small' }));
    await sync(lab.leadPath);
    await sync(ana);
    expect(await withOpen(ana, (p) => interviewState(p.db, clientId).text)).toBeNull();

    const listed = (await dyadJson('team', 'refused', ana)) as { id: string; what: string; heldBack: number }[];
    expect(listed).toEqual([expect.objectContaining({ what: 'the removal of an interview', heldBack: 2 })]);
    const text = await dyad('team', 'refused', ana);
    expect(text.out).toContain(`${listed[0]!.id}  the removal of an interview (with 2 deletions it caused, held back)`);

    const discard = await dyad('team', 'discard', ana, '--change', listed[0]!.id);
    expect(discard).toMatchObject({ code: 0, err: '' });
    expect(discard.out).toContain("Took the server's value back for the removal of an interview.");

    await sync(lab.leadPath);
    const lead = await withOpen(lab.leadPath, (p) => interviewState(p.db, clientId));
    expect(lead.text).toContain('I felt very small');
    expect(lead.codings).toEqual(
      expect.arrayContaining([expect.stringMatching(/I felt very small \| Shame \| ana$/), expect.stringMatching(/I could not look at her \| Trust \| ben$/)]),
    );
    expect(lead.memos).toEqual([{ title: 'disc: small', text: 'shrinking' }]);
    expect(await withOpen(ana, (p) => interviewState(p.db, clientId))).toEqual(lead);
    expect(await refusedRows(ana)).toBe(0);
    // Nothing to send: the replica agrees with the server again.
    expect(await sync(ana)).toMatchObject({ pushed: 0, refused: 0, pending: 0 });
    expect(await withOpen(ana, (p) => interviewState(p.db, clientId))).toEqual(lead);
    await expectServers(ana);
  });

  it('a refused memo, through the handler the Lab server page calls: the memo goes, the status lists nothing', async () => {
    await withOpen(ana, (p) => C.createMemo(p.db, { targetKind: 'interview', targetId: lab.study.clientId, title: 'disc: pasted', text: 'before\u0000after' }));
    expect(await sync(ana)).toMatchObject({ refused: 1 });
    const p = Project.open(ana);
    try {
      const status = await callApi(p, 'team.status');
      expect(status.refused).toMatchObject({ count: 1, latest: [{ what: 'a memo', id: expect.any(String) }] });
      const r = await callApi(p, 'team.discard', { change: status.refused.latest[0].id });
      expect(r).toEqual({ changes: [{ id: status.refused.latest[0].id, what: 'a memo' }] });
      expect(p.db.prepare("SELECT count(*) FROM memos WHERE title = 'disc: pasted'").pluck().get()).toBe(0);
      expect((await callApi(p, 'team.status')).refused).toEqual({ count: 0, latest: [] });
      // An id that is not there: a clear refusal naming the file, nothing changed.
      await expect(callApi(p, 'team.discard', { change: 'no-such-change' })).rejects.toMatchObject({ kind: 'not-found', message: expect.stringMatching(/ana\.dyad has no refused change no-such-change/) });
      await expect(callApi(p, 'team.discard', {})).rejects.toMatchObject({ kind: 'invalid-input' });
    } finally {
      p.close();
    }
    await expectServers(ana);
  });

  it('a coding and memo never sent, taken with their interview by a refused removal: back exactly as they were, then sent', async () => {
    const { therapistId } = lab.study;
    const made = await withOpen(ana, (p) => {
      const c = C.addCoding(p.db, { interviewId: therapistId, ...spanOf(p.db, therapistId, 'let the silence be'), codeId: C.findCodeByPath(p.db, null, 'Trust')!.id }).coding.id;
      C.createMemo(p.db, { targetKind: 'coding', targetId: c, title: 'disc: silence', text: 'written offline' });
      return c;
    });
    const rowsOf = (db: Db) => ({ coding: db.prepare('SELECT * FROM codings WHERE id = ?').get(made), memo: db.prepare("SELECT * FROM memos WHERE title = 'disc: silence'").get() });
    const before = await withOpen(ana, (p) => rowsOf(p.db));
    await withOpen(ana, (p) => removeInterview(p.db, therapistId));
    expect(await withOpen(ana, (p) => rowsOf(p.db))).toEqual({ coding: undefined, memo: undefined });

    // Held back with the refused removal: nothing of them reaches the server.
    expect(await sync(ana)).toMatchObject({ pushed: 0, refused: 1, pending: 0 });
    expect(await withOpen(ana, (p) => p.db.prepare('SELECT what FROM team_refused WHERE part_of IS NOT NULL ORDER BY what').pluck().all())).toEqual([
      'the deletion of a coding',
      'the deletion of a memo',
    ]);
    expect(await dyad('team', 'discard', ana, '--all')).toMatchObject({ code: 0, err: '' });
    expect(await withOpen(ana, (p) => rowsOf(p.db))).toEqual(before);
    // Still hers to send: they go with the next sync, and the lead receives them.
    expect(await sync(ana)).toMatchObject({ pushed: 2, refused: 0, pending: 0 });
    await sync(lab.leadPath);
    expect(await withOpen(lab.leadPath, (p) => rowsOf(p.db))).toEqual(before);
    await expectServers(ana);
  });

  it("a lead who lost the right: her refused rename gives way to the server's name, and the rest of the code stays hers to change", async () => {
    await withOpen(cy, (p) => C.updateCode(p.db, C.findCodeByPath(p.db, null, 'Rupture')!.id, { name: 'Rupture (alliance)' }));
    const admin = new pg.Client({ connectionString: lab.cluster.adminUrl });
    await admin.connect();
    await admin.query(`UPDATE ${lab.schema}.members SET lead = false WHERE role = 'cy'`);
    await admin.end();
    expect(await sync(cy)).toMatchObject({ refused: 1 });
    expect(await withOpen(cy, (p) => !!C.findCodeByPath(p.db, null, 'Rupture (alliance)'))).toBe(true);

    const all = await dyad('team', 'discard', cy, '--all');
    expect(all).toMatchObject({ code: 0, err: '' });
    expect(all.out).toContain("Took the server's value back for the name of a code.");
    expect(await withOpen(cy, (p) => ({ renamed: !!C.findCodeByPath(p.db, null, 'Rupture (alliance)'), server: !!C.findCodeByPath(p.db, null, 'Rupture') }))).toEqual({ renamed: false, server: true });
    await expectServers(cy);
    // Bad arguments: said, nothing changed.
    expect(await dyad('team', 'discard', cy)).toMatchObject({ code: 2, err: expect.stringMatching(/--change ID .* or --all/) });
  });

  it("a demoted lead's refused rename of a codebook: the server's name comes back, the published one when nobody renamed it since", async () => {
    const dan = await lab.member('dan', true);
    const codebook = await withOpen(dan, (p) => p.db.prepare('SELECT id, name FROM codebooks').get() as { id: string; name: string });
    await withOpen(dan, (p) => C.renameCodebook(p.db, codebook.id, 'IPR themes (draft)'));
    await setLead('dan', false);
    expect(await sync(dan)).toMatchObject({ refused: 1 });
    expect(await dyad('team', 'discard', dan, '--all')).toMatchObject({ code: 0, err: '' });
    expect(await withOpen(dan, (p) => p.db.prepare('SELECT name FROM codebooks WHERE id = ?').pluck().get(codebook.id))).toBe(codebook.name);
    await expectServers(dan);
    await setLead('dan', true);
  });

  it("a coder's refused addition of another coder, who coded: the coder and the coding go, the coder chosen before stays current", async () => {
    await withOpen(ben, (p) => {
      const zed = C.ensureCoder(p.db, 'Zed');
      C.addCoding(p.db, { interviewId: lab.study.clientId, ...spanOf(p.db, lab.study.clientId, 'Relief, honestly'), codeId: C.findCodeByPath(p.db, null, 'Trust')!.id, coderId: zed.id });
    });
    const r = await sync(ben);
    expect(r).toMatchObject({ refused: 2, pending: 0 });
    // The coder before the coding that refers to it: taken back, the coding goes first.
    expect(await dyad('team', 'discard', ben, '--all')).toMatchObject({ code: 0, err: '' });
    expect(await withOpen(ben, (p) => ({ zed: p.db.prepare("SELECT count(*) FROM coders WHERE name = 'Zed'").pluck().get(), me: C.currentCoder(p.db)?.name }))).toEqual({ zed: 0, me: 'ben' });
    await expectServers(ben);
  });

  it("a demoted lead's refused correction across a speaker turn and a recall moment: turns, moments and the codings it moved come back as the server has them", async () => {
    const { therapistId } = lab.study;
    const dan = lab.study.path('dan.dyad');
    const state = (path: string) => withOpen(path, (p) => ({ ...interviewState(p.db, therapistId), codings: readableCodings(p.db).filter((c) => c.startsWith('D07_S1_therapist')) }));
    const before = await state(dan);
    // "which I regret.\n[video 03:10]\nT: I decided" becomes one sentence: a turn's start and a moment's place go.
    await withOpen(dan, (p) => {
      const text = (p.db.prepare('SELECT text FROM interviews WHERE id = ?').get(therapistId) as { text: string }).text;
      const start = text.indexOf('which I regret.');
      C.correctInterview(p.db, { interviewId: therapistId, start, end: text.indexOf('I decided') + 'I decided'.length, replacement: 'and then I decided' });
    });
    const corrected = await state(dan);
    expect(corrected.turns).not.toEqual(before.turns);
    expect(corrected.moments).not.toEqual(before.moments);
    await setLead('dan', false);
    expect(await sync(dan)).toMatchObject({ pushed: 0 });
    expect(await dyad('team', 'discard', dan, '--all')).toMatchObject({ code: 0, err: '' });
    expect(await state(dan)).toEqual(before);
    await expectServers(dan);
  });

  it("a refused correction, then a lead's later correction of the same transcript received: taking it back gives the server's turns and moments, not the ones the arriving text moved", async () => {
    const { therapistId } = lab.study;
    const dan = lab.study.path('dan.dyad');
    await setLead('dan', true);
    const state = (path: string) => withOpen(path, (p) => ({ ...interviewState(p.db, therapistId), codings: readableCodings(p.db).filter((c) => c.startsWith('D07_S1_therapist')) }));
    await withOpen(dan, (p) => {
      const text = (p.db.prepare('SELECT text FROM interviews WHERE id = ?').get(therapistId) as { text: string }).text;
      C.correctInterview(p.db, { interviewId: therapistId, start: text.indexOf('pulling away'), end: text.indexOf('I decided'), replacement: 'pulling away. So ' });
    });
    await setLead('dan', false);
    expect(await sync(dan)).toMatchObject({ pushed: 0 });
    // The lead corrects the last turn meanwhile; Dan's replica receives it (the whole new text, and the turns it moved).
    await withOpen(lab.leadPath, (p) => C.correctInterview(p.db, { interviewId: therapistId, ...spanOf(p.db, therapistId, 'let the silence be'), replacement: 'let the silence stay' }));
    await sync(lab.leadPath);
    await sync(dan);
    expect(await dyad('team', 'discard', dan, '--all')).toMatchObject({ code: 0, err: '' });
    expect(await state(dan)).toEqual(await state(lab.leadPath));
    await expectServers(dan);
  });

  it("a refused correction holds back the codings it moved, and those made on its text: taken back, they are where the server's text has them", async () => {
    const { therapistId } = lab.study;
    const dan = lab.study.path('dan.dyad');
    await setLead('dan', true);
    const sent = await withOpen(dan, (p) => code2(p.db, 'let the silence', 'Trust'));
    await sync(dan);
    await withOpen(dan, (p) => C.correctInterview(p.db, { interviewId: therapistId, ...spanOf(p.db, therapistId, 'I pressed harder'), replacement: 'I pushed on, harder and harder' }));
    // Made on the corrected text, never sent.
    const unsent = await withOpen(dan, (p) => code2(p.db, 'pushed on, harder', 'Rupture'));
    await setLead('dan', false);
    const r = await sync(dan);
    expect(r).toMatchObject({ pushed: 0, pending: 0 });
    // His two codings, and Ana's the correction moved: held back with it, none sent.
    const held = (await withOpen(dan, (p) => p.db.prepare('SELECT what, reason FROM team_refused WHERE part_of IS NOT NULL').all())) as { what: string; reason: string }[];
    expect(held.length).toBeGreaterThanOrEqual(3);
    expect(new Set(held.map((h) => `${h.what}: ${h.reason}`))).toEqual(new Set(['a coding: held back with the refused correction of its transcript']));
    expect(await dyad('team', 'discard', dan, '--all')).toMatchObject({ code: 0, err: '' });
    const mine = (path: string) => withOpen(path, (p) => readableCodings(p.db).filter((c) => c.endsWith('| dan')));
    // The coding sent before is where the server has it; the one never sent waits to be sent, on the server's text.
    expect(await sync(dan)).toMatchObject({ pushed: 1, refused: 0, pending: 0 });
    await sync(lab.leadPath);
    expect(await mine(dan)).toEqual(await mine(lab.leadPath));
    // The first back where it was; the second moved back with the text by the usual rules (shared/coding/offsets.ts).
    expect(await mine(dan)).toEqual(expect.arrayContaining([expect.stringMatching(/\| let the silence \| Trust \| dan$/), expect.stringMatching(/\| Rupture \| dan$/)]));
    expect(await withOpen(lab.leadPath, (p) => p.db.prepare('SELECT count(*) FROM codings WHERE id IN (?, ?)').pluck().get(sent, unsent))).toBe(2);
    await expectServers(dan);
  });
});

/**
 * New interviews after publishing: a lead imports the next session's transcript into the published project and it
 * reaches the coders whole (its dyad and session, text, speaker turns, recall moments, search), so they can code
 * it; a coder cannot add one, neither through Dyad nor by writing to the server directly.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import type { Db } from '../../../electron/core/database';
import { insertInterview } from '../../../electron/core/interviews';
import { describeWithPostgres } from '../../helpers/postgres';
import { readableCodings, spanOf, transcript } from '../team/fixture';
import { startLab, sync, withOpen, type Lab } from './fixture';

const NEXT_SESSION = transcript([
  { video: 64 },
  { speaker: 'I', text: 'What comes up for you as you watch this?' },
  { speaker: 'C', text: 'I was testing whether she would still be there after last week.' },
  { video: 250 },
  { speaker: 'C', text: 'When she named the tension I felt seen rather than caught.' },
]);

/** Everything a replica holds of one interview, as the tables hold it. */
function interviewOf(db: Db, id: string) {
  return {
    interview: db.prepare('SELECT i.source_name, i.role, i.text, s.number, d.name AS dyad FROM interviews i JOIN sessions s ON s.id = i.session_id JOIN dyads d ON d.id = s.dyad_id WHERE i.id = ?').get(id),
    turns: db.prepare('SELECT id, seq, speaker, speaker_role, start, "end", interview_time FROM turns WHERE interview_id = ? ORDER BY seq').all(id),
    moments: db.prepare('SELECT id, session_time, "offset", label FROM moments WHERE interview_id = ? ORDER BY "offset"').all(id),
    found: db.prepare("SELECT turn_id FROM turns_fts WHERE turns_fts MATCH 'tension' AND interview_id = ?").all(id),
  };
}

describeWithPostgres('an interview imported after publishing', () => {
  let lab: Lab;
  let anaUrl: string;
  let ana: string;
  beforeAll(async () => {
    lab = await startLab();
    anaUrl = await lab.invite('ana');
    ana = await lab.join(anaUrl, 'ana.dyad');
  });
  afterAll(() => lab?.stop());

  const schema = () => lab.schema;

  it("reaches the coder whole, with a correction made before it was sent, and the coder's coding of it comes back", async () => {
    const id = await withOpen(lab.leadPath, (p) => {
      const newId = p.db.transaction(() =>
        insertInterview(p.db, 'D08_S2_client.txt', NEXT_SESSION, { dyad: '8', session: 2, role: 'client', speakerRoles: { I: 'interviewer', C: 'participant' } }),
      )();
      // Corrected before the first sync: it travels inside the interview, not as a correction of its own.
      C.correctInterview(p.db, { interviewId: newId, ...spanOf(p.db, newId, 'last week'), replacement: 'last Tuesday' });
      return newId;
    });
    const r = await sync(lab.leadPath);
    expect(r.pushed).toBeGreaterThan(0);
    await sync(ana);

    const lead = await withOpen(lab.leadPath, (p) => interviewOf(p.db, id));
    const hers = await withOpen(ana, (p) => interviewOf(p.db, id));
    expect(hers).toEqual(lead);
    expect(hers.interview).toMatchObject({ dyad: '8', number: 2, role: 'client', source_name: 'D08_S2_client.txt' });
    expect((hers.interview as { text: string }).text).toContain('after last Tuesday.');
    expect(hers.turns).toHaveLength(3);
    expect(hers.moments).toHaveLength(2);
    expect(hers.found).toHaveLength(1);

    const c = new pg.Client({ connectionString: lab.cluster.adminUrl });
    await c.connect();
    const ops = (await c.query(`SELECT kind FROM ${schema()}.ops WHERE target = 'interviews' AND row_id = $1`, [id])).rows;
    await c.end();
    expect(ops).toEqual([{ kind: 'put' }]);

    // Ana codes the new interview; the lead receives it.
    await withOpen(ana, (p) => {
      const trust = C.findCodeByPath(p.db, null, 'Trust')!;
      C.addCoding(p.db, { interviewId: id, ...spanOf(p.db, id, 'I felt seen rather than caught'), codeId: trust.id });
    });
    await sync(ana);
    await sync(lab.leadPath);
    expect(await withOpen(lab.leadPath, (p) => readableCodings(p.db))).toContain('D08_S2_client.txt | I felt seen rather than caught | Trust | ana');
  });

  it('a coder cannot add an interview: Dyad refuses before sending, and the server refuses it written directly', async () => {
    await withOpen(ana, (p) =>
      p.db.transaction(() => insertInterview(p.db, 'D09_S1_client.txt', NEXT_SESSION, { dyad: '9', session: 1, role: 'client', speakerRoles: {} }))(),
    );
    // Refused and kept with the reason; it holds back nothing after it (refused.test.ts).
    expect(await sync(ana)).toMatchObject({ pushed: 0, refused: 1, pending: 0 });
    expect(await withOpen(ana, (p) => p.db.prepare('SELECT what, reason FROM team_refused').all())).toEqual([
      { what: 'a new interview', reason: 'only a lead adds interviews; ana is not a lead of this project' },
    ]);

    const url = new URL(anaUrl);
    url.searchParams.delete('project');
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    try {
      const before = Number((await c.query(`SELECT count(*) AS n FROM ${schema()}.ops`)).rows[0].n);
      await expect(
        c.query(`INSERT INTO ${schema()}.ops (op_id, target, row_id, kind, payload) VALUES (gen_random_uuid(), 'interviews', 'x', 'put', '{"row": {}}')`),
      ).rejects.toMatchObject({ code: '42501' });
      expect(Number((await c.query(`SELECT count(*) AS n FROM ${schema()}.ops`)).rows[0].n)).toBe(before);
    } finally {
      await c.end();
    }
    // The lead's replica never heard of it.
    await sync(lab.leadPath);
    expect(await withOpen(lab.leadPath, (p) => p.db.prepare("SELECT count(*) AS n FROM dyads WHERE name = '9'").get())).toEqual({ n: 0 });
  });
});

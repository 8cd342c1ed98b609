/**
 * Two leads import into the same new dyad while offline: neither import is lost. The dyad (and a session of the same
 * number) made by both is one, the first in the server's order; interviews of different text both arrive, the later
 * one named with a suffix when both came from files of the same name; byte-identical imports of the same file are one
 * interview, with both leads' codings on it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import type { Db } from '../../../electron/core/database';
import { insertInterview } from '../../../electron/core/interviews';
import { describeWithPostgres } from '../../helpers/postgres';
import { readableCodings, spanOf, transcript } from '../team/fixture';
import { startLab, sync, withOpen, type Lab } from './fixture';

const FIRST = transcript([
  { video: 30 },
  { speaker: 'I', text: 'What was happening for you there?' },
  { speaker: 'C', text: 'I wanted her to notice that I was tired of trying.' },
]);
const SECOND = transcript([
  { video: 95 },
  { speaker: 'I', text: 'And here, when she leaned forward?' },
  { speaker: 'C', text: 'That felt like she finally heard me.' },
]);

/** The interviews of dyad 12 a replica holds: session, role, file name, and whose codings lie on which words. */
const dyad12 = (db: Db) => ({
  dyads: db.prepare("SELECT count(*) AS n FROM dyads WHERE name = '12'").pluck().get(),
  interviews: db
    .prepare("SELECT s.number, i.role, i.source_name FROM interviews i JOIN sessions s ON s.id = i.session_id JOIN dyads d ON d.id = s.dyad_id WHERE d.name = '12' ORDER BY s.number, i.source_name")
    .all(),
  codings: readableCodings(db).filter((c) => c.startsWith('D12_')),
});

const importInto = (path: string, file: string, text: typeof FIRST, session = 1) =>
  withOpen(path, (p) => p.db.transaction(() => insertInterview(p.db, file, text, { dyad: '12', session, role: 'client', speakerRoles: { I: 'interviewer', C: 'participant' } }))());

const codeIt = (path: string, interviewId: string, words: string, code: string) =>
  withOpen(path, (p) => void C.addCoding(p.db, { interviewId, ...spanOf(p.db, interviewId, words), codeId: C.findCodeByPath(p.db, null, code)!.id }));

describeWithPostgres('two leads importing into the same new dyad offline', () => {
  let lab: Lab;
  let cy: string;
  beforeAll(async () => {
    lab = await startLab();
    cy = await lab.member('cy', true);
  });
  afterAll(() => lab?.stop());

  it('different interviews of one new dyad: both arrive everywhere, in one dyad; the second file of the same name gets a suffix', async () => {
    const a = await importInto(lab.leadPath, 'D12_S1_client.txt', FIRST);
    const b = await importInto(cy, 'D12_S1_client.txt', SECOND);
    await codeIt(lab.leadPath, a, 'tired of trying', 'Rupture');
    await codeIt(cy, b, 'she finally heard me', 'Trust');
    await sync(lab.leadPath);
    await sync(cy);
    await sync(lab.leadPath);
    const lead = await withOpen(lab.leadPath, (p) => dyad12(p.db));
    expect(lead.dyads).toBe(1);
    expect(lead.interviews).toEqual([
      { number: 1, role: 'client', source_name: 'D12_S1_client.txt' },
      { number: 1, role: 'client', source_name: expect.stringMatching(/^D12_S1_client\.txt \([0-9a-f]{4}\)$/) },
    ]);
    expect(lead.codings).toHaveLength(2);
    expect(lead.codings.join('\n')).toMatch(/tired of trying \| Rupture \| Lea/);
    expect(lead.codings.join('\n')).toMatch(/she finally heard me \| Trust \| cy/);
    expect(await withOpen(cy, (p) => dyad12(p.db))).toEqual(lead);
  });

  it('byte-identical imports of the same file: one interview, with the codings of both leads', async () => {
    const a = await importInto(lab.leadPath, 'D12_S2_client.txt', FIRST, 2);
    const b = await importInto(cy, 'D12_S2_client.txt', FIRST, 2);
    await codeIt(lab.leadPath, a, 'tired of trying', 'Rupture');
    await codeIt(cy, b, 'I wanted her to notice', 'Shame');
    await sync(lab.leadPath);
    await sync(cy);
    await sync(lab.leadPath);
    const lead = await withOpen(lab.leadPath, (p) => dyad12(p.db));
    expect(lead.interviews.filter((i) => (i as { number: number }).number === 2)).toEqual([{ number: 2, role: 'client', source_name: 'D12_S2_client.txt' }]);
    expect(lead.codings.filter((c) => c.startsWith('D12_S2'))).toEqual([
      expect.stringMatching(/^D12_S2_client\.txt \| I wanted her to notice \| Shame \| cy$/),
      expect.stringMatching(/^D12_S2_client\.txt \| tired of trying \| Rupture \| Lea$/),
    ]);
    expect(await withOpen(cy, (p) => dyad12(p.db))).toEqual(lead);
    // A replica made now, from the published project and every operation since, holds the same.
    const late = await lab.member('dee');
    expect(await withOpen(late, (p) => dyad12(p.db))).toEqual(lead);
  });
});

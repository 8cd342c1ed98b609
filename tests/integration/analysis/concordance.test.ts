/**
 * Concordance on the hand-checked study (fixture.ts smallStudy): which codes the client and the therapist
 * applied to the same recall moment. Expected counts were worked out by hand from the study's description.
 */
import { describe, expect, it } from 'vitest';
import { concordance, concordanceRows } from '../../../electron/core/analysis/concordance';
import { useSmallStudy } from './fixture';

const study = useSmallStudy('dyad-concordance-');

const run = (input: Parameters<typeof concordance>[1] = {}) => concordance(study().project.db, input, 15);
const forCode = (r: ReturnType<typeof run>, path: string) => {
  const c = r.codes.find((x) => x.codePath === path);
  if (!c) throw new Error(`no row for ${path}`);
  return c;
};

describe('concordance per code', () => {
  it('counts the rows of every session: paired moments, and moments of one side only', () => {
    const r = run();
    expect(r.sessions).toBe(3);
    // 1:00↔1:02 and 2:00↔2:05 in dyad 1; 0:30↔0:40 and the hand link 4:00↔7:00 in dyad 2.
    expect(r.pairedRows).toBe(4);
    // Client 5:00 in dyad 1, and the two turns of dyad 2's unmarked session 2.
    expect(r.unpairedClientRows).toBe(3);
    // Therapist 3:20 in dyad 1.
    expect(r.unpairedTherapistRows).toBe(1);
  });

  it('puts each code on both sides, one side, or neither', () => {
    const r = run();
    expect(forCode(r, 'Rupture/Withdrawal')).toMatchObject({ both: 1, clientOnly: 0, therapistOnly: 0, neither: 3, agreement: 1 });
    expect(forCode(r, 'Alliance/Trust')).toMatchObject({ both: 1, clientOnly: 1, therapistOnly: 0, neither: 2, agreement: 0.5 });
    expect(forCode(r, 'Repair')).toMatchObject({ both: 0, clientOnly: 0, therapistOnly: 1, agreement: 0 });
    expect(forCode(r, 'Unseen')).toMatchObject({ both: 0, clientOnly: 1, therapistOnly: 0, unpairedClient: 1, unpairedTherapist: 0 });
    // Only its own codings: the hand-linked pair in dyad 2, and the therapist's lone 3:20.
    expect(forCode(r, 'Rupture')).toMatchObject({ both: 1, clientOnly: 0, therapistOnly: 0, unpairedClient: 0, unpairedTherapist: 1 });
    expect(forCode(r, 'Rupture/Confrontation')).toMatchObject({ both: 0, clientOnly: 0, therapistOnly: 0, unpairedClient: 1 });
    expect(forCode(r, 'Alliance')).toMatchObject({ both: 0, clientOnly: 0, therapistOnly: 0, neither: 4, agreement: null });
  });

  it('with subcodes, a theme counts where any of its subthemes was applied', () => {
    const r = run({ includeSubcodes: true });
    expect(forCode(r, 'Rupture')).toMatchObject({ both: 2, clientOnly: 0, therapistOnly: 0, unpairedClient: 1, unpairedTherapist: 1 });
    expect(forCode(r, 'Alliance')).toMatchObject({ both: 1, clientOnly: 1, therapistOnly: 0 });
  });

  it('narrows to codes, coders and dyads', () => {
    const onlyTwo = run({ codeIds: [study().code('Repair'), study().code('Alliance/Trust')] });
    expect(onlyTwo.codes.map((c) => c.codePath)).toEqual(['Repair', 'Alliance/Trust']);
    // Ben coded only the client side: nothing is on both sides for him.
    const ben = run({ coderIds: [study().coder('Ben')] });
    expect(forCode(ben, 'Alliance/Trust')).toMatchObject({ both: 0, clientOnly: 1 });
    expect(forCode(ben, 'Rupture/Withdrawal')).toMatchObject({ both: 0, clientOnly: 1 });
    const dyad1 = run({ dyadIds: [study().dyad('1')] });
    expect(dyad1.pairedRows).toBe(2);
    expect(forCode(dyad1, 'Alliance/Trust')).toMatchObject({ both: 0, clientOnly: 1 });
    const online = run({ attributes: { Modality: ['ONLINE'] } });
    expect(online.sessions).toBe(1);
  });

  it('follows the alignment: without the hand link, dyad 2’s ruptures are two lone moments', () => {
    const db = study().project.db;
    const links = db.prepare('SELECT * FROM moment_links').all();
    db.prepare('DELETE FROM moment_links').run();
    try {
      const r = run();
      expect(r.pairedRows).toBe(3);
      expect(forCode(r, 'Rupture')).toMatchObject({ both: 0, unpairedClient: 1, unpairedTherapist: 2 });
    } finally {
      const insert = db.prepare('INSERT INTO moment_links VALUES (@id, @session_id, @client_unit_id, @therapist_unit_id, @kind, @created_at)');
      for (const l of links) insert.run(l);
    }
  });

  it('reads the tolerance it is given', () => {
    // At 1 s nothing pairs automatically; only the hand link does.
    const r = concordance(study().project.db, {}, 1);
    expect(r.pairedRows).toBe(1);
    expect(r.toleranceSeconds).toBe(1);
  });
});

describe('drill-down rows', () => {
  const rows = (codePath: string, category: Parameters<typeof concordanceRows>[1]['category'], extra = {}) =>
    concordanceRows(study().project.db, { codeId: study().code(codePath), category, ...extra }, 15);

  it('lists the rows behind "both", with both units and their codings', () => {
    const r = rows('Rupture/Withdrawal', 'both');
    expect(r.codePath).toBe('Rupture/Withdrawal');
    expect(r.rows).toHaveLength(1);
    const row = r.rows[0]!;
    expect(row).toMatchObject({ dyadName: '1', sessionNumber: 1, side: 'both', sessionTime: 61 });
    expect(row.client).toMatchObject({ kind: 'moment', sessionTime: 60, label: '[video 00:01:00]' });
    expect(row.therapist).toMatchObject({ kind: 'moment', sessionTime: 62 });
    expect(row.client!.codingIds).toHaveLength(2);
    expect(row.therapist!.codingIds).toHaveLength(1);
    const text = study().text(row.client!.interviewId).slice(row.client!.start, row.client!.end);
    expect(text).toContain('I wanted to leave.');
    expect(text).not.toContain('And here?');
  });

  it('lists one-sided and unpaired rows, in dyad and session order', () => {
    expect(rows('Alliance/Trust', 'client-only').rows.map((r) => [r.dyadName, r.client?.sessionTime, r.therapist?.sessionTime, r.side])).toEqual([
      ['1', 120, 125, 'client'],
    ]);
    expect(rows('Repair', 'therapist-only').rows.map((r) => [r.dyadName, r.therapist?.sessionTime, r.side])).toEqual([['1', 125, 'therapist']]);
    const lone = rows('Unseen', 'unpaired-client').rows;
    expect(lone).toHaveLength(1);
    expect(lone[0]).toMatchObject({ dyadName: '2', sessionNumber: 2, therapist: null, therapistUnitId: null, side: 'client' });
    expect(lone[0]!.client!.kind).toBe('turn');
    expect(rows('Rupture', 'both', { includeSubcodes: true }).rows.map((r) => r.dyadName)).toEqual(['1', '2']);
  });

  it('agree with the counts of the table for every code and category', () => {
    for (const sub of [false, true]) {
      const table = run({ includeSubcodes: sub });
      for (const c of table.codes) {
        const n = (cat: Parameters<typeof concordanceRows>[1]['category']) =>
          concordanceRows(study().project.db, { codeId: c.codeId, category: cat, includeSubcodes: sub }, 15).rows.length;
        expect([n('both'), n('client-only'), n('therapist-only'), n('unpaired-client'), n('unpaired-therapist')]).toEqual([
          c.both,
          c.clientOnly,
          c.therapistOnly,
          c.unpairedClient,
          c.unpairedTherapist,
        ]);
      }
    }
  });

  it('refuses an unknown code or coder', () => {
    expect(() => concordanceRows(study().project.db, { codeId: 'nope', category: 'both' }, 15)).toThrow(/no code with id nope/);
    expect(() => run({ coderIds: ['nobody'] })).toThrow(/no coder with id nobody/);
  });
});

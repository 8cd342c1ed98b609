/**
 * The analysis commands run in-process through runCli, and the analysis API calls through dispatch (which checks
 * every answer against the contract's output schema).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRegistry } from '../../../electron/api/context';
import { dispatch } from '../../../electron/api/dispatch';
import { createHandlers } from '../../../electron/api/handlers';
import { runCli } from '../../../electron/cli/main';
import { Project } from '../../../electron/core/project';
import { tempDir } from '../../helpers/tmp';
import { smallStudy } from './fixture';

const tmp = tempDir('dyad-analysis-cli-');
const file = tmp.path('study.dyad');
const ids: Record<string, string> = {};

beforeAll(() => {
  const s = smallStudy(file);
  for (const p of ['Rupture', 'Rupture/Withdrawal', 'Unseen', 'Repair', 'Alliance/Trust']) ids[p] = s.code(p);
  ids.dyad1 = s.dyad('1');
  ids.ben = s.coder('Ben');
  s.close();
});
afterAll(() => tmp.cleanup());

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const json = async (...argv: string[]) => {
  const r = await cli(...argv, '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
};

describe('dyad search', () => {
  it('prints hits as JSON with offsets, and filters by dyad and role', async () => {
    const r = await json('search', file, 'felt', '--dyad', '2', '--order', 'reading');
    expect(r.query).toBe('felt');
    expect(r.total).toBe(2);
    expect(r.hits.map((h: { dyadName: string; sessionNumber: number }) => [h.dyadName, h.sessionNumber])).toEqual([
      ['2', 1],
      ['2', 2],
    ]);
    expect(Object.keys(r.hits[0]).sort()).toEqual(
      [
        'dyadId',
        'dyadName',
        'interviewId',
        'interviewTime',
        'matches',
        'momentId',
        'role',
        'sessionId',
        'sessionNumber',
        'sessionTime',
        'snippet',
        'speaker',
        'speakerRole',
        'turnEnd',
        'turnId',
        'turnStart',
      ].sort(),
    );
    const therapist = await json('search', file, 'looked', 'at', '--role', 'therapist', '--limit', '5');
    expect(therapist.total).toBe(1);
  });

  it('prints a readable list without --json, the matches marked', async () => {
    const r = await cli('search', file, '"felt unseen"');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^2 turns match "felt unseen", best first/);
    expect(r.out).toContain('dyad 1, session 1, client 00:01:00 — C: I «felt unseen» when she looked at her notes.');
    expect(r.out.split('\n').slice(1).map((l) => l.slice(0, 3))).toEqual(['1. ', '2. ']);
  });

  it('pages with --page or --offset, numbering hits across pages, and says how to get the rest', async () => {
    const all = await json('search', file, 'I', '--limit', '1000');
    expect(all.total).toBeGreaterThan(4);
    const first = await cli('search', file, 'I', '--limit', '2');
    expect(first.out.split('\n')[1]).toMatch(/^1\. /);
    expect(first.out).toMatch(new RegExp(`… ${all.total - 2} more: --page 2 --limit 2$`));
    const second = await cli('search', file, 'I', '--limit', '2', '--page', '2');
    expect(second.out.split('\n').slice(1, 3).map((l) => l.slice(0, 3))).toEqual(['3. ', '4. ']);
    const pages = [
      ...(await json('search', file, 'I', '--limit', '2')).hits,
      ...(await json('search', file, 'I', '--limit', '2', '--page', '2')).hits,
      ...(await json('search', file, 'I', '--limit', '2', '--offset', '4')).hits,
    ];
    expect(pages.map((h: { turnId: string }) => h.turnId)).toEqual(all.hits.slice(0, 6).map((h: { turnId: string }) => h.turnId));
  });

  it('refuses an unknown --order and --page with --offset', async () => {
    expect((await cli('search', file, 'felt', '--order', 'newest')).err).toMatch(/--order must be one of relevance, reading/);
    expect((await cli('search', file, 'felt', '--page', '2', '--offset', '3')).err).toMatch(/--page or --offset, not both/);
    expect((await cli('search', file, 'felt', '--page', '0')).err).toMatch(/--page must be a whole number from 1/);
  });

  it('explains a query with nothing to look for', async () => {
    const r = await cli('search', file, 'NOT', 'notes');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/dyad search: "NOT notes" only says what to leave out/);
  });
});

describe('dyad retrieve', () => {
  it('takes code paths, combinations and filters, and prints the API answer', async () => {
    const r = await json('retrieve', file, '--code', 'Rupture/Withdrawal', '--but-not', 'unseen');
    expect(r.code).toEqual({ id: ids['Rupture/Withdrawal'], path: 'Rupture/Withdrawal' });
    expect(r.other).toEqual({ id: ids.Unseen, path: 'Unseen' });
    expect(r.excerpts.map((e: { text: string }) => e.text)).toEqual(['I wanted to leave', 'the client withdraw, I looked at my notes and lost her']);
    const ben = await json('retrieve', file, '--code', 'withdrawal', '--coder', 'ben', '--context', '10');
    expect(ben.excerpts).toHaveLength(1);
    expect(ben.excerpts[0].before).toBe('notes. ');
    const attr = await json('retrieve', file, '--code', 'Alliance/Trust', '--attr', 'modality=online', '--attr', 'modality=hybrid');
    expect(attr.excerpts.map((e: { dyadName: string }) => e.dyadName)).toEqual(['1']);
    const other = await json('retrieve', file, '--code', 'Repair', '--same-moment', 'Alliance/Trust', '--scope', 'other-side');
    expect(other.total).toBe(1);
    const subs = await json('retrieve', file, '--code', 'Rupture', '--subcodes', '--session', '1', '--dyad', '1', '--role', 'client');
    expect(subs.total).toBe(3);
  });

  it('prints excerpts with their attribution without --json', async () => {
    const r = await cli('retrieve', file, '--code', 'Rupture/Withdrawal', '--and', 'Unseen');
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 excerpt: Rupture/Withdrawal and-overlap Unseen');
    expect(r.out).toContain('"felt unseen"\n  (client, dyad 1, session 1, 00:01:00) C; Rupture/Withdrawal; Ana');
  });

  it('names the file and what is wrong', async () => {
    const unknown = await cli('retrieve', file, '--code', 'Shame');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/study\.dyad has no code "Shame"\. Its codes: Rupture, Rupture\/Withdrawal/);
    const coder = await cli('retrieve', file, '--code', 'Repair', '--coder', 'Zoe');
    expect(coder.err).toMatch(/study\.dyad has no coder "Zoe"\. Its coders: Ana, Ben/);
    const dyad = await cli('retrieve', file, '--code', 'Repair', '--dyad', '9');
    expect(dyad.err).toMatch(/study\.dyad has no dyad "9"/);
    expect((await cli('retrieve', file)).code).toBe(2);
    expect((await cli('retrieve', file, '--code', 'Repair', '--and', 'Unseen', '--but-not', 'Rupture')).code).toBe(2);
    expect((await cli('retrieve', file, '--code', 'Repair', '--scope', 'same-side')).code).toBe(2);
    expect((await cli('retrieve', file, '--code', 'Repair', '--attr', 'modality')).code).toBe(2);
  });
});

describe('dyad matrix and dyad concordance', () => {
  it('matrix --by role and --by dyad', async () => {
    const byRole = await json('matrix', file, '--by', 'role');
    expect(byRole.columns.map((c: { key: string }) => c.key)).toEqual(['client', 'therapist', 'other']);
    const w = byRole.rows.find((r: { codePath: string }) => r.codePath === 'Rupture/Withdrawal');
    expect(w.cells).toEqual([
      { codings: 2, moments: 1 },
      { codings: 1, moments: 1 },
      { codings: 0, moments: 0 },
    ]);
    const byDyad = await json('matrix', file, '--by', 'dyad', '--code', 'Rupture', '--subcodes');
    expect(byDyad.rows).toHaveLength(1);
    expect(byDyad.rows[0].total).toEqual({ codings: 7, moments: 6 });
    const text = await cli('matrix', file, '--by', 'role');
    expect(text.out).toMatch(/\n {2}Withdrawal +2\/1 +1\/1 +0\/0 +3\/2/);
    expect((await cli('matrix', file, '--by', 'coder')).code).toBe(2);
  });

  it('concordance for all codes, one code, and its rows', async () => {
    const all = await json('concordance', file);
    expect(all).toMatchObject({ sessions: 3, pairedRows: 4, unpairedClientRows: 3, unpairedTherapistRows: 1, toleranceSeconds: 15 });
    const trust = await json('concordance', file, '--code', 'Alliance/Trust');
    expect(trust.codes).toEqual([
      { codeId: ids['Alliance/Trust'], codePath: 'Alliance/Trust', both: 1, clientOnly: 1, therapistOnly: 0, neither: 2, unpairedClient: 0, unpairedTherapist: 0, agreement: 0.5 },
    ]);
    const rows = await json('concordance', file, '--code', 'Alliance/Trust', '--rows', 'client-only');
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ dyadName: '1', sessionNumber: 1, side: 'client', sessionTime: 122.5 });
    const text = await cli('concordance', file, '--code', 'Rupture', '--subcodes');
    expect(text.out).toMatch(/3 sessions, 4 paired moments \(tolerance 15 s\)/);
    expect(text.out).toMatch(/Rupture +2 +0 +0 +2 +100%/);
    expect((await cli('concordance', file, '--rows', 'both')).code).toBe(2);
  });
});

describe('the API', () => {
  it('answers the analysis calls within the contract', async () => {
    const project = Project.open(file);
    try {
      const env = { project, jobs: new JobRegistry(), emit: () => {} };
      const table = createHandlers();
      const call = (method: string, input: unknown) => dispatch(table, env, method, input);
      const search = await call('search.text', { query: 'unseen', roles: ['client'] });
      expect(search).toMatchObject({ ok: true, value: { total: 2 } });
      const r = await call('analysis.retrieve', { code: ids['Rupture/Withdrawal'], combine: { op: 'same-moment', other: ids.Unseen }, sameMomentScope: 'either-side', contextChars: 20 });
      expect(r).toMatchObject({ ok: true, value: { total: 3 } });
      expect(await call('analysis.matrix', { columns: 'dyad', includeSubcodes: true })).toMatchObject({ ok: true });
      const c = await call('analysis.concordance', { coderIds: [ids.ben] });
      expect(c).toMatchObject({ ok: true, value: { pairedRows: 4 } });
      const rows = await call('analysis.concordanceRows', { codeId: ids.Repair, category: 'therapist-only', dyadIds: [ids.dyad1] });
      expect(rows).toMatchObject({ ok: true, value: { rows: [{ side: 'therapist' }] } });
      expect(await call('search.text', { query: '-repair' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      expect(await call('analysis.retrieve', { code: 'missing' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
      expect(await call('analysis.matrix', { columns: 'coder' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      expect(await call('analysis.concordanceRows', { codeId: ids.Repair, category: 'some' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    } finally {
      project.close();
    }
  });
});

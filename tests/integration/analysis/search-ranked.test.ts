/**
 * Search as a search engine: the best hits first (bm25), pages that neither repeat nor lose a hit, NEAR and
 * exclusion, hostile input turned into a clear message, and hits whose offsets open the words found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchText, type SearchInput } from '../../../electron/core/analysis/search';
import { DyadError } from '../../../shared/api/errors';
import { tempDir } from '../../helpers/tmp';
import { createStudy, type FixtureTurn, type Study } from './fixture';

const tmp = tempDir('dyad-search-ranked-');
let study: Study;

/** Thirty client turns that each mention the week a different number of times, between interviewer questions. */
const weekTurns = (dyad: number): FixtureTurn[] =>
  Array.from({ length: 15 }, (_, i) => [
    { speaker: 'I', text: `What stayed with you from part ${dyad}.${i}?` },
    { speaker: 'C', text: `${'week '.repeat(1 + ((i * 7 + dyad) % 4))}was long, said the client in turn ${dyad}.${i}.` },
  ]).flat();

beforeAll(() => {
  study = createStudy(tmp.path('ranked.dyad'), {
    interviews: [
      {
        dyad: '1',
        session: 1,
        role: 'client',
        turns: [
          { speaker: 'I', text: 'What happened when she looked at the clock?', at: 10 },
          { speaker: 'C', text: 'I felt unseen and nothing else that morning.' },
          { speaker: 'C', text: 'I felt unseen and unseen again that morning.' },
          { speaker: 'I', text: 'And then?', at: 75 },
          { speaker: 'C', text: '😀 Déjà vu, she turned away and I felt unseen by her once more.' },
        ],
      },
      { dyad: '1', session: 1, role: 'therapist', turns: weekTurns(1) },
      { dyad: '2', session: 1, role: 'client', turns: weekTurns(2) },
    ],
  });
});
afterAll(() => {
  study.project.close();
  tmp.cleanup();
});

const find = (query: string, extra: Partial<SearchInput> = {}) => searchText(study.project.db, { query, ...extra });
const said = (r: ReturnType<typeof find>) => r.hits.map((h) => study.text(h.interviewId).slice(h.turnStart, h.turnEnd));

describe('ranked search', () => {
  it('puts a turn that says the words twice above one that says them once', () => {
    const r = find('unseen');
    expect(r.total).toBe(3);
    expect(said(r)[0]).toBe('I felt unseen and unseen again that morning.');
    // Same count, shorter turn first: a long turn that mentions it once says less about it.
    expect(said(r)[1]).toBe('I felt unseen and nothing else that morning.');
    const weeks = find('week', { limit: 100 });
    const counts = said(weeks).map((t) => t.split('week').length - 1);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBe(4);
  });

  it('reading order lists the same hits as the study reads', () => {
    expect(said(find('unseen', { order: 'reading' }))).toEqual([
      'I felt unseen and nothing else that morning.',
      'I felt unseen and unseen again that morning.',
      '😀 Déjà vu, she turned away and I felt unseen by her once more.',
    ]);
  });

  for (const order of ['relevance', 'reading'] as const) {
    for (const filter of [{}, { roles: ['client' as const] }, { speakerRoles: ['participant' as const] }]) {
      it(`pages of 7 give every hit once, in the order of one long list (${order}, ${JSON.stringify(filter)})`, () => {
        const whole = find('week', { order, limit: 1000, ...filter });
        expect(whole.total).toBeGreaterThan(14);
        const paged: string[] = [];
        for (let offset = 0; offset < whole.total; offset += 7) {
          const page = find('week', { order, limit: 7, offset, ...filter });
          expect(page.total).toBe(whole.total);
          expect(page.offset).toBe(offset);
          paged.push(...page.hits.map((h) => h.turnId));
        }
        expect(paged).toEqual(whole.hits.map((h) => h.turnId));
        expect(new Set(paged).size).toBe(whole.total);
      });
    }
  }

  it('opens each hit at the words found, in UTF-16 offsets, after an emoji and accents', () => {
    for (const q of ['unseen', 'deja vu', '"turned away"', 'turn*', 'NEAR(felt unseen, 3)']) {
      for (const h of find(q, { limit: 100 }).hits) {
        const text = study.text(h.interviewId);
        expect(h.matches.length).toBeGreaterThan(0);
        for (const m of h.matches) {
          const word = text.slice(m.start, m.end).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
          expect(q.toLowerCase()).toContain(word.replace(/\s+/g, ' ').slice(0, 4));
          expect(m.start).toBeGreaterThanOrEqual(h.turnStart);
          expect(m.end).toBeLessThanOrEqual(h.turnEnd);
        }
        expect(text.slice(h.snippet.start, h.snippet.start + h.snippet.text.length)).toBe(h.snippet.text);
      }
    }
    const deja = find('déjà').hits[0]!;
    expect(study.text(deja.interviewId).slice(deja.matches[0]!.start, deja.matches[0]!.end)).toBe('Déjà');
    expect(deja.snippet.text.startsWith('😀')).toBe(true);
    expect(deja.sessionTime).toBe(75);
  });

  it('NEAR, phrases and exclusion narrow the hits', () => {
    expect(said(find('NEAR(felt unseen, 0)', { order: 'reading' }))).toHaveLength(3);
    expect(said(find('NEAR(turned unseen, 2)'))).toEqual([]);
    expect(said(find('NEAR(turned unseen, 4)'))).toEqual(['😀 Déjà vu, she turned away and I felt unseen by her once more.']);
    expect(said(find('unseen -morning'))).toEqual(['😀 Déjà vu, she turned away and I felt unseen by her once more.']);
    expect(said(find('unseen NOT "nothing else"'))).toHaveLength(2);
    expect(said(find('"unseen again"'))).toEqual(['I felt unseen and unseen again that morning.']);
  });

  it('turns hostile input into a search or a clear message, never an SQLite error', () => {
    for (const q of ['"', '*', 'NEAR(', 'AND OR', '-', '()', '"*"', 'NOT', '^', ':']) {
      let message = '';
      try {
        const r = find(q);
        expect(r.total).toBeGreaterThanOrEqual(0);
      } catch (e) {
        expect(e).toBeInstanceOf(DyadError);
        message = (e as DyadError).message;
      }
      expect(message).toMatch(/^$|no word to search for|Type a word|only says what to leave out/);
    }
    // The quote opens a phrase " OR ", so this asks for all three: found nowhere, and no error.
    expect(find('unseen" OR "week')).toMatchObject({ query: 'unseen AND " OR " AND week', total: 0 });
    expect(find('col:unseen').total).toBe(0);
    expect(find('NEAR(unseen').total).toBe(3);
    expect(find('ÜNSEEN').total).toBe(3);
    expect(find('日本語').total).toBe(0);
  });
});

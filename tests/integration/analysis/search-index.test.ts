/**
 * The word index beside FTS5 (electron/core/analysis/wordIndex.ts, wordSearch.ts) answers as FTS5 would: the same
 * hits, the same count, in FTS5's own bm25 order (ties aside, which the index breaks by reading order), for every
 * shape of query the search box accepts; and it follows the transcript when a correction is made and undone.
 * FTS5 itself, queried with bare SQL on the same file, is the reference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchText, type SearchInput } from '../../../electron/core/analysis/search';
import { readyWordIndex, wordIndex } from '../../../electron/core/analysis/wordIndex';
import { wordSearch } from '../../../electron/core/analysis/wordSearch';
import * as C from '../../../electron/core/coding';
import { Project } from '../../../electron/core/project';
import { readHighlight } from '../../../shared/analysis/passages';
import { parseSearchQuery } from '../../../shared/analysis/query';
import { tempDir } from '../../helpers/tmp';
import { createStudy, type FixtureTurn, type Study } from './fixture';

const tmp = tempDir('dyad-search-index-');
let study: Study;

/** Words a client or therapist might recall, some common, some rare, a few with accents or hyphens. */
const WORDS = (
  'I felt she looked away and the room went quiet trust was gone then repair came slowly ' +
  'shame silence voice tone tense relief warm distant stuck sorry hopeful self-harm déjà vu naïve ' +
  "don't it's mother father afraid eyes pause noticed rupture unseen"
).split(' ');

/** A small seeded generator, so the study is the same on every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

function turns(seed: number, count: number): FixtureTurn[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const n = 3 + Math.floor(random() * (i % 5 === 0 ? 60 : 14));
    const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * random() * WORDS.length)]!);
    return { speaker: i % 2 ? 'C' : 'I', text: `${words.join(random() < 0.3 ? ', ' : ' ')}.` };
  });
}

beforeAll(() => {
  study = createStudy(tmp.path('index.dyad'), {
    interviews: [
      { dyad: '1', session: 1, role: 'client', turns: turns(1, 160) },
      { dyad: '1', session: 1, role: 'therapist', turns: turns(2, 140) },
      { dyad: '2', session: 1, role: 'client', turns: turns(3, 180) },
    ],
  });
});
afterAll(() => {
  study.project.close();
  tmp.cleanup();
});

const db = () => study.project.db;
/** A search answered by the word index: built first (a search finding none ready asks FTS5 and builds it after). */
const find = (query: string, extra: Partial<SearchInput> = {}) => {
  if (!db().inTransaction) expect(wordIndex(db())).not.toBeNull();
  return searchText(db(), { query, limit: 10_000, ...extra });
};

/** FTS5's own answer: every hit's turn and bm25, best first, from bare SQL. */
function fts5(query: string, order: 'rank' | 'rowid' = 'rank'): { turnId: string; rank: number }[] {
  return (
    db()
      .prepare(`SELECT turn_id, rank FROM turns_fts WHERE turns_fts MATCH ? ORDER BY ${order}`)
      .raw()
      .all(parseSearchQuery(query).fts) as [string, number][]
  ).map(([turnId, rank]) => ({ turnId, rank }));
}

/** The hits grouped by equal bm25 (to 1e-9), each group as a sorted list: the order FTS5 fixes, ties aside. */
function tiers(hits: { turnId: string; rank: number }[]): string[][] {
  const out: string[][] = [];
  let last = NaN;
  for (const h of hits) {
    if (!(Math.abs(h.rank - last) <= 1e-9 * Math.abs(last))) out.push([]);
    out[out.length - 1]!.push(h.turnId);
    last = h.rank;
  }
  return out.map((t) => t.sort());
}

const QUERIES = [
  'felt',
  'looked',
  'unseen',
  'felt looked',
  'trust repair silence',
  '"looked away"',
  '"the room went"',
  'rupt*',
  're*',
  '"went qu*"',
  'self-harm',
  "don't",
  'NEAR(felt looked, 5)',
  'NEAR(felt looked, 0)',
  'NEAR(trust "looked away" re*, 8)',
  'NEAR(shame voice)',
  'felt OR unseen',
  'shame OR (trust repair)',
  'felt -looked',
  'felt NOT "looked away"',
  '"looked away" felt -room',
  '(trust OR shame) -(voice OR tone)',
  'felt felt',
  'zebra',
  'felt zebra',
];

describe('the word index', () => {
  it('answers the search box in ASCII itself, and leaves other scripts and accents to FTS5', () => {
    const ix = wordIndex(db())!;
    expect(ix).not.toBeNull();
    expect(ix.unsure.size).toBe(0);
    for (const q of QUERIES) expect(wordSearch(ix, parseSearchQuery(q).node, { ranked: true, offset: 0, limit: 5, keep: null }), q).not.toBeNull();
    expect(wordSearch(ix, parseSearchQuery('déjà').node, { ranked: true, offset: 0, limit: 5, keep: null })).toBeNull();
    // FTS5 answers those, with the same accents folded away as the index does for the words it holds.
    expect(find('déjà').total).toBe(find('deja').total);
    expect(find('deja').total).toBeGreaterThan(0);
  });

  it('finds what FTS5 finds, as many, in the same bm25 order (ties aside)', () => {
    for (const q of QUERIES) {
      const ref = fts5(q);
      const got = find(q);
      expect(got.total, q).toBe(ref.length);
      const rank = new Map(ref.map((h) => [h.turnId, h.rank]));
      const mine = got.hits.map((h) => ({ turnId: h.turnId, rank: rank.get(h.turnId)! }));
      expect(tiers(mine), q).toEqual(tiers(ref));
      // Within a tie, reading order: the order is total, so pages never repeat or lose a hit.
      for (let i = 1; i < mine.length; i++) {
        if (Math.abs(mine[i]!.rank - mine[i - 1]!.rank) <= 1e-9 * Math.abs(mine[i]!.rank)) {
          expect(got.hits[i]!.turnStart > got.hits[i - 1]!.turnStart || got.hits[i]!.interviewId !== got.hits[i - 1]!.interviewId, q).toBe(true);
        }
      }
    }
  });

  it('finds phrases, prefixes, NEAR and exclusions exactly as FTS5 does, in reading order', () => {
    for (const q of QUERIES) {
      expect(
        find(q, { order: 'reading' }).hits.map((h) => h.turnId),
        q,
      ).toEqual(fts5(q, 'rowid').map((h) => h.turnId));
    }
    // What each shape means, on one case each: the words of a phrase side by side, a NEAR's distance, NOT.
    const said = (q: string) => find(q, { order: 'reading' }).hits.map((h) => study.text(h.interviewId).slice(h.turnStart, h.turnEnd).toLowerCase());
    for (const t of said('"looked away"')) expect(t).toMatch(/looked[^a-z]+away/);
    for (const t of said('felt -looked')) expect(t).not.toMatch(/\blooked\b/);
    for (const t of said('rupt*')) expect(t).toMatch(/\brupt/);
    for (const t of said('NEAR(felt looked, 0)')) expect(t).toMatch(/felt[^a-z]+looked|looked[^a-z]+felt/);
  });

  it("marks in each hit the words FTS5's highlight() marks", () => {
    const marked = db().prepare("SELECT turn_id, highlight(turns_fts, 0, '\uFDD0', '\uFDD1') FROM turns_fts WHERE turns_fts MATCH ?").raw();
    for (const q of QUERIES) {
      const ref = new Map(
        (marked.all(parseSearchQuery(q).fts) as [string, string][]).map(([turnId, m]) => [turnId, readHighlight(m, '\uFDD0', '\uFDD1')!.marks]),
      );
      const hits = find(q).hits;
      for (const h of hits) expect(h.matches.map((m) => ({ start: m.start - h.turnStart, end: m.end - h.turnStart })), `${q} in ${h.turnId}`).toEqual(ref.get(h.turnId));
      if (hits.length) expect(hits.some((h) => h.matches.length > 0), q).toBe(true);
    }
  });

  it('pages through ranked hits, filtered by role or speaker, without repeating or losing one', () => {
    for (const filter of [{}, { roles: ['client' as const] }, { speakerRoles: ['interviewer' as const] }]) {
      for (const q of ['felt', 'felt OR unseen', 'NEAR(felt looked, 5)']) {
        const whole = find(q, filter);
        const paged: string[] = [];
        for (let offset = 0; offset < whole.total; offset += 13) {
          const page = find(q, { ...filter, limit: 13, offset });
          expect(page.total).toBe(whole.total);
          paged.push(...page.hits.map((h) => h.turnId));
        }
        expect(paged, q).toEqual(whole.hits.map((h) => h.turnId));
      }
    }
    const clients = find('felt', { roles: ['client'] });
    expect(clients.total).toBeGreaterThan(0);
    expect(clients.total).toBeLessThan(find('felt').total);
    expect(clients.hits.every((h) => h.role === 'client')).toBe(true);
  });

  it('follows a correction of the transcript and its undo', () => {
    const iv = study.interview('1', 1, 'client');
    const before = wordIndex(db());
    const at = study.find(iv, 'felt');
    expect(find('kaleidoscope').total).toBe(0);
    const feltBefore = find('felt').total;
    C.correctInterview(db(), { interviewId: iv, start: at, end: at + 'felt'.length, replacement: 'kaleidoscope' });
    expect(wordIndex(db())).not.toBe(before);
    expect(find('kaleidoscope').hits.map((h) => h.turnId)).toEqual(fts5('kaleidoscope').map((h) => h.turnId));
    expect(find('kaleidoscope').total).toBe(1);
    expect(find('felt').total).toBe(fts5('felt').length);
    for (const q of QUERIES) expect(find(q).total, q).toBe(fts5(q).length);

    C.undo(db());
    expect(find('kaleidoscope').total).toBe(0);
    expect(find('felt').total).toBe(feltBefore);
    const ref = fts5('felt');
    const rank = new Map(ref.map((h) => [h.turnId, h.rank]));
    expect(tiers(find('felt').hits.map((h) => ({ turnId: h.turnId, rank: rank.get(h.turnId)! })))).toEqual(tiers(ref));
  });

  it('is built for a project opened read-only too (a snapshot that refuses every write)', () => {
    const snapshot = Project.open(tmp.path('index.dyad'), { readOnly: true });
    try {
      expect(wordIndex(snapshot.db)).not.toBeNull();
      for (const q of ['felt', 'NEAR(felt looked, 5)', '"looked away" felt -room']) {
        expect(searchText(snapshot.db, { query: q, limit: 10_000 }).hits.map((h) => h.turnId), q).toEqual(find(q).hits.map((h) => h.turnId));
      }
    } finally {
      snapshot.close();
    }
  });

  it('does not hold the first search after a change: FTS5 answers it, and the index is built once the answer is out', async () => {
    const iv = study.interview('2', 1, 'client');
    const at = study.find(iv, 'felt');
    wordIndex(db());
    C.correctInterview(db(), { interviewId: iv, start: at, end: at + 'felt'.length, replacement: 'marigold' });
    expect(readyWordIndex(db())).toBeNull();
    // Answered meanwhile, by FTS5, as the index would.
    const q = 'marigold OR felt';
    const ref = fts5(q);
    const rank = new Map(ref.map((h) => [h.turnId, h.rank]));
    const early = searchText(db(), { query: q, limit: 10_000 });
    expect(tiers(early.hits.map((h) => ({ turnId: h.turnId, rank: rank.get(h.turnId)! })))).toEqual(tiers(ref));
    await new Promise((r) => setTimeout(r, 20));
    const ready = readyWordIndex(db());
    expect(ready).not.toBeNull();
    expect(ready).toBe(wordIndex(db()));
    expect(searchText(db(), { query: q, limit: 10_000 }).hits.map((h) => h.turnId)).toEqual(early.hits.map((h) => h.turnId));
    C.undo(db());
  });

  it('is not used inside a transaction, where FTS5 sees rows not yet committed', () => {
    const iv = study.interview('2', 1, 'client');
    expect(() =>
      db().transaction(() => {
        db().prepare('INSERT INTO turns_fts (text, turn_id, interview_id) VALUES (?, ?, ?)').run('an albatross said nothing', 'no-such-turn', iv);
        expect(wordIndex(db())).toBeNull();
        expect(searchText(db(), { query: 'albatross' }).total).toBe(1);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(searchText(db(), { query: 'albatross' }).total).toBe(0);
  });
});

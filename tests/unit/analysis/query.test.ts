/**
 * Search-box input → FTS5 query. Every string a researcher can type either becomes a query SQLite accepts or is
 * refused with a DyadError that says why; and plain words, phrases, prefixes, OR and NOT mean what they say,
 * checked against a brute-force search of a small in-memory index.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../../shared/analysis/query';
import { DyadError } from '../../../shared/api/errors';

const db = new Database(':memory:');
db.exec("CREATE VIRTUAL TABLE docs USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2')");
const DOCS = [
  'I felt unseen when she looked away.',
  'Trust came slowly; trusting her was hard.',
  'We repaired the rupture together.',
  'The rupture stayed, no repair that day.',
  'Self-harm was never mentioned.',
  'Naïve hope, café talk, déjà vu.',
  'She said "or" and then nothing.',
  'I could not make eye contact.',
];
const insert = db.prepare('INSERT INTO docs (rowid, text) VALUES (?, ?)');
DOCS.forEach((d, i) => insert.run(i + 1, d));
afterAll(() => db.close());

const search = (q: string) => db.prepare('SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rowid').pluck().all(parseSearchQuery(q).fts) as number[];
const words = (d: string) => d.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const docsWhere = (pred: (ws: string[]) => boolean) => DOCS.flatMap((d, i) => (pred(words(d)) ? [i + 1] : []));

describe('what researchers type', () => {
  it('plain words must all occur, in any order, case- and accent-insensitively', () => {
    expect(search('unseen felt')).toEqual([1]);
    expect(search('RUPTURE')).toEqual([3, 4]);
    expect(search('naive cafe')).toEqual([6]);
  });

  it('"quoted phrases" must occur as written', () => {
    expect(search('"eye contact"')).toEqual([8]);
    expect(search('"contact eye"')).toEqual([]);
  });

  it('a hyphenated or apostrophised word is searched as the phrase the index stores', () => {
    expect(search('self-harm')).toEqual([5]);
    expect(parseSearchQuery('self-harm').understood).toBe('self-harm');
  });

  it('prefix* finds every word that starts so', () => {
    expect(search('trust*')).toEqual([2]);
    expect(search('trust')).toEqual([2]);
    expect(search('repair*')).toEqual([3, 4]);
    expect(search('"eye cont"*')).toEqual([8]);
  });

  it('OR, NOT and -word', () => {
    expect(search('unseen OR contact')).toEqual([1, 8]);
    expect(search('rupture NOT repair')).toEqual([3]);
    expect(search('rupture -repair')).toEqual([3]);
    expect(search('rupture -(repair OR together)')).toEqual([]);
    expect(search('(unseen OR contact) NOT eye')).toEqual([1]);
    expect(search('rupture (NOT repair)')).toEqual([3]);
  });

  it('NEAR(a b) finds the terms within 10 words of each other, NEAR(a b, N) within N', () => {
    // Doc 1: four words between "felt" and "away"; doc 3: one between "repaired" and "rupture", doc 4: two.
    expect(search('NEAR(felt away)')).toEqual([1]);
    expect(search('NEAR(felt away, 5)')).toEqual([1]);
    expect(search('NEAR(felt away, 3)')).toEqual([]);
    expect(search('NEAR(felt "looked away", 4)')).toEqual([1]);
    expect(search('NEAR(rupture repair*, 2)')).toEqual([3, 4]);
    expect(search('NEAR(rupture repair*,1)')).toEqual([3]);
    expect(search('NEAR(rupture repair*, 0)')).toEqual([]);
    expect(search('rupture -NEAR(rupture repair, 4)')).toEqual([3]);
    expect(parseSearchQuery('NEAR(felt "looked away", 4)').understood).toBe('NEAR(felt "looked away", 4)');
    expect(parseSearchQuery('NEAR(felt away)').fts).toBe('NEAR("felt" "away", 10)');
  });

  it('a NEAR( ) without its ")" or with one word is forgiven; lower-case near and a bare NEAR are words', () => {
    expect(search('NEAR(felt away')).toEqual([1]);
    expect(search('NEAR(unseen)')).toEqual([1]);
    expect(parseSearchQuery('NEAR(unseen').understood).toBe('unseen');
    expect(parseSearchQuery('near(unseen)').understood).toBe('near AND unseen');
    expect(parseSearchQuery('NEAR unseen').understood).toBe('NEAR AND unseen');
    expect(parseSearchQuery('NEAR(felt OR "away, 99 AND) x').fts).toBe('(NEAR("felt" "away  99 AND", 10)) AND ("x")');
  });

  it('lower-case or/and/not are words, not operators', () => {
    expect(search('or')).toEqual([7]);
    expect(search('"or" nothing')).toEqual([7]);
  });

  it('forgives stray quotes, dangling operators and unbalanced parentheses', () => {
    expect(search('"eye contact')).toEqual([8]);
    expect(search('OR unseen OR')).toEqual([1]);
    expect(search('unseen NOT')).toEqual([1]);
    expect(search('((unseen')).toEqual([1]);
    expect(search('unseen))')).toEqual([1]);
    expect(search('unseen AND AND felt')).toEqual([1]);
    expect(search('unseen "" felt')).toEqual([1]);
    expect(search('unseen ... felt !')).toEqual([1]);
  });

  it('says how it read the query', () => {
    expect(parseSearchQuery('trust* "felt unseen" -repair').understood).toBe('trust* AND "felt unseen" NOT repair');
    expect(parseSearchQuery('a OR b c').understood).toBe('a OR (b AND c)');
    expect(parseSearchQuery('a OR b c').terms).toEqual([
      { text: 'a', prefix: false },
      { text: 'b', prefix: false },
      { text: 'c', prefix: false },
    ]);
  });

  it('refuses, with a reason, what has nothing to look for', () => {
    const refused = (q: string) => {
      try {
        parseSearchQuery(q);
      } catch (e) {
        expect(e).toBeInstanceOf(DyadError);
        expect((e as DyadError).kind).toBe('invalid-input');
        return (e as DyadError).message;
      }
      throw new Error(`"${q}" was accepted`);
    };
    expect(refused('')).toMatch(/Type a word/);
    expect(refused('   ')).toMatch(/Type a word/);
    expect(refused('"" ( ) OR')).toMatch(/no word to search for/);
    expect(refused('NOT repair')).toMatch(/only says what to leave out.*rupture NOT repair/);
    expect(refused('-repair')).toMatch(/only says what to leave out/);
    expect(refused('unseen OR -repair')).toMatch(/"NOT repair" only says what to leave out/);
    expect(refused('x'.repeat(1001))).toMatch(/at most 1000/);
    expect(refused(Array.from({ length: 70 }, (_, i) => `w${i}`).join(' '))).toMatch(/70 terms.*at most 64/);
  });
});

/** Characters that matter to FTS5 or to the parser, mixed with letters and non-Latin text. */
const nasty = fc.constantFrom(...'"()*-+^:{}[],.;\'`\\|&!?~ \t\n', 'OR', 'AND', 'NOT', 'NEAR', 'NEAR(', 'trust', 'é', '日本', '😀', '\u0301', 'x');
const typed = fc.oneof(fc.string({ maxLength: 40 }), fc.array(nasty, { maxLength: 25 }).map((p) => p.join('')), fc.array(nasty, { maxLength: 25 }).map((p) => p.join(' ')));

describe('sanitising', () => {
  it('any input becomes a query SQLite accepts, or a DyadError — never an SQLite error', () => {
    const stmt = db.prepare('SELECT count(*) FROM docs WHERE docs MATCH ?').pluck();
    fc.assert(
      fc.property(typed, (q) => {
        let fts: string;
        try {
          fts = parseSearchQuery(q).fts;
        } catch (e) {
          expect(e).toBeInstanceOf(DyadError);
          expect((e as DyadError).message.length).toBeGreaterThan(10);
          return;
        }
        expect(() => stmt.get(fts)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });

  it('plain words mean "all of them", exactly as a brute-force search finds them', () => {
    const vocab = ['i', 'felt', 'unseen', 'rupture', 'repair', 'trust', 'eye', 'contact', 'the', 'she', 'hope', 'cafe'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocab), { minLength: 1, maxLength: 3 }), (ws) => {
        expect(search(ws.join(' '))).toEqual(docsWhere((d) => ws.every((w) => d.includes(w))));
      }),
    );
  });

  it('A OR B and A NOT B as a brute-force search finds them', () => {
    const vocab = ['felt', 'unseen', 'rupture', 'repair', 'trust', 'eye', 'the', 'she', 'i'];
    fc.assert(
      fc.property(fc.constantFrom(...vocab), fc.constantFrom(...vocab), (a, b) => {
        expect(search(`${a} OR ${b}`)).toEqual(docsWhere((d) => d.includes(a) || d.includes(b)));
        expect(search(`${a} NOT ${b}`)).toEqual(docsWhere((d) => d.includes(a) && !d.includes(b)));
      }),
    );
  });
});

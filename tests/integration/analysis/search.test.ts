/**
 * Full-text search on the hand-checked study: filters, and offsets that point at the words found. In reading
 * order, so the hits are listed as the researcher reads the study; ranking is search-ranked.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { searchText, type SearchInput } from '../../../electron/core/analysis/search';
import { updateDyad } from '../../../electron/core/dyads';
import { DyadError } from '../../../shared/api/errors';
import { useSmallStudy } from './fixture';

const study = useSmallStudy('dyad-search-');

const find = (query: string, extra: Partial<SearchInput> = {}) => searchText(study().project.db, { query, order: 'reading', ...extra });
/** The words at each hit's match offsets, read from the interview's stored text. */
const matched = (r: ReturnType<typeof find>) => r.hits.flatMap((h) => h.matches.map((m) => study().text(h.interviewId).slice(m.start, m.end)));
const where = (r: ReturnType<typeof find>) => r.hits.map((h) => `${h.dyadName}/${h.sessionNumber}/${h.role}/${h.speaker}`);

describe('search', () => {
  it('names the dyad of a hit as it is now, after a rename between two searches (the whole-study scope is kept between calls)', () => {
    const db = study().project.db;
    expect(where(find('unseen'))).toEqual(['1/1/client/C', '2/2/client/C']);
    const dyad1 = find('unseen').hits[0]!.dyadId;
    updateDyad(db, dyad1, { name: 'D01' });
    try {
      expect(where(find('unseen'))).toEqual(['D01/1/client/C', '2/2/client/C']);
    } finally {
      updateDyad(db, dyad1, { name: '1' });
    }
    expect(where(find('unseen'))).toEqual(['1/1/client/C', '2/2/client/C']);
  });

  it('finds a word in every interview, with offsets that point at it', () => {
    const r = find('unseen');
    expect(r.total).toBe(2);
    expect(where(r)).toEqual(['1/1/client/C', '2/2/client/C']);
    expect(matched(r)).toEqual(['unseen', 'unseen']);
  });

  it('ignores case and accents, and still points at the word as written', () => {
    const r = find('DEJA VU');
    expect(matched(r)).toEqual(['déjà', 'vu']);
    // The turn starts with an emoji (two UTF-16 units): offsets are UTF-16, as everywhere in Dyad.
    expect(r.hits[0]!.snippet.text.startsWith('😀')).toBe(true);
  });

  it('matches phrases across punctuation, prefixes, OR and NOT', () => {
    expect(matched(find('"looked at"'))).toEqual(['looked at', 'looked at']);
    expect(matched(find('laugh*'))).toEqual(['laughed', 'laughed']);
    expect(where(find('notes NOT client'))).toEqual(['1/1/client/C']);
    expect(matched(find('withdraw OR hesitated'))).toEqual(['withdraw', 'hesitated']);
    expect(matched(find('"unseen again" OR unseen'))).toEqual(['unseen', 'unseen again']);
  });

  it('marks every matched term of a hit and the snippet shows them', () => {
    const r = find('felt trust');
    expect(r.total).toBe(1);
    const h = r.hits[0]!;
    expect(matched(r)).toEqual(['felt', 'trust']);
    expect(h.snippet.marks.map((m) => h.snippet.text.slice(m.start, m.end))).toEqual(['felt', 'trust']);
    expect(study().text(h.interviewId).slice(h.snippet.start, h.snippet.start + h.snippet.text.length)).toBe(h.snippet.text);
    expect(study().text(h.interviewId).slice(h.turnStart, h.turnEnd)).toBe('Here I felt some trust again, she asked about my week.');
    expect(h).toMatchObject({ sessionTime: 120, interviewTime: 44, speakerRole: 'participant' });
  });

  it('filters by dyad, session, role, speaker role, speaker and dyad attribute', () => {
    expect(where(find('felt', { dyadIds: [study().dyad('2')] }))).toEqual(['2/1/client/C', '2/2/client/C']);
    expect(where(find('felt', { sessionIds: [study().session('1', 1)], roles: ['therapist'] }))).toEqual(['1/1/therapist/T']);
    expect(where(find('here', { speakerRoles: ['interviewer'] }))).toEqual(['1/1/client/I', '1/1/client/I', '1/1/therapist/I', '2/1/therapist/I']);
    expect(where(find('here', { speakerRoles: ['participant'] }))).toEqual(['1/1/client/C']);
    expect(where(find('notes', { speakers: ['t'] }))).toEqual(['1/1/therapist/T']);
    expect(find('felt', { attributes: { clinic: ['north'] } }).total).toBe(3);
    expect(find('felt', { attributes: { clinic: ['East'] } }).total).toBe(0);
  });

  it('gives the whole count and one page at a time', () => {
    const all = find('I', { limit: 100 });
    expect(all.total).toBe(all.hits.length);
    expect(all.total).toBeGreaterThan(5);
    const page = find('I', { limit: 2, offset: 3 });
    expect(page.total).toBe(all.total);
    expect(page.hits.map((h) => h.turnId)).toEqual(all.hits.slice(3, 5).map((h) => h.turnId));
    expect(find('I', { offset: 1000 }).hits).toEqual([]);
  });

  it('finds nothing without error for words that are not there', () => {
    expect(find('zebra')).toMatchObject({ total: 0, hits: [] });
  });

  it('turns what cannot be searched into a clear error, and odd input into a search', () => {
    expect(() => find('NOT notes')).toThrow(DyadError);
    expect(() => find('"')).toThrow(/Type a word|no word/);
    expect(find('"unseen').total).toBe(2);
    expect(find('unseen) OR (').total).toBe(2);
    // A NEAR( with one word and no ")" is that word; a bare NEAR is a word.
    expect(find('NEAR(unseen')).toMatchObject({ query: 'unseen', total: 2 });
    expect(find('NEAR unseen')).toMatchObject({ query: 'NEAR AND unseen', total: 0 });
  });

  it('points at the right place after a transcript correction re-indexed an interview', () => {
    const db = study().project.db;
    const iv = study().interview('2', 2, 'client');
    const before = study().text(iv);
    const at = before.indexOf('like last week');
    db.transaction(() => {
      const next = `${before.slice(0, at)}much like last week`;
      db.prepare('UPDATE interviews SET text = ? WHERE id = ?').run(next, iv);
      db.prepare('UPDATE turns SET end = ? WHERE interview_id = ? AND seq = 1').run(next.length, iv);
      db.prepare('DELETE FROM turns_fts WHERE interview_id = ?').run(iv);
      for (const t of db.prepare('SELECT id, start, end FROM turns WHERE interview_id = ?').all(iv) as { id: string; start: number; end: number }[]) {
        db.prepare('INSERT INTO turns_fts (text, turn_id, interview_id) VALUES (?, ?, ?)').run(next.slice(t.start, t.end), t.id, iv);
      }
    })();
    expect(matched(find('much'))).toEqual(['much']);
    expect(where(find('unseen'))).toEqual(['1/1/client/C', '2/2/client/C']);
  });
});

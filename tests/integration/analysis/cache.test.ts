/**
 * Analysis keeps what it read until the file changes (electron/core/analysis/cache.ts): a change through the same
 * connection, or committed by another connection (another window, the command line), must show at once.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { concordance } from '../../../electron/core/analysis/concordance';
import { readConsistently } from '../../../electron/core/analysis/cache';
import { retrieve } from '../../../electron/core/analysis/retrieve';
import { searchText } from '../../../electron/core/analysis/search';
import { insertInterview } from '../../../electron/core/interviews';
import { newId, now } from '../../../electron/core/ids';
import { tempDir } from '../../helpers/tmp';
import { smallStudy, transcript, type Study } from './fixture';

const tmp = tempDir('dyad-analysis-cache-');
const file = tmp.path('study.dyad');
let s: Study;
beforeAll(() => {
  s = smallStudy(file);
});
afterAll(() => {
  s.close();
  tmp.cleanup();
});

const trust = () => retrieve(s.project.db, { code: s.code('Alliance/Trust'), contextChars: 5 }, 15);

describe('kept reads', () => {
  it('see a coding added through the same connection', () => {
    expect(trust().total).toBe(3);
    s.codeQuote(s.interview('1', 1, 'therapist'), 'Alliance/Trust', 'Ana', 'asking about her week');
    expect(trust().total).toBe(4);
    expect(concordance(s.project.db, { codeIds: [s.code('Alliance/Trust')] }, 15).codes[0]).toMatchObject({ both: 2, clientOnly: 0 });
  });

  it('cannot be made stale by another connection: while the project is open, no other connection can change it', () => {
    // The open project holds SQLite's exclusive lock (electron/core/lock.ts): another window, the command line or
    // a tool opening the file is refused, so the only writer is the connection whose reads are kept.
    const before = trust();
    const other = new Database(file, { timeout: 50 });
    try {
      expect(() => other.prepare('DELETE FROM codings WHERE code_id = ?').run(s.code('Alliance/Trust'))).toThrow(/locked/);
    } finally {
      other.close();
    }
    expect(trust().total).toBe(before.total);
  });

  it('see an interview imported after the first search, under every filter', () => {
    expect(searchText(s.project.db, { query: 'lighthouse', roles: ['client'] }).total).toBe(0);
    s.project.db.transaction(() => {
      insertInterview(s.project.db, 'D3_S1_client.txt', transcript([{ speaker: 'C', text: 'We talked about the lighthouse.', at: 10 }]), {
        dyad: '3',
        session: 1,
        role: 'client',
        speakerRoles: { C: 'participant' },
      });
    })();
    expect(searchText(s.project.db, { query: 'lighthouse', roles: ['client'] }).total).toBe(1);
    expect(searchText(s.project.db, { query: 'lighthouse', speakerRoles: ['participant'] }).total).toBe(1);
    expect(searchText(s.project.db, { query: 'lighthouse', speakerRoles: ['interviewer'] }).total).toBe(0);
    // A coder added by another tool appears too.
    s.project.db.prepare('INSERT INTO coders (id, name, created_at) VALUES (?, ?, ?)').run(newId(), 'Cem', now());
    expect(retrieve(s.project.db, { code: s.code('Repair') }, 15).excerpts[0]!.coders).toEqual(['Ana']);
  });

  it('never keep what a transaction wrote and then rolled back', () => {
    const db = s.project.db;
    const count = () => retrieve(db, { code: s.code('Repair') }, 15).total;
    expect(count()).toBe(1);
    const rollback = new Error('rollback');
    expect(() =>
      db.transaction(() => {
        s.codeQuote(s.interview('2', 1, 'client'), 'Repair', 'Ana', 'There was a rupture');
        expect(count()).toBe(2);
        throw rollback;
      })(),
    ).toThrow(rollback);
    expect(count()).toBe(1);
  });
});

/**
 * The transcripts' structure (texts, turns, moments, dyads, sessions, interviews) outlives coding, which is what a
 * researcher does between two retrievals; a change to the structure itself must still show at once.
 */
describe('kept transcripts', () => {
  const file2 = tmp.path('structure.dyad');
  let t: Study;
  beforeAll(() => {
    t = smallStudy(file2);
  });
  afterAll(() => t.close());

  const unseen = () => retrieve(t.project.db, { code: t.code('Unseen'), contextChars: 10 }, 15);
  /** Runs `fn` and says whether it read any interview's text from the file. */
  const readsTexts = (fn: () => unknown) => {
    const spy = vi.spyOn(t.project.db, 'prepare');
    try {
      fn();
      return spy.mock.calls.some(([sql]) => /SELECT id, text FROM interviews/.test(String(sql)));
    } finally {
      spy.mockRestore();
    }
  };

  it('are not read again after a coding is added, and the coding shows', () => {
    expect(readsTexts(unseen)).toBe(true);
    const before = unseen().total;
    // In an interview the excerpts already come from (another one's text would be read for the first time).
    t.codeQuote(t.interview('1', 1, 'client'), 'Unseen', 'Ben', 'I wanted to leave');
    let after!: ReturnType<typeof unseen>;
    expect(readsTexts(() => (after = unseen()))).toBe(false);
    expect(after.total).toBe(before + 1);
    expect(after.excerpts.find((e) => e.text === 'I wanted to leave')).toMatchObject({ coders: ['Ben'], speaker: expect.any(String) });
  });

  it('show a text, a speaker, a dyad, a session and a role changed through the same connection', () => {
    const db = t.project.db;
    const first = unseen().excerpts.find((e) => e.text === 'I felt unseen')!;
    expect(first.turnId).not.toBeNull();
    const same = () => unseen().excerpts.find((e) => e.interviewId === first.interviewId && e.start === first.start)!;
    // One change at a time: each table the transcripts are read from counts on its own.
    db.prepare("UPDATE interviews SET text = replace(text, 'I felt unseen', 'I FELT UNSEEN') WHERE id = ?").run(first.interviewId);
    expect(same().text).toBe('I FELT UNSEEN');
    db.prepare("UPDATE turns SET speaker = 'Client 1' WHERE id = ?").run(first.turnId);
    expect(same().speaker).toBe('Client 1');
    db.prepare("UPDATE dyads SET name = 'dyad one' WHERE id = ?").run(first.dyadId);
    expect(same().dyadName).toBe('dyad one');
    db.prepare('UPDATE sessions SET number = 7 WHERE id = ?').run(first.sessionId);
    expect(same().sessionNumber).toBe(7);
    db.prepare("UPDATE interviews SET role = 'other' WHERE id = ?").run(first.interviewId);
    expect(same().role).toBe('other');
  });

  it('show a recall moment removed, and keep nothing a rolled-back edit wrote', () => {
    const db = t.project.db;
    const withMoment = unseen().excerpts.find((e) => e.momentId !== null)!;
    const rollback = new Error('rollback');
    expect(() =>
      db.transaction(() => {
        db.prepare("UPDATE interviews SET text = replace(text, 'felt unseen again', 'felt UNSEEN again')").run();
        expect(unseen().excerpts.map((e) => e.text)).toContain('felt UNSEEN again');
        throw rollback;
      })(),
    ).toThrow(rollback);
    expect(unseen().excerpts.map((e) => e.text)).toContain('felt unseen again');
    db.prepare('DELETE FROM moments WHERE id = ?').run(withMoment.momentId);
    const after = unseen().excerpts.find((e) => e.interviewId === withMoment.interviewId && e.start === withMoment.start)!;
    expect(after.momentId).not.toBe(withMoment.momentId);
  });
});

/**
 * An export reads in one transaction (readConsistently) and retrieves one code after another: the transcripts are read
 * once for all of them, and kept afterwards; what the snapshot itself writes, or a rollback takes back, is not.
 */
describe('reads in a snapshot', () => {
  const file3 = tmp.path('snapshot.dyad');
  let u: Study;
  beforeAll(() => {
    u = smallStudy(file3);
  });
  afterAll(() => u.close());

  const textReads = (fn: () => unknown) => {
    const spy = vi.spyOn(u.project.db, 'prepare');
    try {
      fn();
      return spy.mock.calls.filter(([sql]) => /SELECT id, text FROM interviews/.test(String(sql))).length;
    } finally {
      spy.mockRestore();
    }
  };
  const codes = () => ['Unseen', 'Repair', 'Alliance/Trust'].map((c) => u.code(c));
  const retrieveAll = () => codes().map((c) => retrieve(u.project.db, { code: c, contextChars: 10 }, 15));

  it('read the transcripts once for several retrievals, and keep them for the next call', () => {
    const outside = retrieveAll();
    u.project.db.prepare('UPDATE interviews SET text = text WHERE rowid = (SELECT min(rowid) FROM interviews)').run();
    let inside!: ReturnType<typeof retrieveAll>;
    const twice = () => {
      inside = retrieveAll();
      return textReads(retrieveAll);
    };
    // In an ordinary transaction, every retrieval reads the texts it needs again.
    expect(u.project.db.transaction(twice)()).toBe(codes().length);
    expect(readConsistently(u.project.db, twice)).toBe(0);
    expect(inside).toEqual(outside);
    expect(textReads(retrieveAll)).toBe(0);
  });

  it('see what is written inside them, and keep nothing of it after a rollback', () => {
    const db = u.project.db;
    const unseen = () => retrieve(db, { code: u.code('Unseen') }, 15).excerpts.map((e) => e.text);
    const rollback = new Error('rollback');
    expect(() =>
      readConsistently(db, () => {
        expect(unseen()).toContain('felt unseen again');
        db.prepare("UPDATE interviews SET text = replace(text, 'felt unseen again', 'felt UNSEEN again')").run();
        expect(unseen()).toContain('felt UNSEEN again');
        throw rollback;
      }),
    ).toThrow(rollback);
    expect(unseen()).toContain('felt unseen again');
    expect(unseen()).not.toContain('felt UNSEEN again');
  });
});

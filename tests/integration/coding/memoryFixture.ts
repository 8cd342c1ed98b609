/**
 * The coding fixture (fixture.ts: dyad "7", session 1, a client and a therapist interview, and `seed`'s codebook,
 * codings and memos) in an in-memory database with every migration applied, as a project file would have them.
 * It is built once per test file and copied for each test (SQLite's serialize), so a test starts in a millisecond or
 * two: every mutant of the undo and correction modules reruns these tests (docs/mutation.md). Tests that reopen
 * the project use fixture.ts.
 */
import Database from 'better-sqlite3';
import { migrate } from '../../../electron/core/migrate';
import type { Db } from '../../../electron/core/database';
import { insertStudy, seed, type Fixture, type Seed } from './fixture';

export type MemoryFixture = Pick<Fixture, 'db' | 'sessionId' | 'dyadId' | 'clientId' | 'therapistId' | 'close'>;

function build(): { fx: MemoryFixture; seeded: Seed } {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const fx: MemoryFixture = { db, ...insertStudy(db), close: () => db.close() };
  // seed() reads only the database and the interviews' ids.
  return { fx, seeded: seed(fx as Fixture) };
}

let template: { fx: MemoryFixture; image: Buffer; seeded: Seed } | null = null;

/** A fresh copy of the seeded fixture: its codebook, codings and memos, and the undo history that made them. */
export function openSeededMemoryFixture(): { fx: MemoryFixture; s: Seed } {
  if (!template) {
    const { fx, seeded } = build();
    template = { fx, image: fx.db.serialize(), seeded };
  }
  const db: Db = new Database(template.image);
  db.pragma('foreign_keys = ON');
  return { fx: { ...template.fx, db, close: () => db.close() }, s: template.seeded };
}

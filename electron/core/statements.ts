import type Database from 'better-sqlite3';
import type { Db } from './database';

const statements = new WeakMap<Db, Map<string, Database.Statement<unknown[]>>>();

/**
 * Prepared once per connection: a search runs the same few statements for every query typed, and preparing one
 * costs as much as running it on a page of hits. The caller sets the statement's mode (raw, pluck) on each use, as
 * another caller of the same SQL may have set it otherwise. The lab server uses it too (electron/labServer/statements.ts).
 */
export function cachedStatement(db: Db, sql: string): Database.Statement<unknown[]> {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

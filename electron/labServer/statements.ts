import type Database from 'better-sqlite3';
import type { Db } from '../core/database';

const statements = new WeakMap<Db, Map<string, Database.Statement<unknown[]>>>();

/**
 * Prepared once per connection: a pull applies and notes thousands of operations with the same few statements, and
 * preparing one costs more than running it.
 */
export function stmt(db: Db, sql: string): Database.Statement<unknown[]> {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

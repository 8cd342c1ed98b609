import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * better-sqlite3 is built for Node in node_modules. Inside Electron (another ABI) the shell passes the path of
 * the copy built for Electron (scripts/electron-native.mjs) through DYAD_NATIVE_BINDING.
 */
export function openSqlite(path: string, options: { readonly?: boolean; fileMustExist?: boolean } = {}): Db {
  const nativeBinding = process.env.DYAD_NATIVE_BINDING || undefined;
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.fileMustExist ?? false,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  return db;
}

/** Project-file pragmas: WAL for crash safety and concurrent readers, foreign keys enforced, NORMAL sync (safe in WAL). */
export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 3000');
}

/**
 * What analysis reads about interviews that only changes when the project changes (texts, turn boundaries,
 * recall moments, alignments), kept between calls on the same connection. Everything is dropped as soon as
 * anything in the file changed: `total_changes()` counts every row this connection wrote (triggers included,
 * rolled back or not), and `PRAGMA data_version` moves when another connection commits. So a cached value is
 * never older than the file; a researcher who changes filters or pages through excerpts pays for reading the
 * transcripts once, not on every call. Nothing is kept while a transaction is open (it may be rolled back).
 */
import type { Db } from '../database';

interface Entry {
  token: string;
  /** kind → key → value */
  store: Map<string, Map<string, unknown>>;
  /** kind → rowid → value (undefined: looked for, not found) */
  rows: Map<string, Map<number, unknown>>;
  /** Characters of text held, to bound memory. */
  chars: number;
}

const entries = new WeakMap<Db, Entry>();
/** Above this many characters of transcript text, texts are read per call instead of kept. */
export const MAX_CACHED_TEXT = 40_000_000;

// Prepared once per connection: a retrieval asks for the token a dozen times.
const tokenStatements = new WeakMap<Db, { get(): unknown }>();

function changeToken(db: Db): string {
  let st = tokenStatements.get(db);
  if (!st) tokenStatements.set(db, (st = db.prepare('SELECT total_changes(), data_version FROM pragma_data_version').raw()));
  const [changes, version] = st.get() as [number, number];
  return `${version}:${changes}`;
}

function entry(db: Db): Entry {
  const token = changeToken(db);
  let e = entries.get(db);
  if (!e || e.token !== token) {
    e = { token, store: new Map(), rows: new Map(), chars: 0 };
    entries.set(db, e);
  }
  return e;
}

/**
 * Values of `kind` for `keys`, loading the missing ones in one call of `load`. Keys that `load` does not
 * return are remembered as missing (undefined) too.
 */
export function cachedMany<T>(db: Db, kind: string, keys: Iterable<string>, load: (missing: string[]) => Map<string, T>, size?: (v: T) => number): Map<string, T> {
  // Inside a transaction the connection sees its own uncommitted rows, which a rollback takes back without
  // moving total_changes(): read them, but do not keep them.
  if (db.inTransaction) {
    const want = [...new Set(keys)];
    const loaded = load(want);
    return new Map(want.flatMap((k) => (loaded.has(k) ? [[k, loaded.get(k)!] as [string, T]] : [])));
  }
  const e = entry(db);
  let store = e.store.get(kind);
  if (!store) e.store.set(kind, (store = new Map()));
  const want = [...new Set(keys)];
  const missing = want.filter((k) => !store.has(k));
  if (missing.length) {
    const loaded = load(missing);
    for (const k of missing) {
      const v = loaded.get(k);
      const n = v !== undefined && size ? size(v) : 0;
      if (n && e.chars + n > MAX_CACHED_TEXT) continue;
      e.chars += n;
      store.set(k, v);
    }
    const out = new Map<string, T>();
    for (const k of want) {
      const v = store.has(k) ? (store.get(k) as T | undefined) : loaded.get(k);
      if (v !== undefined) out.set(k, v);
    }
    return out;
  }
  const out = new Map<string, T>();
  for (const k of want) {
    const v = store.get(k) as T | undefined;
    if (v !== undefined) out.set(k, v);
  }
  return out;
}

/** Forgets everything kept for this connection (tests; a caller that knows better). */
export function dropAnalysisCache(db: Db): void {
  entries.delete(db);
}

/**
 * cachedMany for values keyed by SQLite rowid (details read for the rows a page of results shows). Returns the
 * values kept for `kind`, which hold at least those of `rowids` that exist; read it with get(). Numbers as keys
 * and no copy of the answer: a page of 10,000 excerpts asks for 10,000 rowids of each kind.
 */
export function cachedByRowid<T>(db: Db, kind: string, rowids: Iterable<number>, load: (missing: number[]) => Map<number, T>): ReadonlyMap<number, T> {
  if (db.inTransaction) return load([...new Set(rowids)]);
  const e = entry(db);
  let store = e.rows.get(kind) as Map<number, T | undefined> | undefined;
  if (!store) e.rows.set(kind, (store = new Map()));
  let missing: Set<number> | null = null;
  for (const r of rowids) if (!store.has(r)) (missing ??= new Set()).add(r);
  if (missing) {
    const list = [...missing];
    const loaded = load(list);
    for (const r of list) store.set(r, loaded.get(r));
  }
  return store as ReadonlyMap<number, T>;
}

/**
 * What analysis reads about interviews that only changes when the project changes (texts, turn boundaries,
 * recall moments, alignments), kept between calls on the same connection, and never older than the file:
 *
 * - Most kinds are dropped as soon as anything in the file changed: `total_changes()` counts every row this
 *   connection wrote (triggers included, rolled back or not), and `PRAGMA data_version` moves when another
 *   connection commits.
 * - The transcripts' own structure (STRUCTURE_KINDS: texts, turns, recall moments, and the dyads, sessions and
 *   interviews they belong to) is dropped only when one of the tables it is read from changes. Coding is what a
 *   researcher does between two retrievals, and it used to cost re-reading every transcript of the study (~300 ms
 *   on 400 interviews). This connection's writes to those tables are counted by TEMP triggers (they live and die
 *   with the connection, fire inside its transactions and roll back with them, and are not in the file); any
 *   commit by another connection moves data_version and drops everything as before.
 *
 * A researcher who changes filters or pages through excerpts pays for reading the transcripts once, not on
 * every call. Nothing is kept while a transaction is open (it may be rolled back).
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

/** Kinds read only from STRUCTURE_TABLES (and the statements that read them say so). */
const STRUCTURE_KINDS = new Set(['text', 'turn-bounds', 'turn-detail', 'moment-points', 'moment-id', 'units', 'scope']);
const STRUCTURE_TABLES = ['dyads', 'sessions', 'interviews', 'turns', 'moments'];
const COUNTER = 'dyad_analysis_structure_writes';

interface Tokens {
  /** Moves with any change to the file. */
  any: string;
  /** Moves with a change to STRUCTURE_TABLES (and with any commit of another connection). */
  structure: string;
}

interface Connection {
  read: () => Tokens;
  any?: Entry;
  structure?: Entry;
  /** Inside readConsistently: the tokens its transaction began with (see there). */
  snapshot?: Tokens;
}

const connections = new WeakMap<Db, Connection>();
/**
 * Above this many characters of transcript text, texts are read per call instead of kept. Every retrieval reads
 * all the transcripts its excerpts lie in, so past the bound each call reads again whatever did not fit: at
 * 40 M characters issue 17's 4× study (1,600 interviews, 16.9 M words, 103 M characters) re-read 60% of its text
 * on every call and a warm retrieval cost 4.2–7.8× the 400-interview one (CPU). 160 M keeps studies of up to about
 * 26 M words whole: about 160 MB (V8 keeps mostly-ASCII text a byte per character), and the process's peak was
 * lower with them kept than with them read again on every call (no garbage of re-read texts).
 */
const MAX_CACHED_TEXT = 160_000_000;

/** Counts this connection's writes to STRUCTURE_TABLES; false when the connection cannot (then any change counts). */
function installCounter(db: Db): boolean {
  const triggers = STRUCTURE_TABLES.flatMap((t) =>
    ['INSERT', 'UPDATE', 'DELETE'].map(
      (op) => `CREATE TEMP TRIGGER IF NOT EXISTS ${COUNTER}_${t}_${op.toLowerCase()} AFTER ${op} ON main.${t} BEGIN UPDATE ${COUNTER} SET n = n + 1; END;`,
    ),
  );
  try {
    db.exec(
      `CREATE TEMP TABLE IF NOT EXISTS ${COUNTER} (n INTEGER NOT NULL);
       INSERT INTO temp.${COUNTER} (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM temp.${COUNTER});
       ${triggers.join('\n')}`,
    );
    return true;
  } catch {
    return false;
  }
}

// Called only outside transactions: temp triggers created inside one would vanish with a rollback.
function connection(db: Db): Connection {
  let c = connections.get(db);
  if (!c) {
    const counted = installCounter(db);
    // Prepared once per connection: a retrieval asks for the tokens a dozen times.
    const st = db.prepare(`SELECT total_changes(), data_version${counted ? `, (SELECT n FROM temp.${COUNTER})` : ''} FROM pragma_data_version`).raw();
    const read = () => {
      const [changes, version, writes] = st.get() as [number, number, number | undefined];
      const any = `${version}:${changes}`;
      return { any, structure: counted ? `${version}:s${writes}` : any };
    };
    connections.set(db, (c = { read }));
  }
  return c;
}

/**
 * Drops everything kept for this connection: after a VACUUM (core/compact.ts), which may give rows new rowids
 * without counting as a change.
 */
export function forgetAnalysisCache(db: Db): void {
  const c = connections.get(db);
  if (c) {
    c.any = undefined;
    c.structure = undefined;
  }
}

/**
 * Runs `read` in one transaction (a consistent picture of the file, as an export takes) in which the cache may
 * still be used and filled. Inside an ordinary transaction it is not (cachedMany), as the connection may have
 * written rows a rollback takes back; here the transaction was begun by this function, so nothing was written
 * in it before `read` starts, and any write `read` makes moves total_changes() past the tokens it began with,
 * after which the cache is left alone as in any transaction. Within a transaction already open, just runs `read`.
 */
export function readConsistently<T>(db: Db, read: () => T): T {
  if (db.inTransaction) return read();
  const c = connection(db);
  return db.transaction(() => {
    c.snapshot = c.read();
    try {
      return read();
    } finally {
      c.snapshot = undefined;
    }
  })();
}

/** Whether the cache may be used now: outside transactions, or in a readConsistently that has written nothing. */
function usable(db: Db): boolean {
  if (!db.inTransaction) return true;
  const s = connections.get(db)?.snapshot;
  return !!s && s.any === connections.get(db)!.read().any;
}

function entry(db: Db, kind: string): Entry {
  const c = connection(db);
  const tokens = c.read();
  const which = STRUCTURE_KINDS.has(kind) ? 'structure' : 'any';
  const token = tokens[which];
  let e = c[which];
  if (!e || e.token !== token) c[which] = e = { token, store: new Map(), rows: new Map(), chars: 0 };
  return e;
}

/**
 * Values of `kind` for `keys`, loading the missing ones in one call of `load`. Keys that `load` does not
 * return are remembered as missing (undefined) too.
 */
export function cachedMany<T>(db: Db, kind: string, keys: Iterable<string>, load: (missing: string[]) => Map<string, T>, size?: (v: T) => number): Map<string, T> {
  // Inside a transaction the connection sees its own uncommitted rows, which a rollback takes back without
  // moving total_changes(): read them, but do not keep them.
  if (!usable(db)) {
    const want = [...new Set(keys)];
    const loaded = load(want);
    return new Map(want.flatMap((k) => (loaded.has(k) ? [[k, loaded.get(k)!] as [string, T]] : [])));
  }
  const e = entry(db, kind);
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

/**
 * cachedMany for values keyed by SQLite rowid (details read for the rows a page of results shows). Returns the
 * values kept for `kind`, which hold at least those of `rowids` that exist; read it with get(). Numbers as keys
 * and no copy of the answer: a page of 10,000 excerpts asks for 10,000 rowids of each kind.
 */
export function cachedByRowid<T>(db: Db, kind: string, rowids: Iterable<number>, load: (missing: number[]) => Map<number, T>): ReadonlyMap<number, T> {
  if (!usable(db)) return load([...new Set(rowids)]);
  const e = entry(db, kind);
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

/**
 * The words of every turn, held in memory beside FTS5 so that a search ranks its hits without asking FTS5 for the
 * bm25 of each one. FTS5 computes bm25 for every hit before it sorts (a common word is in a seventh of all turns:
 * 20,000 scores for a page of 50, 59 ms p95 on the 400-interview study); here the hits of a query are found by
 * merging sorted arrays of rowids and scored from term frequencies and turn lengths already in memory.
 *
 * What FTS5 knows is taken from FTS5 itself: the turn lengths from its docsize table and the study's row and token
 * counts from its averages record (so bm25's |D| and avgdl are exactly FTS5's). The words and their positions come
 * from tokenizing the indexed text here, the way unicode61 remove_diacritics 2 does; each word's document and
 * instance counts are then checked against FTS5's own vocabulary (fts5vocab) and each turn's length against its
 * docsize: a word that differs (a script or diacritic folded otherwise here) is marked unsure, and a query that
 * touches one is left to FTS5. Queries typed in ASCII only are answered here (their tokenizing is certain).
 *
 * Kept per connection, until FTS5's structure record or averages record changes (every write to the index, by
 * any connection, ends in a new segment: the structure record moves). Never used inside a transaction: its
 * uncommitted rows are not in the structure yet.
 */
import type { Db } from '../database';

/** bm25's parameters, FTS5's defaults. */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

/** Documents (turns) are numbered 0..n-1 in rowid order; a term's postings list them ascending. */
export interface WordIndex {
  version: string;
  /** doc → FTS5 rowid (ascending). */
  rowids: Float64Array;
  /** doc → tokens in the turn (FTS5's docsize). */
  lengths: Int32Array;
  /** Rows and mean tokens per row, from FTS5's averages record: bm25's N and avgdl. */
  rowCount: number;
  avgLength: number;
  /** doc → bm25's length term, k1 (1 - b + b |D| / avgdl), as FTS5 computes it. */
  norms: Float64Array;
  /** term → id; the postings of term t are entries termStart[t] .. termStart[t+1]-1. */
  terms: Map<string, number>;
  termStart: Int32Array;
  /** posting → doc, its number of occurrences, and where its positions start in `positions`. */
  docs: Int32Array;
  tf: Int32Array;
  posStart: Int32Array;
  positions: Int32Array;
  /** Terms whose counts here differ from FTS5's: queries that use them go to FTS5. */
  unsure: Set<string>;
  /** All terms sorted, for prefix queries (built on the first one). */
  sorted?: string[];
}

/** A list of (doc, positions) in doc order: a term's postings, a prefix's, a phrase's starts. */
export interface Postings {
  docs: Int32Array;
  tf: Int32Array;
  posStart: Int32Array;
  positions: Int32Array;
}

const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORD = /[A-Za-z0-9]+/g;
/** unicode61's token characters (L*, N*, Co), with combining marks kept inside a word to be folded away. */
const WORD = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\p{M}]*/gu;

const fold = (w: string): string => (ASCII.test(w) ? w.toLowerCase() : w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());

/** Whether `text` is tokenized here exactly as FTS5's unicode61 does it (ASCII: letters and digits are words). */
export const tokenizedExactly = (text: string): boolean => ASCII.test(text);

/** The words of `text` in order, folded as the index folds them, each with its UTF-16 start and end. */
export function words(text: string, each: (term: string, start: number, end: number) => void): void {
  const re = ASCII.test(text) ? ASCII_WORD : WORD;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const w = fold(m[0]);
    if (w) each(w, m.index, m.index + m[0].length);
  }
}

/** SQLite's varint (as FTS5 writes its records): 7 bits a byte, high bit set while more follow, a 9th byte whole. */
function varints(blob: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < blob.length) {
    let v = 0;
    let k = 0;
    for (;;) {
      const b = blob[i++]!;
      if (k === 8) {
        v = v * 256 + b;
        break;
      }
      v = v * 128 + (b & 0x7f);
      k++;
      if (!(b & 0x80) || i >= blob.length) break;
    }
    out.push(v);
  }
  return out;
}

/** The sum of the varints written in hex (a docsize record: the tokens of each column). */
function sumOfHexVarints(hex: string): number {
  let sum = 0;
  let v = 0;
  let k = 0;
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const b = parseInt(hex.slice(i, i + 2), 16);
    if (k === 8) {
      sum += v * 256 + b;
      v = k = 0;
      continue;
    }
    v = v * 128 + (b & 0x7f);
    k++;
    if (!(b & 0x80)) {
      sum += v;
      v = k = 0;
    }
  }
  return sum;
}

/**
 * Moves with every committed write to the FTS5 index, by this connection or another: FTS5's structure record
 * (id 10: its segments and a counter of segments written) and its averages record (id 1: rows and tokens).
 */
const VERSION = "SELECT (SELECT hex(block) FROM turns_fts_data WHERE id = 10) || ':' || (SELECT hex(block) FROM turns_fts_data WHERE id = 1)";
const readVersion = (db: Db): string => db.prepare(VERSION).pluck().get() as string;

const kept = new WeakMap<Db, { version: string; index: WordIndex | null; versionStatement: () => string }>();

/**
 * The word index for the file as it is now, built when first asked for or after the index changed; null inside a
 * transaction or when FTS5's records cannot be read (then the caller asks FTS5).
 */
export function wordIndex(db: Db): WordIndex | null {
  if (db.inTransaction) return null;
  let k = kept.get(db);
  let version: string;
  try {
    if (!k) {
      const st = db.prepare(VERSION);
      k = { version: '', index: null, versionStatement: () => st.pluck().get() as string };
      kept.set(db, k);
    }
    version = k.versionStatement();
  } catch {
    return null;
  }
  // A build that failed is not tried again until the index changes: a search must not pay for it every time.
  if (k.version === version) return k.index;
  let index: WordIndex | null = null;
  try {
    index = db.transaction(() => buildWordIndex(db))();
  } catch {
    index = null;
  }
  k.version = index?.version ?? version;
  k.index = index;
  return index;
}

/**
 * The word index if it is built and current, else null, with a build scheduled for when the event loop is free.
 * Searching uses this: building reads and tokenizes every turn (about 2 s of CPU for 400 interviews), which the
 * first search after opening, or after a correction, should not wait for. It is answered by FTS5 meanwhile (the
 * same hits in the same order); the build runs once that answer is on its way. The timer does not keep a process
 * alive: a `dyad search` that has printed its answer exits without building.
 */
export function readyWordIndex(db: Db): WordIndex | null {
  if (db.inTransaction) return null;
  const k = kept.get(db);
  try {
    if (k && k.version === k.versionStatement()) return k.index;
  } catch {
    return null;
  }
  scheduleBuild(db);
  return null;
}

const scheduled = new WeakSet<Db>();

function scheduleBuild(db: Db): void {
  if (scheduled.has(db)) return;
  scheduled.add(db);
  const attempt = () => {
    if (!db.open) return void scheduled.delete(db);
    // A long job holds a transaction across awaits (an import, a merge): build when it is over.
    if (db.inTransaction) return void setTimeout(attempt, 200).unref();
    scheduled.delete(db);
    wordIndex(db);
  };
  setTimeout(attempt, 0).unref();
}

const VOCABULARY = 'CREATE VIRTUAL TABLE IF NOT EXISTS temp.dyad_turns_vocab USING fts5vocab(main, turns_fts, row)';

/**
 * FTS5's vocabulary as a table of this connection's own (TEMP: not in the file). A project opened read-only is a
 * snapshot with query_only set, which refuses even TEMP tables: lifted for this one statement, which writes
 * nothing of the project's.
 */
function openVocabulary(db: Db): void {
  try {
    db.exec(VOCABULARY);
  } catch (e) {
    if (!db.pragma('query_only', { simple: true })) throw e;
    db.pragma('query_only = OFF');
    try {
      db.exec(VOCABULARY);
    } finally {
      db.pragma('query_only = ON');
    }
  }
}

/**
 * Terms by their characters, without making a string of each word read: an open-addressing table hashed on the
 * lower-cased UTF-16 units. Building the index reads 4 M words on the 400-interview study; a Map keyed by each
 * word's string spent most of the build making those strings.
 */
class TermTable {
  text: string[] = [];
  private slots = new Int32Array(1 << 12);
  private mask = this.slots.length - 1;

  /** The id of the word text[a..b) lower-cased (ASCII only), added if new. */
  ascii(text: string, a: number, b: number): number {
    let h = 0;
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      h = Math.imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), 0x01000193);
    }
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const id = this.slots[s]! - 1;
      if (id < 0) return this.add(s, text.slice(a, b).toLowerCase());
      const t = this.text[id]!;
      if (t.length !== b - a) continue;
      let same = true;
      for (let i = 0; i < t.length && same; i++) {
        const c = text.charCodeAt(a + i);
        same = t.charCodeAt(i) === (c >= 65 && c <= 90 ? c + 32 : c);
      }
      if (same) return id;
    }
  }

  /** The id of a word already folded. */
  folded(w: string): number {
    return this.ascii(w, 0, w.length);
  }

  private add(slot: number, w: string): number {
    const id = this.text.length;
    this.text.push(w);
    this.slots[slot] = id + 1;
    if (this.text.length * 2 > this.slots.length) {
      const old = this.text;
      this.slots = new Int32Array(this.slots.length * 2);
      this.mask = this.slots.length - 1;
      this.text = [];
      for (const t of old) this.folded(t);
    }
    return id;
  }
}

const isAsciiWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);

/** Reads and tokenizes every turn in the index (in one read transaction, so version and rows agree). */
export function buildWordIndex(db: Db): WordIndex {
  openVocabulary(db);
  const version = readVersion(db);
  // The texts as one string, separated by NUL, instead of a row per turn: 144,000 rows cost more to hand over one
  // by one than to tokenize. A text that holds a NUL itself makes the count wrong: then as a JSON array (slower).
  const [idsJson, joined] = db
    .prepare("SELECT json_group_array(id), group_concat(coalesce(c0, ''), char(0)) FROM (SELECT id, c0 FROM turns_fts_content ORDER BY id)")
    .raw()
    .get() as [string, string | null];
  const ids = JSON.parse(idsJson) as number[];
  let texts = ids.length ? (joined ?? '').split('\0') : [];
  if (texts.length !== ids.length) {
    texts = JSON.parse(
      db.prepare("SELECT json_group_array(coalesce(c0, '')) FROM (SELECT id, c0 FROM turns_fts_content ORDER BY id)").pluck().get() as string,
    ) as string[];
  }
  const n = ids.length;
  const rowids = Float64Array.from(ids);
  const table = new TermTable();
  const docTokenStart = new Int32Array(n + 1);
  let tokens = new Int32Array(1 << 16);
  let t = 0;
  const push = (id: number) => {
    if (t === tokens.length) {
      const grown = new Int32Array(tokens.length * 2);
      grown.set(tokens);
      tokens = grown;
    }
    tokens[t++] = id;
  };
  for (let d = 0; d < n; d++) {
    const text = texts[d]!;
    docTokenStart[d] = t;
    if (!ASCII.test(text)) {
      words(text, (w) => push(table.folded(w)));
      continue;
    }
    for (let i = 0; i < text.length; ) {
      if (!isAsciiWordChar(text.charCodeAt(i))) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < text.length && isAsciiWordChar(text.charCodeAt(j))) j++;
      push(table.ascii(text, i, j));
      i = j;
    }
  }
  docTokenStart[n] = t;
  const termText = table.text;
  const terms = new Map(termText.map((w, i) => [w, i]));
  const v = termText.length;

  // Documents and instances per term, then each term's postings laid out together, docs ascending.
  const df = new Int32Array(v);
  const cnt = new Int32Array(v);
  const lastDoc = new Int32Array(v).fill(-1);
  for (let d = 0; d < n; d++) {
    for (let i = docTokenStart[d]!; i < docTokenStart[d + 1]!; i++) {
      const id = tokens[i]!;
      cnt[id]!++;
      if (lastDoc[id] !== d) {
        lastDoc[id] = d;
        df[id]!++;
      }
    }
  }
  const termStart = new Int32Array(v + 1);
  const termPos = new Int32Array(v + 1);
  for (let i = 0; i < v; i++) {
    termStart[i + 1] = termStart[i]! + df[i]!;
    termPos[i + 1] = termPos[i]! + cnt[i]!;
  }
  const postings = termStart[v]!;
  const docs = new Int32Array(postings);
  const tf = new Int32Array(postings);
  const posStart = new Int32Array(postings);
  const positions = new Int32Array(t);
  const nextPosting = termStart.slice(0, v);
  const nextPos = termPos.slice(0, v);
  lastDoc.fill(-1);
  const current = new Int32Array(v);
  for (let d = 0; d < n; d++) {
    const from = docTokenStart[d]!;
    for (let i = from; i < docTokenStart[d + 1]!; i++) {
      const id = tokens[i]!;
      if (lastDoc[id] !== d) {
        lastDoc[id] = d;
        const j = nextPosting[id]!++;
        current[id] = j;
        docs[j] = d;
        posStart[j] = nextPos[id]!;
      }
      tf[current[id]!]!++;
      positions[nextPos[id]!++] = i - from;
    }
  }

  // FTS5's own view: turn lengths, row and token totals, and the vocabulary, to check the tokenizing above.
  const unsure = new Set<string>();
  const lengths = new Int32Array(n);
  // As one string of hex varints per row, for the same reason as the texts.
  const [sizeIds, sizeHex] = db
    .prepare("SELECT json_group_array(id), group_concat(hex(sz), ',') FROM (SELECT id, sz FROM turns_fts_docsize ORDER BY id)")
    .raw()
    .get() as [string, string | null];
  const sizes = sizeHex ? sizeHex.split(',') : [];
  let d = 0;
  (JSON.parse(sizeIds) as number[]).forEach((id, k) => {
    while (d < n && rowids[d]! < id) d++;
    if (d >= n || rowids[d] !== id) return;
    const length = sumOfHexVarints(sizes[k]!);
    lengths[d] = length;
    if (length !== docTokenStart[d + 1]! - docTokenStart[d]!) {
      for (let i = docTokenStart[d]!; i < docTokenStart[d + 1]!; i++) unsure.add(termText[tokens[i]!]!);
    }
  });
  const averages = db.prepare('SELECT block FROM turns_fts_data WHERE id = 1').pluck().get() as Uint8Array | undefined;
  const totals = averages ? varints(averages) : [];
  const rowCount = totals[0] ?? n;
  const tokenCount = totals.slice(1).reduce((a, b) => a + b, 0);
  const seen = new Uint8Array(v);
  for (const [term, docCount, instances] of db.prepare('SELECT term, doc, cnt FROM temp.dyad_turns_vocab').raw().iterate() as Iterable<[string, number, number]>) {
    const id = terms.get(term);
    if (id === undefined) unsure.add(term);
    else {
      seen[id] = 1;
      if (df[id] !== docCount || cnt[id] !== instances) unsure.add(term);
    }
  }
  for (let i = 0; i < v; i++) if (!seen[i]) unsure.add(termText[i]!);

  const avgLength = rowCount ? tokenCount / rowCount : 0;
  const norms = Float64Array.from(lengths, (length) => BM25_K1 * (1 - BM25_B + (BM25_B * length) / avgLength));
  return {
    version,
    rowids,
    lengths,
    rowCount,
    avgLength,
    norms,
    terms,
    termStart,
    docs,
    tf,
    posStart,
    positions,
    unsure,
  };
}

/** The postings of one term (views into the index, nothing copied); empty when the study never uses it. */
export function termPostings(ix: WordIndex, term: string): Postings {
  const id = ix.terms.get(term);
  if (id === undefined) return EMPTY;
  const a = ix.termStart[id]!;
  const b = ix.termStart[id + 1]!;
  return { docs: ix.docs.subarray(a, b), tf: ix.tf.subarray(a, b), posStart: ix.posStart.subarray(a, b), positions: ix.positions };
}

export const EMPTY: Postings = { docs: new Int32Array(0), tf: new Int32Array(0), posStart: new Int32Array(0), positions: new Int32Array(0) };

/** The terms that begin with `prefix`, or null when one of them is unsure. */
export function termsWithPrefix(ix: WordIndex, prefix: string): string[] | null {
  const sorted = (ix.sorted ??= [...ix.terms.keys(), ...ix.unsure].sort());
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) {
    if (ix.unsure.has(sorted[i]!)) return null;
    if (out[out.length - 1] !== sorted[i]) out.push(sorted[i]!);
  }
  return out;
}

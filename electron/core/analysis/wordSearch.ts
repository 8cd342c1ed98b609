/**
 * A search answered from the word index (wordIndex.ts) instead of FTS5: the same hits as FTS5's MATCH, in FTS5's
 * bm25 order, a page at a time.
 *
 * The query (as shared/analysis/query.ts read it) is evaluated the way FTS5 evaluates the expression that parser
 * emits: each term is a phrase of the words FTS5's tokenizer finds in it (a prefix on the last one), NEAR keeps
 * the phrases' instances FTS5's own NEAR test keeps (fts5ExprNearIsMatch, ported below), AND/OR/NOT are merges of
 * sorted doc lists. Each hit's bm25 is FTS5's: per phrase, idf from the rows that contain the phrase, the
 * phrase's instances in the hit, the hit's length in tokens and the mean length, summed in the phrase order of
 * the FTS5 expression. A phrase counts in a hit only where the part of the query it belongs to matched the hit.
 *
 * All hits are found (the page reports the total, and an AND or a phrase has no count without its hits), but
 * only those in scope are scored, and only the page's best are sorted: a common word costs a pass over its
 * postings in typed arrays, not a score computed through SQL for each hit.
 *
 * Returns null when the query is not for this index (a word typed outside ASCII, a word whose counts differ from
 * FTS5's): the caller asks FTS5.
 */
import type { QueryNode } from '../../../shared/analysis/query';
import { BM25_K1, EMPTY, termPostings, termsWithPrefix, tokenizedExactly, words, type Postings, type WordIndex } from './wordIndex';


interface Phrase {
  postings: Postings;
  /** For a prefix read without positions: the terms it stands for, whose positions a page's marks need. */
  expansions?: Postings[];
  /** Tokens in the phrase (NEAR measures distances from its start). */
  size: number;
  idf: number;
}

type Plan =
  | { kind: 'phrase'; docs: Int32Array; tf: Int32Array; phrase: number }
  | { kind: 'near'; docs: Int32Array; phrases: number[]; freq: Int32Array[]; distance: number }
  | { kind: 'and'; docs: Int32Array; items: Plan[] }
  | { kind: 'or'; docs: Int32Array; items: Plan[] };

/** A node the index cannot answer: the whole query goes to FTS5. */
class NotHere extends Error {}

/**
 * Where a query's intermediate lists live: one buffer reused from query to query and handed out in slices
 * (zeroed), reset when a search begins. A common word's lists are tens of thousands of entries; allocating them
 * afresh for every query made the collector run in the middle of searches (p50 7 ms against 0.8 ms at best).
 */
class Arena {
  private i32s = new Int32Array(1 << 20);
  private i32At = 0;
  private f64s = new Float64Array(1 << 18);
  private f64At = 0;
  private u8s = new Uint8Array(1 << 18);
  private u8At = 0;
  /** doc → 1 + its index among the hits being scored (0: not a hit); all zero between searches. */
  hitOf = new Int32Array(0);

  reset(docs: number): void {
    this.i32At = this.f64At = this.u8At = 0;
    if (this.hitOf.length !== docs) this.hitOf = new Int32Array(docs);
  }

  u8(n: number): Uint8Array {
    if (this.u8At + n > this.u8s.length) {
      this.u8s = new Uint8Array(Math.max(this.u8s.length * 2, n * 2));
      this.u8At = 0;
    }
    const a = this.u8s.subarray(this.u8At, (this.u8At += n));
    return a.fill(0);
  }

  i32(n: number): Int32Array {
    if (this.i32At + n > this.i32s.length) {
      this.i32s = new Int32Array(Math.max(this.i32s.length * 2, n * 2));
      this.i32At = 0;
    }
    const a = this.i32s.subarray(this.i32At, (this.i32At += n));
    return a.fill(0);
  }

  f64(n: number): Float64Array {
    if (this.f64At + n > this.f64s.length) {
      this.f64s = new Float64Array(Math.max(this.f64s.length * 2, n * 2));
      this.f64At = 0;
    }
    const a = this.f64s.subarray(this.f64At, (this.f64At += n));
    return a.fill(0);
  }
}

const arena = new Arena();

/** First index i ≥ from with a[i] ≥ d (galloping: hits are visited in ascending order). */
function seek(a: Int32Array, from: number, d: number): number {
  let lo = from;
  if (lo >= a.length || a[lo]! >= d) return lo;
  let step = 1;
  let hi = lo + 1;
  while (hi < a.length && a[hi]! < d) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  if (hi > a.length) hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function intersect(lists: Int32Array[]): Int32Array {
  if (!lists.length) return EMPTY.docs;
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let out = sorted[0]!;
  for (let k = 1; k < sorted.length && out.length; k++) {
    const other = sorted[k]!;
    const next = arena.i32(out.length);
    let n = 0;
    let j = 0;
    for (let i = 0; i < out.length; i++) {
      j = seek(other, j, out[i]!);
      if (j >= other.length) break;
      if (other[j] === out[i]) next[n++] = out[i]!;
    }
    out = next.subarray(0, n);
  }
  return out;
}

/** The docs in either sorted list, sorted. */
function merge(x: Int32Array, y: Int32Array): Int32Array {
  const out = arena.i32(x.length + y.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.length && j < y.length) {
    const a = x[i]!;
    const b = y[j]!;
    if (a <= b) i++;
    if (b <= a) j++;
    out[n++] = a <= b ? a : b;
  }
  while (i < x.length) out[n++] = x[i++]!;
  while (j < y.length) out[n++] = y[j++]!;
  return out.subarray(0, n);
}

/** The docs in any of the sorted lists: merged two by two, shortest first. */
function union(lists: Int32Array[]): Int32Array {
  const queue = [...lists].sort((a, b) => a.length - b.length);
  if (!queue.length) return EMPTY.docs;
  while (queue.length > 1) {
    const m = merge(queue.shift()!, queue.shift()!);
    let k = 0;
    while (k < queue.length && queue[k]!.length < m.length) k++;
    queue.splice(k, 0, m);
  }
  return queue[0]!;
}

function minus(a: Int32Array, b: Int32Array): Int32Array {
  const out = arena.i32(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    j = seek(b, j, a[i]!);
    if (j >= b.length || b[j] !== a[i]) out[n++] = a[i]!;
  }
  return out.subarray(0, n);
}

/** Growable Int32 list. */
class Ints {
  a = arena.i32(256);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const g = arena.i32(this.a.length * 4);
      g.set(this.a);
      this.a = g;
    }
    this.a[this.n++] = v;
  }
  done(): Int32Array {
    return this.a.subarray(0, this.n);
  }
}

/** All terms with the prefix as one postings list (positions merged per doc, when asked for). */
function prefixPostings(ix: WordIndex, prefix: string, withPositions: boolean): Postings & { expansions?: Postings[] } {
  const terms = termsWithPrefix(ix, prefix);
  if (!terms) throw new NotHere();
  if (terms.length <= 1) return terms.length ? termPostings(ix, terms[0]!) : EMPTY;
  const lists = terms.map((t) => termPostings(ix, t));
  const docs = union(lists.map((l) => l.docs));
  const tf = arena.i32(docs.length);
  for (const l of lists) {
    let j = 0;
    for (let i = 0; i < l.docs.length; i++) {
      j = seek(docs, j, l.docs[i]!);
      tf[j]! += l.tf[i]!;
    }
  }
  if (!withPositions) return { docs, tf, posStart: EMPTY.posStart, positions: EMPTY.positions, expansions: lists };
  const posStart = arena.i32(docs.length);
  let total = 0;
  for (let i = 0; i < docs.length; i++) {
    posStart[i] = total;
    total += tf[i]!;
  }
  const positions = arena.i32(total);
  const fill = arena.i32(docs.length);
  fill.set(posStart);
  for (const l of lists) {
    let j = 0;
    for (let i = 0; i < l.docs.length; i++) {
      j = seek(docs, j, l.docs[i]!);
      const from = l.posStart[i]!;
      for (let p = 0; p < l.tf[i]!; p++) positions[fill[j]!++] = l.positions[from + p]!;
    }
  }
  for (let i = 0; i < docs.length; i++) if (fill[i]! - posStart[i]! > 1) positions.subarray(posStart[i], fill[i]).sort();
  return { docs, tf, posStart, positions };
}

/** Where the tokens occur one after the other: the phrase's start positions per doc. */
function phrasePostings(tokens: Postings[]): Postings {
  if (tokens.length === 1) return tokens[0]!;
  const docs = new Ints();
  const tf = new Ints();
  const posStart = new Ints();
  const positions = new Ints();
  const at = arena.i32(tokens.length);
  const ptr = arena.i32(tokens.length);
  const first = tokens[0]!;
  next: for (let i = 0; i < first.docs.length; i++) {
    const d = first.docs[i]!;
    for (let k = 1; k < tokens.length; k++) {
      const t = tokens[k]!;
      at[k] = seek(t.docs, at[k]!, d);
      if (at[k]! >= t.docs.length) break next;
      if (t.docs[at[k]!] !== d) continue next;
    }
    const start = positions.n;
    ptr.fill(0);
    for (let p = 0; p < first.tf[i]!; p++) {
      const s = first.positions[first.posStart[i]! + p]!;
      let all = true;
      for (let k = 1; k < tokens.length && all; k++) {
        const t = tokens[k]!;
        const base = t.posStart[at[k]!]!;
        const len = t.tf[at[k]!]!;
        while (ptr[k]! < len && t.positions[base + ptr[k]!]! < s + k) ptr[k]!++;
        all = ptr[k]! < len && t.positions[base + ptr[k]!] === s + k;
      }
      if (all) positions.push(s);
    }
    if (positions.n > start) {
      docs.push(d);
      tf.push(positions.n - start);
      posStart.push(start);
    }
  }
  return { docs: docs.done(), tf: tf.done(), posStart: posStart.done(), positions: positions.done() };
}

const EOF_POSITION = 0x7fffffff;

/** Scratch for nearInstances, one slot per phrase of the NEAR. */
interface NearScratch {
  /** Where each phrase's positions start in its `positions`, and how many it has in the row. */
  from: Int32Array;
  len: Int32Array;
  idx: Int32Array;
  pos: Int32Array;
  look: Int32Array;
  /** Instances kept per phrase, and the last one kept. */
  count: Int32Array;
  last: Int32Array;
}

const nearScratch = (n: number): NearScratch => ({
  from: arena.i32(n),
  len: arena.i32(n),
  idx: arena.i32(n),
  pos: arena.i32(n),
  look: arena.i32(n),
  count: arena.i32(n),
  last: arena.i32(n),
});

/**
 * FTS5's NEAR test on one row (fts5ExprNearIsMatch, in the same steps): each phrase's start positions in the row
 * (from/len into lists[i]), and out, in s.count, how many of each phrase's instances lie in some window of the
 * NEAR's width (what FTS5's bm25 then counts). False when there is no such window.
 */
function nearInstances(lists: Int32Array[], sizes: Int32Array, near: number, s: NearScratch, kept?: number[][]): boolean {
  const n = lists.length;
  const { from, len, idx, pos, look, count, last } = s;
  for (let i = 0; i < n; i++) {
    idx[i] = 0;
    pos[i] = lists[i]![from[i]!]!;
    look[i] = len[i]! > 1 ? lists[i]![from[i]! + 1]! : EOF_POSITION;
    count[i] = 0;
    last[i] = -1;
  }
  for (;;) {
    let max = pos[0]!;
    let match: boolean;
    do {
      match = true;
      for (let i = 0; i < n; i++) {
        const min = max - sizes[i]! - near;
        if (pos[i]! < min || pos[i]! > max) {
          match = false;
          while (pos[i]! < min) {
            // The next position becomes the current one (FTS5's lookahead reader); the list's end ends the test.
            pos[i] = look[i]!;
            const k = ++idx[i]!;
            look[i] = k + 1 < len[i]! ? lists[i]![from[i]! + k + 1]! : EOF_POSITION;
            if (pos[i] === EOF_POSITION) return count[0]! > 0;
          }
          if (pos[i]! > max) max = pos[i]!;
        }
      }
    } while (!match);
    for (let i = 0; i < n; i++) {
      if (last[i] !== pos[i]) {
        last[i] = pos[i]!;
        count[i]!++;
        kept?.[i]!.push(pos[i]!);
      }
    }
    let adv = 0;
    for (let i = 1; i < n; i++) if (look[i]! < look[adv]!) adv = i;
    pos[adv] = look[adv]!;
    const k = ++idx[adv]!;
    look[adv] = k + 1 < len[adv]! ? lists[adv]![from[adv]! + k + 1]! : EOF_POSITION;
    if (pos[adv] === EOF_POSITION) return count[0]! > 0;
  }
}

interface Compiled {
  root: Plan;
  phrases: Phrase[];
}

/** The query as plans over the index, its phrases numbered in the order of the FTS5 expression emitted for it. */
function compile(ix: WordIndex, node: QueryNode): Compiled {
  const phrases: Phrase[] = [];
  const phrase = (term: Extract<QueryNode, { kind: 'term' }>, inNear: boolean): number => {
    if (!tokenizedExactly(term.text)) throw new NotHere();
    const tokens: string[] = [];
    words(term.text, (w) => tokens.push(w));
    if (!tokens.length) throw new NotHere();
    const lists = tokens.map((w, k) => {
      if (term.prefix && k === tokens.length - 1) return prefixPostings(ix, w, inNear || tokens.length > 1);
      if (ix.unsure.has(w)) throw new NotHere();
      return termPostings(ix, w);
    });
    const postings = phrasePostings(lists);
    const expansions = (postings as Postings & { expansions?: Postings[] }).expansions;
    const hits = postings.docs.length;
    let idf = Math.log((ix.rowCount - hits + 0.5) / (hits + 0.5));
    if (idf <= 0) idf = 1e-6;
    phrases.push({ postings, size: tokens.length, idf, ...(expansions ? { expansions } : {}) });
    return phrases.length - 1;
  };
  const plan = (n: QueryNode): Plan => {
    if (n.kind === 'term') {
      const p = phrase(n, false);
      return { kind: 'phrase', docs: phrases[p]!.postings.docs, tf: phrases[p]!.postings.tf, phrase: p };
    }
    if (n.kind === 'near') {
      const ids = n.items.map((t) => phrase(t, true));
      const ps = ids.map((i) => phrases[i]!.postings);
      const candidates = intersect(ps.map((p) => p.docs));
      const docs = new Ints();
      const freq = ids.map(() => new Ints());
      const at = arena.i32(ids.length);
      const sizes = Int32Array.from(ids, (i) => phrases[i]!.size);
      const lists = ps.map((p) => p.positions);
      const scratch = nearScratch(ids.length);
      for (let c = 0; c < candidates.length; c++) {
        const d = candidates[c]!;
        for (let k = 0; k < ps.length; k++) {
          const p = ps[k]!;
          const j = (at[k] = seek(p.docs, at[k]!, d));
          scratch.from[k] = p.posStart[j]!;
          scratch.len[k] = p.tf[j]!;
        }
        if (!nearInstances(lists, sizes, n.distance, scratch)) continue;
        docs.push(d);
        for (let k = 0; k < ps.length; k++) freq[k]!.push(scratch.count[k]!);
      }
      return { kind: 'near', docs: docs.done(), phrases: ids, freq: freq.map((f) => f.done()), distance: n.distance };
    }
    if (n.kind === 'or') {
      const items = n.items.map(plan);
      return { kind: 'or', docs: union(items.map((i) => i.docs)), items };
    }
    // FTS5 reads "(a) AND (b) NOT (c OR d)": the positive items' phrases first, then the left-out ones'.
    const pos = n.items.filter((it) => !it.negated).map((it) => plan(it.node));
    const neg = n.items.filter((it) => it.negated).map((it) => plan(it.node));
    let docs = intersect(pos.map((p) => p.docs));
    for (const x of neg) docs = minus(docs, x.docs);
    return { kind: 'and', docs, items: pos };
  };
  return { root: plan(node), phrases };
}

/**
 * Adds each phrase's instances at the hits where its part of the query matched: `active` marks (by index among
 * the hits) where `p` is to be counted, null for all of them; an OR passes on to each branch only the hits that
 * branch matched. Walks each list once against arena.hitOf (doc → hit), no search per hit.
 */
function instances(p: Plan, active: Uint8Array | null, freq: Float64Array[]): void {
  const hitOf = arena.hitOf;
  if (p.kind === 'and') {
    for (const it of p.items) instances(it, active, freq);
  } else if (p.kind === 'or') {
    for (const it of p.items) {
      const mine = arena.u8(freq[0]!.length);
      for (let j = 0; j < it.docs.length; j++) {
        const h = hitOf[it.docs[j]!]! - 1;
        if (h >= 0 && (!active || active[h])) mine[h] = 1;
      }
      instances(it, mine, freq);
    }
  } else if (p.kind === 'phrase') {
    const f = freq[p.phrase]!;
    for (let j = 0; j < p.docs.length; j++) {
      const h = hitOf[p.docs[j]!]! - 1;
      if (h >= 0 && (!active || active[h])) f[h]! += p.tf[j]!;
    }
  } else {
    for (let j = 0; j < p.docs.length; j++) {
      const h = hitOf[p.docs[j]!]! - 1;
      if (h >= 0 && (!active || active[h])) for (let k = 0; k < p.phrases.length; k++) freq[p.phrases[k]!]![h]! += p.freq[k]![j]!;
    }
  }
}

export interface WordSearchPage {
  total: number;
  /** FTS5 rowids of the page's hits, in order. */
  rowids: number[];
  /**
   * Per hit, the token ranges FTS5's highlight() would mark (first and last token, inclusive): the instances
   * bm25 counted, in position order, overlapping ones merged (fts5CInstIterNext).
   */
  marks: [number, number][][];
}

/** The positions in doc d at which phrase k starts. */
function startsAt(phrase: Phrase, d: number): number[] {
  const lists = phrase.expansions ?? [phrase.postings];
  const out: number[] = [];
  for (const l of lists) {
    const j = seek(l.docs, 0, d);
    if (l.docs[j] !== d) continue;
    for (let p = 0; p < l.tf[j]!; p++) out.push(l.positions[l.posStart[j]! + p]!);
  }
  return out;
}

/** [start, size] of each phrase instance counted in doc d, where its part of the query matched. */
function instancesAt(p: Plan, d: number, phrases: Phrase[], out: [number, number][]): void {
  if (p.kind === 'and') for (const it of p.items) instancesAt(it, d, phrases, out);
  else if (p.kind === 'or') {
    for (const it of p.items) if (it.docs[seek(it.docs, 0, d)] === d) instancesAt(it, d, phrases, out);
  } else if (p.kind === 'phrase') {
    if (p.docs[seek(p.docs, 0, d)] === d) for (const s of startsAt(phrases[p.phrase]!, d)) out.push([s, phrases[p.phrase]!.size]);
  } else if (p.docs[seek(p.docs, 0, d)] === d) {
    const lists = p.phrases.map((k) => Int32Array.from(startsAt(phrases[k]!, d)));
    const scratch = nearScratch(lists.length);
    lists.forEach((l, k) => ((scratch.from[k] = 0), (scratch.len[k] = l.length)));
    const kept = lists.map(() => [] as number[]);
    nearInstances(lists, Int32Array.from(p.phrases, (k) => phrases[k]!.size), p.distance, scratch, kept);
    kept.forEach((starts, k) => {
      for (const s of starts) out.push([s, phrases[p.phrases[k]!]!.size]);
    });
  }
}

/** The token ranges highlight() marks for those instances: in position order, overlapping ones as one. */
function markRanges(instances: [number, number][]): [number, number][] {
  instances.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [start, size] of instances) {
    const end = start + size - 1;
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/**
 * One page of the query's hits that `keep` accepts (by FTS5 rowid), best first by bm25 or in index order, or
 * null when the index cannot answer this query. Ties in bm25 go in index order, so pages are repeatable.
 */
export function wordSearch(
  ix: WordIndex,
  node: QueryNode,
  opts: { ranked: boolean; offset: number; limit: number; keep: ((rowid: number) => boolean) | null },
): WordSearchPage | null {
  let compiled: Compiled;
  arena.reset(ix.rowids.length);
  try {
    compiled = compile(ix, node);
  } catch (e) {
    if (e instanceof NotHere) return null;
    throw e;
  }
  const { root, phrases } = compiled;
  let hits = root.docs;
  if (opts.keep) {
    const kept = arena.i32(hits.length);
    let n = 0;
    for (let i = 0; i < hits.length; i++) if (opts.keep(ix.rowids[hits[i]!]!)) kept[n++] = hits[i]!;
    hits = kept.subarray(0, n);
  }
  const total = hits.length;
  const end = Math.min(total, opts.offset + opts.limit);
  const page = (docs: number[]): WordSearchPage => ({
    total,
    rowids: docs.map((d) => ix.rowids[d]!),
    marks: docs.map((d) => {
      const found: [number, number][] = [];
      instancesAt(root, d, phrases, found);
      return markRanges(found);
    }),
  });
  if (opts.offset >= end) return page([]);
  if (!opts.ranked) return page(Array.from(hits.subarray(opts.offset, end)));

  // Per phrase, its instances at each hit; then each hit's bm25, the phrases added in FTS5's order.
  const freq = phrases.map(() => arena.f64(total));
  const hitOf = arena.hitOf;
  for (let i = 0; i < total; i++) hitOf[hits[i]!] = i + 1;
  try {
    instances(root, null, freq);
  } finally {
    for (let i = 0; i < total; i++) hitOf[hits[i]!] = 0;
  }
  const scores = arena.f64(total);
  const norms = ix.norms;
  for (let k = 0; k < phrases.length; k++) {
    const f = freq[k]!;
    const idf = phrases[k]!.idf;
    for (let i = 0; i < total; i++) {
      const x = f[i]!;
      if (x) scores[i]! += idf * ((x * (BM25_K1 + 1)) / (x + norms[hits[i]!]!));
    }
  }
  return page(best(scores, end).slice(opts.offset).map((i) => hits[i]!));
}

/** The indexes of the `k` highest scores, highest first, ties by index: a heap of k, not a sort of all. */
function best(scores: Float64Array, k: number): number[] {
  // The heap keeps the worst of the best k on top; x ranks below y when its score is lower, or equal with a higher index.
  const heap = arena.i32(Math.min(k, scores.length));
  let size = 0;
  for (let i = 0; i < scores.length; i++) {
    const si = scores[i]!;
    if (size < heap.length) {
      let c = size++;
      heap[c] = i;
      while (c > 0) {
        const p = (c - 1) >> 1;
        const a = heap[p]!;
        const b = heap[c]!;
        // a (parent) must rank below or equal b
        if (scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b)) break;
        heap[p] = b;
        heap[c] = a;
        c = p;
      }
      continue;
    }
    const top = heap[0]!;
    if (si < scores[top]! || si === scores[top]) continue; // i comes after top: same score, higher index
    heap[0] = i;
    for (let c = 0; ; ) {
      const l = 2 * c + 1;
      const r = l + 1;
      let w = c;
      if (l < size && ranksBelow(scores, heap[l]!, heap[w]!)) w = l;
      if (r < size && ranksBelow(scores, heap[r]!, heap[w]!)) w = r;
      if (w === c) break;
      const t = heap[c]!;
      heap[c] = heap[w]!;
      heap[w] = t;
      c = w;
    }
  }
  return Array.from(heap.subarray(0, size)).sort((a, b) => scores[b]! - scores[a]! || a - b);
}

function ranksBelow(scores: Float64Array, x: number, y: number): boolean {
  return scores[x]! < scores[y]! || (scores[x] === scores[y] && x > y);
}

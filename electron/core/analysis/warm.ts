/**
 * Reads the study's transcripts into the analysis cache (cache.ts) while the researcher is still looking at the
 * navigator, so that the first retrieval, matrix or concordance does not wait for it (~300 ms on 400 interviews,
 * against ~60 ms once read). A few interviews at a time, between other calls: the app's own calls never queue
 * behind more than one small step. It is a courtesy only: any failure just leaves the cache cold, and nothing is
 * kept that the cache would not keep anyway (it still drops what a change makes stale).
 */
import type { Db } from '../database';
import { resolveScope } from './scope';
import { loadMomentPoints, loadTexts, loadTurnBounds, loadTurnDetails, momentIds } from './units';

interface WarmOptions {
  /** Wait this long before the first step, so opening the project and its first screen go first. */
  delayMs?: number;
  /** Interviews read per step. */
  chunk?: number;
  /** Each step's duration (how long an app call may have waited behind it), and the end. For the benchmarks. */
  onStep?: (ms: number) => void;
  onDone?: () => void;
}

/** Starts warming; the returned function stops it (call it before closing the project). */
export function warmAnalysisCache(db: Db, opts: WarmOptions = {}): () => void {
  const size = opts.chunk ?? 4;
  let stopped = false;
  let ids: string[] | null = null;
  let next = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (ms: number) => {
    timer = setTimeout(step, ms);
    timer.unref?.();
  };
  function step() {
    try {
      if (stopped || !db.open) return;
      // Nothing is cached inside a transaction (it may roll back): come back when the write is done.
      if (db.inTransaction) return later(50);
      if (!ids) {
        resolveScope(db, {});
        ids = db.prepare('SELECT id FROM interviews ORDER BY rowid').pluck().all() as string[];
      }
      const chunk = ids.slice(next, next + size);
      next += size;
      if (!chunk.length) {
        opts.onDone?.();
        return;
      }
      const t0 = performance.now();
      loadTexts(db, chunk);
      // An excerpt is attributed to its turn (speaker, interview time) and moment: those are read here too.
      for (const b of loadTurnBounds(db, chunk).values()) loadTurnDetails(db, b.rowid);
      for (const m of loadMomentPoints(db, chunk).values()) momentIds(db, m.rowid);
      opts.onStep?.(performance.now() - t0);
      later(0);
    } catch {
      stopped = true;
    }
  }
  later(opts.delayMs ?? 300);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

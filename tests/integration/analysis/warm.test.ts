/**
 * The app reads the transcripts for analysis in the background after a project opens (warm.ts), so the first
 * retrieval does not wait for them. Nothing it keeps may be stale, and stopping it (closing the project) ends it.
 */
import { describe, expect, it, vi } from 'vitest';
import { retrieve } from '../../../electron/core/analysis/retrieve';
import { warmAnalysisCache } from '../../../electron/core/analysis/warm';
import { useSmallStudy } from './fixture';

const study = useSmallStudy('dyad-analysis-warm-');

/** Whether `fn` read any interview's text from the file. */
function readsTexts(fn: () => unknown): boolean {
  const spy = vi.spyOn(study().project.db, 'prepare');
  try {
    fn();
    return spy.mock.calls.some(([sql]) => /SELECT id, text FROM interviews/.test(String(sql)));
  } finally {
    spy.mockRestore();
  }
}

const unseen = () => retrieve(study().project.db, { code: study().code('Unseen'), contextChars: 10 }, 15);

describe('warming the analysis cache in the background', () => {
  it('reads every transcript a step at a time, after which retrieval reads none and gives the same answer', async () => {
    const cold = structuredClone(unseen());
    // A fresh start: what the first call read is dropped by a change to a transcript's table.
    study().project.db.prepare("UPDATE dyads SET attributes = attributes WHERE rowid = (SELECT min(rowid) FROM dyads)").run();
    expect(readsTexts(unseen)).toBe(true);
    study().project.db.prepare("UPDATE dyads SET attributes = attributes WHERE rowid = (SELECT min(rowid) FROM dyads)").run();

    await new Promise<void>((resolve) => warmAnalysisCache(study().project.db, { delayMs: 0, chunk: 1, onDone: resolve }));
    expect(readsTexts(unseen)).toBe(false);
    expect(unseen()).toEqual(cold);
  });

  it('stops when asked, and waits out a transaction instead of keeping what it might roll back', () => {
    study().project.db.prepare("UPDATE dyads SET attributes = attributes WHERE rowid = (SELECT min(rowid) FROM dyads)").run();
    // On the test's clock: time passes as far as the test says, so "it did nothing" means nothing in that time.
    vi.useFakeTimers();
    try {
      let stoppedSteps = 0;
      const stopped = warmAnalysisCache(study().project.db, { delayMs: 0, chunk: 1, onStep: () => stoppedSteps++ });
      stopped();
      vi.advanceTimersByTime(5000);
      expect(stoppedSteps).toBe(0);
      expect(readsTexts(unseen)).toBe(true);

      study().project.db.prepare("UPDATE dyads SET attributes = attributes WHERE rowid = (SELECT min(rowid) FROM dyads)").run();
      const db = study().project.db;
      db.exec('BEGIN');
      let steps = 0;
      let done = false;
      warmAnalysisCache(db, { delayMs: 0, chunk: 1, onStep: () => steps++, onDone: () => (done = true) });
      // Five seconds inside a transaction: it reads nothing.
      vi.advanceTimersByTime(5000);
      expect(steps).toBe(0);
      db.exec('ROLLBACK');
      vi.advanceTimersByTime(5000);
      expect(done).toBe(true);
      expect(steps).toBeGreaterThan(0);
      expect(readsTexts(unseen)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

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

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
const unseen = () => retrieve(study().project.db, { code: study().code('Unseen'), contextChars: 10 }, 15);

describe('warming the analysis cache in the background', () => {
  it('reads every transcript a step at a time, after which retrieval reads none and gives the same answer', async () => {
    const cold = structuredClone(unseen());
    // A fresh start: what the first call read is dropped by a change to a transcript's table.
    study().project.db.prepare("UPDATE dyads SET attributes = attributes WHERE rowid = (SELECT min(rowid) FROM dyads)").run();
    expect(readsTexts(unseen)).toBe(true);
    study().project.db.prepare("UPDATE dyads SET attributes = attributes WHERE rowid = (SELECT min(rowid) FROM dyads)").run();

    const stop = warmAnalysisCache(study().project.db, { delayMs: 0, chunk: 1 });
    await settle(200);
    stop();
    expect(readsTexts(unseen)).toBe(false);
    expect(unseen()).toEqual(cold);
  });

  it('stops when asked, and waits out a transaction instead of keeping what it might roll back', async () => {
    study().project.db.prepare("UPDATE dyads SET attributes = attributes WHERE rowid = (SELECT min(rowid) FROM dyads)").run();
    const stopped = warmAnalysisCache(study().project.db, { delayMs: 0, chunk: 1 });
    stopped();
    await settle(100);
    expect(readsTexts(unseen)).toBe(true);

    study().project.db.prepare("UPDATE dyads SET attributes = attributes WHERE rowid = (SELECT min(rowid) FROM dyads)").run();
    study().project.db.exec('BEGIN');
    const stop = warmAnalysisCache(study().project.db, { delayMs: 0, chunk: 1 });
    await settle(100);
    study().project.db.exec('ROLLBACK');
    await settle(300);
    stop();
    expect(readsTexts(unseen)).toBe(false);
  });
});

/**
 * The app reads the transcripts for analysis in the background after a project opens (warm.ts), so the first
 * retrieval does not wait for them. Nothing it keeps may be stale, and stopping it (closing the project) ends it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { retrieve } from '../../../electron/core/analysis/retrieve';
import { warmAnalysisCache } from '../../../electron/core/analysis/warm';
import { tempDir } from '../../helpers/tmp';
import { smallStudy, type Study } from './fixture';

const tmp = tempDir('dyad-analysis-warm-');
let s: Study;
beforeAll(() => {
  s = smallStudy(tmp.path('study.dyad'));
});
afterAll(() => {
  s.close();
  tmp.cleanup();
});

/** Whether `fn` read any interview's text from the file. */
function readsTexts(fn: () => unknown): boolean {
  const spy = vi.spyOn(s.project.db, 'prepare');
  try {
    fn();
    return spy.mock.calls.some(([sql]) => /SELECT id, text FROM interviews/.test(String(sql)));
  } finally {
    spy.mockRestore();
  }
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
const unseen = () => retrieve(s.project.db, { code: s.code('Unseen'), contextChars: 10 }, 15);

describe('warming the analysis cache in the background', () => {
  it('reads every transcript a step at a time, after which retrieval reads none and gives the same answer', async () => {
    const cold = structuredClone(unseen());
    // A fresh start: what the first call read is dropped by a change to a transcript's table.
    s.project.db.prepare("UPDATE dyads SET attributes = attributes WHERE rowid = (SELECT min(rowid) FROM dyads)").run();
    expect(readsTexts(unseen)).toBe(true);
    s.project.db.prepare("UPDATE dyads SET attributes = attributes WHERE rowid = (SELECT min(rowid) FROM dyads)").run();

    const stop = warmAnalysisCache(s.project.db, { delayMs: 0, chunk: 1 });
    await settle(200);
    stop();
    expect(readsTexts(unseen)).toBe(false);
    expect(unseen()).toEqual(cold);
  });

  it('stops when asked, and waits out a transaction instead of keeping what it might roll back', async () => {
    s.project.db.prepare("UPDATE dyads SET attributes = attributes WHERE rowid = (SELECT min(rowid) FROM dyads)").run();
    const stopped = warmAnalysisCache(s.project.db, { delayMs: 0, chunk: 1 });
    stopped();
    await settle(100);
    expect(readsTexts(unseen)).toBe(true);

    s.project.db.prepare("UPDATE dyads SET attributes = attributes WHERE rowid = (SELECT min(rowid) FROM dyads)").run();
    s.project.db.exec('BEGIN');
    const stop = warmAnalysisCache(s.project.db, { delayMs: 0, chunk: 1 });
    await settle(100);
    s.project.db.exec('ROLLBACK');
    await settle(300);
    stop();
    expect(readsTexts(unseen)).toBe(false);
  });
});

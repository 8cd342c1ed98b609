/**
 * Reading and parsing happen in the import workers, not on the thread that serves the app: while a large study
 * is previewed and written, a timer on the main thread keeps firing on time, and a cancel ends a long read at once.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { commitStaged, stageFiles } from '../../../electron/core/importer';
import { Project } from '../../../electron/core/project';
import { stopImportWorkers } from '../../../electron/import/importWorkers';
import { interviewText, rng } from '../../bench/synthetic';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir();
let project: Project;
afterEach(() => project?.close());
afterAll(() => stopImportWorkers());

/** The longest gap between the ticks of a 2 ms timer while `work` runs: the longest step the event loop took. */
async function longestStep<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    longest = Math.max(longest, t - last);
    last = t;
  }, 2);
  try {
    const value = await work();
    return { value, ms: Math.max(longest, performance.now() - last) };
  } finally {
    clearInterval(timer);
  }
}

const source = (name: string, words: number, seed: number) => {
  const random = rng(seed);
  const stops = Array.from({ length: Math.round(words / 150) }, (_, i) => 30 + i * 20);
  return { name, bytes: Buffer.from(interviewText(name.includes('client') ? 'client' : 'therapist', words, stops, random)) };
};

describe('import off the event loop', () => {
  it('reads a long transcript with the researcher\'s marker pattern in a worker: the main thread never waits for it', async () => {
    project = Project.open(tmp.path('long.dyad'), { create: true });
    // ~300,000 words: parsing it takes the better part of a second or more; here it would be one step.
    const long = source('D1_S1_client.txt', 300_000, 3);
    const settings = { ...project.settings(), customMarkerPatterns: ['\\{t=(\\d+:\\d{2}:\\d{2})\\}'] };
    const started = performance.now();
    const parse = await longestStep(() => stageFiles([long], settings));
    const took = performance.now() - started;
    expect(parse.value[0]!.parsed!.turns.length).toBeGreaterThan(5000);
    expect(parse.value[0]!.wordCount).toBeGreaterThan(299_000);
    // Relative bounds: a loaded machine stretches every step, never one step to the size of the whole job.
    expect(parse.ms).toBeLessThan(took / 3);
  }, 60_000);

  it('writes 24 long transcripts in short steps, all or nothing, with their search index', async () => {
    project = Project.open(tmp.path('study.dyad'), { create: true });
    const sources = Array.from({ length: 12 }, (_, d) => [source(`D${d + 1}_S1_client.txt`, 20000, d), source(`D${d + 1}_S1_therapist.txt`, 20000, 100 + d)]).flat();
    const staged = await stageFiles(sources, project.settings());
    expect(staged.every((s) => s.parsed && s.parsed.turns.length > 100 && s.parsed.moments.length > 100)).toBe(true);
    const items = staged.map((s) => ({ index: s.index, ...s.proposed!, speakerRoles: s.speakerRoles }));
    const started = performance.now();
    const write = await longestStep(() => commitStaged(project, staged, items));
    const took = performance.now() - started;
    expect(write.value).toHaveLength(24);
    const turns = staged.reduce((n, s) => n + s.parsed!.turns.length, 0);
    expect((project.db.prepare('SELECT count(*) AS n FROM turns_fts').get() as { n: number }).n).toBe(turns);
    expect((project.db.prepare("SELECT count(*) AS n FROM turns_fts WHERE turns_fts MATCH 'rupture'").get() as { n: number }).n).toBeGreaterThan(0);
    // The commit itself (pages to the write-ahead log) is the longest single step; the rest is cut in 8 ms slices.
    expect(write.ms).toBeLessThan(took / 3);
  }, 60_000);

  it('cancels a long read at once, with the read still going on in a worker', async () => {
    project = Project.open(tmp.path('cancel.dyad'), { create: true });
    // ~40 MB of one speaker's turns: seconds of parsing.
    const big = source('D1_S1_client.txt', 4_000_000, 7);
    const controller = new AbortController();
    const started = performance.now();
    const staging = stageFiles([big], project.settings(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(staging).rejects.toMatchObject({ kind: 'cancelled' });
    expect(performance.now() - started).toBeLessThan(1000);
  }, 60_000);
});

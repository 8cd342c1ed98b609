/**
 * The API's input checks under arbitrary calls: every method with arbitrary input (and arbitrary method names)
 * answers with a value or an error value of a known kind — never an unexpected exception ('internal') — quickly.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRegistry } from '../../../electron/api/context';
import { dispatch } from '../../../electron/api/dispatch';
import { createHandlers } from '../../../electron/api/handlers';
import { Project } from '../../../electron/core/project';
import { methodNames } from '../../../shared/api/contract';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir();
let project: Project;
const table = createHandlers();
const RUNS = Number(process.env.DYAD_FUZZ_RUNS ?? 300);

beforeAll(async () => {
  project = Project.open(tmp.path('fuzzed.dyad'), { create: true });
  // Handlers load their heavy modules (REFI-QDA, zip, Word, Excel) on first use; that one-time load, seconds under
  // tsx on a busy machine, is not what the time budget below is about, so every method is called once first.
  for (const m of methodNames) await dispatch(table, { project, jobs: new JobRegistry(), emit: () => {} }, m, {});
}, 120_000);
afterAll(() => {
  project.close();
  tmp.cleanup();
});

const KINDS = ['invalid-input', 'not-found', 'conflict', 'bad-file', 'newer-version', 'locked', 'cancelled', 'io', 'forbidden'];
// Inputs naming files are left out: a fuzzer must not write files wherever a random string points.
const namesNoFile = (v: unknown) => !/"(path|outPath|dir|folder)"/.test(JSON.stringify(v) ?? '');

describe('fuzzed API calls', () => {
  it('any method with any input answers with a value or an error value of a known kind', async () => {
    const method = fc.oneof(fc.constantFrom(...methodNames), fc.string({ maxLength: 30 }));
    const input = fc.oneof(fc.anything({ maxDepth: 3 }), fc.object({ maxDepth: 2 }), fc.constant({})).filter(namesNoFile);
    await fc.assert(
      fc.asyncProperty(method, input, async (m, i) => {
        const t0 = performance.now();
        const r = await dispatch(table, { project, jobs: new JobRegistry(), emit: () => {} }, m, i);
        const took = performance.now() - t0;
        if (!r.ok && !KINDS.includes(r.error.kind)) throw new Error(`${m} ${JSON.stringify(i)?.slice(0, 300)}: ${r.error.kind}: ${r.error.message}`);
        if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
        if (took > 1000) throw new Error(`${m}: took ${took.toFixed(0)} ms`);
      }),
      { numRuns: RUNS },
    );
    expect(project.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 60_000);
});

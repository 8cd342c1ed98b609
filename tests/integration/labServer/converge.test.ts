/**
 * The lab server's promise, as a property: whatever three replicas do offline, in whatever order they sync, with
 * syncs cut off anywhere (mid-pull, before and after the push commits) and undo used along the way, once everyone has synced they hold the same
 * project, and no coding anyone made (and did not remove) is lost.
 *
 * Replicas: Lea (the lead who published), Ana (a coder), Ben (a coder who is also a lead, so that two leads create
 * codes of the same name under the same parent and these become one). Both leads correct transcripts (inserting
 * text or retyping a few characters), offline and at once, so that both corrections must survive in the server's
 * order (electron/labServer/rebase.ts) and codings made against an older text are moved by the corrections' edits. The leads also delete
 * codes and move them (under another code, or to the top): a deleted code takes with it the codings its deleter had
 * seen (those count as removed), and no others: a coding its deleter had not seen is kept, uncategorised
 * (electron/labServer/deletedCodes.ts). Both leads rename codes from a few names (two codes under one parent named
 * alike offline), and settle conflicting changes of a code's field as the lead's review does: every replica must
 * record the same conflicts, settled alike. Undo and redo are used anywhere. The actions and how a case is played are
 * in threeReplicas.ts.
 *
 * DYAD_LAB_RUNS sets the number of cases (6 by default). A failing case is printed whole and written to a file:
 * DYAD_LAB_ACTIONS=that file plays it alone (DYAD_LAB_SEED and DYAD_LAB_PATH replay it through fast-check too).
 * DYAD_LAB_SHRINK=1 lets fast-check shrink a failing case (slow: every attempt is a whole case on the cluster).
 */
import { randomInt } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, it, vi } from 'vitest';
import { describeWithPostgres, startCluster, type Cluster } from '../../helpers/postgres';
import { makeStudy, type Study } from '../team/fixture';
import { drawIdsFor } from './drawnIds';
import { action, actionsJson, playCase, type Action } from './threeReplicas';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const { drawnUUID } = await import('./drawnIds');
  const randomUUID = () => drawnUUID(real.createHash);
  return { ...real, default: { ...real, randomUUID }, randomUUID };
});

const RUNS = Number(process.env.DYAD_LAB_RUNS ?? 6);
const SHRINK = !!process.env.DYAD_LAB_SHRINK;
const seed = process.env.DYAD_LAB_SEED ? Number(process.env.DYAD_LAB_SEED) : randomInt(-(2 ** 31), 2 ** 31 - 1);

describeWithPostgres('three replicas converge, whatever the order of syncs and wherever they are cut off', () => {
  let cluster: Cluster;
  let study: Study;
  let run = 0;
  const cases = new Map<string, number>();
  beforeAll(async () => {
    cluster = await startCluster();
    study = makeStudy();
  });
  afterAll(() => {
    cluster?.stop();
    study?.cleanup();
  });

  /** A case's ids are drawn from its actions and how often they ran here (its rows never meet another case's). */
  const play = (actions: readonly Action[]) => {
    run++;
    const key = JSON.stringify(actions);
    cases.set(key, (cases.get(key) ?? 0) + 1);
    drawIdsFor(`${key}:${cases.get(key)}`);
    return playCase(cluster, study, actions, run);
  };

  /** Everything needed to play a failing case again, on stderr and in a file (a run's output may be cut short). */
  const report = (actions: readonly Action[], where: string) => {
    const file = join(tmpdir(), `dyad-lab-case-${seed}-${where.replace(/[^0-9a-z]+/gi, '_')}.json`);
    writeFileSync(file, actionsJson(actions));
    process.stderr.write(
      `\nA failing case (seed ${seed}, ${where}), ${actions.length} actions:\n${actionsJson(actions)}\n` +
        `Play it alone: DYAD_LAB_ACTIONS=${file} npx vitest run --project integration tests/integration/labServer/converge.test.ts\n` +
        `or through fast-check: DYAD_LAB_SEED=${seed} DYAD_LAB_PATH=${where.replace(/^path /, '')}\n\n`,
    );
  };

  if (process.env.DYAD_LAB_ACTIONS) {
    it(`the case in ${process.env.DYAD_LAB_ACTIONS}`, async () => {
      await play(JSON.parse(readFileSync(process.env.DYAD_LAB_ACTIONS!, 'utf8')) as Action[]);
    }, 600_000);
    return;
  }

  it(
    'the same project everywhere after everyone syncs, every coding kept',
    async () => {
      // Said first: should the run be cut short (a timeout), the seed still replays it.
      process.stderr.write(`converge: ${RUNS} cases, seed ${seed}\n`);
      let index = -1;
      const details = await fc.check(
        fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 30 }), async (actions: Action[]) => {
          index++;
          try {
            await play(actions);
          } catch (e) {
            // The path of a first failure is its index; shrinking's last one is reported below.
            if (!SHRINK && !process.env.DYAD_LAB_PATH) report(actions, `path ${index}`);
            throw e;
          }
        }),
        { numRuns: RUNS, seed, path: process.env.DYAD_LAB_PATH, endOnFailure: !SHRINK },
      );
      if (!details.failed) return;
      if (details.counterexample && (SHRINK || process.env.DYAD_LAB_PATH)) report(details.counterexample[0], `path ${details.counterexamplePath}`);
      throw details.errorInstance instanceof Error ? details.errorInstance : new Error(String(details.errorInstance));
    },
    // Cases take ~3 s each on a quiet machine; a shrink plays many.
    SHRINK ? 7_200_000 : Math.max(600_000, RUNS * 20_000),
  );
});

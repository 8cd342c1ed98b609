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
 * A case's actions are random, with now and then two leads changing one field of a code offline before a lead settles
 * it, and a step undone and redone (threeReplicas.ts), so that `resolve` and `redo` have something to act on. Each
 * run counts, per kind of action, how many changed something, and fails when a kind never did: a tour of every kind
 * (TOUR) is played first, so that CI's short run covers them all; a run of 50 cases or more needs the random cases
 * alone to.
 *
 * DYAD_LAB_RUNS sets the number of random cases (5 by default, after the tour). A failing case is printed whole and written to a file:
 * DYAD_LAB_ACTIONS=that file plays it alone (DYAD_LAB_SEED and DYAD_LAB_PATH replay it through fast-check too).
 * DYAD_LAB_SHRINK=1 lets fast-check shrink a failing case (slow: every attempt is a whole case on the cluster).
 */
import { randomInt } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeWithPostgres, startCluster, type Cluster } from '../../helpers/postgres';
import { makeStudy, type Study } from '../team/fixture';
import { drawIdsFor } from './drawnIds';
import { actions as caseActions, actionsJson, playCase, type Acted, type Action } from './threeReplicas';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const { drawnUUID } = await import('./drawnIds');
  const randomUUID = () => drawnUUID(real.createHash);
  return { ...real, default: { ...real, randomUUID }, randomUUID };
});

const RUNS = Number(process.env.DYAD_LAB_RUNS ?? 5);
const SHRINK = !!process.env.DYAD_LAB_SHRINK;
const seed = process.env.DYAD_LAB_SEED ? Number(process.env.DYAD_LAB_SEED) : randomInt(-(2 ** 31), 2 ** 31 - 1);

/** Every kind of action, each of which must have changed something at least once in a run. */
const KINDS: Action['t'][] = ['code', 'uncode', 'memo', 'unmemo', 'newCode', 'recolour', 'rename', 'correct', 'deleteCode', 'moveCode', 'undo', 'redo', 'resolve', 'sync'];

/**
 * Played first in every run, so that a short run (CI's six cases) has each kind of action act at least once: Ana
 * codes, writes and removes a memo, removes her coding, undoes and redoes that; the leads make, recolour, rename,
 * move and delete codes and correct a transcript; both change one code's colour offline, and Ben settles it.
 */
const TOUR: Action[] = [
  { t: 'code', who: 1, pick: 0, side: 0, a: 30, b: 12 },
  { t: 'memo', who: 1, pick: 1, text: 'ask Lea' },
  { t: 'unmemo', who: 1, pick: 0 },
  { t: 'code', who: 1, pick: 3, side: 1, a: 40, b: 20 },
  { t: 'uncode', who: 1, pick: 0 },
  { t: 'undo', who: 1 },
  { t: 'redo', who: 1 },
  { t: 'sync', who: 1, cut: null },
  { t: 'newCode', who: 0, name: 'Hope', parent: 0 },
  { t: 'rename', who: 2, pick: 1, name: 'Guilt' },
  { t: 'correct', who: 0, side: 0, at: 5, replaced: 0, text: 'um ' },
  { t: 'moveCode', who: 2, pick: 3, parent: 1 },
  { t: 'deleteCode', who: 0, pick: 2 },
  { t: 'recolour', who: 0, pick: 0, color: '#112233' },
  { t: 'recolour', who: 2, pick: 0, color: '#445566' },
  { t: 'sync', who: 0, cut: null },
  { t: 'sync', who: 2, cut: null },
  { t: 'resolve', who: 2, pick: 0, keep: 'earlier' },
];

describeWithPostgres('three replicas converge, whatever the order of syncs and wherever they are cut off', () => {
  let cluster: Cluster;
  let study: Study;
  let run = 0;
  const cases = new Map<string, number>();
  // A cluster's start (initdb) took over a minute on a loaded two-core machine.
  beforeAll(async () => {
    cluster = await startCluster();
    study = makeStudy();
  }, 180_000);
  afterAll(() => {
    cluster?.stop();
    study?.cleanup();
  });

  /** A case's ids are drawn from its actions and how often they ran here (its rows never meet another case's). */
  const play = (actions: readonly Action[]): Promise<Acted> => {
    run++;
    const key = JSON.stringify(actions);
    cases.set(key, (cases.get(key) ?? 0) + 1);
    drawIdsFor(`${key}:${cases.get(key)}`);
    return playCase(cluster, study, actions, run);
  };
  /** Per kind of action, how many changed something: in the whole run, and in its random cases alone. */
  const acted = { all: {} as Record<string, number>, random: {} as Record<string, number> };
  const tally = (into: Record<string, number>, a: Acted) => {
    for (const [k, n] of Object.entries(a)) into[k] = (into[k] ?? 0) + n;
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
        fc.asyncProperty(caseActions, async (actions: Action[]) => {
          index++;
          try {
            const a = await play(actions);
            tally(acted.all, a);
            if (JSON.stringify(actions) !== JSON.stringify(TOUR)) tally(acted.random, a);
          } catch (e) {
            // The path of a first failure is its index; shrinking's last one is reported below.
            if (!SHRINK && !process.env.DYAD_LAB_PATH) report(actions, `path ${index}`);
            throw e;
          }
        }),
        { numRuns: RUNS, seed, path: process.env.DYAD_LAB_PATH, endOnFailure: !SHRINK, examples: [[TOUR]] },
      );
      if (!details.failed) {
        process.stderr.write(`converge: actions that changed something, all ${JSON.stringify(acted.all)}, random cases ${JSON.stringify(acted.random)}\n`);
        // Each kind acted at least once (the tour sees to it in a short run; in a long one, the random cases too).
        expect(KINDS.filter((k) => !acted.all[k]), 'kinds of action that never changed anything').toEqual([]);
        if (RUNS >= 50) expect(KINDS.filter((k) => !acted.random[k]), 'kinds of action that never changed anything in the random cases').toEqual([]);
        return;
      }
      if (details.counterexample && (SHRINK || process.env.DYAD_LAB_PATH)) report(details.counterexample[0]!, `path ${details.counterexamplePath}`);
      throw details.errorInstance instanceof Error ? details.errorInstance : new Error(String(details.errorInstance));
    },
    // Cases take ~3 s each on a quiet machine; a shrink plays many.
    SHRINK ? 7_200_000 : Math.max(600_000, RUNS * 20_000),
  );
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyToSnapshot, checkSnapshot, planMerge, resolveMerge } from '../../../shared/merge';
import { attributesNotAsChosen, lostCodings, memosNotAsChosen, nameKey, siblingClashes } from './checks';
import type { MergeChoices, MergePlan } from '../../../shared/merge';
import { generatePair } from './generate';

const OPTS = { fromLabel: 'bea.dyad' };

function randomChoices(g: fc.GeneratorValue, plan: MergePlan, choices: Record<string, string>): Record<string, string> {
  const out = { ...choices };
  for (const c of plan.summary.conflicts) if (!(c.id in out)) out[c.id] = c.options[g(fc.integer, { min: 0, max: c.options.length - 1 })]!.id;
  return out;
}

describe('merging two coders’ copies (random projects)', () => {
  it('with the default choices: every coding of both is there, under its mapped code, attributes and memos as the defaults keep them; merging again adds nothing', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const pair = generatePair(g);
        const plan = planMerge(pair.into, pair.from, OPTS);
        const result = applyToSnapshot(pair.into, plan.operations);
        checkSnapshot(result, 'result');
        expect(siblingClashes(result)).toEqual([]);
        expect(lostCodings(pair, plan, result, true)).toEqual([]);
        expect(attributesNotAsChosen(pair, plan, {}, result)).toEqual([]);
        expect(memosNotAsChosen(pair, plan, {}, result)).toEqual([]);
        expect(plan.summary.interviews.skipped).toEqual([]);

        const resultCodes = new Map(result.codes.map((c) => [c.id, c]));
        const fromCodes = new Map(pair.from.codes.map((c) => [c.id, c]));
        for (const c of pair.from.codes) {
          const m = resultCodes.get(plan.ids.codes.get(c.id) as string);
          expect(m, `code ${c.name}`).toBeDefined();
          if (m!.id === c.id) continue;
          // Matched by name under the matched parent, or added there (with the file's name added only on a clash).
          expect(nameKey(m!.name).startsWith(nameKey(c.name))).toBe(true);
          const parent = c.parentId === null ? null : (plan.ids.codes.get(fromCodes.get(c.parentId)!.id) as string);
          expect(m!.parentId).toBe(parent);
        }
        for (const c of pair.from.coders) {
          const m = result.coders.find((x) => x.id === plan.ids.coders.get(c.id));
          expect(m!.id === c.id || nameKey(m!.name) === nameKey(c.name)).toBe(true);
        }

        const again = planMerge(result, pair.from, OPTS);
        expect(again.summary.nothingToDo, JSON.stringify(again.operations)).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('with any choices: the codebook stays a tree with unique sibling names, only skipped interviews lose codings, attributes and memos are as chosen, and merging again with the same choices adds nothing', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const pair = generatePair(g);
        let plan = planMerge(pair.into, pair.from, OPTS);
        let choices: MergeChoices = {};
        for (let round = 0; round < 3; round++) {
          choices = randomChoices(g, plan, choices);
          plan = resolveMerge(plan, choices);
        }
        const result = applyToSnapshot(pair.into, plan.operations);
        checkSnapshot(result, 'result');
        expect(siblingClashes(result)).toEqual([]);
        expect(lostCodings(pair, plan, result, false)).toEqual([]);
        expect(attributesNotAsChosen(pair, plan, choices, result)).toEqual([]);
        expect(memosNotAsChosen(pair, plan, choices, result)).toEqual([]);
        const again = planMerge(result, pair.from, OPTS, choices);
        expect(again.summary.nothingToDo, JSON.stringify(again.operations)).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('plans are deterministic: the same files and choices give the same plan, ids included', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const pair = generatePair(g);
        const a = planMerge(pair.into, pair.from, OPTS);
        const b = planMerge(structuredClone(pair.into), structuredClone(pair.from), OPTS);
        expect(b.operations).toEqual(a.operations);
        expect(b.summary).toEqual(a.summary);
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});

/**
 * dispatch checks every answer against the contract. Big answers go through a compiled check (dispatchOutput.ts)
 * that must reach zod's verdict: a malformed excerpt anywhere in a long list is still refused, and what is passed
 * on is what zod would have passed on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../../../shared/api/contract';
import { JobRegistry } from '../../../electron/api/context';
import { dispatch, type HandlerTable } from '../../../electron/api/dispatch';
import { exactCheck } from '../../../electron/api/dispatchOutput';
import type { Project } from '../../../electron/core/project';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function excerpt(i: number) {
  const coding = {
    id: uuid(i),
    codeId: uuid(1),
    codePath: 'Alliance / Rupture',
    coderId: uuid(2),
    coderName: 'Coder A',
    start: 10 * i,
    end: 10 * i + 40,
    of: 'code' as const,
    interviewId: uuid(3),
    text: 'I could not look at her',
  };
  return {
    interviewId: uuid(3),
    dyadId: uuid(4),
    dyadName: 'dyad 4',
    sessionId: uuid(5),
    sessionNumber: 1,
    role: 'client' as const,
    start: 10 * i,
    end: 10 * i + 40,
    text: 'I could not look at her',
    before: 'and then',
    after: 'for a while',
    codePath: 'Alliance / Rupture',
    codingIds: [coding.id],
    codings: [coding],
    coders: ['Coder A'],
    turnId: i % 3 ? uuid(6) : null,
    speaker: i % 3 ? 'C' : null,
    speakerRole: i % 3 ? ('participant' as const) : null,
    interviewTime: null,
    momentId: uuid(7),
    sessionTime: 754.5,
    memos: i % 5 ? [] : [{ codingId: coding.id, title: 'Looking away', text: 'She turns to the window here.', coderName: i % 2 ? null : 'Coder A' }],
  };
}

const answer = (n: number) => ({
  code: { id: uuid(1), path: 'Alliance / Rupture' },
  other: null,
  total: n,
  offset: 0,
  excerpts: Array.from({ length: n }, (_, i) => excerpt(i)),
});

async function retrieveThrough(out: unknown) {
  const table = { 'analysis.retrieve': () => out } as unknown as HandlerTable;
  const env = { project: {} as Project, jobs: new JobRegistry(), emit: () => {} };
  return dispatch(table, env, 'analysis.retrieve', { code: uuid(1) });
}

describe('the output check of dispatch', () => {
  const schema = contract['analysis.retrieve'].output;

  it('passes a well-formed long answer on as it is', async () => {
    const out = answer(5000);
    const r = await retrieveThrough(out);
    expect(r).toEqual({ ok: true, value: out });
    // Passed on without zod's copy: the compiled check recognised it.
    expect(r.ok && r.value).toBe(out);
  });

  it.each([
    ['a fractional offset', (e: Record<string, unknown>) => (e.start = 1.5), 'excerpts.4321.start'],
    ['a role outside the contract', (e: Record<string, unknown>) => (e.role = 'patient'), 'excerpts.4321.role'],
    ['a missing turn id (undefined, not null)', (e: Record<string, unknown>) => delete e.turnId, 'excerpts.4321.turnId'],
    ['an empty coding id', (e: Record<string, unknown>) => ((e.codings as { id: string }[])[0]!.id = ''), 'excerpts.4321.codings.0.id'],
    ['a session time that is not a number', (e: Record<string, unknown>) => (e.sessionTime = Number.NaN), 'excerpts.4321.sessionTime'],
  ])('refuses %s deep in a list of 5,000 excerpts, naming where', async (_what, spoil, where) => {
    const out = answer(5000);
    spoil(out.excerpts[4321] as unknown as Record<string, unknown>);
    const r = await retrieveThrough(out);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('internal');
      expect(r.error.message).toContain(`analysis.retrieve at ${where}`);
    }
  });

  it('strips a key the contract does not name, as zod does', async () => {
    const out = answer(3);
    (out.excerpts[1] as Record<string, unknown>).secret = 'internal row id';
    const r = await retrieveThrough(out);
    expect(r.ok).toBe(true);
    if (r.ok) {
      const value = r.value as ReturnType<typeof answer>;
      expect(value.excerpts[1]).not.toHaveProperty('secret');
      expect(value.excerpts[1]).toEqual(excerpt(1));
    }
  });

  it('says yes only where zod accepts and would pass the value on unchanged', () => {
    const check = exactCheck(schema)!;
    expect(check).not.toBeNull();
    const field = fc.constantFrom(...Object.keys(excerpt(0)), 'extra');
    const weird = fc.oneof(
      fc.constantFrom(null, undefined, '', 'x'.repeat(101), -0, 2 ** 53, 1.5, Number.NaN, Infinity, 'client', 'other', [], {}, true),
      fc.string(),
      fc.integer(),
      fc.double(),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(2), field, weird), { maxLength: 4 }), (spoils) => {
        const out = answer(3);
        for (const [i, key, value] of spoils) (out.excerpts[i] as Record<string, unknown>)[key] = value;
        const z1 = schema.safeParse(out);
        if (check(out)) {
          expect(z1.success).toBe(true);
          expect(z1.data).toStrictEqual(out);
        } else if (z1.success) {
          // zod accepted but had to change something (keys to strip): dispatch hands zod's copy on.
          expect(z1.data).not.toStrictEqual(out);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('leaves schemas it does not understand to zod', () => {
    expect(exactCheck(z.object({ at: z.string().datetime() }))).toBeNull();
    expect(exactCheck(z.object({ n: z.number().default(1) }))).toBeNull();
    expect(exactCheck(z.looseObject({ n: z.number() }))).toBeNull();
    expect(exactCheck(z.object({ n: z.number().int().min(0).max(5) }))).not.toBeNull();
    const bounded = exactCheck(z.object({ n: z.number().int().min(0).max(5) }))!;
    expect([0, 5, 6, -1, 2.5].map((n) => bounded({ n }))).toEqual([true, true, false, false, false]);
  });
  it('checks recursive schemas (the codebook tree: codes whose children are codes) without recursing for ever', () => {
    const node = z.object({
      name: z.string().min(1),
      get children(): z.ZodArray<typeof node> {
        return z.array(node);
      },
    });
    const check = exactCheck(z.array(node))!;
    expect(check).not.toBeNull();
    const tree = [{ name: 'Rupture', children: [{ name: 'Withdrawal', children: [] }, { name: 'Confrontation', children: [{ name: 'Blame', children: [] }] }] }];
    expect(check(tree)).toBe(true);
    tree[0]!.children[1]!.children[0]!.name = '';
    expect(check(tree)).toBe(false);
    expect(z.array(node).safeParse(tree).success).toBe(false);
    // The real contract's codebook list passes through dispatch's check the same way.
    expect(exactCheck(contract['codebooks.list'].output)).not.toBeNull();
  });

  it("checks the navigator's tree (dyads with their attributes) itself, and reaches zod's verdict on odd attributes", () => {
    const tree = contract['dyads.list'].output;
    const check = exactCheck(tree)!;
    expect(check).not.toBeNull();
    const dyad = (attributes: unknown) => [{ id: uuid(1), name: 'dyad 4', attributes, sessions: [] }];
    const odd = [{ modality: 'online', clinic: 'North' }, {}, { modality: 4 }, { modality: null }, [], null, 'online', JSON.parse('{"__proto__":"x"}'), Object.assign(Object.create(null), { a: 'b' }), { [Symbol('s')]: 'x' }];
    for (const attributes of odd) {
      const out = dyad(attributes);
      const z1 = tree.safeParse(out);
      if (check(out)) {
        expect(z1.success).toBe(true);
        expect(z1.data).toStrictEqual(out);
      } else if (z1.success) expect(z1.data).not.toStrictEqual(out);
    }
    expect(check(dyad({ modality: 'online' }))).toBe(true);
    expect(check(dyad({ modality: 4 }))).toBe(false);
    expect(exactCheck(z.record(z.string().min(2), z.string()))).toBeNull();
  });
});

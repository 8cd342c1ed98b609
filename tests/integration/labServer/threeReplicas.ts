/**
 * One case of the lab server's convergence property (converge.test.ts), as a sequence of actions that a test can
 * also write out by hand (the named regression cases): what three replicas do offline, when each syncs and where
 * a sync is cut off, and then everyone syncs twice round and the replicas are compared.
 *
 * Replicas: Lea (0, the lead who published), Ana (1, a coder), Ben (2, a coder who is also a lead). A test file that
 * plays cases mocks node:crypto's randomUUID with drawnIds.ts, so that a case replays with the same ids.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import * as C from '../../../electron/core/coding';
import type { Db } from '../../../electron/core/database';
import { Project } from '../../../electron/core/project';
import { listConflicts, resolveConflict } from '../../../electron/labServer/conflicts';
import { inviteCoder } from '../../../electron/labServer/members';
import { joinProject, publishProject } from '../../../electron/labServer/publish';
import { readReplica } from '../../../electron/labServer/replica';
import type { SyncPoint } from '../../../electron/labServer/sync';
import { readSnapshot } from '../../../electron/snapshot/read';
import type { Cluster } from '../../helpers/postgres';
import type { Study } from '../team/fixture';
import { sync, withOpen } from './fixture';

const who = fc.constantFrom(0, 1, 2);
const lead = fc.constantFrom(0, 2);
const cut = fc.constantFrom<SyncPoint | null>(null, null, 'mid-pull', 'before-push-commit', 'after-push-commit');

/** A researcher's action on one replica, or a sync of it; numbers pick codes, codings and places modulo what there is. */
export const single = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('code' as const), who, pick: fc.nat(), side: fc.nat(), a: fc.nat(), b: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('uncode' as const), who, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('memo' as const), who, pick: fc.nat(), text: fc.constantFrom('seen twice', 'ask Lea', 'unsure') }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('unmemo' as const), who, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('newCode' as const), who: lead, name: fc.constantFrom('Hope', 'Fear', 'Calm'), parent: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('recolour' as const), who: lead, pick: fc.nat(), color: fc.constantFrom('#112233', '#445566', '#778899') }) },
  // Names from a small set, so that two leads give two codes under one parent the same name offline.
  { weight: 1, arbitrary: fc.record({ t: fc.constant('rename' as const), who: lead, pick: fc.nat(), name: fc.constantFrom('Guilt', 'Relief', 'Hope') }) },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('correct' as const), who: lead, side: fc.nat(), at: fc.nat(), replaced: fc.nat({ max: 3 }), text: fc.constantFrom(' (pause)', ' [inaudible]', 'um ', 'x') }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('deleteCode' as const), who: lead, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('moveCode' as const), who: lead, pick: fc.nat(), parent: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('undo' as const), who }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('redo' as const), who }) },
  // A lead settles a field two leads changed without seeing each other's change (conflicts.ts).
  { weight: 1, arbitrary: fc.record({ t: fc.constant('resolve' as const), who: lead, pick: fc.nat(), keep: fc.constantFrom('earlier' as const, 'later' as const) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('sync' as const), who, cut }) },
);

export type Action = typeof single extends fc.Arbitrary<infer A> ? A : never;

/**
 * Two leads change the same field of the same code offline (picked alike: while their codebooks are alike, the same
 * code), both sync, and a lead settles it: a conflict for `resolve` to act on, which random actions rarely make.
 */
const conflictThenResolve = fc
  .record({
    pick: fc.nat(),
    change: fc.oneof(
      fc.constantFrom<[string, string]>(['#112233', '#445566'], ['#778899', '#112233']).map((v) => ({ rename: false, v })),
      fc.constantFrom<[string, string]>(['Guilt', 'Relief'], ['Relief', 'Hope']).map((v) => ({ rename: true, v })),
    ),
    resolver: lead,
    keep: fc.constantFrom('earlier' as const, 'later' as const),
  })
  .map(({ pick, change, resolver, keep }): Action[] => {
    const by = (who: 0 | 2, v: string): Action => (change.rename ? { t: 'rename', who, pick, name: v as 'Guilt' } : { t: 'recolour', who, pick, color: v as '#112233' });
    return [by(0, change.v[0]), by(2, change.v[1]), { t: 'sync', who: 0, cut: null }, { t: 'sync', who: 2, cut: null }, { t: 'sync', who: resolver, cut: null }, { t: 'resolve', who: resolver, pick: 0, keep }];
  });

/** Something done and undone, then redone: `redo` has a step to act on (a random redo rarely follows an undo). */
const undoThenRedo = fc.tuple(single, fc.boolean()).map(([a, again]): Action[] => [a, { t: 'undo', who: a.who }, { t: 'redo', who: a.who }, ...(again ? [{ t: 'undo' as const, who: a.who }] : [])]);

/** A case's actions: single ones, with now and then a conflict to settle or an undone step to redo. */
export const actions = fc
  .array(
    fc.oneof({ weight: 26, arbitrary: single.map((a): Action[] => [a]) }, { weight: 2, arbitrary: conflictThenResolve }, { weight: 2, arbitrary: undoThenRedo }),
    { minLength: 4, maxLength: 22 },
  )
  .map((steps) => steps.flat());

/** What a case's actions did: per kind, how many changed something (a sync: sent or received operations). */
export type Acted = Partial<Record<Action['t'], number>>;

/** The actions as plain JSON (fast-check's own print shows `__proto__:null` in records, which does not parse). */
export const actionsJson = (actions: readonly Action[]): string => `[\n${actions.map((a) => `  ${JSON.stringify(a)}`).join(',\n')}\n]`;

const codeIds = (db: Db) => (db.prepare('SELECT id FROM codes ORDER BY id').all() as { id: string }[]).map((r) => r.id);
const codingIds = (db: Db) => new Set((db.prepare('SELECT id FROM codings').all() as { id: string }[]).map((r) => r.id));
const pickOf = <T>(xs: readonly T[], n: number): T | undefined => (xs.length ? xs[n % xs.length] : undefined);
const same = (s: ReturnType<typeof readSnapshot>) => ({ ...s, name: '' });

/**
 * Plays `actions` on three new replicas of the study (Lea publishes a copy; `run` makes its files and coders' names
 * unique on the cluster), then everyone syncs twice round, and checks that they hold the same project, that no
 * coding anyone made and did not remove is lost, and that nothing waits to be sent.
 */
export async function playCase(cluster: Cluster, study: Study, actions: readonly Action[], run: number): Promise<Acted> {
  const paths = [study.copy(`lea-${run}.dyad`), study.path(`ana-${run}.dyad`), study.path(`ben-${run}.dyad`)];
  await withOpen(paths[0]!, async (p) => {
    C.setCurrentCoder(p.db, 'Lea');
    await publishProject(p, cluster.adminUrl);
  });
  const urls = await withOpen(paths[0]!, async (p) => [
    (await inviteCoder(p.db, 'lea', paths[0]!, `ana${run}`)).joinUrl,
    (await inviteCoder(p.db, 'lea', paths[0]!, `ben${run}`, { lead: true })).joinUrl,
  ]);
  await joinProject(urls[0]!, paths[1]!);
  await joinProject(urls[1]!, paths[2]!);
  const made = new Set<string>();
  /**
   * Codings taken away, and by whom: one may go. Brought back (an undo, a redo) by the one who took it away, it must
   * stay again; brought back by someone else, it may still go, as the one removal may come after the other on the
   * server.
   */
  const removed = new Map<string, Set<number>>();
  const take = (id: string, who: number) => removed.set(id, (removed.get(id) ?? new Set()).add(who));
  const give = (id: string, who: number) => {
    removed.get(id)?.delete(who);
    if (!removed.get(id)?.size) removed.delete(id);
  };
  const acted: Acted = {};
  const did = (t: Action['t'], yes: boolean) => {
    if (yes) acted[t] = (acted[t] ?? 0) + 1;
  };
  /** Codings a step took away were taken by their own coder; the ones it brought back (undo, redo) count again. */
  const tookOrGave = (who: number, before: Set<string>, after: Set<string>) => {
    for (const id of before) if (!after.has(id)) take(id, who);
    for (const id of after) if (!before.has(id)) give(id, who);
  };
  const projects = paths.map((path) => Project.open(path));
  try {
    for (const a of actions) {
      if (a.t === 'sync') {
        projects[a.who]!.close();
        const r = await sync(paths[a.who]!, {
          batch: 3,
          interrupt: (point) => {
            if (point === a.cut) throw new Error(`cut off at ${point}`);
          },
        }).catch((e: Error) => {
          if (!/cut off at/.test(e.message)) throw e;
          return null;
        });
        did('sync', !!r && r.pulled + r.pushed > 0);
        projects[a.who] = Project.open(paths[a.who]!);
        continue;
      }
      const db = projects[a.who]!.db;
      const interview = (side: number) => (side % 2 ? study.therapistId : study.clientId);
      switch (a.t) {
        case 'code': {
          const codeId = pickOf(codeIds(db), a.pick)!;
          const iv = interview(a.side);
          const len = (db.prepare('SELECT length(text) AS n FROM interviews WHERE id = ?').get(iv) as { n: number }).n;
          const start = a.a % (len - 1);
          const end = start + 1 + (a.b % Math.min(40, len - start - 1 || 1));
          const r = C.addCoding(db, { interviewId: iv, start, end, codeId });
          if (r.created) made.add(r.coding.id);
          did('code', r.created);
          break;
        }
        case 'uncode': {
          const me = C.currentCoder(db)!.id;
          const mine = (db.prepare('SELECT id FROM codings WHERE coder_id = ? ORDER BY id').all(me) as { id: string }[]).map((r) => r.id);
          const id = pickOf(mine, a.pick);
          if (id) {
            C.removeCoding(db, id);
            take(id, a.who);
          }
          did('uncode', !!id);
          break;
        }
        case 'memo':
          C.createMemo(db, { targetKind: 'code', targetId: pickOf(codeIds(db), a.pick)!, text: a.text });
          did('memo', true);
          break;
        case 'unmemo': {
          const me = C.currentCoder(db)!.id;
          const id = pickOf((db.prepare('SELECT id FROM memos WHERE coder_id = ? ORDER BY id').all(me) as { id: string }[]).map((r) => r.id), a.pick);
          if (id) C.deleteMemo(db, id);
          did('unmemo', !!id);
          break;
        }
        case 'newCode': {
          const parentId = a.parent % 3 === 0 ? null : (pickOf(codeIds(db), a.parent) ?? null);
          const taken = C.siblingNamed(db, C.getCode(db, codeIds(db)[0]!).codebookId, parentId, a.name);
          if (!taken) C.createCode(db, { name: a.name, parentId });
          did('newCode', !taken);
          break;
        }
        case 'recolour': {
          const id = pickOf(codeIds(db), a.pick)!;
          did('recolour', C.getCode(db, id).color !== a.color);
          C.updateCode(db, id, { color: a.color });
          break;
        }
        case 'rename': {
          // As in the app: a name a sibling has here is refused.
          const id = pickOf(codeIds(db), a.pick)!;
          const code = C.getCode(db, id);
          const free = !C.siblingNamed(db, code.codebookId, code.parentId, a.name, id);
          if (free) C.updateCode(db, id, { name: a.name });
          did('rename', free && code.name !== a.name);
          break;
        }
        case 'deleteCode': {
          // Not the last codes: the others need one to code with. What it takes here, its deleter saw.
          const ids = codeIds(db);
          if (ids.length <= 3) break;
          const before = codingIds(db);
          C.deleteCode(db, pickOf(ids, a.pick)!);
          tookOrGave(a.who, before, codingIds(db));
          did('deleteCode', true);
          break;
        }
        case 'moveCode': {
          const id = pickOf(codeIds(db), a.pick)!;
          const parentId = a.parent % 3 === 0 ? null : (pickOf(codeIds(db), a.parent) ?? null);
          const code = C.getCode(db, id);
          // Only where a researcher could move it: the app refuses under itself, too deep, or beside a namesake.
          if (C.siblingNamed(db, code.codebookId, parentId, code.name, id)) break;
          try {
            C.moveCode(db, id, parentId);
            did('moveCode', code.parentId !== parentId);
          } catch (e) {
            if ((e as { kind?: string }).kind !== 'invalid-input') throw e;
          }
          break;
        }
        case 'undo':
        case 'redo': {
          // Whatever the step was; a coding it takes away was taken away by its own coder.
          const before = codingIds(db);
          let step: string | null = null;
          try {
            step = a.t === 'undo' ? C.undo(db) : C.redo(db);
          } catch (e) {
            // A step the others' changes touched since is refused, the project left as it was (undoOutside.ts).
            if ((e as { kind?: string }).kind !== 'conflict') throw e;
            expect(codingIds(db), `a refused ${a.t} changed no coding`).toEqual(before);
          }
          tookOrGave(a.who, before, codingIds(db));
          did(a.t, step !== null);
          break;
        }
        case 'resolve': {
          const open = listConflicts(db);
          const conflict = pickOf(open, a.pick);
          const member = readReplica(db)!.member;
          try {
            if (conflict) resolveConflict(db, conflict.id, a.keep, member);
            did('resolve', !!conflict);
          } catch (e) {
            // Its code was deleted since: nothing to choose, as the Lab server page says.
            if ((e as { kind?: string }).kind !== 'not-found') throw e;
          }
          break;
        }
        case 'correct': {
          const iv = interview(a.side);
          const text = (db.prepare('SELECT text FROM interviews WHERE id = ?').get(iv) as { text: string }).text;
          const at = a.at % (text.length + 1);
          // An insertion, or a few characters retyped: a coding is never emptied, so none is lost by it.
          const end = Math.min(text.length, at + a.replaced);
          C.correctInterview(db, { interviewId: iv, start: at, end, replacement: a.text });
          did('correct', text.slice(at, end) !== a.text);
          break;
        }
      }
    }
  } finally {
    for (const p of projects) p.close();
  }
  // Everyone syncs, twice round (the first round's late pushes reach the early syncers in the second).
  for (const i of [0, 1, 2, 0, 1, 2]) await sync(paths[i]!);
  const snaps = await Promise.all(paths.map((path) => withOpen(path, (p) => same(readSnapshot(p.db)))));
  expect(snaps[1], "Ana's replica is Lea's").toEqual(snaps[0]);
  expect(snaps[2], "Ben's replica is Lea's").toEqual(snaps[0]);
  const kept = new Set(snaps[0]!.codings.map((c) => c.id));
  const lost = [...made].filter((id) => !removed.has(id) && !kept.has(id));
  expect(lost, 'codings lost').toEqual([]);
  // Every replica records the same changes of a code's field made without seeing each other's, settled alike.
  const conflicts = await Promise.all(paths.map((path) => withOpen(path, (p) => listConflicts(p.db, { all: true }))));
  expect(conflicts[1], "Ana's review of conflicting changes is Lea's").toEqual(conflicts[0]);
  expect(conflicts[2], "Ben's review of conflicting changes is Lea's").toEqual(conflicts[0]);
  const pending = await Promise.all(paths.map((path) => withOpen(path, (p) => (p.db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n)));
  expect(pending, 'changes still waiting to be sent').toEqual([0, 0, 0]);
  return acted;
}

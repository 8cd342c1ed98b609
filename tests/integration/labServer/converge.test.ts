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
 * (electron/labServer/deletedCodes.ts).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import * as C from '../../../electron/core/coding';
import type { Db } from '../../../electron/core/database';
import { publishProject } from '../../../electron/labServer/publish';
import type { SyncPoint } from '../../../electron/labServer/sync';
import { readSnapshot } from '../../../electron/snapshot/read';
import { describeWithPostgres, startCluster, type Cluster } from '../../helpers/postgres';
import { makeStudy, type Study } from '../team/fixture';
import { sync, withOpen } from './fixture';
import { inviteCoder } from '../../../electron/labServer/members';
import { joinProject } from '../../../electron/labServer/publish';
import { Project } from '../../../electron/core/project';

/**
 * Ids drawn in order rather than at random, so that a failing seed replays: the actions pick codes and codings by
 * their order of id, and the product breaks some ties by id (a short id in a taken name, sub-codes in id order), so
 * random UUIDs made the same seed take different paths. Each case draws from its own sequence, named by its actions
 * (so that replaying one case alone, DYAD_LAB_PATH, draws the same ids) and by how often those actions ran here (its
 * project, codes, codings and operations never meet another case's); the study made once before them is case ''.
 */
const ids = vi.hoisted(() => ({ run: '', n: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  // Random-looking still (a short id in a name stays distinct), but the same for the same run and draw.
  const randomUUID = (): `${string}-${string}-${string}-${string}-${string}` => {
    const h = real.createHash('sha1').update(`${ids.run}#${++ids.n}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  return { ...real, default: { ...real, randomUUID }, randomUUID };
});

const RUNS = Number(process.env.DYAD_LAB_RUNS ?? 6);
const who = fc.constantFrom(0, 1, 2);
const lead = fc.constantFrom(0, 2);
const cut = fc.constantFrom<SyncPoint | null>(null, null, 'mid-pull', 'before-push-commit', 'after-push-commit');

const action = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('code' as const), who, pick: fc.nat(), side: fc.nat(), a: fc.nat(), b: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('uncode' as const), who, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('memo' as const), who, pick: fc.nat(), text: fc.constantFrom('seen twice', 'ask Lea', 'unsure') }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('unmemo' as const), who, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('newCode' as const), who: lead, name: fc.constantFrom('Hope', 'Fear', 'Calm'), parent: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('recolour' as const), who: lead, pick: fc.nat(), color: fc.constantFrom('#112233', '#445566', '#778899') }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('rename' as const), who: lead, pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('correct' as const), who: lead, side: fc.nat(), at: fc.nat(), replaced: fc.nat({ max: 3 }), text: fc.constantFrom(' (pause)', ' [inaudible]', 'um ', 'x') }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('deleteCode' as const), who: lead, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('moveCode' as const), who: lead, pick: fc.nat(), parent: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('undo' as const), who }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('sync' as const), who, cut }) },
);

type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

const codeIds = (db: Db) => (db.prepare('SELECT id FROM codes ORDER BY id').all() as { id: string }[]).map((r) => r.id);
const codingIds = (db: Db) => new Set((db.prepare('SELECT id FROM codings').all() as { id: string }[]).map((r) => r.id));
const pickOf = <T>(xs: readonly T[], n: number): T | undefined => (xs.length ? xs[n % xs.length] : undefined);
const same = (s: ReturnType<typeof readSnapshot>) => ({ ...s, name: '' });

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

  it('the same project everywhere after everyone syncs, every coding kept', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 30 }), async (actions: Action[]) => {
        run++;
        const key = JSON.stringify(actions);
        cases.set(key, (cases.get(key) ?? 0) + 1);
        ids.run = `${key}:${cases.get(key)}`;
        ids.n = 0;
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
        const removed = new Set<string>();
        let renames = 0;
        const projects = paths.map((path) => Project.open(path));
        try {
          for (const a of actions) {
            if (a.t === 'sync') {
              projects[a.who]!.close();
              await sync(paths[a.who]!, {
                batch: 3,
                interrupt: (point) => {
                  if (point === a.cut) throw new Error(`cut off at ${point}`);
                },
              }).catch((e: Error) => {
                if (!/cut off at/.test(e.message)) throw e;
              });
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
                break;
              }
              case 'uncode': {
                const me = C.currentCoder(db)!.id;
                const mine = (db.prepare('SELECT id FROM codings WHERE coder_id = ? ORDER BY id').all(me) as { id: string }[]).map((r) => r.id);
                const id = pickOf(mine, a.pick);
                if (id) {
                  C.removeCoding(db, id);
                  removed.add(id);
                }
                break;
              }
              case 'memo':
                C.createMemo(db, { targetKind: 'code', targetId: pickOf(codeIds(db), a.pick)!, text: a.text });
                break;
              case 'unmemo': {
                const me = C.currentCoder(db)!.id;
                const id = pickOf((db.prepare('SELECT id FROM memos WHERE coder_id = ? ORDER BY id').all(me) as { id: string }[]).map((r) => r.id), a.pick);
                if (id) C.deleteMemo(db, id);
                break;
              }
              case 'newCode': {
                const parentId = a.parent % 3 === 0 ? null : (pickOf(codeIds(db), a.parent) ?? null);
                const taken = C.siblingNamed(db, C.getCode(db, codeIds(db)[0]!).codebookId, parentId, a.name);
                if (!taken) C.createCode(db, { name: a.name, parentId });
                break;
              }
              case 'recolour':
                C.updateCode(db, pickOf(codeIds(db), a.pick)!, { color: a.color });
                break;
              case 'rename':
                C.updateCode(db, pickOf(codeIds(db), a.pick)!, { name: `Renamed ${++renames} by ${a.who}` });
                break;
              case 'deleteCode': {
                // Not the last codes: the others need one to code with. What it takes here, its deleter saw.
                const ids = codeIds(db);
                if (ids.length <= 3) break;
                const before = codingIds(db);
                C.deleteCode(db, pickOf(ids, a.pick)!);
                const after = codingIds(db);
                for (const id of before) if (!after.has(id)) removed.add(id);
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
                } catch (e) {
                  if ((e as { kind?: string }).kind !== 'invalid-input') throw e;
                }
                break;
              }
              case 'undo': {
                // Whatever the step was; a coding it takes away was taken away by its own coder.
                const before = codingIds(db);
                C.undo(db);
                const after = codingIds(db);
                for (const id of before) if (!after.has(id)) removed.add(id);
                break;
              }
              case 'correct': {
                const iv = interview(a.side);
                const text = (db.prepare('SELECT text FROM interviews WHERE id = ?').get(iv) as { text: string }).text;
                const at = a.at % (text.length + 1);
                // An insertion, or a few characters retyped: a coding is never emptied, so none is lost by it.
                const end = Math.min(text.length, at + a.replaced);
                C.correctInterview(db, { interviewId: iv, start: at, end, replacement: a.text });
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
        expect(snaps[1]).toEqual(snaps[0]);
        expect(snaps[2]).toEqual(snaps[0]);
        const kept = new Set(snaps[0]!.codings.map((c) => c.id));
        const lost = [...made].filter((id) => !removed.has(id) && !kept.has(id));
        expect(lost).toEqual([]);
        const pending = await Promise.all(paths.map((path) => withOpen(path, (p) => (p.db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n)));
        expect(pending).toEqual([0, 0, 0]);
      }),
      {
        numRuns: RUNS,
        seed: process.env.DYAD_LAB_SEED ? Number(process.env.DYAD_LAB_SEED) : undefined,
        // A failing case alone: the seed and the path fast-check reports (its ids are drawn from its actions).
        path: process.env.DYAD_LAB_PATH,
        endOnFailure: true,
      },
    );
  }, 600_000);
});

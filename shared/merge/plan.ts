/**
 * planMerge: what merging one project (a coder's copy, a REFI-QDA project) or one codebook into this project
 * would do, without doing it. Pure: the same inputs and choices always give the same plan, ids included.
 *
 * The rules, in one place (details beside each step):
 * - codes: same id, else same name under the same matched parent; renames, moves and differing definitions,
 *   criteria, examples or colours are conflicts (shared/merge/codes.ts);
 * - coders by id then name; dyads by id then name; sessions by number; interviews by id, then by text
 *   (shared/merge/structure.ts);
 * - codings de-duplicated on interview, passage, code and coder; memos by id, then target, coder and text
 *   (shared/merge/content.ts);
 * - moment links drawn by hand: their units found again in the interviews matched or added, added after this
 *   project's own unless the session already decided the same pair (shared/merge/links.ts).
 * A merge only adds and, where the lead chooses, changes: nothing of this project is deleted, and every coding
 * of both projects is in the result unless the lead chose to leave out the interview it is on.
 */
import { DyadError } from '../domain/errors';
import type { ProjectSnapshot } from '../snapshot/types';
import { matchCodebooks, matchCodes } from './codes';
import { ConflictLog } from './conflicts';
import { mergeCodings, mergeMemos } from './content';
import { mergeLinks } from './links';
import { matchCoders, matchStructure } from './structure';
import type { MergeChoices, MergeIdMap, MergeOperations, MergeOptions, MergePlan, MergeSummary, PartsReader } from './types';

const FIELD_LABELS: Record<string, string> = {
  name: 'name',
  parentId: 'parent',
  position: 'position',
  color: 'colour',
  definition: 'definition',
  inclusion: 'inclusion criteria',
  exclusion: 'exclusion criteria',
  example: 'example',
  shortcut: 'shortcut',
};

/** Refuses a snapshot whose references do not resolve: a damaged or hand-edited file, named in the message. */
export function checkSnapshot(s: ProjectSnapshot, label: string): void {
  const bad = (what: string) => new DyadError('bad-file', `${label} cannot be merged: ${what}. Nothing was changed.`);
  const books = new Set(s.codebooks.map((b) => b.id));
  const codes = new Map(s.codes.map((c) => [c.id, c]));
  if (codes.size !== s.codes.length) throw bad('it lists a code twice');
  for (const c of s.codes) {
    if (!books.has(c.codebookId)) throw bad(`the code "${c.name}" belongs to no codebook`);
    if (!c.name.trim()) throw bad('a code has no name');
    if (c.parentId !== null) {
      const p = codes.get(c.parentId);
      if (!p) throw bad(`the code "${c.name}" has a parent the file does not have`);
      if (p.codebookId !== c.codebookId) throw bad(`the code "${c.name}" is in another codebook than its parent`);
    }
  }
  for (const c of s.codes) {
    let p = c.parentId;
    for (let depth = 0; p !== null; depth++) {
      if (p === c.id || depth > codes.size) throw bad(`the code "${c.name}" is its own ancestor`);
      p = codes.get(p)?.parentId ?? null;
    }
  }
  const coders = new Set(s.coders.map((c) => c.id));
  const interviews = new Map(s.interviews.map((i) => [i.id, i]));
  if (interviews.size !== s.interviews.length) throw bad('it lists an interview twice');
  for (const c of s.codings) {
    const iv = interviews.get(c.interviewId);
    if (!iv) throw bad(`a coding refers to an interview the file does not have`);
    if (!codes.has(c.codeId)) throw bad(`a coding of "${iv.sourceName}" refers to a code the file does not have`);
    if (!coders.has(c.coderId)) throw bad(`a coding of "${iv.sourceName}" refers to a coder the file does not have`);
    if (!(Number.isInteger(c.start) && Number.isInteger(c.end) && c.start >= 0 && c.end > c.start && c.end <= iv.text.length)) {
      throw bad(`a coding of "${iv.sourceName}" (${c.start}–${c.end}) lies outside its text`);
    }
  }
}

/** A codebook import only looks at codebooks, codes and the memos on codes. */
function codebookPart(s: ProjectSnapshot): ProjectSnapshot {
  return { ...s, coders: [], dyads: [], interviews: [], codings: [], memos: s.memos.filter((m) => m.targetKind === 'code').map((m) => ({ ...m, coderId: null })) };
}

/** Parts from the snapshot itself: for snapshots read with their turns and recall moments. */
const partsOfSnapshot =
  (s: ProjectSnapshot): PartsReader =>
  (ids) => {
    const wanted = new Set(ids);
    return new Map(s.interviews.filter((i) => wanted.has(i.id)).map((i) => [i.id, { turns: i.turns, moments: i.moments }]));
  };

/**
 * `readParts` gives the turns and recall moments of interviews of `into` when `into` was read without them; without
 * it they are the snapshot's own.
 */
export function planMerge(into: ProjectSnapshot, from: ProjectSnapshot, options: MergeOptions, choices: MergeChoices = {}, readParts?: PartsReader): MergePlan {
  checkSnapshot(from, options.fromLabel);
  const incoming = options.codebook ? codebookPart(from) : from;
  const label = options.fromLabel;
  const log = new ConflictLog(choices);

  const coders = matchCoders(into, incoming);
  const codebooks = matchCodebooks(into, incoming, options);
  const codes = matchCodes(into, incoming, codebooks, options, choices);
  const structure = matchStructure(into, incoming, label, log);
  const codings = mergeCodings(into, incoming, { interviews: structure.interviews, codes: codes.map, coders: coders.map }, label, log);
  const memos = mergeMemos(
    into,
    incoming,
    {
      codes: codes.map,
      codings: codings.map,
      interviews: structure.interviews,
      sessions: structure.sessions,
      dyads: structure.dyads,
      dyadByName: structure.dyadByName,
      coders: coders.map,
    },
    label,
    log,
  );
  const links = mergeLinks(into, incoming, { interviews: structure.interviews, interviewsAdded: structure.ops.interviewsAdded }, readParts ?? partsOfSnapshot(into), label, log);

  const operations: MergeOperations = {
    coders: coders.added,
    codebooks: codebooks.added,
    codesAdded: codes.added,
    codesUpdated: codes.updated,
    ...structure.ops,
    codingsAdded: codings.added,
    memosAdded: memos.added,
    memosUpdated: memos.updated,
    linksAdded: links.added,
  };
  const ids: MergeIdMap = {
    coders: coders.map,
    codebooks: codebooks.map,
    codes: codes.map,
    dyads: structure.dyads,
    sessions: structure.sessions,
    interviews: new Map([...structure.interviews].map(([k, v]) => [k, v.id])),
    codings: codings.map,
    memos: memos.map,
  };

  const coderName = new Map([...into.coders, ...coders.added].map((c) => [c.id, c.name]));
  const fromInterviewName = new Map(incoming.interviews.map((i) => [i.id, i.sourceName]));
  const dyadName = new Map([...into.dyads, ...structure.ops.dyadsAdded].map((d) => [d.id, d.name]));
  const summary: MergeSummary = {
    from: label,
    coders: { added: coders.added.map((c) => c.name), matched: coders.matched },
    codebooks: { added: codebooks.added.map((b) => b.name), matched: codebooks.matched },
    codes: {
      added: codes.added.map((c) => ({ id: c.id, path: codes.pathOf(c.id) })),
      matchedById: codes.matchedById,
      matchedByName: codes.matchedByName.map((id) => ({ id, path: codes.pathOf(id) })),
      updated: codes.updated.map((u) => ({
        id: u.id,
        path: codes.pathOf(u.id),
        fields: [...new Set(Object.keys(u.set).filter((k) => k !== 'position' || !('parentId' in u.set)).map((k) => FIELD_LABELS[k] ?? k))],
      })),
    },
    dyads: { added: structure.ops.dyadsAdded.map((d) => d.name), updated: structure.ops.dyadsUpdated.map((d) => dyadName.get(d.id) ?? d.id) },
    sessions: { added: structure.ops.sessionsAdded.length, recordings: structure.ops.sessionRecordings.length },
    interviews: {
      added: structure.ops.interviewsAdded.map((i) => {
        const p = structure.placed.get(i.id) as { dyad: string; session: number; role: MergeSummary['interviews']['added'][number]['role'] };
        return { id: i.id, sourceName: i.sourceName, dyad: p.dyad, session: p.session, role: p.role };
      }),
      matchedById: structure.matchedById,
      matchedByText: structure.matchedByText,
      skipped: structure.skipped.map((s) => ({ id: s.id, sourceName: fromInterviewName.get(s.id) ?? s.sourceName, codings: codings.skippedByInterview.get(s.id) ?? 0 })),
    },
    codings: {
      added: codings.added.length,
      alreadyThere: codings.alreadyThere,
      byCoder: [...codings.byCoder].map(([id, added]) => ({ coder: coderName.get(id) ?? id, added })),
      unplaced: codings.unplaced,
    },
    memos: { added: memos.added.length, matched: memos.matched, updated: memos.updated.length },
    links: { added: links.added.length, alreadyThere: links.alreadyThere, skipped: links.skipped },
    conflicts: [...codes.conflicts, ...log.conflicts],
    warnings: [...codes.warnings, ...log.warnings],
    nothingToDo: Object.values(operations).every((list) => (list as unknown[]).length === 0),
  };
  return { summary, operations, ids, inputs: { into, from, options, readParts } };
}

/** The plan again, with the lead's choices. */
export function resolveMerge(plan: MergePlan, choices: MergeChoices): MergePlan {
  return planMerge(plan.inputs.into, plan.inputs.from, plan.inputs.options, choices, plan.inputs.readParts);
}

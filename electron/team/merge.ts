/**
 * Merging a coder's copy (.dyad), a REFI-QDA project (.qdpx) or a codebook (.qdc) into the open project.
 *
 * preview → the plan (shared/merge) with its conflicts, kept in memory under a planId; nothing is written.
 * review  → the same plan with the lead's choices.
 * apply   → a backup of the project file first ("<file>.before-merge-<time>.bak", copied in steps), then the whole
 *           merge in one transaction, as ONE undoable step "Merge <file>".
 * undo    → the step holds everything the merge changed (electron/core/coding/undoStructure.ts records the coders,
 *           dyads, sessions, interviews and moment links it adds, the recordings it fills in, and its codings as one
 *           range), so the plain Undo takes the whole
 *           merge back exactly and Redo puts it back; undoMerge is that Undo, refused unless the merge is the latest
 *           change, with a count of what went.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { DyadError } from '../../shared/api/errors';
import type { ProjectSnapshot, SnapshotInterview } from '../../shared/snapshot/types';
import { normaliseName, normaliseText, planMerge } from '../../shared/merge';
import type { MergeChoices, MergeOperations, MergeOptions, MergePlan, MergeSummary } from '../../shared/merge';
import { undo, undoable } from '../core/coding';
import { setSettingRecorded, settingUndoSql } from '../core/coding/undoStructure';
import { copyInSteps } from '../core/copyInSteps';
import type { Db } from '../core/database';
import { now } from '../core/ids';
import type { Project } from '../core/project';
import { tempPathBeside, trackTempFile } from '../core/scratch';
import { FOR_MERGE_INTO, partsReader, readSnapshot } from '../snapshot/read';
import { cancelled, readMergeSource, sourceKind as sourceKindOf, type SourceJob, type SourceKind } from './source';
import { writeOperations } from './write';

interface MergePreview {
  planId: string;
  file: string;
  kind: SourceKind;
  summary: MergeSummary;
  /** What the reader noticed about the file (REFI-QDA files from other tools). */
  fileWarnings: string[];
}

interface MergeApplied {
  file: string;
  changed: boolean;
  /** The copy of the project made before writing (null when there was nothing to write). */
  backupPath: string | null;
  /** The undo step's name ("Merge bea.dyad"). */
  undoLabel: string | null;
  summary: MergeSummary;
}

interface StoredPlan {
  source: { path: string; label: string; kind: SourceKind; snapshot: ProjectSnapshot; warnings: string[] };
  options: MergeOptions;
  into: ProjectSnapshot;
  /** The project's change token when `into` was read: unchanged means `into` is still the project. */
  token: string;
  /** Conflict ids of the last plan shown, to tell the lead when the project changed what they reviewed. */
  reviewed: string[];
  /** The last plan made, for its choices: applied as it is when the project has not changed since. */
  last: { choices: string; plan: MergePlan } | null;
}

const choicesKey = (c: MergeChoices) => JSON.stringify(Object.keys(c).sort().map((k) => [k, c[k]]));

/** Previews between calls, per handler table (like import previews). Only the latest few are kept. */
export class MergeStore {
  private readonly plans = new Map<string, StoredPlan>();
  put(plan: StoredPlan): string {
    const id = randomUUID();
    this.plans.set(id, plan);
    while (this.plans.size > 4) this.plans.delete(this.plans.keys().next().value as string);
    return id;
  }
  get(id: string): StoredPlan {
    const p = this.plans.get(id);
    if (!p) throw new DyadError('not-found', 'This merge preview is no longer available; preview the file again.');
    return p;
  }
  drop(id: string): void {
    this.plans.delete(id);
  }
}

/** Moves whenever anything in the file changes (see electron/core/analysis/cache.ts for why this suffices). */
function changeToken(db: Db): string {
  return `${db.pragma('data_version', { simple: true }) as number}:${db.prepare('SELECT total_changes()').pluck().get() as number}`;
}

function settings(project: Project) {
  const s = project.settings();
  return { fileNamePattern: s.fileNamePattern, customMarkerPatterns: s.customMarkerPatterns };
}

interface PreviewOptions extends SourceJob {
  choices?: MergeChoices | undefined;
  /** For a .qdc: the codebook to import into (omitted: the codebook of the same name, or the only one). */
  codebookId?: string | null | undefined;
  /** For a .qdc: import it as a codebook of its own instead. */
  newCodebook?: boolean | undefined;
  /** How the file is named in messages (bytes handed over by the browser). */
  label?: string | undefined;
}

/** A .qdc carries no codebook name (the reader names it after the file): the target is chosen, or the one the project has. */
function codebookTarget(into: ProjectSnapshot, incoming: ProjectSnapshot, opts: PreviewOptions, label: string): MergeOptions['codebook'] {
  if (opts.codebookId) {
    const book = into.codebooks.find((b) => b.id === opts.codebookId);
    if (!book) throw new DyadError('not-found', `No codebook with id ${opts.codebookId} in this project to import ${label} into.`);
    return { id: book.id, name: book.name };
  }
  const incomingBook = incoming.codebooks[0];
  const name = incomingBook?.name ?? label;
  if (!opts.newCodebook) {
    const same = into.codebooks.find((b) => normaliseName(b.name) === normaliseName(name)) ?? (into.codebooks.length === 1 ? into.codebooks[0] : undefined);
    if (same) return { id: same.id, name: same.name };
  }
  const id = incomingBook && !into.codebooks.some((b) => b.id === incomingBook.id) ? incomingBook.id : randomUUID();
  return { id, name };
}

export async function previewMerge(project: Project, store: MergeStore, path: string, opts: PreviewOptions = {}): Promise<MergePreview> {
  opts.progress?.(0, 3, 'Reading this project');
  const into = readSnapshot(project.db, { ...FOR_MERGE_INTO, name: project.name });
  const token = changeToken(project.db);
  // Turns and moments of the incoming file are only needed for transcripts this project does not have.
  const byId = new Map(into.interviews.map((i) => [i.id, i.text]));
  let texts: Set<string> | null = null;
  const needsParts = (i: SnapshotInterview) => {
    const mine = byId.get(i.id);
    if (mine !== undefined && (mine === i.text || normaliseText(mine) === normaliseText(i.text))) return false;
    texts ??= new Set(into.interviews.map((x) => normaliseText(x.text)));
    return !texts.has(normaliseText(i.text));
  };
  opts.progress?.(1, 3, 'Reading the file');
  const source = await readMergeSource(path, project.path, settings(project), opts, opts.label, needsParts);
  if (opts.signal?.aborted) throw cancelled(source.label);
  const options: MergeOptions = { fromLabel: source.label };
  if (source.kind === 'qdc') options.codebook = codebookTarget(into, source.snapshot, opts, source.label);
  opts.progress?.(2, 3, 'Comparing');
  const plan = planMerge(into, source.snapshot, options, opts.choices ?? {}, partsReader(project.db));
  const planId = store.put({ source, options, into, token, reviewed: plan.summary.conflicts.map((c) => c.id), last: { choices: choicesKey(opts.choices ?? {}), plan } });
  opts.progress?.(3, 3, 'Ready to review');
  return { planId, file: source.label, kind: source.kind, summary: plan.summary, fileWarnings: source.warnings };
}

/** The stored plan with the lead's choices (conflicts may appear or go: a rename taken frees a name). */
export function reviewMerge(project: Project, store: MergeStore, planId: string, choices: MergeChoices): MergePreview {
  const stored = freshInto(project, store.get(planId));
  const plan = planMerge(stored.into, stored.source.snapshot, stored.options, choices, partsReader(project.db));
  stored.reviewed = plan.summary.conflicts.map((c) => c.id);
  stored.last = { choices: choicesKey(choices), plan };
  return { planId, file: stored.source.label, kind: stored.source.kind, summary: plan.summary, fileWarnings: stored.source.warnings };
}

/** Re-reads the project when it changed since the preview, so a plan is never applied to a project it was not made for. */
function freshInto(project: Project, stored: StoredPlan): StoredPlan {
  const token = changeToken(project.db);
  if (token !== stored.token) {
    stored.into = readSnapshot(project.db, { ...FOR_MERGE_INTO, name: project.name });
    stored.token = changeToken(project.db);
    stored.last = null;
  }
  return stored;
}

const RECEIPT_KEY = 'team.lastMerge';

interface WrittenStructure {
  coders: string[];
  dyads: string[];
  sessions: string[];
  interviews: string[];
  dyadAttributes: { id: string; before: Record<string, string>; after: Record<string, string> }[];
}

interface Receipt {
  label: string;
  backupPath: string;
  at: string;
  added: WrittenStructure;
}

/** What the operations add to the study's structure (for the merge's receipt, written before them). */
function plannedStructure(ops: MergeOperations): WrittenStructure {
  return {
    coders: ops.coders.map((c) => c.id),
    dyads: ops.dyadsAdded.map((d) => d.id),
    sessions: ops.sessionsAdded.map((s) => s.id),
    interviews: ops.interviewsAdded.map((i) => i.id),
    dyadAttributes: ops.dyadsUpdated.map((d) => ({ id: d.id, before: d.before, after: d.attributes })),
  };
}

function backupPathFor(projectPath: string): string {
  const stamp = now().replace(/[:.]/g, '-');
  let p = `${projectPath}.before-merge-${stamp}.bak`;
  for (let n = 2; existsSync(p); n++) p = `${projectPath}.before-merge-${stamp}-${n}.bak`;
  return p;
}

/**
 * A consistent copy of the project file before it is changed, made without holding the app: copied a step per turn
 * of the event loop on the project's own connection (copyInSteps; a copy of 465 MB took about as long as copying
 * the file whole, which held the thread for seconds). Nothing writes meanwhile (other Dyad processes are locked out
 * and writes in this one wait for `project.writes`), and a write that did would be in the copy whole, not torn.
 * Written under a hidden name and renamed, so a crash never leaves half a backup under a backup's name.
 */
async function backupProject(project: Project, signal?: AbortSignal): Promise<string> {
  const path = backupPathFor(project.path);
  const partial = tempPathBeside(path);
  const untrack = trackTempFile(partial);
  try {
    await copyInSteps(project.db, partial, { signal });
    renameSync(partial, path);
  } catch (e) {
    if (e instanceof DyadError && e.kind === 'cancelled') throw e;
    throw new DyadError('io', `Could not back up ${project.path} to ${path} before merging (${(e as Error).message}); nothing was merged.`);
  } finally {
    rmSync(partial, { force: true });
    untrack();
  }
  return path;
}

/**
 * Adding tens of thousands of codings touches pages of five indexes all over the file: with SQLite's default 2 MB
 * page cache they are read again and again. A larger cache for the time of the write cuts that; it is given back
 * afterwards (SQLite frees the pages beyond the limit).
 */
function withWriteCache<T>(db: Db, fn: () => T): T {
  const size = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -65536'); // 64 MB
  try {
    return fn();
  } finally {
    db.pragma(`cache_size = ${size}`);
  }
}

export async function applyMerge(project: Project, store: MergeStore, planId: string, choices: MergeChoices, job: SourceJob = {}): Promise<MergeApplied> {
  const stored = store.get(planId);
  const label = stored.source.label;
  return project.writes.run(async () => {
    if (job.signal?.aborted) throw cancelled(label);
    const before = stored.token;
    freshInto(project, stored);
    job.progress?.(0, 4, 'Planning');
    const key = choicesKey(choices);
    const plan = stored.last?.choices === key ? stored.last.plan : planMerge(stored.into, stored.source.snapshot, stored.options, choices, partsReader(project.db));
    const conflicts = plan.summary.conflicts.map((c) => c.id);
    if (before !== stored.token && conflicts.join('\n') !== stored.reviewed.join('\n')) {
      stored.reviewed = conflicts;
      throw new DyadError('conflict', `The project changed since the merge of ${label} was reviewed, and that changes its conflicts. Review it again; nothing was merged.`);
    }
    if (plan.summary.nothingToDo) {
      store.drop(planId);
      return { file: label, changed: false, backupPath: null, undoLabel: null, summary: plan.summary };
    }
    job.progress?.(1, 4, 'Backing up the project');
    const backupPath = await backupProject(project, job.signal).catch((e) => {
      throw e instanceof DyadError && e.kind === 'cancelled' ? cancelled(label) : e;
    });
    if (job.signal?.aborted) throw cancelled(label);
    job.progress?.(2, 4, 'Writing');
    const undoLabel = `${stored.options.codebook ? 'Import codebook' : 'Merge'} ${label}`;
    const db = project.db;
    withWriteCache(db, () =>
      undoable(db, undoLabel, () => {
        // First in the step, so that the step is recognised as this merge (topIsMerge).
        const receipt: Receipt = { label: undoLabel, backupPath, at: now(), added: plannedStructure(plan.operations) };
        setSettingRecorded(db, RECEIPT_KEY, JSON.stringify(receipt));
        writeOperations(db, plan.operations, (done, total) => job.progress?.(2 + done / total, 4, 'Writing'));
      }),
    );
    store.drop(planId);
    job.progress?.(4, 4, 'Merged');
    return { file: label, changed: true, backupPath, undoLabel, summary: plan.summary };
  });
}

function readReceipt(db: Db): Receipt | null {
  const row = db.prepare('SELECT value FROM project_settings WHERE key = ?').get(RECEIPT_KEY) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as Receipt) : null;
}

interface MergeUndone {
  undone: string;
  removed: { interviews: number; sessions: number; dyads: number };
  backupPath: string;
}

/** The latest merge, if it can still be undone as a whole. */
export function lastMerge(project: Project): { label: string; at: string; backupPath: string; canUndo: boolean } | null {
  const r = readReceipt(project.db);
  if (!r) return null;
  return { label: r.label, at: r.at, backupPath: r.backupPath, canUndo: topIsMerge(project.db) };
}

/** Whether the latest undo step is a merge (the one whose receipt is in the project): it writes the receipt first. */
function topIsMerge(db: Db): boolean {
  const top = db.prepare("SELECT id FROM undo_steps WHERE stack = 'undo' ORDER BY id DESC LIMIT 1").pluck().get() as number | undefined;
  if (top === undefined) return false;
  const first = db.prepare('SELECT sql FROM undo_log WHERE step_id = ? ORDER BY seq LIMIT 2').pluck().all(top) as string[];
  return first.includes(settingUndoSql(RECEIPT_KEY));
}

/**
 * Undoes the latest merge completely: the same as the plain Undo when the merge is the latest step (see the file
 * comment), refused when something was changed after it.
 */
export function undoMerge(project: Project): MergeUndone {
  const db = project.db;
  const r = readReceipt(db);
  if (!r) throw new DyadError('not-found', 'There is no merge to undo in this project.');
  if (!topIsMerge(db)) {
    throw new DyadError(
      'conflict',
      `"${r.label}" is no longer the latest change: undo the later changes first, or go back to the copy made before the merge (${r.backupPath}).`,
    );
  }
  return db.transaction((): MergeUndone => {
    undo(db);
    const gone = (table: 'interviews' | 'sessions' | 'dyads', ids: string[]) => {
      const there = db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).pluck();
      return ids.filter((id) => there.get(id) === undefined).length;
    };
    const removed = { interviews: gone('interviews', r.added.interviews), sessions: gone('sessions', r.added.sessions), dyads: gone('dyads', r.added.dyads) };
    return { undone: r.label, removed, backupPath: r.backupPath };
  })();
}

/**
 * A REFI-QDA codebook (.qdc) into one of this project's codebooks (or a new one): the same matching, review and
 * apply as a merge (previewMerge does it for any .qdc; this names the intent).
 */
export async function previewCodebookImport(project: Project, store: MergeStore, qdcPath: string, opts: PreviewOptions = {}): Promise<MergePreview> {
  if (sourceKindOf(opts.label ?? qdcPath) !== 'qdc') throw new DyadError('invalid-input', `${qdcPath} is not a REFI-QDA codebook (.qdc).`);
  return previewMerge(project, store, qdcPath, opts);
}

/** For the command line: preview and, unless `dryRun`, apply with the default choices (this project's side). */
export async function mergeFile(project: Project, path: string, opts: { dryRun?: boolean } & PreviewOptions = {}): Promise<{ preview: MergePreview; applied: MergeApplied | null }> {
  const store = new MergeStore();
  const preview = await previewMerge(project, store, path, opts);
  if (opts.dryRun) return { preview, applied: null };
  return { preview, applied: await applyMerge(project, store, preview.planId, opts.choices ?? {}, opts) };
}

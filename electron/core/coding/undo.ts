/**
 * Undo and redo of coding, codebook, memo and correction operations (migrations/0030_undo.sql has the triggers).
 *
 * Every public write in electron/core/coding runs inside `undoable(db, label, fn)`: one step of the history,
 * named for the researcher ("Merge 'Shame' into 'Embarrassment'"). The history lives in the project file, so it
 * survives closing and reopening the project; it keeps the last UNDO_LIMIT steps.
 */
import { DyadError } from '../../../shared/api/errors';
import type { UndoState } from '../../../shared/coding/types';
import type { Db } from '../database';
import { now } from '../ids';
import { reindexInterviewTurns } from './searchIndex';
import { recordingStep, recordInsertedStructure, replayStructure } from './undoStructure';

export const UNDO_LIMIT = 200;

interface StepRow {
  id: number;
  label: string;
  reindex: string;
}

const setRecording = (db: Db, step: number | null) => db.prepare('UPDATE undo_state SET recording = ?').run(step);

function newStep(db: Db, stack: 'undo' | 'redo', label: string, reindex = '[]'): number {
  return Number(
    db.prepare('INSERT INTO undo_steps (stack, label, reindex, created_at) VALUES (?, ?, ?, ?)').run(stack, label, reindex, now()).lastInsertRowid,
  );
}

function dropStep(db: Db, id: number): void {
  db.prepare('DELETE FROM undo_log WHERE step_id = ?').run(id);
  db.prepare('DELETE FROM undo_steps WHERE id = ?').run(id);
}

/**
 * Runs `fn` as one undoable step, in a transaction. Nested calls join the outer step. A step that changed nothing
 * leaves no trace (and keeps the redo stack); a step that changed something clears the redo stack.
 * `label` may be computed from the result, for labels only known afterwards.
 */
export function undoable<T>(db: Db, label: string | ((result: T) => string), fn: () => T): T {
  return db.transaction(() => {
    if (recordingStep(db) !== null) return fn();
    const step = newStep(db, 'undo', typeof label === 'string' ? label : '');
    setRecording(db, step);
    let result: T;
    try {
      result = fn();
    } finally {
      setRecording(db, null);
    }
    const wrote = db.prepare('SELECT 1 FROM undo_log WHERE step_id = ? LIMIT 1').get(step);
    if (!wrote) {
      dropStep(db, step);
      return result;
    }
    if (typeof label === 'function') db.prepare('UPDATE undo_steps SET label = ? WHERE id = ?').run(label(result), step);
    for (const r of db.prepare("SELECT id FROM undo_steps WHERE stack = 'redo'").all() as { id: number }[]) dropStep(db, r.id);
    const old = db
      .prepare("SELECT id FROM undo_steps WHERE stack = 'undo' ORDER BY id DESC LIMIT -1 OFFSET ?")
      .all(UNDO_LIMIT) as { id: number }[];
    for (const r of old) dropStep(db, r.id);
    return result;
  })();
}

/** Within an open step: the search index of this interview's turns is rebuilt whenever the step is replayed. */
export function markReindex(db: Db, interviewId: string): void {
  const step = recordingStep(db);
  if (step === null) return;
  const row = db.prepare('SELECT reindex FROM undo_steps WHERE id = ?').get(step) as { reindex: string };
  const ids = JSON.parse(row.reindex) as string[];
  if (!ids.includes(interviewId)) db.prepare('UPDATE undo_steps SET reindex = ? WHERE id = ?').run(JSON.stringify([...ids, interviewId]), step);
}

function top(db: Db, stack: 'undo' | 'redo'): StepRow | undefined {
  return db.prepare('SELECT id, label, reindex FROM undo_steps WHERE stack = ? ORDER BY id DESC LIMIT 1').get(stack) as StepRow | undefined;
}

/**
 * The log holds SQL the triggers (and the structure records below) wrote; a project file could have been tampered
 * with, so only single INSERT/UPDATE/DELETE statements on the project's tables are ever run (prepare() refuses
 * more than one statement), and the structure statements are matched whole and run with their values bound.
 */
const SAFE_SQL =
  /^(INSERT INTO (codebooks|codes|codings|memos|coders|dyads|sessions|interviews|turns|moments|moment_links|project_settings) \(rowid, |UPDATE (codebooks|codes|codings|memos|interviews|turns|moments) SET |DELETE FROM (codebooks|codes|codings|memos) WHERE id = |DELETE FROM codings WHERE rowid BETWEEN \d+ AND \d+$)/;

function replay(db: Db, from: StepRow, to: 'undo' | 'redo'): string {
  const verb = to === 'redo' ? 'undo' : 'redo';
  try {
    db.transaction(() => {
      const step = newStep(db, to, from.label, from.reindex);
      setRecording(db, step);
      // Cascaded deletes were logged parent first; replayed newest-first, children come back before their parent.
      db.pragma('defer_foreign_keys = ON');
      const rows = db.prepare('SELECT sql FROM undo_log WHERE step_id = ? ORDER BY seq DESC').all(from.id) as { sql: string }[];
      for (const { sql } of rows) {
        if (replayStructure(db, step, sql)) continue;
        if (!SAFE_SQL.test(sql)) throw new DyadError('internal', 'the undo history of this project file holds something Dyad did not write');
        const { lastInsertRowid } = db.prepare(sql).run();
        recordInsertedStructure(db, step, sql, lastInsertRowid);
      }
      setRecording(db, null);
      dropStep(db, from.id);
      for (const interviewId of JSON.parse(from.reindex) as string[]) reindexInterviewTurns(db, interviewId);
    })();
  } catch (e) {
    if (!historyBroken(e)) throw e;
    // The history no longer fits the data: keep the project as it is and drop the history, which cannot be used.
    clearUndoHistory(db);
    const why = e instanceof Error ? e.message : String(e);
    throw new DyadError('conflict', `Could not ${verb} "${from.label}" (${why}). The project was left as it was and the undo history was cleared.`);
  }
  return from.label;
}

/** A failure of the file or the machine is reported as it is; any other failure means the log does not fit. */
function historyBroken(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return !(typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|IOERR|FULL|READONLY|NOMEM|INTERRUPT|CORRUPT|NOTADB)/.test(code));
}

/** Undoes the latest step; returns its label, or null when there is nothing to undo. */
export function undo(db: Db): string | null {
  const step = top(db, 'undo');
  return step ? replay(db, step, 'redo') : null;
}

/** Redoes the latest undone step; returns its label, or null when there is nothing to redo. */
export function redo(db: Db): string | null {
  const step = top(db, 'redo');
  return step ? replay(db, step, 'undo') : null;
}

export function undoState(db: Db): UndoState {
  const u = top(db, 'undo');
  const r = top(db, 'redo');
  return { canUndo: !!u, canRedo: !!r, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
}

export function clearUndoHistory(db: Db): void {
  db.transaction(() => {
    db.prepare('DELETE FROM undo_log').run();
    db.prepare('DELETE FROM undo_steps').run();
    setRecording(db, null);
  })();
}

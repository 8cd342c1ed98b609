/**
 * Undo and redo of the study's structure (coders, dyads, sessions, interviews, recall moments, moment links, a
 * project setting) and of codings written in bulk, for the operations that change them inside an undo step: a merge
 * of coders' copies (which also adds moment links to sessions that were there before it), deleting an interview,
 * finding recall moments after the fact.
 *
 * No trigger watches these tables, on purpose: imports write hundreds of thousands of turns and should pay nothing
 * for undo. So an operation that adds such a row says so itself (`recordAdded`), and the replay (undo.ts) takes
 * the row back by copying it, with its turns and recall moments (or a session's hand-drawn links), into the
 * opposite step before deleting it: a later redo puts back exactly those rows, under the same rowids, and its
 * replay records the deletion again. A row still in use by something the history does not know of (an interview
 * imported into a session the merge added, the coder chosen as "who is coding") is kept.
 *
 * Codings written in bulk (`insertCodingsRecorded`) are recorded as one range of rowids instead of one trigger row
 * each: a merge of 50,000 codings spends a fifth of its writing time in that trigger.
 */
import type { Db } from '../database';

const ADDED_BY_KEY = { coders: 'id', dyads: 'id', sessions: 'id', interviews: 'id', moments: 'id', moment_links: 'id', project_settings: 'key' } as const;
type StructureTable = keyof typeof ADDED_BY_KEY;

/** Rows deleted with their parent (ON DELETE CASCADE) that no trigger records either. */
const CHILDREN: Partial<Record<StructureTable, { table: string; column: string }[]>> = {
  interviews: [
    { table: 'turns', column: 'interview_id' },
    { table: 'moments', column: 'interview_id' },
  ],
  sessions: [{ table: 'moment_links', column: 'session_id' }],
};

const logSql = (db: Db, step: number, sql: string) => db.prepare('INSERT INTO undo_log (step_id, sql) VALUES (?, ?)').run(step, sql);

export const recordingStep = (db: Db): number | null => (db.prepare('SELECT recording FROM undo_state').get() as { recording: number | null }).recording;

const sqlQuote = (v: string) => `'${v.replaceAll("'", "''")}'`;
const QUOTED = String.raw`'((?:[^']|'')*)'`;
const unquote = (q: string) => q.replaceAll("''", "'");

const DELETE_ADDED = new RegExp(`^DELETE FROM (coders|dyads|sessions|interviews|moments|moment_links|project_settings) WHERE (id|key) = ${QUOTED}$`);
const RESTORE_ATTRIBUTES = new RegExp(`^UPDATE dyads SET attributes = ${QUOTED} WHERE id = ${QUOTED} AND attributes = ${QUOTED}$`);
/** Columns of structure rows that the researcher edits (a dyad's name, a session's date, an interview's role). */
interface EditedColumns {
  dyads: 'name';
  sessions: 'date' | 'recording_path';
  interviews: 'role' | 'audio_path';
}
type EditedTable = keyof EditedColumns;
type EditedColumn<T extends EditedTable> = EditedColumns[T];
const LITERAL = String.raw`(NULL|${QUOTED})`;
const RESTORE_COLUMN = new RegExp(
  `^UPDATE (dyads|sessions|interviews) SET "(name|date|recording_path|role|audio_path)" = ${LITERAL} WHERE id = ${QUOTED} AND "\\2" IS ${LITERAL}$`,
);
const INSERTED_ADDED = /^INSERT INTO (coders|dyads|sessions|interviews|moments|moment_links|project_settings) \(rowid, /;

const deleteSql = (table: StructureTable, key: string) => `DELETE FROM ${table} WHERE ${ADDED_BY_KEY[table]} = ${sqlQuote(key)}`;

/** Within an open step: these rows were added by it; undoing the step deletes them (see the file comment). */
export function recordAdded(db: Db, table: StructureTable, keys: readonly string[]): void {
  const step = recordingStep(db);
  if (step === null || !keys.length) return;
  for (const k of keys) logSql(db, step, deleteSql(table, k));
}

/**
 * Within an open step: deletes a structure row with its turns and recall moments (or a session's links), copying
 * them into the step first, so that undo puts back exactly those rows and redo deletes them again. Rows that
 * triggers watch (codings, memos) must be deleted before this, so that a redo deletes them before this row.
 */
export function removeRecorded(db: Db, table: StructureTable, key: string): void {
  const step = recordingStep(db);
  if (step === null) db.prepare(`DELETE FROM ${table} WHERE ${ADDED_BY_KEY[table]} = ?`).run(key);
  else removeInto(db, step, table, key);
}

function removeInto(db: Db, step: number, table: StructureTable, key: string): void {
  captureRows(db, step, table, ADDED_BY_KEY[table], key);
  for (const child of CHILDREN[table] ?? []) captureRows(db, step, child.table, child.column, key);
  db.prepare(`DELETE FROM ${table} WHERE ${ADDED_BY_KEY[table]} = ?`).run(key);
}

/**
 * Sets one edited column of a structure row; within an open step, undo puts back the value it had, unless it was
 * changed again outside the history since.
 */
export function updateRecorded<T extends EditedTable>(db: Db, table: T, id: string, column: EditedColumn<T>, value: string | null): void {
  const before = db.prepare(`SELECT "${column}" FROM ${table} WHERE id = ?`).pluck().get(id) as string | null | undefined;
  if (before === undefined || before === value) return;
  db.prepare(`UPDATE ${table} SET "${column}" = ? WHERE id = ?`).run(value, id);
  const step = recordingStep(db);
  if (step !== null) logColumn(db, step, table, id, column, before, value);
}

const literal = (v: string | null) => (v === null ? 'NULL' : sqlQuote(v));
const logColumn = (db: Db, step: number, table: string, id: string, column: string, to: string | null, from: string | null) =>
  logSql(db, step, `UPDATE ${table} SET "${column}" = ${literal(to)} WHERE id = ${sqlQuote(id)} AND "${column}" IS ${literal(from)}`);

/** Within an open step: a dyad's attributes went from `before` to `after`; undo restores `before` unless they changed since. */
export function recordAttributes(db: Db, dyadId: string, before: string, after: string): void {
  const step = recordingStep(db);
  if (step !== null) logAttributes(db, step, dyadId, before, after);
}

const logAttributes = (db: Db, step: number, dyadId: string, before: string, after: string) =>
  logSql(db, step, `UPDATE dyads SET attributes = ${sqlQuote(before)} WHERE id = ${sqlQuote(dyadId)} AND attributes = ${sqlQuote(after)}`);

/** Within an open step: sets a project setting so that undo puts back the value it had (or its absence). */
export function setSettingRecorded(db: Db, key: string, value: string): void {
  const step = recordingStep(db);
  if (step !== null) {
    captureRows(db, step, 'project_settings', 'key', key);
    db.prepare('DELETE FROM project_settings WHERE key = ?').run(key);
  }
  db.prepare('INSERT INTO project_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  if (step !== null) recordAdded(db, 'project_settings', [key]);
}

/** The statement that takes back a setting written by `setSettingRecorded` (to recognise the step that wrote it). */
export const settingUndoSql = (key: string) => deleteSql('project_settings', key);

/**
 * Runs `insert`, which adds exactly the codings `ids`, without the per-row undo trigger, and records them as one
 * range of rowids: inside the step's transaction nothing else writes codings, and new rows take rowids above the
 * largest, so the range is exactly those rows. The trigger is dropped and recreated from its own text within the
 * same transaction, so no other connection ever sees the table unwatched, and a failure puts it back with the
 * rollback.
 */
export function insertCodingsRecorded(db: Db, ids: readonly string[], insert: () => void): void {
  const step = recordingStep(db);
  const trigger = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'undo_codings_insert'").pluck().get() as string | undefined;
  if (step === null || !trigger || !ids.length) {
    insert();
    return;
  }
  const maxRowid = () => BigInt(db.prepare('SELECT coalesce(max(rowid), 0) FROM codings').safeIntegers().pluck().get() as bigint);
  const before = maxRowid();
  db.exec('DROP TRIGGER undo_codings_insert');
  try {
    insert();
  } finally {
    db.exec(trigger);
  }
  const after = maxRowid();
  const inRange = db.prepare('SELECT count(*) FROM codings WHERE rowid > ? AND rowid <= ?').pluck().get(before, after) as number;
  if (after - before === BigInt(ids.length) && inRange === ids.length) {
    logSql(db, step, `DELETE FROM codings WHERE rowid BETWEEN ${before + 1n} AND ${after}`);
  } else {
    // Rowids were not handed out in order (the largest possible one is taken): one row per coding, as the trigger writes.
    db.prepare("INSERT INTO undo_log (step_id, sql) SELECT ?, 'DELETE FROM codings WHERE id = ' || quote(value) FROM json_each(?)").run(step, JSON.stringify(ids));
  }
}

const columnsOf = (db: Db, table: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);

/** Copies the matching rows into `step` as INSERT statements (the form the delete triggers write). */
function captureRows(db: Db, step: number, table: string, column: string, value: string): void {
  const cols = columnsOf(db, table);
  const values = cols.map((c) => `quote("${c}")`).join(" || ', ' || ");
  const statement =
    `'INSERT INTO ${table} (rowid, ${cols.map((c) => `"${c}"`).join(', ')}) VALUES ((SELECT CASE WHEN EXISTS (SELECT 1 FROM ${table} WHERE rowid = ' || rowid || ') ` +
    `THEN NULL ELSE ' || rowid || ' END), ' || ${values} || ')'`;
  db.prepare(`INSERT INTO undo_log (step_id, sql) SELECT ?, ${statement} FROM ${table} WHERE "${column}" = ? ORDER BY rowid`).run(step, value);
}

/** Whether a row the step added is still needed by something outside the history (it is then kept). */
function stillUsed(db: Db, table: StructureTable, key: string): boolean {
  const any = (sql: string, ...args: string[]) => db.prepare(sql).get(...args) !== undefined;
  switch (table) {
    case 'interviews':
      return any('SELECT 1 FROM codings WHERE interview_id = ? LIMIT 1', key);
    case 'sessions':
      return any('SELECT 1 FROM interviews WHERE session_id = ? LIMIT 1', key);
    case 'dyads':
      return any("SELECT 1 FROM sessions WHERE dyad_id = ? UNION ALL SELECT 1 FROM memos WHERE target_kind = 'dyad' AND target_id = ? LIMIT 1", key, key);
    case 'coders':
      return any(
        "SELECT 1 FROM codings WHERE coder_id = ? UNION ALL SELECT 1 FROM memos WHERE coder_id = ? UNION ALL SELECT 1 FROM project_settings WHERE key = 'currentCoder' AND value = ? LIMIT 1",
        key,
        key,
        JSON.stringify(key),
      );
    default:
      return false;
  }
}

/**
 * Replays one structure statement into `step` (the opposite stack's new step); false when `sql` is not one, for
 * the ordinary replay to run it.
 */
export function replayStructure(db: Db, step: number, sql: string): boolean {
  const del = DELETE_ADDED.exec(sql);
  if (del) {
    const table = del[1] as StructureTable;
    if (del[2] !== ADDED_BY_KEY[table]) return false;
    const key = unquote(del[3]!);
    if (stillUsed(db, table, key)) return true;
    removeInto(db, step, table, key);
    return true;
  }
  const col = RESTORE_COLUMN.exec(sql);
  if (col) {
    const [table, column] = [col[1]!, col[2]!];
    const read = (lit: string, inner: string | undefined) => (lit === 'NULL' ? null : unquote(inner!));
    const to = read(col[3]!, col[4]);
    const id = unquote(col[5]!);
    const from = read(col[6]!, col[7]);
    if (db.prepare(`UPDATE ${table} SET "${column}" = ? WHERE id = ? AND "${column}" IS ?`).run(to, id, from).changes) logColumn(db, step, table, id, column, from, to);
    return true;
  }
  const attrs = RESTORE_ATTRIBUTES.exec(sql);
  if (attrs) {
    const [to, id, from] = [unquote(attrs[1]!), unquote(attrs[2]!), unquote(attrs[3]!)];
    if (db.prepare('UPDATE dyads SET attributes = ? WHERE id = ? AND attributes = ?').run(to, id, from).changes) logAttributes(db, step, id, from, to);
    return true;
  }
  return false;
}

/** After an INSERT of a structure row was replayed: its deletion goes into `step` (children go with their parent). */
export function recordInsertedStructure(db: Db, step: number, sql: string, rowid: number | bigint): void {
  const m = INSERTED_ADDED.exec(sql);
  if (!m) return;
  const table = m[1] as StructureTable;
  const key = db.prepare(`SELECT "${ADDED_BY_KEY[table]}" FROM ${table} WHERE rowid = ?`).pluck().get(rowid) as string | undefined;
  if (key !== undefined) logSql(db, step, deleteSql(table, key));
}

/**
 * A .dyad project → ProjectSnapshot (shared/snapshot/types.ts): the one reader that REFI-QDA export, merging and
 * tests share. electron/snapshot/write.ts goes the other way.
 *
 * Conventions the snapshot leaves open, fixed here:
 * - `SnapshotInterview.dyad` is the dyad's NAME (names, not ids, identify a dyad across copies of a project;
 *   interviews are filed by dyad name and session number, like every import).
 * - A memo on a dyad carries the dyad's name in `targetName` too; a memo on the whole project has `targetId` as
 *   stored (REFI import uses '').
 * - Not in the snapshot, so not carried: project settings, and creation times of coders, codebooks, codes and
 *   interviews. Sessions' recordings and hand-drawn moment links only when asked for (`sessionDetails`: a merge
 *   carries them, REFI-QDA has no place for them).
 *
 * A merge reads without speaker turns and recall moments (`parts: false`): the planner only needs them for the
 * interviews it adds and for the interviews links name, and turns are most of a study's rows (150,000 for 400
 * interviews): leaving them out halves the time a merge preview takes. `attachParts` and `attachUnits` read them
 * for the interviews of a copy that need them, and `partsReader` those of the project merged into, as the planner
 * asks.
 */
import { basename, extname } from 'node:path';
import { DyadError } from '../../shared/api/errors';
import type { Role, SpeakerRole } from '../../shared/domain/types';
import type { PartsReader } from '../../shared/merge/types';
import type { ProjectSnapshot, SnapshotCode, SnapshotCodebook, SnapshotInterview, SnapshotLink, SnapshotMemo, SnapshotSession } from '../../shared/snapshot/types';
import { timePointsFromColumn } from '../../shared/snapshot/types';
import { codeFieldsOf, type CodeRow as CodingCodeRow } from '../core/coding/rows';
import type { Db } from '../core/database';

/** The columns a snapshot keeps of a code (not its creation and update times). */
type CodeRow = Omit<CodingCodeRow, 'created_at' | 'updated_at'>;


/** Codes of one codebook (or of all), siblings in order. */
export function readCodes(db: Db, codebookId?: string): SnapshotCode[] {
  const sql = `SELECT id, codebook_id, parent_id, name, color, definition, inclusion, exclusion, example, shortcut, position FROM codes
    ${codebookId ? 'WHERE codebook_id = ?' : ''} ORDER BY codebook_id, position, name, id`;
  const rows = (codebookId ? db.prepare(sql).all(codebookId) : db.prepare(sql).all()) as CodeRow[];
  return rows.map(codeFieldsOf);
}

export function readCodebook(db: Db, codebookId: string): SnapshotCodebook {
  const row = db.prepare('SELECT id, name FROM codebooks WHERE id = ?').get(codebookId) as SnapshotCodebook | undefined;
  if (!row) throw new DyadError('not-found', `No codebook with id ${codebookId}.`);
  return row;
}

function projectName(db: Db): string {
  const file = db.name;
  if (!file || file === ':memory:') return 'Dyad project';
  return basename(file, extname(file));
}

interface ReadSnapshotOptions {
  /** The snapshot's name (default: the project file's name, "Dyad project" for one in memory). */
  name?: string;
  /** Every interview's speaker turns and recall moments (default true; a merge attaches only those it needs). */
  parts?: boolean;
  /** Sessions' recording paths and hand-drawn moment links (default false: what a merge carries, REFI-QDA not). */
  sessionDetails?: boolean;
  /**
   * 'sorted' (default): codings by interview, start, end and id, the stable order an export writes. 'stored': in
   * the table's own order, for a merge: sorting 100,000 codings costs more than anything the merge does with them.
   */
  codingOrder?: 'sorted' | 'stored';
  /**
   * Codings' creation times (default true). The project a merge goes into leaves them out (createdAt ''): the planner
   * compares this project's codings by place, code and coder only, and the times were two fifths of reading them.
   */
  codingTimes?: boolean;
}

/** Every table of a project as plain data, in a stable order. Reads in one transaction, so it is consistent. */
export function readSnapshot(db: Db, opts: ReadSnapshotOptions = {}): ProjectSnapshot {
  const { parts = true, sessionDetails = false, codingOrder = 'sorted', codingTimes = true } = opts;
  return db.transaction((): ProjectSnapshot => {
    const coders = db.prepare('SELECT id, name FROM coders ORDER BY created_at, id').all() as ProjectSnapshot['coders'];
    const codebooks = db.prepare('SELECT id, name FROM codebooks ORDER BY created_at, id').all() as ProjectSnapshot['codebooks'];
    const codes = readCodes(db);
    const dyads = (db.prepare('SELECT id, name, attributes FROM dyads ORDER BY name COLLATE NOCASE, id').all() as { id: string; name: string; attributes: string }[]).map((d) => ({
      id: d.id,
      name: d.name,
      attributes: JSON.parse(d.attributes) as Record<string, string>,
      sessions: [] as SnapshotSession[],
    }));
    const dyadById = new Map(dyads.map((d) => [d.id, d]));
    const sessionById = new Map<string, SnapshotSession>();
    for (const [id, dyadId, number, date, recordingPath] of db.prepare('SELECT id, dyad_id, number, date, recording_path FROM sessions ORDER BY number, id').raw().all() as [
      string,
      string,
      number,
      string | null,
      string | null,
    ][]) {
      const session: SnapshotSession = sessionDetails ? { id, number, date, recordingPath, links: [] } : { id, number, date };
      sessionById.set(id, session);
      dyadById.get(dyadId)?.sessions.push(session);
    }
    if (sessionDetails) {
      // In the order the side-by-side view replays them (electron/core/alignment.ts getLinks).
      for (const [id, sessionId, clientUnitId, therapistUnitId, kind, createdAt] of db
        .prepare('SELECT id, session_id, client_unit_id, therapist_unit_id, kind, created_at FROM moment_links ORDER BY created_at, rowid')
        .raw()
        .all() as [string, string, string, string, SnapshotLink['kind'], string][]) {
        sessionById.get(sessionId)?.links?.push({ id, clientUnitId, therapistUnitId, kind, createdAt });
      }
    }
    // Sorted without the texts, each fetched after the sort: carried through SQLite's sorter, the study's 25 MB of
    // transcripts doubled the time of this read.
    const textOf = db.prepare('SELECT text FROM interviews WHERE rowid = ?').pluck();
    const interviews: SnapshotInterview[] = (
      db
        .prepare(
          `SELECT i.rowid, i.id, d.name, s.number, i.role, i.source_name, i.audio_path FROM interviews i JOIN sessions s ON s.id = i.session_id JOIN dyads d ON d.id = s.dyad_id
           ORDER BY d.name COLLATE NOCASE, s.number, i.role, i.source_name, i.id`,
        )
        .raw()
        .all() as [number, string, string, number, Role, string, string | null][]
    ).map(([rowid, id, dyad, session, role, sourceName, audioPath]) => ({
      id,
      dyad,
      session,
      role,
      sourceName,
      ...(sessionDetails ? { audioPath } : {}),
      text: textOf.get(rowid) as string,
      turns: [],
      moments: [],
    }));
    if (parts) attach(db, interviews, new Set(interviews.map((i) => i.id)), 'all');
    // The interview, code and coder ids repeat thousands of times: SQLite hands over each one's rowid instead, and
    // one string each stands for it (a string made per coding and dropped was two fifths of a merge read's
    // garbage). A LEFT JOIN keeps codings the outer loop, so unsorted the order is the table's. A reference that
    // does not resolve (a damaged file) comes as its id, for the merge planner's checks to name.
    const idOf = (table: 'interviews' | 'codes' | 'coders') => new Map(db.prepare(`SELECT rowid, id FROM ${table}`).raw().all() as [number, string][]);
    const interviewIds = idOf('interviews');
    const codeIds = idOf('codes');
    const coderIds = idOf('coders');
    const id = (ids: Map<number, string>, ref: number | string) => (typeof ref === 'number' ? (ids.get(ref) as string) : ref);
    const codings: ProjectSnapshot['codings'] = (
      db
        .prepare(
          `SELECT c.id, ifnull(i.rowid, c.interview_id), ifnull(k.rowid, c.code_id), ifnull(d.rowid, c.coder_id), c.start, c."end"${codingTimes ? ', c.created_at' : ''}
           FROM codings c LEFT JOIN interviews i ON i.id = c.interview_id LEFT JOIN codes k ON k.id = c.code_id LEFT JOIN coders d ON d.id = c.coder_id
           ${codingOrder === 'sorted' ? 'ORDER BY c.interview_id, c.start, c."end", c.id' : ''}`,
        )
        .raw()
        .all() as [string, number | string, number | string, number | string, number, number, string | undefined][]
    ).map(([cid, interview, code, coder, start, end, createdAt = '']) => ({
      id: cid,
      interviewId: id(interviewIds, interview),
      codeId: id(codeIds, code),
      coderId: id(coderIds, coder),
      start,
      end,
      createdAt,
    }));
    const memos = (
      db.prepare('SELECT id, target_kind, target_id, coder_id, title, text, created_at, updated_at FROM memos ORDER BY created_at, id').raw().all() as [
        string,
        SnapshotMemo['targetKind'],
        string,
        string | null,
        string,
        string,
        string,
        string,
      ][]
    ).map(([id, targetKind, targetId, coderId, title, text, createdAt, updatedAt]) => {
      const dyadName = targetKind === 'dyad' ? dyadById.get(targetId)?.name : undefined;
      return { id, targetKind, targetId, ...(dyadName !== undefined ? { targetName: dyadName } : {}), coderId, title, text, createdAt, updatedAt };
    });
    return { name: opts.name ?? projectName(db), coders, codebooks, codes, dyads, interviews, codings, memos };
  })();
}

/** How a merge reads a project: by its name, without parts, with sessions' details, codings as stored. */
export const FOR_MERGE = { parts: false, sessionDetails: true, codingOrder: 'stored' } as const satisfies ReadSnapshotOptions;

/** How a merge reads the project it goes into: as FOR_MERGE, without codings' creation times (see `codingTimes`). */
export const FOR_MERGE_INTO = { ...FOR_MERGE, codingTimes: false } as const satisfies ReadSnapshotOptions;

type Parts = Pick<SnapshotInterview, 'turns' | 'moments'>;

/**
 * The speaker turns and recall moments of the interviews `ids`. With `turns: 'units'`, turns only of interviews
 * without recall moments: the units a moment link can name (electron/core/alignment.ts sideUnits).
 */
function readParts(db: Db, ids: readonly string[], turns: 'all' | 'units'): Map<string, Parts> {
  const out = new Map<string, Parts>(ids.map((id) => [id, { turns: [], moments: [] }]));
  if (!ids.length) return out;
  const list = JSON.stringify(ids);
  for (const [id, interviewId, sessionTime, offset, label] of db
    .prepare('SELECT id, interview_id, session_time, "offset", label FROM moments WHERE interview_id IN (SELECT value FROM json_each(?)) ORDER BY interview_id, "offset", id')
    .raw()
    .all(list) as [string, string, number, number, string][]) {
    out.get(interviewId)?.moments.push({ id, sessionTime, offset, label });
  }
  const turnsOf = turns === 'all' ? list : JSON.stringify(ids.filter((id) => !out.get(id)?.moments.length));
  for (const [id, interviewId, seq, speaker, speakerRole, start, end, interviewTime, points] of db
    .prepare('SELECT id, interview_id, seq, speaker, speaker_role, start, "end", interview_time, time_points FROM turns WHERE interview_id IN (SELECT value FROM json_each(?)) ORDER BY interview_id, seq')
    .raw()
    .all(turnsOf) as [string, string, number, string, SpeakerRole, number, number, number | null, string | null][]) {
    const timePoints = timePointsFromColumn(points);
    out.get(interviewId)?.turns.push({ id, seq, speaker, speakerRole, start, end, interviewTime, ...(timePoints ? { timePoints } : {}) });
  }
  return out;
}

function attach(db: Db, interviews: SnapshotInterview[], interviewIds: ReadonlySet<string>, turns: 'all' | 'units'): void {
  if (!interviewIds.size) return;
  const byId = new Map(interviews.filter((i) => interviewIds.has(i.id)).map((i) => [i.id, i]));
  for (const [id, parts] of readParts(db, [...byId.keys()], turns)) Object.assign(byId.get(id) as SnapshotInterview, parts);
}

/** Reads the speaker turns and recall moments of the chosen interviews into the snapshot. */
export function attachParts(db: Db, snapshot: ProjectSnapshot, interviewIds: ReadonlySet<string>): void {
  attach(db, snapshot.interviews, interviewIds, 'all');
}

/** Reads into the snapshot the units moment links can name (recall moments, else turns) of the chosen interviews. */
export function attachUnits(db: Db, snapshot: ProjectSnapshot, interviewIds: ReadonlySet<string>): void {
  attach(db, snapshot.interviews, interviewIds, 'units');
}

/** The interviews of sessions that have moment links: the ones whose units a merge looks at. */
export function linkedInterviewIds(db: Db): Set<string> {
  return new Set(db.prepare('SELECT id FROM interviews WHERE session_id IN (SELECT session_id FROM moment_links)').pluck().all() as string[]);
}

/** For the planner: the units links can name of interviews of this project, read when it asks for them. */
export function partsReader(db: Db): PartsReader {
  return (ids) => readParts(db, ids, 'units');
}

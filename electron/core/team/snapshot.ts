/**
 * A project read for merging: the same ProjectSnapshot as electron/exchange/snapshot.ts readDyadSnapshot (same
 * conventions: an interview's `dyad` is the dyad's name, dyad memos carry `targetName`), but without speaker turns
 * and recall moments, which the planner only needs for interviews it adds. Turns are most of a study's rows
 * (150,000 for 400 interviews): leaving them out halves the time a merge preview takes. `attachParts` reads them
 * for the interviews that need them.
 */
import type { Role, SpeakerRole } from '../../../shared/domain/types';
import type { ProjectSnapshot, SnapshotInterview, SnapshotMemo } from '../../../shared/exchange/snapshot';
import { readCodes } from '../../exchange/snapshot';
import type { Db } from '../database';

export function readForMerge(db: Db, name: string): ProjectSnapshot {
  return db.transaction((): ProjectSnapshot => {
    const coders = db.prepare('SELECT id, name FROM coders ORDER BY created_at, id').all() as ProjectSnapshot['coders'];
    const codebooks = db.prepare('SELECT id, name FROM codebooks ORDER BY created_at, id').all() as ProjectSnapshot['codebooks'];
    const codes = readCodes(db);
    const dyads = (db.prepare('SELECT id, name, attributes FROM dyads ORDER BY name COLLATE NOCASE, id').all() as { id: string; name: string; attributes: string }[]).map((d) => ({
      id: d.id,
      name: d.name,
      attributes: JSON.parse(d.attributes) as Record<string, string>,
      sessions: [] as { id: string; number: number; date: string | null }[],
    }));
    const dyadById = new Map(dyads.map((d) => [d.id, d]));
    for (const s of db.prepare('SELECT id, dyad_id, number, date FROM sessions ORDER BY number, id').all() as { id: string; dyad_id: string; number: number; date: string | null }[]) {
      dyadById.get(s.dyad_id)?.sessions.push({ id: s.id, number: s.number, date: s.date });
    }
    // Sorted without the texts, each fetched after the sort: carried through SQLite's sorter, the study's 25 MB of
    // transcripts doubled the time of this read.
    const textOf = db.prepare('SELECT text FROM interviews WHERE rowid = ?').pluck();
    const interviews: SnapshotInterview[] = (
      db
        .prepare(
          `SELECT i.rowid, i.id, d.name, s.number, i.role, i.source_name FROM interviews i JOIN sessions s ON s.id = i.session_id JOIN dyads d ON d.id = s.dyad_id
           ORDER BY d.name COLLATE NOCASE, s.number, i.role, i.source_name, i.id`,
        )
        .raw()
        .all() as [number, string, string, number, Role, string][]
    ).map(([rowid, id, dyad, session, role, sourceName]) => ({ id, dyad, session, role, sourceName, text: textOf.get(rowid) as string, turns: [], moments: [] }));
    // In table order: sorting 100,000 codings costs more than anything the merge does with them (a LEFT JOIN keeps
    // codings the outer loop, so the order is the table's). The interview, code and coder ids repeat thousands of
    // times: SQLite hands over each one's rowid instead, and one string each stands for it (a string made per
    // coding and dropped was two fifths of this read's garbage). A reference that does not resolve (a damaged
    // file) comes as its id, for the planner's checks to name.
    const idOf = (table: 'interviews' | 'codes' | 'coders') => new Map(db.prepare(`SELECT rowid, id FROM ${table}`).raw().all() as [number, string][]);
    const interviewIds = idOf('interviews');
    const codeIds = idOf('codes');
    const coderIds = idOf('coders');
    const id = (ids: Map<number, string>, ref: number | string) => (typeof ref === 'number' ? (ids.get(ref) as string) : ref);
    const codings: ProjectSnapshot['codings'] = (
      db
        .prepare(
          `SELECT c.id, ifnull(i.rowid, c.interview_id), ifnull(k.rowid, c.code_id), ifnull(d.rowid, c.coder_id), c.start, c."end", c.created_at
           FROM codings c LEFT JOIN interviews i ON i.id = c.interview_id LEFT JOIN codes k ON k.id = c.code_id LEFT JOIN coders d ON d.id = c.coder_id`,
        )
        .raw()
        .all() as [string, number | string, number | string, number | string, number, number, string][]
    ).map(([cid, interview, code, coder, start, end, createdAt]) => ({
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
    return { name, coders, codebooks, codes, dyads, interviews, codings, memos };
  })();
}

/** Reads the speaker turns and recall moments of the chosen interviews into the snapshot. */
export function attachParts(db: Db, snapshot: ProjectSnapshot, interviewIds: ReadonlySet<string>): void {
  if (!interviewIds.size) return;
  const byId = new Map(snapshot.interviews.filter((i) => interviewIds.has(i.id)).map((i) => [i.id, i]));
  const ids = JSON.stringify([...byId.keys()]);
  for (const [id, interviewId, seq, speaker, speakerRole, start, end, interviewTime] of db
    .prepare('SELECT id, interview_id, seq, speaker, speaker_role, start, "end", interview_time FROM turns WHERE interview_id IN (SELECT value FROM json_each(?)) ORDER BY interview_id, seq')
    .raw()
    .all(ids) as [string, string, number, string, SpeakerRole, number, number, number | null][]) {
    byId.get(interviewId)?.turns.push({ id, seq, speaker, speakerRole, start, end, interviewTime });
  }
  for (const [id, interviewId, sessionTime, offset, label] of db
    .prepare('SELECT id, interview_id, session_time, "offset", label FROM moments WHERE interview_id IN (SELECT value FROM json_each(?)) ORDER BY interview_id, "offset", id')
    .raw()
    .all(ids) as [string, string, number, number, string][]) {
    byId.get(interviewId)?.moments.push({ id, sessionTime, offset, label });
  }
}

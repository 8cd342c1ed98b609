/**
 * ProjectSnapshot (shared/snapshot/types.ts) → a .dyad project: what REFI-QDA import and a .qdc codebook write
 * into a project. electron/snapshot/read.ts goes the other way, with the same conventions (an interview's `dyad`
 * is the dyad's name; a memo on the whole project has `targetId` as stored, REFI import uses '').
 * Creation times of coders, codebooks, codes and interviews are set to the time of writing.
 */
import { DyadError } from '../../shared/api/errors';
import type { ProjectSnapshot, SnapshotCode, SnapshotCodebook, SnapshotMemo } from '../../shared/snapshot/types';
import { timePointsColumn } from '../../shared/snapshot/types';
import type { Db } from '../core/database';
import { newId, now } from '../core/ids';
import { countWords } from '../core/interviews';
import type { MergeIdMap } from '../../shared/merge/types';

interface WriteSnapshotOptions {
  /**
   * 'empty' (default): the project must have no dyads, interviews, codes, codings or memos yet (coders and empty
   * codebooks may exist); everything keeps its id. 'existing': add beside what is there: coders and dyads are
   * matched by name, sessions by dyad and number, and any id already taken gets a new one.
   */
  into?: 'empty' | 'existing';
  /** The name each codebook gets in the project (REFI import names them after the file). */
  codebookName?: (codebook: SnapshotCodebook) => string;
}

interface WriteSnapshotResult {
  /** Snapshot id → id in the project, for every kind of thing written or matched. */
  ids: MergeIdMap;
  /** Rows inserted (matched coders and dyads are not counted). */
  inserted: { coders: number; codebooks: number; codes: number; dyads: number; sessions: number; interviews: number; codings: number; memos: number };
}

const bad = (message: string) => new DyadError('invalid-input', message);

/** Checks that every reference in the snapshot resolves, so the write cannot fail half-way on a foreign key. */
function validate(s: ProjectSnapshot): void {
  const books = new Set(s.codebooks.map((b) => b.id));
  const codes = new Map(s.codes.map((c) => [c.id, c]));
  if (codes.size !== s.codes.length) throw bad('The snapshot lists a code id twice.');
  for (const c of s.codes) {
    if (!books.has(c.codebookId)) throw bad(`The code "${c.name}" belongs to a codebook the snapshot does not have.`);
    if (c.parentId !== null) {
      const p = codes.get(c.parentId);
      if (!p) throw bad(`The code "${c.name}" has a parent the snapshot does not have.`);
      if (p.codebookId !== c.codebookId) throw bad(`The code "${c.name}" is in another codebook than its parent.`);
    }
  }
  const coders = new Set(s.coders.map((c) => c.id));
  const interviews = new Map(s.interviews.map((i) => [i.id, i]));
  if (interviews.size !== s.interviews.length) throw bad('The snapshot lists an interview id twice.');
  for (const i of s.interviews) {
    if (i.dyad === null || !i.dyad.trim() || i.session === null || i.role === null) {
      throw bad(`The interview "${i.sourceName}" has no dyad, session and role yet; assign them before writing it into a project.`);
    }
    for (const t of i.turns) if (t.start < 0 || t.end < t.start || t.end > i.text.length) throw bad(`A speaker turn of "${i.sourceName}" lies outside its text.`);
    for (const m of i.moments) if (m.offset < 0 || m.offset > i.text.length) throw bad(`A recall moment of "${i.sourceName}" lies outside its text.`);
  }
  const codingIds = new Set<string>();
  for (const c of s.codings) {
    if (codingIds.has(c.id)) throw bad('The snapshot lists a coding id twice.');
    codingIds.add(c.id);
    const i = interviews.get(c.interviewId);
    if (!i) throw bad(`A coding refers to an interview the snapshot does not have (${c.interviewId}).`);
    if (!codes.has(c.codeId)) throw bad(`A coding of "${i.sourceName}" refers to a code the snapshot does not have (${c.codeId}).`);
    if (!coders.has(c.coderId)) throw bad(`A coding of "${i.sourceName}" refers to a coder the snapshot does not have (${c.coderId}).`);
    if (!(c.start >= 0 && c.end > c.start && c.end <= i.text.length)) throw bad(`A coding of "${i.sourceName}" (${c.start}–${c.end}) lies outside its text.`);
  }
}

/** Topological order: parents before children. */
function parentsFirst(codes: readonly SnapshotCode[]): SnapshotCode[] {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const out: SnapshotCode[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (c: SnapshotCode) => {
    const st = state.get(c.id);
    if (st === 2) return;
    if (st === 1) throw bad(`The code "${c.name}" is its own ancestor.`);
    state.set(c.id, 1);
    if (c.parentId) visit(byId.get(c.parentId)!);
    state.set(c.id, 2);
    out.push(c);
  };
  for (const c of codes) visit(c);
  return out;
}

/**
 * Writes a snapshot into a project in ONE transaction: all of it, or (on any error) nothing. Runs synchronously;
 * callers that share the connection with long async jobs hold `project.writes` around it.
 */
export function writeSnapshotInto(db: Db, snapshot: ProjectSnapshot, opts: WriteSnapshotOptions = {}): WriteSnapshotResult {
  const into = opts.into ?? 'empty';
  validate(snapshot);
  const stamp = now();
  /**
   * Ids in use in a table, loaded once (one query instead of one per row: 100,000 codings) and kept up to date
   * with what this write adds. `claim` keeps an id when it is free and gives a new one when it is not.
   */
  const pool = (table: string) => {
    let used: Set<string> | null = null;
    const load = () => (used ??= new Set(db.prepare(`SELECT id FROM ${table}`).pluck().all() as string[]));
    return {
      has: (id: string) => load().has(id),
      claim(id: string): string {
        const set = load();
        const free = set.has(id) ? newId() : id;
        set.add(free);
        return free;
      },
    };
  };
  const ins = {
    coder: db.prepare('INSERT INTO coders (id, name, created_at) VALUES (?, ?, ?)'),
    codebook: db.prepare('INSERT INTO codebooks (id, name, created_at) VALUES (?, ?, ?)'),
    code: db.prepare(
      `INSERT INTO codes (id, codebook_id, parent_id, name, color, definition, inclusion, exclusion, example, shortcut, position, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    dyad: db.prepare('INSERT INTO dyads (id, name, attributes, created_at) VALUES (?, ?, ?, ?)'),
    session: db.prepare('INSERT INTO sessions (id, dyad_id, number, date, recording_path) VALUES (?, ?, ?, ?, ?)'),
    // A session already in the project keeps its own recording; one without gets the snapshot's.
    sessionRecording: db.prepare("UPDATE sessions SET recording_path = ? WHERE id = ? AND (recording_path IS NULL OR recording_path = '')"),
    interview: db.prepare('INSERT INTO interviews (id, session_id, role, source_name, text, word_count, imported_at, audio_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    turn: db.prepare('INSERT INTO turns (id, interview_id, seq, speaker, speaker_role, start, end, interview_time, time_points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    fts: db.prepare('INSERT INTO turns_fts (text, turn_id, interview_id) VALUES (?, ?, ?)'),
    moment: db.prepare('INSERT INTO moments (id, interview_id, session_time, offset, label) VALUES (?, ?, ?, ?, ?)'),
    codings: db.prepare(
      `INSERT INTO codings (id, interview_id, code_id, coder_id, start, end, created_at)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 FROM json_each(?)`,
    ),
    memo: db.prepare('INSERT INTO memos (id, target_kind, target_id, coder_id, title, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
  };

  return db.transaction((): WriteSnapshotResult => {
    if (into === 'empty') {
      const n = db
        .prepare('SELECT (SELECT count(*) FROM dyads) + (SELECT count(*) FROM interviews) + (SELECT count(*) FROM codes) + (SELECT count(*) FROM codings) + (SELECT count(*) FROM memos)')
        .pluck()
        .get() as number;
      if (n > 0) throw new DyadError('conflict', 'This project already has dyads, interviews, codes or memos; a whole project can only be written into an empty one.');
    }
    const ids: WriteSnapshotResult['ids'] = {
      coders: new Map(),
      codebooks: new Map(),
      codes: new Map(),
      dyads: new Map(),
      sessions: new Map(),
      interviews: new Map(),
      codings: new Map(),
      memos: new Map(),
    };
    const inserted = { coders: 0, codebooks: 0, codes: 0, dyads: 0, sessions: 0, interviews: 0, codings: 0, memos: 0 };

    // Coders: the same person by id, else by name (names are unique in a project).
    const coderById = db.prepare('SELECT id FROM coders WHERE id = ?').pluck();
    const coderByName = db.prepare('SELECT id FROM coders WHERE name = ? COLLATE NOCASE').pluck();
    for (const c of snapshot.coders) {
      const existing = (coderById.get(c.id) ?? coderByName.get(c.name.trim())) as string | undefined;
      if (existing) ids.coders.set(c.id, existing);
      else {
        ins.coder.run(c.id, c.name.trim(), stamp);
        ids.coders.set(c.id, c.id);
        inserted.coders++;
      }
    }

    const codebookIds = pool('codebooks');
    for (const b of snapshot.codebooks) {
      const id = codebookIds.claim(b.id);
      ins.codebook.run(id, opts.codebookName?.(b) ?? b.name, stamp);
      ids.codebooks.set(b.id, id);
      inserted.codebooks++;
    }

    const codeIds = pool('codes');
    for (const c of parentsFirst(snapshot.codes)) {
      const id = codeIds.claim(c.id);
      try {
        ins.code.run(
          id,
          ids.codebooks.get(c.codebookId)!,
          c.parentId === null ? null : ids.codes.get(c.parentId)!,
          c.name,
          c.color,
          c.definition,
          c.inclusion,
          c.exclusion,
          c.example,
          c.shortcut,
          c.position,
          stamp,
          stamp,
        );
      } catch (e) {
        if (/UNIQUE constraint failed: codes\.codebook_id/i.test((e as Error).message)) throw bad(`Two codes under the same parent are both called "${c.name}".`);
        throw e;
      }
      ids.codes.set(c.id, id);
      inserted.codes++;
    }

    // Dyads by name; sessions by dyad and number.
    const dyadByName = db.prepare('SELECT id, attributes FROM dyads WHERE name = ? COLLATE NOCASE');
    const setAttributes = db.prepare('UPDATE dyads SET attributes = ? WHERE id = ?');
    const dyadIds = pool('dyads');
    const sessionIds = pool('sessions');
    const sessionOf = db.prepare('SELECT id FROM sessions WHERE dyad_id = ? AND number = ?').pluck();
    const dyadIdByName = new Map<string, string>();
    const ensureDyad = (name: string, attributes: Record<string, string>, snapshotId: string | null): string => {
      const key = name.trim().toLowerCase();
      const known = dyadIdByName.get(key);
      if (known) return known;
      const row = dyadByName.get(name.trim()) as { id: string; attributes: string } | undefined;
      let id: string;
      if (row) {
        id = row.id;
        // Attributes the project does not have yet are added; the project's own values win.
        const current = JSON.parse(row.attributes) as Record<string, string>;
        const merged = { ...attributes, ...current };
        if (Object.keys(merged).length !== Object.keys(current).length) setAttributes.run(JSON.stringify(merged), id);
      } else {
        id = dyadIds.claim(snapshotId ?? newId());
        ins.dyad.run(id, name.trim(), JSON.stringify(attributes), stamp);
        inserted.dyads++;
      }
      dyadIdByName.set(key, id);
      if (snapshotId) ids.dyads.set(snapshotId, id);
      return id;
    };
    const ensureSession = (dyadId: string, number: number, date: string | null, snapshotId: string | null, recordingPath: string | null = null): string => {
      let id = sessionOf.get(dyadId, number) as string | undefined;
      if (!id) {
        id = sessionIds.claim(snapshotId ?? newId());
        ins.session.run(id, dyadId, number, date, recordingPath);
        inserted.sessions++;
      } else if (recordingPath) ins.sessionRecording.run(recordingPath, id);
      if (snapshotId) ids.sessions.set(snapshotId, id);
      return id;
    };
    for (const d of snapshot.dyads) {
      const dyadId = ensureDyad(d.name, d.attributes, d.id);
      for (const s of d.sessions) ensureSession(dyadId, s.number, s.date, s.id, s.recordingPath?.trim() || null);
    }

    const interviewIds = pool('interviews');
    const turnIds = pool('turns');
    const momentIds = pool('moments');
    const roleTaken = db.prepare("SELECT source_name FROM interviews WHERE session_id = ? AND role = ? AND role != 'other'").pluck();
    for (const i of snapshot.interviews) {
      const dyadId = ensureDyad(i.dyad!, {}, null);
      const sessionId = ensureSession(dyadId, i.session!, null, null);
      const clash = roleTaken.get(sessionId, i.role!) as string | undefined;
      if (clash) {
        throw new DyadError(
          'conflict',
          `${i.sourceName}: dyad ${i.dyad}, session ${i.session} already has a ${i.role} interview (${clash}). Choose another session or role, or import it as "other". Nothing was imported.`,
        );
      }
      const id = interviewIds.claim(i.id);
      ins.interview.run(id, sessionId, i.role, i.sourceName, i.text, countWords(i.text), stamp, i.audioPath?.trim() || null);
      ids.interviews.set(i.id, id);
      inserted.interviews++;
      for (const t of i.turns) {
        const turnId = turnIds.claim(t.id);
        ins.turn.run(turnId, id, t.seq, t.speaker, t.speakerRole, t.start, t.end, t.interviewTime, timePointsColumn(t.timePoints));
        ins.fts.run(i.text.slice(t.start, t.end), turnId, id);
      }
      for (const m of i.moments) ins.moment.run(momentIds.claim(m.id), id, m.sessionTime, m.offset, m.label);
    }

    // Codings go in thousands per statement: with the undo triggers on the table, one INSERT per coding costs
    // about 2.5 times as much (measured: 100,000 codings, 3.2 s against 1.3 s of CPU).
    const codingIds = pool('codings');
    const CHUNK = 5000;
    for (let k = 0; k < snapshot.codings.length; k += CHUNK) {
      const rows = snapshot.codings.slice(k, k + CHUNK).map((c) => {
        const id = codingIds.claim(c.id);
        ids.codings.set(c.id, id);
        return [id, ids.interviews.get(c.interviewId)!, ids.codes.get(c.codeId)!, ids.coders.get(c.coderId)!, c.start, c.end, c.createdAt];
      });
      ins.codings.run(JSON.stringify(rows));
      inserted.codings += rows.length;
    }

    const memoIds = pool('memos');
    const coderExists = (id: string) => coderById.get(id) !== undefined;
    const targetMap: Record<SnapshotMemo['targetKind'], Map<string, string> | null> = {
      project: null,
      code: ids.codes,
      coding: ids.codings,
      interview: ids.interviews,
      session: ids.sessions,
      dyad: ids.dyads,
    };
    for (const m of snapshot.memos) {
      let targetId = targetMap[m.targetKind]?.get(m.targetId) ?? m.targetId;
      // A memo on a dyad the snapshot only names (another copy's id) finds the dyad by name.
      if (m.targetKind === 'dyad' && !ids.dyads.has(m.targetId) && m.targetName) targetId = dyadIdByName.get(m.targetName.trim().toLowerCase()) ?? targetId;
      const coder = m.coderId === null ? null : (ids.coders.get(m.coderId) ?? (coderExists(m.coderId) ? m.coderId : null));
      const id = memoIds.claim(m.id);
      ins.memo.run(id, m.targetKind, targetId, coder, m.title, m.text, m.createdAt, m.updatedAt);
      ids.memos.set(m.id, id);
      inserted.memos++;
    }
    return { ids, inserted };
  })();
}

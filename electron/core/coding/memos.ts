/**
 * Memos: a researcher's notes on the project, a code, a coding, an interview, a session or a dyad. A memo on the
 * project has no target id (stored as ''). Memos record their coder when one is chosen, but do not require one.
 */
import { DyadError } from '../../../shared/api/errors';
import type { Memo, MemoTargetKind } from '../../../shared/coding/types';
import { formatTime } from '../../../shared/import/time';
import type { Db } from '../database';
import { newId, now } from '../ids';
import { currentCoder, getCoder } from './coders';
import { codePathOf, quoted, type CodeRow } from './rows';
import { undoable } from './undo';

interface MemoRow {
  id: string;
  target_kind: MemoTargetKind;
  target_id: string;
  coder_id: string | null;
  coder_name: string | null;
  title: string;
  text: string;
  created_at: string;
  updated_at: string;
}

const SELECT = 'SELECT m.*, c.name AS coder_name FROM memos m LEFT JOIN coders c ON c.id = m.coder_id';

/** What the target is, in the researcher's words; null when it does not exist. */
function describeTarget(db: Db, kind: MemoTargetKind, id: string | null): string | null {
  const one = <T>(sql: string) => (id ? (db.prepare(sql).get(id) as T | undefined) : undefined);
  switch (kind) {
    case 'project':
      return 'The project';
    case 'code': {
      const r = one<CodeRow>('SELECT * FROM codes WHERE id = ?');
      return r ? `Code ${codePathOf(db, r)}` : null;
    }
    case 'coding': {
      // Where the passage is as the researcher finds it again: dyad, session, side and the session time of its
      // recall moment (offsets mean nothing to a reader).
      const r = one<{ name: string; dyad: string; number: number; role: string; time: number | null }>(
        `SELECT k.name, d.name AS dyad, s.number, i.role,
                (SELECT m.session_time FROM moments m WHERE m.interview_id = g.interview_id AND m.offset <= g.start ORDER BY m.offset DESC LIMIT 1) AS time
           FROM codings g JOIN codes k ON k.id = g.code_id JOIN interviews i ON i.id = g.interview_id
           JOIN sessions s ON s.id = i.session_id JOIN dyads d ON d.id = s.dyad_id WHERE g.id = ?`,
      );
      return r ? `Coding ${quoted(r.name)}, dyad ${r.dyad}, session ${r.number}, ${r.role}${r.time === null ? '' : ` at ${formatTime(r.time)}`}` : null;
    }
    case 'interview': {
      const r = one<{ source_name: string; role: string }>('SELECT source_name, role FROM interviews WHERE id = ?');
      return r ? `Interview ${r.source_name} (${r.role})` : null;
    }
    case 'session': {
      const r = one<{ name: string; number: number }>('SELECT d.name, s.number FROM sessions s JOIN dyads d ON d.id = s.dyad_id WHERE s.id = ?');
      return r ? `Dyad ${r.name}, session ${r.number}` : null;
    }
    case 'dyad': {
      const r = one<{ name: string }>('SELECT name FROM dyads WHERE id = ?');
      return r ? `Dyad ${r.name}` : null;
    }
  }
}

function toMemo(db: Db, r: MemoRow): Memo {
  const targetId = r.target_kind === 'project' ? null : r.target_id;
  return {
    id: r.id,
    targetKind: r.target_kind,
    targetId,
    targetLabel: describeTarget(db, r.target_kind, targetId) ?? `(a deleted ${r.target_kind})`,
    coderId: r.coder_id,
    coderName: r.coder_name,
    title: r.title,
    text: r.text,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function getMemo(db: Db, memoId: string): Memo {
  const r = db.prepare(`${SELECT} WHERE m.id = ?`).get(memoId) as MemoRow | undefined;
  if (!r) throw new DyadError('not-found', `No memo with id ${memoId} in this project (it may have been deleted).`);
  return toMemo(db, r);
}

interface NewMemo {
  targetKind: MemoTargetKind;
  /** Omitted or null for a memo on the project. */
  targetId?: string | null;
  title?: string;
  text: string;
  /** Omitted: the current coder, if one is chosen. */
  coderId?: string | null;
}

/** How undo names a memo: its title, else what it is on ("memo on dyad 7"). */
function memoName(title: string, targetLabel: string): string {
  if (title.trim()) return `memo ${quoted(title.trim())}`;
  return `memo on ${targetLabel.charAt(0).toLowerCase()}${targetLabel.slice(1)}`;
}

export function createMemo(db: Db, input: NewMemo): Memo {
  const targetId = input.targetKind === 'project' ? null : (input.targetId ?? null);
  if (input.targetKind !== 'project' && !targetId) throw new DyadError('invalid-input', `A memo on a ${input.targetKind} needs the ${input.targetKind}'s id.`);
  const targetLabel = describeTarget(db, input.targetKind, targetId);
  if (targetLabel === null) throw new DyadError('not-found', `No ${input.targetKind} with id ${targetId} to write a memo on.`);
  const coderId = input.coderId ? getCoder(db, input.coderId).id : (currentCoder(db)?.id ?? null);
  const id = newId();
  const t = now();
  undoable(db, `Write ${memoName(input.title ?? '', targetLabel)}`, () => {
    db.prepare('INSERT INTO memos (id, target_kind, target_id, coder_id, title, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      input.targetKind,
      targetId ?? '',
      coderId,
      input.title?.trim() ?? '',
      input.text,
      t,
      t,
    );
  });
  return getMemo(db, id);
}

export function updateMemo(db: Db, memoId: string, patch: { title?: string; text?: string }): Memo {
  const cur = getMemo(db, memoId);
  const title = patch.title?.trim() ?? cur.title;
  const text = patch.text ?? cur.text;
  if (title === cur.title && text === cur.text) return cur;
  undoable(db, `Edit ${memoName(cur.title, cur.targetLabel)}`, () => {
    db.prepare('UPDATE memos SET title = ?, text = ?, updated_at = ? WHERE id = ?').run(title, text, now(), memoId);
  });
  return getMemo(db, memoId);
}

export function deleteMemo(db: Db, memoId: string): Memo {
  const cur = getMemo(db, memoId);
  undoable(db, `Delete ${memoName(cur.title, cur.targetLabel)}`, () => db.prepare('DELETE FROM memos WHERE id = ?').run(memoId));
  return cur;
}

/** Memos, newest first; filtered by target kind and/or target id. */
export function listMemos(db: Db, filter: { targetKind?: MemoTargetKind | null; targetId?: string | null } = {}): Memo[] {
  const rows = db
    .prepare(
      `${SELECT} WHERE (@kind IS NULL OR m.target_kind = @kind) AND (@target IS NULL OR m.target_id = @target) ORDER BY m.updated_at DESC, m.rowid DESC`,
    )
    .all({ kind: filter.targetKind ?? null, target: filter.targetKind === 'project' ? '' : (filter.targetId ?? null) }) as MemoRow[];
  return rows.map((r) => toMemo(db, r));
}

/** Folds case and accents, so "resume" finds "Résumé". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/**
 * Memos whose title or text contains every word of the query (case and accents ignored), newest first. Memos are
 * few (hundreds), so they are matched here rather than through a full-text index.
 */
export function searchMemos(db: Db, query: string, filter: { targetKind?: MemoTargetKind | null } = {}): Memo[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  return listMemos(db, filter).filter((m) => {
    const hay = fold(`${m.title}\n${m.text}`);
    return words.every((w) => hay.includes(w));
  });
}

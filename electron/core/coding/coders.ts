/**
 * Coders: who coded what. The project remembers who is coding in this copy (project_settings 'currentCoder',
 * the coder's id as JSON); writes that need a coder and are not given one use it. Coders are never deleted, so
 * every coding keeps its author. Choosing a coder is not an undoable step: it says who is working, not what.
 */
import { DyadError } from '../../../shared/api/errors';
import type { Coder } from '../../../shared/coding/types';
import type { Db } from '../database';
import { newId, now } from '../ids';

interface CoderRow {
  id: string;
  name: string;
  created_at: string;
}
const toCoder = (r: CoderRow): Coder => ({ id: r.id, name: r.name, createdAt: r.created_at });

export const CURRENT_CODER_KEY = 'currentCoder';

export function getCoder(db: Db, coderId: string): Coder {
  const row = db.prepare('SELECT id, name, created_at FROM coders WHERE id = ?').get(coderId) as CoderRow | undefined;
  if (!row) throw new DyadError('not-found', `No coder with id ${coderId} in this project.`);
  return toCoder(row);
}

function findCoderByName(db: Db, name: string): Coder | null {
  const row = db.prepare('SELECT id, name, created_at FROM coders WHERE name = ? COLLATE NOCASE').get(name.trim()) as CoderRow | undefined;
  return row ? toCoder(row) : null;
}

function checkName(name: string): string {
  const n = name.trim();
  if (!n) throw new DyadError('invalid-input', 'A coder needs a name.');
  if (n.length > 100 || /[\r\n\t]/.test(n)) throw new DyadError('invalid-input', `"${n.slice(0, 40)}…" is not a usable coder name (one line, up to 100 characters).`);
  return n;
}

/** The coder with this name (case-insensitive), created when new. */
export function ensureCoder(db: Db, name: string): Coder {
  const n = checkName(name);
  const existing = findCoderByName(db, n);
  if (existing) return existing;
  const coder = { id: newId(), name: n, createdAt: now() };
  db.prepare('INSERT INTO coders (id, name, created_at) VALUES (?, ?, ?)').run(coder.id, coder.name, coder.createdAt);
  return coder;
}

export function listCoders(db: Db): (Coder & { codingCount: number; isCurrent: boolean })[] {
  const current = currentCoder(db)?.id ?? null;
  const rows = db
    .prepare('SELECT c.id, c.name, c.created_at, (SELECT count(*) FROM codings g WHERE g.coder_id = c.id) AS n FROM coders c ORDER BY c.name COLLATE NOCASE')
    .all() as (CoderRow & { n: number })[];
  return rows.map((r) => ({ ...toCoder(r), codingCount: r.n, isCurrent: r.id === current }));
}

export function currentCoder(db: Db): Coder | null {
  const row = db.prepare('SELECT value FROM project_settings WHERE key = ?').get(CURRENT_CODER_KEY) as { value: string } | undefined;
  if (!row) return null;
  const id = JSON.parse(row.value) as unknown;
  if (typeof id !== 'string') return null;
  const coder = db.prepare('SELECT id, name, created_at FROM coders WHERE id = ?').get(id) as CoderRow | undefined;
  return coder ? toCoder(coder) : null;
}

/** Makes `name` the current coder of this project, creating the coder when new. */
export function setCurrentCoder(db: Db, name: string): Coder {
  return db.transaction(() => {
    const coder = ensureCoder(db, name);
    db.prepare('INSERT INTO project_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      CURRENT_CODER_KEY,
      JSON.stringify(coder.id),
    );
    return coder;
  })();
}

/** The coder a write is made as: the one given, else the current coder; refuses when there is neither. */
export function requireCoder(db: Db, coderId?: string | null): Coder {
  if (coderId) return getCoder(db, coderId);
  const c = currentCoder(db);
  if (!c) throw new DyadError('invalid-input', 'Choose who you are (the coder) first: every coding records its coder.');
  return c;
}

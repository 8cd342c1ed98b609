/** Row shapes of the coding tables and their conversion to API types. */
import { DyadError } from '../../../shared/api/errors';
import { MAX_CODE_DEPTH, codeTooDeep, formatCodePath } from '../../../shared/coding/paths';
import type { Code, Codebook } from '../../../shared/coding/types';
import type { SnapshotCode } from '../../../shared/snapshot/types';
import type { Db } from '../database';

export interface CodeRow {
  id: string;
  codebook_id: string;
  parent_id: string | null;
  name: string;
  color: string;
  definition: string;
  inclusion: string;
  exclusion: string;
  example: string;
  shortcut: string | null;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface CodebookRow {
  id: string;
  name: string;
  created_at: string;
}

export const toCodebook = (r: CodebookRow): Codebook => ({ id: r.id, name: r.name, createdAt: r.created_at });

/** A code's own fields from its row (what a snapshot keeps): no path, no times. */
export const codeFieldsOf = (r: Omit<CodeRow, 'created_at' | 'updated_at'>): SnapshotCode => ({
  id: r.id,
  codebookId: r.codebook_id,
  parentId: r.parent_id,
  name: r.name,
  color: r.color,
  definition: r.definition,
  inclusion: r.inclusion,
  exclusion: r.exclusion,
  example: r.example,
  shortcut: r.shortcut,
  position: r.position,
});

export const toCode = (r: CodeRow, path: string): Code => ({
  ...codeFieldsOf(r),
  path,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function codeRow(db: Db, codeId: string): CodeRow {
  const row = db.prepare('SELECT * FROM codes WHERE id = ?').get(codeId) as CodeRow | undefined;
  if (!row) throw new DyadError('not-found', `No code with id ${codeId} in this project (it may have been deleted or merged).`);
  return row;
}

export function codebookRow(db: Db, codebookId: string): CodebookRow {
  const row = db.prepare('SELECT id, name, created_at FROM codebooks WHERE id = ?').get(codebookId) as CodebookRow | undefined;
  if (!row) throw new DyadError('not-found', `No codebook with id ${codebookId} in this project.`);
  return row;
}

/** Names from the top-level ancestor down to the code. */
export function codeAncestry(db: Db, row: CodeRow): string[] {
  const names = [row.name];
  const parent = db.prepare('SELECT parent_id, name FROM codes WHERE id = ?');
  const seen = new Set([row.id]);
  for (let next = row.parent_id; next && !seen.has(next); ) {
    seen.add(next);
    const p = parent.get(next) as { parent_id: string | null; name: string } | undefined;
    if (!p) break;
    names.push(p.name);
    next = p.parent_id;
  }
  if (names.length > MAX_CODE_DEPTH) throw codeTooDeep(row.name, names.length);
  return names.reverse();
}

/** How many levels the code and its sub-codes span (1: no sub-codes). */
export function subtreeHeight(db: Db, codeId: string): number {
  const r = db
    .prepare('WITH RECURSIVE d(id, h) AS (SELECT ?, 1 UNION ALL SELECT c.id, d.h + 1 FROM codes c JOIN d ON c.parent_id = d.id) SELECT max(h) AS h FROM d')
    .get(codeId) as { h: number };
  return r.h;
}

export const codePathOf = (db: Db, row: CodeRow): string => formatCodePath(codeAncestry(db, row));

export function getCode(db: Db, codeId: string): Code {
  const row = codeRow(db, codeId);
  return toCode(row, codePathOf(db, row));
}

/** Ids of a code's sub-codes at every depth (not the code itself). */
export function descendantIds(db: Db, codeId: string): string[] {
  return (
    db
      .prepare('WITH RECURSIVE d(id) AS (SELECT id FROM codes WHERE parent_id = ? UNION ALL SELECT c.id FROM codes c JOIN d ON c.parent_id = d.id) SELECT id FROM d')
      .all(codeId) as { id: string }[]
  ).map((r) => r.id);
}

/** "'Shame'": how labels and messages name a code. */
export const quoted = (name: string): string => `'${name}'`;

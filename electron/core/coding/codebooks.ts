/** Codebooks: a project holds one or more; the first one is "the default codebook" where none is named. */
import { DyadError } from '../../../shared/api/errors';
import { checkCodeDepth, escapeCodeName } from '../../../shared/coding/paths';
import type { Codebook, CodebookTree, CodeNode } from '../../../shared/coding/types';
import type { Db } from '../database';
import { newId, now } from '../ids';
import { deleteMemosOn } from './memoTargets';
import { codebookRow, quoted, toCode, toCodebook, type CodeRow, type CodebookRow } from './rows';
import { undoable } from './undo';

export const DEFAULT_CODEBOOK_NAME = 'Codebook';

function checkName(db: Db, name: string, exceptId?: string): string {
  const n = name.trim();
  if (!n) throw new DyadError('invalid-input', 'A codebook needs a name.');
  const clash = db.prepare('SELECT id, name FROM codebooks WHERE name = ? COLLATE NOCASE AND id IS NOT ?').get(n, exceptId ?? null) as CodebookRow | undefined;
  if (clash) throw new DyadError('conflict', `There is already a codebook named "${clash.name}" in this project.`);
  return n;
}

function insertCodebook(db: Db, name: string): Codebook {
  const cb = { id: newId(), name, createdAt: now() };
  db.prepare('INSERT INTO codebooks (id, name, created_at) VALUES (?, ?, ?)').run(cb.id, cb.name, cb.createdAt);
  return cb;
}

/**
 * The codebook a call means: the one named by id, else the project's first codebook. With `create`, a project
 * without any codebook gets one (inside the caller's undo step, so undoing the first code removes it too).
 */
export function resolveCodebookId(db: Db, codebookId: string | null | undefined, create: boolean): string {
  if (codebookId) return codebookRow(db, codebookId).id;
  const first = db.prepare('SELECT id FROM codebooks ORDER BY created_at, rowid LIMIT 1').get() as { id: string } | undefined;
  if (first) return first.id;
  if (!create) throw new DyadError('not-found', 'This project has no codebook yet: create a code first.');
  return insertCodebook(db, DEFAULT_CODEBOOK_NAME).id;
}

export function createCodebook(db: Db, name: string): Codebook {
  return undoable(db, `Create codebook ${quoted(name.trim())}`, () => insertCodebook(db, checkName(db, name)));
}

export function renameCodebook(db: Db, codebookId: string, name: string): Codebook {
  const cb = codebookRow(db, codebookId);
  return undoable(db, `Rename codebook ${quoted(cb.name)} to ${quoted(name.trim())}`, () => {
    const n = checkName(db, name, codebookId);
    db.prepare('UPDATE codebooks SET name = ? WHERE id = ?').run(n, codebookId);
    return { ...toCodebook(cb), name: n };
  });
}

interface CodebookDeletion {
  codebook: Codebook;
  deletedCodes: number;
  deletedCodings: number;
  deletedMemos: number;
}

export function deleteCodebook(db: Db, codebookId: string): CodebookDeletion {
  const cb = codebookRow(db, codebookId);
  return undoable(db, `Delete codebook ${quoted(cb.name)}`, () => {
    const codeIds = (db.prepare('SELECT id FROM codes WHERE codebook_id = ?').all(codebookId) as { id: string }[]).map((r) => r.id);
    const codingIds = codeIds.flatMap((c) => (db.prepare('SELECT id FROM codings WHERE code_id = ?').all(c) as { id: string }[]).map((r) => r.id));
    const deletedMemos = deleteMemosOn(db, 'coding', codingIds) + deleteMemosOn(db, 'code', codeIds);
    // Codes and codings go with the codebook (ON DELETE CASCADE), each logged for undo by its trigger.
    db.prepare('DELETE FROM codebooks WHERE id = ?').run(codebookId);
    return { codebook: toCodebook(cb), deletedCodes: codeIds.length, deletedCodings: codingIds.length, deletedMemos };
  });
}

/** Every code tree, level by level; a code deeper than MAX_CODE_DEPTH is refused with its depth. */
function checkTreeDepth(rows: CodeRow[], children: Map<string, CodeRow[]>): void {
  const ids = new Set(rows.map((r) => r.id));
  checkCodeDepth(
    rows.filter((r) => r.parent_id === null || !ids.has(r.parent_id)),
    (r) => children.get(r.id) ?? [],
  );
}

/**
 * Every codebook with its code tree (siblings in order) and how many codings each code carries; with a coder, also
 * how many of them are that coder's (`coderCounts`), in the same answer.
 */
export function listCodebooks(db: Db, options: { coderId?: string | null } = {}): CodebookTree[] {
  const books = (db.prepare('SELECT id, name, created_at FROM codebooks ORDER BY created_at, rowid').all() as CodebookRow[]).map(toCodebook);
  const rows = db.prepare('SELECT * FROM codes ORDER BY position, name COLLATE NOCASE').all() as CodeRow[];
  const coderId = options.coderId ?? null;
  // Two index-only counts (codings_code; codings_coder_code): one pass summing both would read every row.
  const tally = (sql: string, ...args: string[]) => new Map((db.prepare(sql).raw().all(...args) as [string, number][]).map(([code, n]) => [code, n]));
  const counts = tally('SELECT code_id, count(*) FROM codings GROUP BY code_id');
  const mine = coderId === null ? new Map<string, number>() : tally('SELECT code_id, count(*) FROM codings WHERE coder_id = ? GROUP BY code_id', coderId);
  const children = new Map<string, CodeRow[]>();
  for (const r of rows) {
    const key = r.parent_id ?? `book:${r.codebook_id}`;
    const list = children.get(key);
    if (list) list.push(r);
    else children.set(key, [r]);
  }
  // The tree is built by recursion, which is safe once its depth is known to be at most MAX_CODE_DEPTH: measured
  // first, without recursion, so a deeper tree (a hand-edited file) is refused with its depth named, never cut.
  checkTreeDepth(rows, children);
  const build = (r: CodeRow, parentPath: string | null): CodeNode => {
    const path = parentPath === null ? escapeCodeName(r.name) : `${parentPath}/${escapeCodeName(r.name)}`;
    const kids = (children.get(r.id) ?? []).map((c) => build(c, path));
    const own = counts.get(r.id) ?? 0;
    const node: CodeNode = { ...toCode(r, path), codingCount: own, totalCodingCount: own + kids.reduce((s, k) => s + k.totalCodingCount, 0), children: kids };
    if (coderId !== null) {
      const theirs = mine.get(r.id) ?? 0;
      node.coderCounts = { codingCount: theirs, totalCodingCount: theirs + kids.reduce((s, k) => s + (k.coderCounts?.totalCodingCount ?? 0), 0) };
    }
    return node;
  };
  return books.map((b) => {
    const codes = (children.get(`book:${b.id}`) ?? []).map((r) => build(r, null));
    const inBook = rows.filter((r) => r.codebook_id === b.id);
    return {
      ...b,
      codeCount: inBook.length,
      codingCount: inBook.reduce((s, r) => s + (counts.get(r.id) ?? 0), 0),
      ...(coderId !== null ? { coderCodingCount: inBook.reduce((s, r) => s + (mine.get(r.id) ?? 0), 0) } : {}),
      codes,
    };
  });
}

/** Codes: create, edit, nest and reorder, delete. Merge and split are in codeMerge.ts. */
import { DyadError } from '../../../shared/api/errors';
import { COLOR_PATTERN, normaliseColor, paletteColor } from '../../../shared/coding/colors';
import type { Code } from '../../../shared/coding/types';
import { MAX_CODE_DEPTH, codeTooDeep } from '../../../shared/coding/paths';
import { normaliseName } from '../../../shared/merge/normalise';
import type { Db } from '../database';
import { newId, now } from '../ids';
import { resolveCodebookId } from './codebooks';
import { deleteMemosOn } from './memoTargets';
import { codeAncestry, codebookRow, codePathOf, codeRow, descendantIds, getCode, quoted, subtreeHeight, type CodeRow } from './rows';
import { undoable } from './undo';

export interface CodeFields {
  color?: string;
  definition?: string;
  inclusion?: string;
  exclusion?: string;
  example?: string;
  shortcut?: string | null;
}

interface NewCode extends CodeFields {
  /** Omitted or null: the project's first codebook, created when there is none. */
  codebookId?: string | null;
  parentId?: string | null;
  name: string;
  /** Index among its siblings; omitted: last. */
  position?: number;
}

function where(db: Db, codebookId: string, parentId: string | null): string {
  const book = codebookRow(db, codebookId).name;
  if (!parentId) return `at the top of codebook "${book}"`;
  return `under "${codePathOf(db, codeRow(db, parentId))}" in codebook "${book}"`;
}

/**
 * The sibling of a place (codebook and parent) whose name is the same as `name` once spacing and case are ignored
 * (Unicode case folding: "Émotion" and "émotion" clash, as "Emotion" and "EMOTION" do), the way the merge compares
 * names (shared/merge/normalise.ts). SQLite's NOCASE folds ASCII only, so the comparison is made here.
 */
export function siblingNamed(db: Db, codebookId: string, parentId: string | null, name: string, exceptId: string | null = null): CodeRow | undefined {
  const n = normaliseName(name);
  const siblings = db.prepare("SELECT * FROM codes WHERE codebook_id = ? AND ifnull(parent_id, '') = ? AND id IS NOT ? ORDER BY position").all(codebookId, parentId ?? '', exceptId) as CodeRow[];
  return siblings.find((c) => normaliseName(c.name) === n);
}

/** Refuses a name already used by a sibling (case and spacing ignored), naming the clash. */
function checkSiblingName(db: Db, codebookId: string, parentId: string | null, name: string, exceptId: string | null = null): string {
  const n = name.trim();
  if (!n) throw new DyadError('invalid-input', 'A code needs a name.');
  const clash = siblingNamed(db, codebookId, parentId, n, exceptId);
  if (clash) throw new DyadError('conflict', `There is already a code named "${clash.name}" ${where(db, codebookId, parentId)}.`);
  return n;
}

function checkShortcut(db: Db, codebookId: string, shortcut: string | null | undefined, exceptId: string | null): string | null {
  const s = shortcut?.trim() || null;
  if (!s) return null;
  const clash = db
    .prepare('SELECT id FROM codes WHERE codebook_id = ? AND shortcut = ? COLLATE NOCASE AND id IS NOT ?')
    .get(codebookId, s, exceptId) as { id: string } | undefined;
  if (clash) throw new DyadError('conflict', `The shortcut ${s} already belongs to code "${codePathOf(db, codeRow(db, clash.id))}".`);
  return s;
}

function checkColor(color: string): string {
  if (!COLOR_PATTERN.test(color)) throw new DyadError('invalid-input', `"${color}" is not a colour: write it as #RRGGBB, e.g. #E69F00.`);
  return normaliseColor(color);
}

/** `levels`: how many levels the code placed under the parent spans (a moved code brings its sub-codes). */
function checkParent(db: Db, codebookId: string, parentId: string | null, levels = 1, name?: string): void {
  if (!parentId) return;
  const p = codeRow(db, parentId);
  if (p.codebook_id !== codebookId) throw new DyadError('invalid-input', `Code "${p.name}" is in another codebook; a code and its sub-codes share a codebook.`);
  const depth = codeAncestry(db, p).length + levels;
  if (depth > MAX_CODE_DEPTH) throw codeTooDeep(name ?? p.name, depth, 'invalid-input');
}

/** Places a code at `position` among its siblings (last when omitted) and renumbers the siblings 0..n-1. */
export function placeAmongSiblings(db: Db, codeId: string, codebookId: string, parentId: string | null, position?: number): void {
  const siblings = (
    db
      .prepare("SELECT id FROM codes WHERE codebook_id = ? AND ifnull(parent_id, '') = ? AND id != ? ORDER BY position, name COLLATE NOCASE")
      .all(codebookId, parentId ?? '', codeId) as { id: string }[]
  ).map((r) => r.id);
  const at = position === undefined ? siblings.length : Math.max(0, Math.min(position, siblings.length));
  siblings.splice(at, 0, codeId);
  renumber(db, siblings);
}

/** Gives codes the positions 0..n-1 in this order, touching only rows that change (each change is in the undo log). */
function renumber(db: Db, ids: readonly string[]): void {
  const get = db.prepare('SELECT position FROM codes WHERE id = ?');
  const set = db.prepare('UPDATE codes SET position = ? WHERE id = ?');
  ids.forEach((id, i) => {
    if ((get.get(id) as { position: number }).position !== i) set.run(i, id);
  });
}

export function renumberSiblings(db: Db, codebookId: string, parentId: string | null): void {
  const ids = (
    db
      .prepare("SELECT id FROM codes WHERE codebook_id = ? AND ifnull(parent_id, '') = ? ORDER BY position, name COLLATE NOCASE")
      .all(codebookId, parentId ?? '') as { id: string }[]
  ).map((r) => r.id);
  renumber(db, ids);
}

/** Inserts a code without opening an undo step (for use inside other operations). */
export function insertCode(db: Db, input: NewCode): Code {
  const codebookId = resolveCodebookId(db, input.codebookId, true);
  const parentId = input.parentId ?? null;
  checkParent(db, codebookId, parentId, 1, input.name);
  const name = checkSiblingName(db, codebookId, parentId, input.name);
  const shortcut = checkShortcut(db, codebookId, input.shortcut, null);
  const count = (db.prepare('SELECT count(*) AS n FROM codes WHERE codebook_id = ?').get(codebookId) as { n: number }).n;
  const id = newId();
  const t = now();
  db.prepare(
    `INSERT INTO codes (id, codebook_id, parent_id, name, color, definition, inclusion, exclusion, example, shortcut, position, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    codebookId,
    parentId,
    name,
    checkColor(input.color ?? paletteColor(count)),
    input.definition ?? '',
    input.inclusion ?? '',
    input.exclusion ?? '',
    input.example ?? '',
    shortcut,
    Number.MAX_SAFE_INTEGER,
    t,
    t,
  );
  placeAmongSiblings(db, id, codebookId, parentId, input.position);
  return getCode(db, id);
}

export function createCode(db: Db, input: NewCode): Code {
  return undoable(db, `Create code ${quoted(input.name.trim())}`, () => insertCode(db, input));
}

interface CodePatch extends CodeFields {
  name?: string;
}

/** Renames a code or changes its colour, definition, criteria, example or shortcut. */
export function updateCode(db: Db, codeId: string, patch: CodePatch): Code {
  const row = codeRow(db, codeId);
  const renaming = patch.name !== undefined && patch.name.trim() !== row.name;
  const label = renaming ? `Rename ${quoted(row.name)} to ${quoted(patch.name!.trim())}` : `Edit code ${quoted(row.name)}`;
  return undoable(db, label, () => {
    const next: CodeRow = {
      ...row,
      name: renaming ? checkSiblingName(db, row.codebook_id, row.parent_id, patch.name!, codeId) : row.name,
      color: patch.color !== undefined ? checkColor(patch.color) : row.color,
      definition: patch.definition ?? row.definition,
      inclusion: patch.inclusion ?? row.inclusion,
      exclusion: patch.exclusion ?? row.exclusion,
      example: patch.example ?? row.example,
      shortcut: patch.shortcut !== undefined ? checkShortcut(db, row.codebook_id, patch.shortcut, codeId) : row.shortcut,
    };
    const changed = (['name', 'color', 'definition', 'inclusion', 'exclusion', 'example', 'shortcut'] as const).some((k) => next[k] !== row[k]);
    if (changed) {
      db.prepare('UPDATE codes SET name = ?, color = ?, definition = ?, inclusion = ?, exclusion = ?, example = ?, shortcut = ?, updated_at = ? WHERE id = ?').run(
        next.name,
        next.color,
        next.definition,
        next.inclusion,
        next.exclusion,
        next.example,
        next.shortcut,
        now(),
        codeId,
      );
    }
    return getCode(db, codeId);
  });
}

/**
 * Moves a code (with its sub-codes) under a new parent (null: top level) at a position among its new siblings
 * (omitted: last). Moving within the same parent reorders. A code cannot move under itself or its sub-codes.
 */
export function moveCode(db: Db, codeId: string, parentId: string | null, position?: number): Code {
  const row = codeRow(db, codeId);
  const target = parentId ? codeRow(db, parentId) : null;
  const label = target ? `Move ${quoted(row.name)} under ${quoted(target.name)}` : `Move ${quoted(row.name)} to the top level`;
  return undoable(db, label, () => {
    if (target) {
      if (target.id === codeId || descendantIds(db, codeId).includes(target.id)) {
        throw new DyadError('invalid-input', `Code "${row.name}" cannot move under itself or one of its own sub-codes ("${target.name}").`);
      }
      checkParent(db, row.codebook_id, target.id, subtreeHeight(db, codeId), row.name);
    }
    const newParent = target?.id ?? null;
    if (newParent !== row.parent_id) {
      checkSiblingName(db, row.codebook_id, newParent, row.name, codeId);
      db.prepare('UPDATE codes SET parent_id = ?, updated_at = ? WHERE id = ?').run(newParent, now(), codeId);
      renumberSiblings(db, row.codebook_id, row.parent_id);
    }
    placeAmongSiblings(db, codeId, row.codebook_id, newParent, position);
    return getCode(db, codeId);
  });
}

interface CodeUsage {
  codingCount: number;
  subCodeCount: number;
  /** Codings of the sub-codes (at every depth). */
  subCodeCodingCount: number;
  memoCount: number;
}

/** What deleting a code would take with it: shown before the researcher confirms. */
export function codeUsage(db: Db, codeId: string): CodeUsage {
  codeRow(db, codeId);
  const subs = descendantIds(db, codeId);
  const codings = (id: string) => (db.prepare('SELECT count(*) AS n FROM codings WHERE code_id = ?').get(id) as { n: number }).n;
  const memos = db.prepare("SELECT count(*) AS n FROM memos WHERE (target_kind = 'code' AND target_id = ?) OR (target_kind = 'coding' AND target_id IN (SELECT id FROM codings WHERE code_id = ?))");
  return {
    codingCount: codings(codeId),
    subCodeCount: subs.length,
    subCodeCodingCount: subs.reduce((s, id) => s + codings(id), 0),
    memoCount: [codeId, ...subs].reduce((s, id) => s + (memos.get(id, id) as { n: number }).n, 0),
  };
}

interface CodeDeletion {
  code: Code;
  /** Codings of the code itself. */
  deletedCodings: number;
  deletedSubCodes: number;
  /** Codings of its sub-codes. */
  deletedSubCodeCodings: number;
  deletedMemos: number;
}

/** Deletes a code with its sub-codes, their codings and the memos on them: one undoable step. */
export function deleteCode(db: Db, codeId: string): CodeDeletion {
  const code = getCode(db, codeId);
  return undoable(db, `Delete code ${quoted(code.name)}`, () => {
    const usage = codeUsage(db, codeId);
    const all = [codeId, ...descendantIds(db, codeId)];
    const codingIds = all.flatMap((c) => (db.prepare('SELECT id FROM codings WHERE code_id = ?').all(c) as { id: string }[]).map((r) => r.id));
    const deletedMemos = deleteMemosOn(db, 'coding', codingIds) + deleteMemosOn(db, 'code', all);
    db.prepare('DELETE FROM codes WHERE id = ?').run(codeId); // sub-codes and codings cascade, each logged by its trigger
    renumberSiblings(db, code.codebookId, code.parentId);
    return {
      code,
      deletedCodings: usage.codingCount,
      deletedSubCodes: usage.subCodeCount,
      deletedSubCodeCodings: usage.subCodeCodingCount,
      deletedMemos,
    };
  });
}

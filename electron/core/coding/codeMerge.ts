/** Merging codes into one and splitting codings off into a new code. Nothing coded is lost on the way. */
import { DyadError } from '../../../shared/api/errors';
import type { Code } from '../../../shared/coding/types';
import type { Db } from '../database';
import { now } from '../ids';
import { insertCode, placeAmongSiblings, renumberSiblings, siblingNamed, type CodeFields } from './codes';
import { retargetMemos } from './memoTargets';
import { codeRow, descendantIds, getCode, quoted, type CodeRow } from './rows';
import { undoable } from './undo';

interface MergeResult {
  /** The code that remains. */
  code: Code;
  /** Codings that now carry the remaining code. */
  movedCodings: number;
  /** Codings dropped because the remaining code already had the same passage by the same coder. */
  collapsedDuplicates: number;
  /** Sub-codes moved under the remaining code. */
  movedSubCodes: number;
  /** Sub-codes merged into a same-named sub-code of the remaining code. */
  mergedSubCodes: number;
  /** Memos moved to the remaining code or to the coding that absorbed a duplicate. */
  movedMemos: number;
}

/**
 * Merges `sourceId` into `targetId`: its codings move to the target (a coding that would duplicate one of the
 * target's, same interview, coder and span, is collapsed into it and counted), its memos follow, its sub-codes move
 * under the target (one whose name a sub-code of the target already has is merged into that one, recursively),
 * and the source is deleted. The target keeps its own name, colour, definition and shortcut. One undoable step.
 */
export function mergeCodes(db: Db, sourceId: string, targetId: string): MergeResult {
  const source = codeRow(db, sourceId);
  const target = codeRow(db, targetId);
  if (sourceId === targetId) throw new DyadError('invalid-input', `A code cannot be merged into itself ("${source.name}").`);
  if (source.codebook_id !== target.codebook_id) {
    throw new DyadError('invalid-input', `"${source.name}" and "${target.name}" are in different codebooks; merge codes of one codebook.`);
  }
  if (descendantIds(db, sourceId).includes(targetId)) {
    throw new DyadError('invalid-input', `"${source.name}" cannot be merged into its own sub-code "${target.name}"; move the sub-code out first.`);
  }
  return undoable(db, `Merge ${quoted(source.name)} into ${quoted(target.name)}`, () => {
    const r = { movedCodings: 0, collapsedDuplicates: 0, movedSubCodes: 0, mergedSubCodes: 0, movedMemos: 0 };
    mergeInto(db, source, target, r);
    db.prepare('UPDATE codes SET updated_at = ? WHERE id = ?').run(now(), targetId);
    return { code: getCode(db, targetId), ...r };
  });
}

function mergeInto(db: Db, source: CodeRow, target: CodeRow, r: Omit<MergeResult, 'code'>): void {
  // The source is going; its name must not clash with its own sub-codes moving up beside it (merging a code into
  // its parent), so it steps aside first. Undo restores the name with everything else.
  db.prepare('UPDATE codes SET name = id WHERE id = ?').run(source.id);
  const twin = db.prepare('SELECT id FROM codings WHERE interview_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?');
  const codings = db.prepare('SELECT id, interview_id, coder_id, start, "end" FROM codings WHERE code_id = ?').all(source.id) as {
    id: string;
    interview_id: string;
    coder_id: string;
    start: number;
    end: number;
  }[];
  for (const c of codings) {
    const dup = twin.get(c.interview_id, target.id, c.coder_id, c.start, c.end) as { id: string } | undefined;
    if (dup) {
      r.movedMemos += retargetMemos(db, 'coding', c.id, dup.id);
      db.prepare('DELETE FROM codings WHERE id = ?').run(c.id);
      r.collapsedDuplicates++;
    } else {
      db.prepare('UPDATE codings SET code_id = ? WHERE id = ?').run(target.id, c.id);
      r.movedCodings++;
    }
  }
  r.movedMemos += retargetMemos(db, 'code', source.id, target.id);
  const children = db.prepare('SELECT * FROM codes WHERE parent_id = ? ORDER BY position, name COLLATE NOCASE').all(source.id) as CodeRow[];
  for (const child of children) {
    const same = siblingNamed(db, target.codebook_id, target.id, child.name, child.id);
    if (same && same.id !== child.id) {
      mergeInto(db, child, same, r);
      r.mergedSubCodes++;
    } else {
      db.prepare('UPDATE codes SET parent_id = ? WHERE id = ?').run(target.id, child.id);
      placeAmongSiblings(db, child.id, target.codebook_id, target.id);
      r.movedSubCodes++;
    }
  }
  db.prepare('DELETE FROM codes WHERE id = ?').run(source.id);
  renumberSiblings(db, source.codebook_id, source.parent_id);
}

interface SplitInput extends CodeFields {
  codeId: string;
  /** Codings of `codeId` to move to the new code. */
  codingIds: string[];
  /** Name of the new code. */
  name: string;
  /** Where the new code goes: omitted, beside the code being split; null, the top level. */
  parentId?: string | null;
}

interface SplitResult {
  code: Code;
  movedCodings: number;
}

/** Moves chosen codings of a code to a new code: one undoable step. */
export function splitCode(db: Db, input: SplitInput): SplitResult {
  const source = codeRow(db, input.codeId);
  const ids = [...new Set(input.codingIds)];
  if (!ids.length) throw new DyadError('invalid-input', `Choose the codings of "${source.name}" to move to the new code.`);
  const owner = db.prepare('SELECT code_id FROM codings WHERE id = ?');
  for (const id of ids) {
    const row = owner.get(id) as { code_id: string } | undefined;
    if (!row) throw new DyadError('not-found', `No coding with id ${id} in this project.`);
    if (row.code_id !== source.id) throw new DyadError('invalid-input', `Coding ${id} is not coded "${source.name}", so it cannot be split off from it.`);
  }
  return undoable(db, `Split ${quoted(input.name.trim())} off ${quoted(source.name)}`, () => {
    const code = insertCode(db, {
      codebookId: source.codebook_id,
      parentId: input.parentId === undefined ? source.parent_id : input.parentId,
      name: input.name,
      color: input.color,
      definition: input.definition,
      inclusion: input.inclusion,
      exclusion: input.exclusion,
      example: input.example,
      shortcut: input.shortcut,
      position: input.parentId === undefined ? source.position + 1 : undefined,
    });
    const move = db.prepare('UPDATE codings SET code_id = ? WHERE id = ?');
    for (const id of ids) move.run(code.id, id);
    return { code, movedCodings: ids.length };
  });
}

/** Finding codes by path ("Rupture/Withdrawal"; syntax in shared/coding/paths.ts), case-insensitively. */
import { DyadError } from '../../../shared/api/errors';
import { formatCodePath, parseCodePath } from '../../../shared/coding/paths';
import type { Code } from '../../../shared/coding/types';
import type { Db } from '../database';
import { resolveCodebookId } from './codebooks';
import { insertCode } from './codes';
import { codebookRow, getCode } from './rows';
import { undoable } from './undo';

/** The code at `path`, or null when some part of it does not exist. Null codebook: the project's first. */
export function findCodeByPath(db: Db, codebookId: string | null, path: string): Code | null {
  const names = parseCodePath(path);
  let bookId: string;
  try {
    bookId = resolveCodebookId(db, codebookId, false);
  } catch (e) {
    if (e instanceof DyadError && e.kind === 'not-found' && !codebookId) return null;
    throw e;
  }
  const child = db.prepare("SELECT id FROM codes WHERE codebook_id = ? AND ifnull(parent_id, '') = ? AND name = ? COLLATE NOCASE");
  let parent: string | null = null;
  for (const n of names) {
    const row = child.get(bookId, parent ?? '', n) as { id: string } | undefined;
    if (!row) return null;
    parent = row.id;
  }
  return getCode(db, parent!);
}

/**
 * The code at `path`. Without `create`, a missing part is an error that names it; with `create`, missing codes
 * are made (one undoable step, together with the project's first codebook if there is none).
 */
export function resolveCodePath(db: Db, codebookId: string | null, path: string, options: { create?: boolean } = {}): Code {
  const names = parseCodePath(path);
  const found = findCodeByPath(db, codebookId, path);
  if (found) return found;
  if (!options.create) {
    const bookId = resolveCodebookId(db, codebookId, false);
    const book = codebookRow(db, bookId).name;
    let i = 0;
    while (i < names.length && findCodeByPath(db, bookId, formatCodePath(names.slice(0, i + 1)))) i++;
    const where = i === 0 ? 'at the top' : `under "${formatCodePath(names.slice(0, i))}"`;
    throw new DyadError('not-found', `No code "${names[i]}" ${where} in codebook "${book}".`);
  }
  return undoable(db, `Create code '${formatCodePath(names)}'`, () => {
    const bookId = resolveCodebookId(db, codebookId, true);
    let parentId: string | null = null;
    let code: Code | null = null;
    for (let i = 0; i < names.length; i++) {
      code = findCodeByPath(db, bookId, formatCodePath(names.slice(0, i + 1))) ?? insertCode(db, { codebookId: bookId, parentId, name: names[i]! });
      parentId = code.id;
    }
    return code!;
  });
}

/**
 * Two codes of the same name under the same parent (two leads' namesakes, one moved to the top when its parent was
 * deleted, one renamed or moved beside the other): one takes its short id, "Hope (2a8e)". Which one must not depend
 * on the order they met in, since replicas meet them in different orders (a deletion applied here before the
 * other's code arrives, there after): of the two, the one with the greater id takes it, whichever was there first.
 */
import type { Db } from '../core/database';
import { stmt } from './statements';

/** A sibling of the same name (case-insensitive) under the same parent, other than `id`. */
export function sameNamedSibling(db: Db, row: Record<string, unknown>): { id: string; name: string } | null {
  const r = stmt(db, "SELECT id, name FROM codes WHERE codebook_id = ? AND ifnull(parent_id, '') = ifnull(?, '') AND name = ? COLLATE NOCASE AND id <> ?").get(
    row.codebook_id as string,
    (row.parent_id as string | null) ?? null,
    row.name as string,
    row.id as string,
  ) as { id: string; name: string } | undefined;
  return r ?? null;
}

const withShortId = (name: string, id: string) => `${name} (${id.slice(0, 4)})`;

/**
 * The code `row`, about to be written, with a name free among its siblings: when a sibling has its name, the greater
 * id of the two takes its short id (the sibling is renamed here when it is that one).
 */
export function freeName(db: Db, row: Record<string, unknown>): Record<string, unknown> {
  const twin = sameNamedSibling(db, row);
  if (!twin) return row;
  if (twin.id < (row.id as string)) return { ...row, name: withShortId(row.name as string, row.id as string) };
  stmt(db, 'UPDATE codes SET name = ? WHERE id = ?').run(withShortId(twin.name, twin.id), twin.id);
  return row;
}

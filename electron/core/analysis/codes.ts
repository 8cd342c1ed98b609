/** The project's codes as a tree (read-only), for paths, subcodes and the command line's code paths. */
import { CodeTree, type CodeNode } from '../../../shared/analysis/codes';
import type { Db } from '../database';

export function loadCodeTree(db: Db): CodeTree {
  const rows = db
    .prepare(
      `SELECT c.id, c.codebook_id, b.name AS codebook_name, c.parent_id, c.name, c.position
       FROM codes c JOIN codebooks b ON b.id = c.codebook_id`,
    )
    .all() as { id: string; codebook_id: string; codebook_name: string; parent_id: string | null; name: string; position: number }[];
  const nodes: CodeNode[] = rows.map((r) => ({
    id: r.id,
    codebookId: r.codebook_id,
    codebookName: r.codebook_name,
    parentId: r.parent_id,
    name: r.name,
    position: r.position,
  }));
  return new CodeTree(nodes);
}

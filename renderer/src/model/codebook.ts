import type { CodeNode, CodebookTree } from '../../../shared/coding/types';

/** The code of that id in any of the codebooks, at any depth; null when it is gone (deleted, merged, undone). */
export function codeById(books: readonly CodebookTree[], id: string): CodeNode | null {
  const walk = (codes: readonly CodeNode[]): CodeNode | null => {
    for (const c of codes) {
      if (c.id === id) return c;
      const hit = walk(c.children);
      if (hit) return hit;
    }
    return null;
  };
  for (const b of books) {
    const hit = walk(b.codes);
    if (hit) return hit;
  }
  return null;
}

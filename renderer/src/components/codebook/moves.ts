import type { CodeNode } from '../../../../shared/coding/types';
import { codeById } from '../../model/codebook';
import { subtreeIds } from '../coding/model/codeList';
import type { DropZone } from './dnd';

interface MoveArgs {
  parentId: string | null;
  position?: number;
}

/** The siblings of a code (its parent's children, or the top level). */
export function siblingsOf(top: readonly CodeNode[], code: CodeNode): readonly CodeNode[] {
  if (!code.parentId) return top;
  const walk = (list: readonly CodeNode[]): readonly CodeNode[] | null => {
    for (const c of list) {
      if (c.id === code.parentId) return c.children;
      const hit = walk(c.children);
      if (hit) return hit;
    }
    return null;
  };
  return walk(top) ?? top;
}

/**
 * What codes.move needs to put `draggedId` before, after or under `target`. The core places a code at
 * `position` among its new siblings not counting itself. Null when the move is impossible (onto itself or into
 * its own sub-codes).
 */
export function moveFor(top: readonly CodeNode[], draggedId: string, target: CodeNode, zone: DropZone): MoveArgs | null {
  const dragged = findIn(top, draggedId);
  if (!dragged || subtreeIds(dragged).includes(target.id)) return null;
  if (zone === 'inside') return { parentId: target.id };
  const list = siblingsOf(top, target).filter((c) => c.id !== draggedId);
  const i = list.findIndex((c) => c.id === target.id);
  return { parentId: target.parentId, position: zone === 'before' ? i : i + 1 };
}

function findIn(top: readonly CodeNode[], id: string): CodeNode | null {
  return codeById([{ id: '', name: '', createdAt: '', codeCount: 0, codingCount: 0, codes: [...top] }], id);
}

/** Where the floating "Code… / In vivo" bubble goes, so it never covers what the researcher is reading. */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const GAP = 6;

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Above the selection's first line; where that leaves the list, below its last line with one line left free
 * (the next line stays readable). A place that would hide a search hit gives way to the other one. Null when
 * the selection is scrolled out of the list.
 */
export function placeBubble(
  lines: readonly Box[],
  list: Box,
  size: { width: number; height: number },
  avoid: readonly Box[] = [],
  /** The selection's column: the bubble stays inside it, off the other side's text. */
  column: Box = list,
): { x: number; y: number } | null {
  if (!lines.length) return null;
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  if (last.bottom < list.top + 4 || first.top > list.bottom - 4) return null;
  const x = Math.max(column.left + 4, Math.min(first.left, column.right - size.width - 4));
  const lineHeight = Math.max(12, last.bottom - last.top);
  const above = { x, y: first.top - size.height - GAP };
  const below = { x, y: last.bottom + lineHeight + GAP };
  const fits = (p: { x: number; y: number }) => p.y >= list.top + 2 && p.y + size.height <= list.bottom - 2;
  const clear = (p: { x: number; y: number }) => {
    const b = { left: p.x, top: p.y, right: p.x + size.width, bottom: p.y + size.height };
    return !avoid.some((a) => overlaps(a, b)) && !lines.some((l) => overlaps(l, b));
  };
  const candidates = [above, below].filter(fits);
  const best = candidates.find(clear) ?? candidates[0];
  if (best) return best;
  // A selection taller than the list: the top edge of the list, over text already read.
  return { x, y: Math.max(list.top + 2, Math.min(above.y, list.bottom - size.height - 2)) };
}

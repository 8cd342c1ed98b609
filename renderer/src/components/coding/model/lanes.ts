/** A coding's vertical extent in its cell, measured from the rendered marks (px from the cell's top). */
interface Extent {
  id: string;
  top: number;
  bottom: number;
  /** Stripes of one group sit together (side-by-side coders); '' when not grouped. */
  group: string;
}

export interface Stripe extends Extent {
  /** 0-based lane across the whole margin (groups take consecutive lanes). */
  lane: number;
}

const SPACING = 3;

/**
 * Puts each coding's stripe in the first lane (of its group) where it overlaps no other stripe vertically
 * (interval partitioning, greedy by top), so overlapping codings stand side by side and the margin stays narrow.
 */
export function assignLanes(extents: readonly Extent[], groupOrder: readonly string[] = []): { stripes: Stripe[]; lanes: number; groupStarts: Map<string, number> } {
  const groups = new Map<string, Extent[]>();
  for (const e of extents) {
    const list = groups.get(e.group);
    if (list) list.push(e);
    else groups.set(e.group, [e]);
  }
  const order = [...groupOrder.filter((g) => groups.has(g)), ...[...groups.keys()].filter((g) => !groupOrder.includes(g)).sort()];
  const stripes: Stripe[] = [];
  const groupStarts = new Map<string, number>();
  let base = 0;
  for (const g of order) {
    const items = [...groups.get(g)!].sort((a, b) => a.top - b.top || b.bottom - a.bottom || (a.id < b.id ? -1 : 1));
    const laneEnds: number[] = [];
    for (const e of items) {
      let lane = laneEnds.findIndex((end) => end + SPACING <= e.top);
      if (lane < 0) {
        lane = laneEnds.length;
        laneEnds.push(e.bottom);
      } else laneEnds[lane] = e.bottom;
      stripes.push({ ...e, lane: base + lane });
    }
    groupStarts.set(g, base);
    base += laneEnds.length;
  }
  return { stripes, lanes: base, groupStarts };
}

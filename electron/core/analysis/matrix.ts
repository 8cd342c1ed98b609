/**
 * Code matrices: for each code, the number of codings and of distinct recall moments coded, per interview role or
 * per dyad. A coding that spans two moments counts once as a coding and marks both moments; with subcodes
 * included, a moment coded by a code and its subcode counts once for the code.
 */
import { unitsOverlapping } from '../../../shared/analysis/intervals';
import type { Db } from '../database';
import { loadCodeTree } from './codes';
import { groupByInterview, loadCodingSpans } from './codings';
import { coderFilter, resolveScope, type ScopeFilter } from './scope';
import { loadUnits } from './units';

export interface MatrixInput extends ScopeFilter {
  columns: 'role' | 'dyad';
  codeIds?: string[] | undefined;
  coderIds?: string[] | undefined;
  includeSubcodes?: boolean | undefined;
}

export interface MatrixCell {
  codings: number;
  moments: number;
}

interface MatrixResult {
  columns: { key: string; label: string }[];
  rows: { codeId: string; codePath: string; parentId: string | null; depth: number; cells: MatrixCell[]; total: MatrixCell }[];
}

export function codeMatrix(db: Db, input: MatrixInput): MatrixResult {
  const tree = loadCodeTree(db);
  const rowCodes = input.codeIds?.length ? orderLike(tree.ordered().map((c) => c.id), input.codeIds.map((id) => tree.get(id).id)) : tree.ordered().map((c) => c.id);
  const rowIndex = new Map(rowCodes.map((id, k) => [id, k]));
  const sub = input.includeSubcodes ?? false;
  const reportOf = new Map<string, number[]>();
  const own = new Set<string>();
  for (const id of rowCodes) for (const d of sub ? tree.withDescendants(id) : [id]) own.add(d);
  for (const id of own) reportOf.set(id, (sub ? tree.withAncestors(id) : [id]).filter((a) => rowIndex.has(a)).map((a) => rowIndex.get(a)!));

  const scope = resolveScope(db, input);
  const coders = coderFilter(db, input.coderIds);
  const columns =
    input.columns === 'role'
      ? (['client', 'therapist', 'other'] as const)
          .filter((r) => r !== 'other' || scope.interviews.some((i) => i.role === 'other'))
          .map((r) => ({ key: r, label: r }))
      : [...new Map(scope.interviews.map((i) => [i.dyadId, { key: i.dyadId, label: i.dyadName }])).values()];
  const columnIndex = new Map(columns.map((c, k) => [c.key, k]));
  const columnOf = (iv: string) => {
    const m = scope.byId.get(iv)!;
    return columnIndex.get(input.columns === 'role' ? m.role : m.dyadId)!;
  };

  const spans = loadCodingSpans(db, input.codeIds?.length ? [...own] : null, coders, new Set(scope.byId.keys())).filter((s) => reportOf.has(s.codeId));
  const units = loadUnits(db, [...new Set(spans.map((s) => s.interviewId))].map((iv) => scope.byId.get(iv)!));
  const cells = rowCodes.map(() => columns.map(() => ({ codings: 0, moments: 0 })));
  for (const [iv, list] of groupByInterview(spans)) {
    const col = columnOf(iv);
    const ivUnits = units.get(iv)?.units ?? [];
    const marked = new Map<number, Set<number>>();
    for (const s of list) {
      const rows = reportOf.get(s.codeId)!;
      for (const r of rows) cells[r]![col]!.codings += s.starts.length;
      for (let k = 0; k < s.starts.length; k++) {
        const hit = unitsOverlapping(ivUnits, { start: s.starts[k]!, end: s.ends[k]! });
        if (!hit.length) continue;
        for (const r of rows) {
          let set = marked.get(r);
          if (!set) marked.set(r, (set = new Set()));
          for (const u of hit) set.add(u);
        }
      }
    }
    for (const [r, set] of marked) cells[r]![col]!.moments += set.size;
  }
  return {
    columns,
    rows: rowCodes.map((id, r) => ({
      codeId: id,
      codePath: tree.path(id),
      parentId: tree.get(id).parentId,
      depth: tree.depth(id),
      cells: cells[r]!,
      total: cells[r]!.reduce((t, c) => ({ codings: t.codings + c.codings, moments: t.moments + c.moments }), { codings: 0, moments: 0 }),
    })),
  };
}

/** The ids of `subset` in the order they have in `order` (codebook order), without repeats. */
export function orderLike(order: readonly string[], subset: readonly string[]): string[] {
  const want = new Set(subset);
  return order.filter((id) => want.has(id));
}

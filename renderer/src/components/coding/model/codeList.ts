import type { CodeNode } from '../../../../../shared/coding/types';

export interface FlatCode {
  code: CodeNode;
  depth: number;
  /** Names from the top, for display ("Rupture › Withdrawal"). */
  trail: string[];
}

/** The codebook's codes in tree order, each with its depth and ancestry. */
export function flattenCodes(codes: readonly CodeNode[], depth = 0, trail: string[] = [], out: FlatCode[] = []): FlatCode[] {
  for (const c of codes) {
    const t = [...trail, c.name];
    out.push({ code: c, depth, trail: t });
    flattenCodes(c.children, depth + 1, t, out);
  }
  return out;
}

/** The code and every code below it. */
export function subtreeIds(code: CodeNode): string[] {
  return [code.id, ...code.children.flatMap(subtreeIds)];
}

/**
 * Codes matching what was typed in the palette, best first: a name that starts with the query, then a word of the
 * name that does, then the name or path containing it. Every word typed must match somewhere (name or path).
 */
export function rankCodes(flat: readonly FlatCode[], query: string): FlatCode[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...flat];
  const words = q.split(/\s+/);
  const scored: { f: FlatCode; score: number; i: number }[] = [];
  flat.forEach((f, i) => {
    const name = f.code.name.toLowerCase();
    const path = f.trail.join(' / ').toLowerCase();
    if (!words.every((w) => path.includes(w))) return;
    let score = 4;
    if (name === q) score = 0;
    else if (name.startsWith(q)) score = 1;
    else if (name.split(/[\s/-]+/).some((w) => w.startsWith(words[0]!))) score = 2;
    else if (name.includes(q)) score = 3;
    scored.push({ f, score, i });
  });
  return scored.sort((a, b) => a.score - b.score || a.i - b.i).map((s) => s.f);
}

/** "Rupture/Withdrawal" → "Rupture › Withdrawal" (escaped slashes stay in their names). */
export function pathLabel(path: string): string {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === '\\' && (path[i + 1] === '/' || path[i + 1] === '\\')) cur += path[++i];
    else if (c === '/') {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts.join(' › ');
}

import { DyadError } from '../domain/errors';

/**
 * Code paths name a code by its ancestry: `Rupture/Withdrawal` is the code "Withdrawal" under "Rupture".
 * A '/' inside a name is written '\/' and a backslash '\\' ("Self\/other" is one code named "Self/other").
 * A backslash before any other character stands for itself. Parts are trimmed; empty parts are refused.
 */

/**
 * How deep codes may nest. Dyad's codebook panel and code paths show a hundred levels (real codebooks have fewer
 * than ten): a code is not made or moved deeper, and a project file holding a deeper tree (edited by hand, say)
 * is refused with the depth named wherever the tree is read, rather than shown cut or overflowing the stack.
 */
export const MAX_CODE_DEPTH = 100;

/**
 * Walks a code tree level by level from its top codes (no recursion, so any depth is measured); a tree deeper than
 * MAX_CODE_DEPTH is refused naming its deepest code and that code's depth.
 */
export function checkCodeDepth<C extends { name: string }>(top: C[], childrenOf: (code: C) => C[]): void {
  const below = (codes: C[]) => codes.flatMap(childrenOf);
  let level = top;
  for (let depth = 1; level.length; depth++) {
    if (depth > MAX_CODE_DEPTH) {
      // Gone on to the bottom, so that the message names the deepest code and its depth.
      for (let next = below(level); next.length; next = below(level)) {
        level = next;
        depth++;
      }
      throw codeTooDeep(level[0]!.name, depth);
    }
    level = below(level);
  }
}

/** The refusal for a code tree deeper than MAX_CODE_DEPTH: names the code and how deep it sits. */
export function codeTooDeep(name: string, depth: number, kind: 'invalid-input' | 'bad-file' = 'bad-file'): DyadError {
  const where = kind === 'bad-file' ? 'This project has' : 'That would make';
  return new DyadError(
    kind,
    `${where} the code "${name}" nested ${depth.toLocaleString('en')} levels deep; Dyad works with codebooks up to ${MAX_CODE_DEPTH} levels deep.`
  );
}

export function escapeCodeName(name: string): string {
  return name.replace(/[\\/]/g, (c) => `\\${c}`);
}

export function formatCodePath(names: readonly string[]): string {
  return names.map(escapeCodeName).join('/');
}

export function parseCodePath(path: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === '\\' && (path[i + 1] === '/' || path[i + 1] === '\\')) {
      cur += path[++i];
    } else if (c === '/') {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  const trimmed = parts.map((p) => p.trim());
  if (trimmed.some((p) => !p)) {
    throw new DyadError('invalid-input', `The code path "${path}" has an empty part. Write it as Parent/Child; a "/" inside a name is written "\\/".`);
  }
  return trimmed;
}

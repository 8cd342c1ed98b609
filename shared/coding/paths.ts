import { DyadError } from '../domain/errors';

/**
 * Code paths name a code by its ancestry: `Rupture/Withdrawal` is the code "Withdrawal" under "Rupture".
 * A '/' inside a name is written '\/' and a backslash '\\' ("Self\/other" is one code named "Self/other").
 * A backslash before any other character stands for itself. Parts are trimmed; empty parts are refused.
 */

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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../core/paths';

let cached: string | null = null;

/** "Dyad 0.1.0": Project@origin and CodeBook@origin of what Dyad writes. */
export function dyadOrigin(): string {
  if (cached) return cached;
  let version = '';
  try {
    version = (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '';
  } catch {
    /* a build without package.json still writes a usable origin */
  }
  return (cached = version ? `Dyad ${version}` : 'Dyad');
}

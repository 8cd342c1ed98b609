import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/**
 * The folder that holds Dyad's package.json (and so migrations/, demo/, build/renderer/). Found by walking up
 * from this module, so it is right whether the code runs from source (tsx, Vitest), from the esbuild bundle in
 * build/electron/, or from inside a packaged app.asar.
 */
export function appRoot(): string {
  if (cached) return cached;
  if (process.env.DYAD_APP_ROOT) return (cached = process.env.DYAD_APP_ROOT);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'dyad') return (cached = dir);
      } catch {
        /* not ours; keep walking */
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('Dyad could not find its own files (package.json named "dyad").');
    dir = up;
  }
}

export const migrationsDir = (): string => join(appRoot(), 'migrations');
export const demoDir = (): string => join(appRoot(), 'demo');
export const rendererDistDir = (): string => join(appRoot(), 'build', 'renderer');

import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const rendererOut = join(root, 'build', 'renderer');

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let latest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules') continue;
    latest = Math.max(latest, newest(join(path, name)));
  }
  return latest;
}

/**
 * Builds the renderer with Vite (programmatically, once) when build/renderer is missing or older than the
 * renderer's sources, so the e2e tests always drive the UI as it is in the working tree.
 */
export async function ensureRendererBuilt(): Promise<{ built: boolean; ms: number }> {
  const index = join(rendererOut, 'index.html');
  const sources = Math.max(newest(join(root, 'renderer')), newest(join(root, 'shared')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return { built: false, ms: 0 };
  const started = performance.now();
  const { build } = await import('vite');
  // Build beside the old output and swap the folders, so another test run serving build/renderer at this moment
  // sees the old UI or the new one, never a half-emptied folder.
  const fresh = `${rendererOut}.${process.pid}.new`;
  const stale = `${rendererOut}.${process.pid}.old`;
  await build({ configFile: join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: fresh, emptyOutDir: true } });
  if (existsSync(rendererOut)) renameSync(rendererOut, stale);
  renameSync(fresh, rendererOut);
  rmSync(stale, { recursive: true, force: true });
  return { built: true, ms: Math.round(performance.now() - started) };
}

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
  // Vitest sets NODE_ENV=test, and Vite bakes whatever NODE_ENV says into the bundle: React's development build
  // (several times slower) would be what the tests time. Build what `npm run build` ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(root, 'renderer', 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: fresh, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  if (existsSync(rendererOut)) renameSync(rendererOut, stale);
  renameSync(fresh, rendererOut);
  rmSync(stale, { recursive: true, force: true });
  return { built: true, ms: Math.round(performance.now() - started) };
}

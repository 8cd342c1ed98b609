import { join } from 'node:path';

/**
 * Where the Electron build of better-sqlite3 is (docs/native-module.md). node_modules keeps the Node build for
 * tests, the command line and the server; the app loads its own copy through better-sqlite3's `nativeBinding`.
 *
 * Packaged: `resources/native/better_sqlite3.node` (electron-builder's extraResources). From source: the copy
 * scripts/electron-native.mjs built, unless start.mjs named one. A packaged app ignores the environment, so
 * nobody loads other native code into it by setting a variable.
 */
export const NATIVE_DIR = '.electron-native';
export const NATIVE_FILE = 'better_sqlite3.node';

export function nativeBindingPath(o: {
  isPackaged: boolean;
  resourcesPath: string;
  appRoot: string;
  electronVersion: string;
  env: Record<string, string | undefined>;
}): string {
  if (o.isPackaged) return join(o.resourcesPath, 'native', NATIVE_FILE);
  const named = o.env.DYAD_NATIVE_BINDING;
  if (named) return named;
  return join(o.appRoot, NATIVE_DIR, o.electronVersion, NATIVE_FILE);
}

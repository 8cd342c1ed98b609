/**
 * The built interface's files for `dyad serve`, kept in memory once read. Opening a project fetches about twenty
 * of them at once; read from the disk each time, each went through libuv's four-thread pool (open, read, close)
 * while the same event loop answered the navigator's calls, and on a loaded machine the page waited longer for
 * its own script than for the project (issue 17: page load → navigator shown ≤ 150 ms).
 *
 * A file is read again when its size or modification time changed (a rebuild swaps the folder under a running
 * server), so a cached copy is never older than the file. Vite's output under assets/ carries a hash of its
 * content in its name (`render-BoVRg0cw.js`): the same name is the same bytes forever, so the browser may keep
 * it ("immutable") and a second window or a reload asks nothing for it. index.html names those files and changes
 * with every build: it is asked for each time.
 */
import { readFileSync, statSync } from 'node:fs';

interface StaticFile {
  body: Buffer;
  /** Content addressed: the browser may keep it for good. */
  immutable: boolean;
}

interface Kept extends StaticFile {
  size: number;
  mtimeMs: number;
}

/** `name-HASH.ext` under assets/, as Vite writes them (the hash is 8 characters of [A-Za-z0-9_-]). */
const HASHED = /(^|[\\/])assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/u;

/** Above this, a file is streamed from the disk as before instead of kept (a stray large file in the folder). */
const MAX_KEPT_BYTES = 4 * 1024 * 1024;

export function staticFiles(): (path: string) => StaticFile | null {
  const kept = new Map<string, Kept>();
  return (path) => {
    // A hashed file once kept is its bytes forever: no look at the disk (a synchronous stat on the event loop).
    const known = kept.get(path);
    if (known?.immutable) return known;
    let st;
    try {
      st = statSync(path);
    } catch {
      return null;
    }
    if (!st.isFile() || st.size > MAX_KEPT_BYTES) return null;
    if (known && known.size === st.size && known.mtimeMs === st.mtimeMs) return known;
    let body: Buffer;
    try {
      body = readFileSync(path);
    } catch {
      return null;
    }
    const file = { body, immutable: HASHED.test(path), size: st.size, mtimeMs: st.mtimeMs };
    kept.set(path, file);
    return file;
  };
}

/**
 * The handler behind `app://dyad/`: serves the built renderer (build/renderer) with the strict CSP on every
 * response. Written against the Fetch API's Request/Response (what Electron's `protocol.handle` takes), with
 * file reading injectable, so it runs under plain Node in tests.
 */
import { readFile } from 'node:fs/promises';
import { contentTypeFor, cspHeader, resolveAppUrl } from './security';

export type ReadFile = (path: string) => Promise<Uint8Array>;

function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': cspHeader(),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

export function createAppProtocolHandler(rootDir: string, read: ReadFile = (p) => readFile(p)): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveAppUrl(request.url, rootDir);
    if (!file) return plain(403, 'Forbidden');
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return plain(404, 'Not found');
      return plain(500, 'Could not read a file of the user interface');
    }
    const headers = { ...baseHeaders(), 'Content-Type': contentTypeFor(file), 'Content-Length': String(body.byteLength) };
    // A copy typed on a plain ArrayBuffer, which is what the DOM's BodyInit accepts.
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

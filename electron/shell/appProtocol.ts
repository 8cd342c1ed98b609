/**
 * The handler behind `app://dyad/`: serves the built renderer (build/renderer) with the strict CSP on every
 * response. Written against the Fetch API's Request/Response (what Electron's `protocol.handle` takes), with
 * file reading injectable, so it runs under plain Node in tests.
 */
import { createReadStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { attachedMedium } from '../core/media';
import type { Project } from '../core/project';
import { answerMediaRequest, type MediaRequest } from '../core/media-range';
import { contentTypeFor, cspHeader, resolveAppUrl } from './security';

type ReadFile = (path: string) => Promise<Uint8Array>;

/**
 * Recordings at `app://dyad/media?path=…`, checked by the same pure function as `dyad serve`'s route: only files
 * attached to a project open in some window, with Range answers. `stream` gives the bytes [start, end] of a file as
 * they are read: Chromium asks for `bytes=0-` of a two-hour video first, which must not be read into memory.
 */
export interface MediaSource {
  isAttached: MediaRequest['isAttached'];
  sizeOf: MediaRequest['sizeOf'];
  stream: (path: string, start: number, end: number) => ReadableStream<Uint8Array>;
}

/** Recordings of the projects open in the app's windows, read from the disk. */
export function projectMediaSource(projects: () => readonly Pick<Project, 'db' | 'path'>[]): MediaSource {
  return {
    isAttached: (p) => projects().some((project) => attachedMedium(project.db, project.path, p) !== null),
    sizeOf: (p) => {
      try {
        const st = statSync(p);
        return st.isFile() ? st.size : null;
      } catch {
        return null;
      }
    },
    stream: (p, start, end) => Readable.toWeb(createReadStream(p, { start, end })) as ReadableStream<Uint8Array>,
  };
}

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

export function createAppProtocolHandler(rootDir: string, read: ReadFile = (p) => readFile(p), media?: MediaSource): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const url = new URL(request.url);
    if (url.pathname === '/media') {
      if (!media) return plain(404, 'Not found');
      const a = answerMediaRequest({ path: url.searchParams.get('path'), range: request.headers.get('range'), isAttached: media.isAttached, sizeOf: media.sizeOf });
      if ('message' in a) return new Response(a.message, { status: a.status, headers: { ...baseHeaders(), ...a.headers, 'Content-Type': 'text/plain; charset=utf-8' } });
      const body = request.method === 'HEAD' || a.end < a.start ? null : media.stream(a.path, a.start, a.end);
      return new Response(body, { status: a.status, headers: { ...baseHeaders(), ...a.headers } });
    }
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

/**
 * What to answer a request for a recording, as a pure function shared by `dyad serve`'s media route and the app's
 * protocol: only a file attached to the open project is served (a page can never read the project file, a
 * transcript or anything else on the disk through it), and a Range header gets its 206 slice, which is what lets
 * a <video> seek in a two-hour session without reading it all.
 */
import { isAbsolute, normalize } from 'node:path';
import { mediaContentType } from './media';

type MediaAnswer =
  | { status: 200 | 206; path: string; start: number; end: number; headers: Record<string, string> }
  | { status: 400 | 403 | 404 | 416; message: string; headers: Record<string, string> };

export interface MediaRequest {
  /** The recording's absolute path, as `media.list` gives it (`resolvedPath`). */
  path: string | null;
  range: string | null | undefined;
  /** True when the project attaches exactly this file. */
  isAttached: (absolute: string) => boolean;
  /** The file's size, or null when it is not there. */
  sizeOf: (absolute: string) => number | null;
}

const refuse = (status: 400 | 403 | 404 | 416, message: string, headers: Record<string, string> = {}): MediaAnswer => ({ status, message, headers });

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` → inclusive [start, end]; 'unsatisfiable' past the end; null to ignore (serve whole). */
export function parseRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null; // several ranges or a malformed one: RFC 9110 lets us send it all
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export function answerMediaRequest(req: MediaRequest): MediaAnswer {
  if (!req.path) return refuse(400, 'Name the recording: ?path=…');
  // Named by its full, plain path: a relative one or one with `..` in it is a trick, not a recording.
  if (!isAbsolute(req.path) || normalize(req.path) !== req.path) return refuse(403, 'Only a recording attached to the open project can be played.');
  const absolute = req.path;
  if (!req.isAttached(absolute)) return refuse(403, 'Only a recording attached to the open project can be played.');
  const contentType = mediaContentType(absolute);
  if (!contentType) return refuse(403, 'Only a recording attached to the open project can be played.');
  const size = req.sizeOf(absolute);
  if (size === null) return refuse(404, `${absolute} is not there; relink the project's recordings.`);
  const base = { 'Content-Type': contentType, 'Accept-Ranges': 'bytes' };
  const range = req.range ? parseRange(req.range, size) : null;
  if (range === 'unsatisfiable') return refuse(416, `The range ${req.range} is past the end of ${absolute} (${size} bytes).`, { 'Content-Range': `bytes */${size}` });
  if (!range) return { status: 200, path: absolute, start: 0, end: size - 1, headers: { ...base, 'Content-Length': String(size) } };
  return {
    status: 206,
    path: absolute,
    start: range.start,
    end: range.end,
    headers: { ...base, 'Content-Length': String(range.end - range.start + 1), 'Content-Range': `bytes ${range.start}-${range.end}/${size}` },
  };
}

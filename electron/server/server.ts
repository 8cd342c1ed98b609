import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { ApiEvent } from '../../shared/api/define';
import { JobRegistry } from '../api/context';
import { dispatch, type HandlerTable } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { rendererDistDir } from '../core/paths';
import type { Project } from '../core/project';
import { SERVER_CSP, cookieToken, hostAllowed, originAllowed, tokensEqual } from './guard';
import { staticFiles } from './staticFiles';
import { warmAnalysisCache } from '../core/analysis/warm';
import { attachedMedium } from '../core/media';
import { answerMediaRequest } from '../core/media-range';
import { Mutex } from '../core/mutex';
import { UploadStore } from '../core/uploads';
import { watchLabServer } from '../labServer/watch';

interface ServeOptions {
  project: Project;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  staticDir?: string;
  handlers?: HandlerTable;
  /** Request bodies above this are refused (JSON calls, and each file sent to /api/upload). */
  maxBodyBytes?: number;
  /** Read the transcripts for analysis in the background once serving (default true). */
  warmAnalysis?: boolean;
  /** On a replica of a team's project, receive the team's changes as they are pushed (default true). */
  labLive?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  emit(event: ApiEvent): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** `dyad serve`: the same handler table as the desktop app, over HTTP on 127.0.0.1 only. */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const staticDir = opts.staticDir ?? rendererDistDir();
  const table = opts.handlers ?? createHandlers();
  const maxBody = opts.maxBodyBytes ?? 512 * 1024 * 1024;
  const listeners = new Set<ServerResponse>();
  const jobs = new JobRegistry();
  const broadcast = (event: ApiEvent) => {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of listeners) res.write(line);
  };
  const lab = opts.labLive === false ? null : watchLabServer(opts.project, broadcast);
  const emit = (event: ApiEvent) => {
    broadcast(event);
    lab?.changed(event);
  };
  let port = 0;

  // Large bodies are read one at a time, each held until its call is answered: several big imports at once then
  // cost the memory of one (the rest wait unread, held back by TCP) instead of all of them together.
  const bigBodies = new Mutex();
  // Files the page sends before the call that reads them (import, REFI-QDA, merge): streamed to disk as they arrive.
  const uploads = new UploadStore(maxBody);
  const readStatic = staticFiles();

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof URIError) return sendJson(res, 400, { ok: false, error: { kind: 'invalid-input', message: 'The address is malformed (a broken %-escape).' } });
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { kind: 'internal', message: String(e) } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    if (!hostAllowed(req.headers.host, port) || !originAllowed(req.headers.origin, port)) {
      return sendJson(res, 403, { ok: false, error: { kind: 'forbidden', message: 'Requests must come from this machine.' } });
    }
    const given = url.searchParams.get('token') ?? (req.headers['x-dyad-token'] as string | undefined) ?? cookieToken(req.headers.cookie);
    if (!tokensEqual(given, token)) {
      return sendJson(res, 401, { ok: false, error: { kind: 'forbidden', message: 'Missing or wrong token. Open the address that `dyad serve` printed.' } });
    }
    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { kind: 'invalid-input', message: 'Use POST.' } });
      const method = decodeURIComponent(url.pathname.slice('/api/call/'.length));
      const declared = Number(req.headers['content-length'] ?? NaN);
      if (declared > maxBody) return refuseTooLarge(req, res, maxBody);
      const call = async () => {
        let body: string | null;
        try {
          body = await readBody(req, maxBody);
        } catch (e) {
          return sendJson(res, 400, { ok: false, error: { kind: 'invalid-input', message: (e as Error).message } });
        }
        if (body === null) return refuseTooLarge(req, res, maxBody);
        let input: unknown;
        try {
          input = JSON.parse(body || '{}');
        } catch (e) {
          return sendJson(res, 400, { ok: false, error: { kind: 'invalid-input', message: (e as Error).message } });
        }
        body = null;
        const result = await dispatch(table, { project: opts.project, jobs, emit, uploads }, method, input);
        return sendJson(res, 200, result);
      };
      const small = Number.isFinite(declared) && declared <= SMALL_BODY;
      return small ? call() : bigBodies.run(call);
    }
    if (url.pathname === '/api/upload') return receiveUpload(req, url, res);
    if (url.pathname === '/api/media') return serveMedia(req, url, res);
    if (url.pathname === '/api/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    return serveStatic(url, res);
  }

  /**
   * `POST /api/upload?name=…` with the file's raw bytes as the body: written to a 0600 scratch file as it arrives
   * (never held in memory), refused with 413 once past the limit (the partial file removed), answered with the id
   * the next call names the file by.
   */
  async function receiveUpload(req: IncomingMessage, url: URL, res: ServerResponse) {
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { kind: 'invalid-input', message: 'Use POST.' } });
    const name = url.searchParams.get('name');
    if (!name) return sendJson(res, 400, { ok: false, error: { kind: 'invalid-input', message: 'Give the file\'s name: /api/upload?name=…' } });
    if (Number(req.headers['content-length'] ?? NaN) > maxBody) return refuseTooLarge(req, res, maxBody);
    const got = await uploads.receive(req, name);
    if (got.ok) return sendJson(res, 200, { ok: true, value: { uploadId: got.uploadId, size: got.size } });
    if (got.reason === 'too-large') {
      res.setHeader('Connection', 'close');
      sendJson(res, 413, { ok: false, error: { kind: 'invalid-input', message: got.message } });
      return void req.resume();
    }
    if (!res.writableEnded && !req.socket.destroyed) sendJson(res, 400, { ok: false, error: { kind: 'io', message: got.message } });
  }

  /** A recording attached to the project, by its full path (`media.list`'s resolvedPath), with Range answers. */
  function serveMedia(req: IncomingMessage, url: URL, res: ServerResponse) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { kind: 'invalid-input', message: 'Use GET.' } });
    const a = answerMediaRequest({
      path: url.searchParams.get('path'),
      range: req.headers.range,
      isAttached: (p) => attachedMedium(opts.project.db, opts.project.path, p) !== null,
      sizeOf: (p) => (existsSync(p) && statSync(p).isFile() ? statSync(p).size : null),
    });
    if ('message' in a) {
      res.writeHead(a.status, { ...a.headers, 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end(a.message);
    }
    res.writeHead(a.status, a.headers);
    if (req.method === 'HEAD' || a.end < a.start) return res.end();
    const stream = createReadStream(a.path, { start: a.start, end: a.end });
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }

  function serveStatic(url: URL, res: ServerResponse) {
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const root = normalize(staticDir + sep);
    const file = normalize(join(root, rel));
    if (!file.startsWith(root)) return sendJson(res, 404, { ok: false, error: { kind: 'not-found', message: 'Not found.' } });
    const target = existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html');
    if (!existsSync(target)) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end('The Dyad interface has not been built yet: run `npm run build`.');
    }
    const headers: Record<string, string> = { 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream' };
    if (target.endsWith('.html')) {
      headers['Content-Security-Policy'] = SERVER_CSP;
      // The page keeps the token as an HttpOnly cookie so its scripts and styles load without it in every URL.
      headers['Set-Cookie'] = `dyad_token=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
    }
    const kept = readStatic(target);
    if (kept?.immutable) headers['Cache-Control'] = 'public, max-age=31536000, immutable';
    res.writeHead(200, headers);
    if (kept) res.end(kept.body);
    else createReadStream(target).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const stopWarming = opts.warmAnalysis === false ? () => {} : warmAnalysisCache(opts.project.db);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    emit,
    close: () =>
      new Promise<void>((resolve) => {
        stopWarming();
        lab?.stop();
        uploads.close();
        for (const res of listeners) res.end();
        listeners.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(text);
}

/** Bodies up to this size are read at once; larger ones wait their turn (bigBodies). */
const SMALL_BODY = 4 * 1024 * 1024;

/** The body as text, or null when it grows past `max` (then nothing more of it is kept). */
function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > max) {
        chunks.length = 0;
        req.off('data', onData);
        resolve(null);
      } else chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * 413 with a message the client can show. The rest of the body is read and dropped (not kept) before the
 * connection closes: a client still sending when the socket closes sees a reset instead of the answer.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, max: number): void {
  const mb = Math.round(max / 1048576);
  res.setHeader('Connection', 'close');
  sendJson(res, 413, { ok: false, error: { kind: 'invalid-input', message: `The request is too large: Dyad accepts up to ${mb} MB in one call.` } });
  req.resume();
}

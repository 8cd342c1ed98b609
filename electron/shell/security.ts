/**
 * The security decisions of the desktop shell, as pure functions so they are unit-tested without Electron
 * (this module must never import 'electron' at runtime). main.ts wires them to Electron's events.
 */
import * as nodePath from 'node:path';

/** The UI is served from this custom privileged scheme and host, never from file:// or the network. */
export const APP_SCHEME = 'app';
const APP_HOST = 'dyad';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React and Lexical set inline style attributes; nothing else is inline.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** The Content-Security-Policy sent with every file of the UI: nothing from outside the app's own origin. */
export function cspHeader(): string {
  return CSP;
}

function parse(url: string): URL | null {
  if (typeof url !== 'string' || url.length > 8192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether a URL is on the app's own origin. Compared field by field because WHATWG gives custom schemes an
 * opaque origin ("null"), and because `app://dyad@evil/` or `app://dyad:1/` must not pass as ours.
 */
function isAppUrl(url: string): boolean {
  const u = parse(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    u.username === '' &&
    u.password === '' &&
    u.port === ''
  );
}

/** will-navigate / will-redirect: only within the app; a remote page must never replace the UI. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * IPC calls are answered only for the top frame of our UI: a subframe (even one of ours) or a page that was
 * somehow navigated elsewhere gets nothing.
 */
export function isTrustedSender(frameUrl: string | null | undefined, isMainFrame: boolean): boolean {
  return isMainFrame === true && typeof frameUrl === 'string' && isAppUrl(frameUrl);
}

/**
 * A link the user clicked that may be handed to the system browser: http(s) only (no file:, smb:, custom
 * handlers that launch programs), no embedded credentials, a real host. Returns the normalized URL or null.
 */
export function safeExternalUrl(url: string): string | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  const u = parse(url.trim());
  if (!u) return null;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (u.username !== '' || u.password !== '') return null;
  if (u.hostname === '') return null;
  return u.href;
}

type PathApi = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'sep' | 'join'>;

/**
 * Maps a request on the app protocol to a file under `rootDir` (build/renderer), or null when the request is
 * not ours or would leave that folder: `..` in any spelling (`%2e%2e`, `%2f`), backslashes (a separator on
 * Windows), drive letters, NUL bytes. `pathApi` is injectable so the Windows rules are tested on any OS.
 */
export function resolveAppUrl(requestUrl: string, rootDir: string, pathApi: PathApi = nodePath): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const u = parse(requestUrl);
  if (!u) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.includes(':')) return null;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return null;
  const relativePath = segments.length === 0 ? 'index.html' : segments.join(pathApi.sep);
  const root = pathApi.resolve(rootDir);
  const file = pathApi.resolve(root, relativePath);
  const rel = pathApi.relative(root, file);
  if (rel === '' || rel.startsWith('..') || pathApi.isAbsolute(rel)) return null;
  return file;
}

/** Content types of what Vite emits; anything else is served as bytes (and `nosniff` keeps it inert). */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  const dot = file.lastIndexOf('.');
  const ext = dot >= 0 ? file.slice(dot).toLowerCase() : '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

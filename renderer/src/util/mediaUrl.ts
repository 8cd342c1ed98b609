import { takeToken } from '../api/token';

/**
 * Where the player fetches a recording attached to the project (by the full path `media.list` gives): the app's
 * own protocol inside Electron (`app://dyad/media`), the token-checked route of `dyad serve` in a browser. Both
 * answer Range requests, which is what lets the player seek, and serve only the open project's recordings.
 */
export function mediaUrl(resolvedPath: string): string {
  const path = encodeURIComponent(resolvedPath);
  // Inside the app the page is itself on app://dyad, so the same-origin path reaches the app's protocol (and the
  // page's CSP, default-src 'self', allows it).
  if (window.dyad) return `/media?path=${path}`;
  // The HttpOnly cookie carries the token too; it is named here as well for a page whose cookie was refused.
  const token = takeToken();
  return `/api/media?path=${path}${token ? `&token=${encodeURIComponent(token)}` : ''}`;
}

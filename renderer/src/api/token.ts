/**
 * The loopback server's token: it arrives once in the address (`?token=…`, as `dyad serve` prints it), is kept in
 * sessionStorage for this tab, and is taken out of the address bar so it does not end up in history, bookmarks
 * or screenshots. The server also sets it as an HttpOnly cookie, which is what EventSource and reloads carry.
 */
const KEY = 'dyad.token';

let cached: string | null = null;

export function takeToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  if (cached) return cached;
  const url = new URL(loc.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      storage.setItem(KEY, fromUrl);
    } catch {
      /* storage disabled: the cookie still works */
    }
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    cached = fromUrl;
    return cached;
  }
  try {
    cached = storage.getItem(KEY);
  } catch {
    cached = null;
  }
  return cached;
}

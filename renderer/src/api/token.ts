/**
 * The loopback server's token: it arrives once in the address (`?token=…`, as `dyad serve` prints it), is kept in
 * sessionStorage for this tab, and is taken out of the address bar so it does not end up in history, bookmarks
 * or screenshots. The server also sets it as an HttpOnly cookie, which is what EventSource and reloads carry.
 *
 * Keeping it waits until the first screen is painted (keepToken): a page's first touch of its storage waits for the
 * browser process, measured at 20–290 ms on the project's loaded machine, and the page's first calls need only the
 * token in memory. Until then the address still carries it, so a reload meanwhile loses nothing.
 */
const KEY = 'dyad.token';

let cached: string | null = null;
let keep: (() => void) | null = null;

// `storage` is looked up only when used: even reaching for window.sessionStorage may wait for the browser process.
export function takeToken(loc: Location = window.location, storage?: Storage): string | null {
  if (cached) return cached;
  const url = new URL(loc.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    cached = fromUrl;
    keep = () => {
      try {
        (storage ?? window.sessionStorage).setItem(KEY, fromUrl);
      } catch {
        /* storage disabled: the cookie still works */
      }
      // The address as it is now (the app may have written the open session into it meanwhile), without the token.
      const now = new URL(window.location.href);
      now.searchParams.delete('token');
      window.history.replaceState(window.history.state, '', now.pathname + now.search + now.hash);
    };
    // In case no first screen says when (a page that draws none): soon anyway.
    setTimeout(keepToken, 1000);
    return cached;
  }
  try {
    cached = (storage ?? window.sessionStorage).getItem(KEY);
  } catch {
    cached = null;
  }
  return cached;
}

/** Writes the token taken from the address into this tab's storage and takes it out of the address bar (once). */
export function keepToken(): void {
  const k = keep;
  keep = null;
  k?.();
}

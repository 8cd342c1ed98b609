/** The open session lives in the address (#session=…) so a reload, or the app restarting its window, returns to it. */
export function sessionFromLocation(): string | null {
  const m = /(?:^#|&)session=([^&]+)/.exec(window.location.hash);
  return m ? decodeURIComponent(m[1]!) : null;
}

export function rememberSession(sessionId: string | null): void {
  const url = new URL(window.location.href);
  url.hash = sessionId ? `session=${encodeURIComponent(sessionId)}` : '';
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

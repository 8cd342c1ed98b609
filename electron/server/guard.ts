import { timingSafeEqual } from 'node:crypto';

/**
 * The loopback server's gatekeeping as pure functions (Jupyter's pattern): every request must carry the
 * session token (query `token`, header `x-dyad-token`, or the cookie set when the page was opened with it),
 * and its Host (and Origin, when sent) must be this server's loopback address, so neither another site in the
 * browser nor a DNS-rebinding page can reach the API.
 */
export function tokensEqual(a: string | null | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return !!host && allowedHosts(port).has(host.toLowerCase());
}

export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true; // same-origin GETs and non-browser clients send none
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && allowedHosts(port).has(u.host.toLowerCase());
  } catch {
    return false;
  }
}

export function cookieToken(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === 'dyad_token') return decodeURIComponent(v.join('='));
  }
  return null;
}

export const SERVER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  contentTypeFor,
  cspHeader,
  isAllowedNavigation,
  isTrustedSender,
  resolveAppUrl,
  safeExternalUrl,
} from '../../../electron/shell/security';

const root = path.resolve('/opt/dyad/build/renderer');

describe('resolveAppUrl: the app protocol serves build/renderer and nothing else', () => {
  it('maps app URLs to files under the renderer folder', () => {
    expect(resolveAppUrl('app://dyad/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrl(APP_ENTRY_URL, root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrl('app://dyad/assets/index-abc123.js', root)).toBe(path.join(root, 'assets', 'index-abc123.js'));
    expect(resolveAppUrl('app://dyad/assets/a%20b.css?v=1#x', root)).toBe(path.join(root, 'assets', 'a b.css'));
  });

  const inside = (file: string | null, dir = root, p: typeof path.posix | typeof path.win32 = path) =>
    file === null || (file.startsWith(dir + p.sep) && !p.relative(dir, file).split(p.sep).includes('..'));

  it.each([
    'app://dyad/../package.json',
    'app://dyad/assets/../../package.json',
    'app://dyad/%2e%2e/package.json',
    'app://dyad/%2E%2E/%2e%2e/etc/passwd',
    'app://dyad/.%2e/.%2E/etc/passwd',
  ])('keeps %s inside the folder (the URL parser resolves dot segments first)', (url) => {
    const file = resolveAppUrl(url, root);
    expect(file).not.toBeNull();
    expect(inside(file)).toBe(true);
  });

  it.each([
    'app://dyad/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    'app://dyad/..%2fpackage.json',
    'app://dyad/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://dyad/..%5cpackage.json',
    'app://dyad/assets%5c..%5c..%5cpackage.json',
    'app://dyad/C:/Windows/win.ini',
    'app://dyad/C%3a%5cWindows%5cwin.ini',
    'app://dyad/index.html%00.png',
    'app://dyad/%E0%A4%A',
  ])('refuses %s (dot segments or separators hidden by encoding)', (url) => {
    expect(resolveAppUrl(url, root)).toBeNull();
  });

  it('never resolves outside the folder, whatever follows the origin', () => {
    const piece = fc.constantFrom('..', '.', '%2e', '%2E', '%2f', '%5c', '/', '\\', 'a', 'index.html', '%00', ':', 'C:', '%', '%25');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const url = `app://dyad/${parts.join('')}`;
        expect(inside(resolveAppUrl(url, root))).toBe(true);
        const winRoot = 'C:\\Dyad\\build\\renderer';
        expect(inside(resolveAppUrl(url, winRoot, path.win32), winRoot, path.win32)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps an absolute-looking path inside the folder', () => {
    const file = resolveAppUrl('app://dyad//etc/passwd', root);
    expect(file).toBe(path.join(root, 'etc', 'passwd'));
  });

  it('refuses other origins and schemes', () => {
    for (const url of ['app://other/index.html', 'file:///etc/passwd', 'https://dyad/index.html', 'app://dyad@evil/index.html', 'app://dyad:8080/index.html']) {
      expect(resolveAppUrl(url, root)).toBeNull();
    }
  });

  it('applies the same rules with Windows paths', () => {
    const winRoot = 'C:\\Program Files\\Dyad\\resources\\app.asar\\build\\renderer';
    expect(resolveAppUrl('app://dyad/assets/x.js', winRoot, path.win32)).toBe(`${winRoot}\\assets\\x.js`);
    for (const url of ['app://dyad/..%5c..%5capp.asar', 'app://dyad/%2e%2e%2fx', 'app://dyad/D:%5cx', 'app://dyad/%5c%5cserver%5cshare']) {
      expect(resolveAppUrl(url, winRoot, path.win32)).toBeNull();
    }
  });
});

describe('navigation and senders', () => {
  it('allows navigation only within app://dyad', () => {
    expect(isAllowedNavigation('app://dyad/index.html')).toBe(true);
    expect(isAllowedNavigation('app://dyad/index.html#/sessions/3')).toBe(true);
    for (const url of [
      'https://example.org/',
      'http://127.0.0.1:5173/',
      'file:///home/researcher/notes.html',
      'app://dyad.example.org/',
      'app://dyad@example.org/',
      'app://evil/',
      'javascript:alert(1)',
      'data:text/html,<h1>x</h1>',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('trusts only the top frame of the app origin', () => {
    expect(isTrustedSender('app://dyad/index.html', true)).toBe(true);
    expect(isTrustedSender('app://dyad/index.html', false)).toBe(false);
    expect(isTrustedSender('https://example.org/', true)).toBe(false);
    expect(isTrustedSender('about:blank', true)).toBe(false);
    expect(isTrustedSender(null, true)).toBe(false);
    expect(isTrustedSender('', true)).toBe(false);
  });
});

describe('safeExternalUrl', () => {
  it('passes http(s) links, normalized', () => {
    expect(safeExternalUrl('https://www.refi-qda.org/')).toBe('https://www.refi-qda.org/');
    expect(safeExternalUrl('HTTP://Example.ORG/a b')).toBe('http://example.org/a%20b');
  });

  it('refuses everything that could launch or read something', () => {
    for (const url of [
      'file:///etc/passwd',
      'smb://server/share',
      'javascript:alert(1)',
      'mailto:someone@example.org',
      'ms-msdt:/id PCWDiagnostic',
      'app://dyad/index.html',
      'https://user:secret@example.org/',
      'https://',
      '//example.org/',
      'example.org',
      `https://example.org/${'a'.repeat(3000)}`,
    ]) {
      expect(safeExternalUrl(url), url).toBeNull();
    }
  });
});

describe('cspHeader', () => {
  it('allows nothing from outside the app', () => {
    const csp = cspHeader();
    expect(csp).not.toMatch(/https?:|wss?:|\*|'unsafe-eval'/);
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('contentTypeFor', () => {
  it('gives module scripts a JavaScript type (Chromium refuses them otherwise)', () => {
    expect(contentTypeFor('/x/assets/index-1.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/a.WOFF2')).toBe('font/woff2');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});

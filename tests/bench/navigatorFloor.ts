/**
 * The floor for opening the project (issue 17): the same navigator as plain HTML, no script at all. A loopback
 * server reads the dyad tree from the project on each request (the same listDyadTree as `dyads.list`) and writes
 * it as the app's markup (the same classes, the first dyad unfolded as the app does) with the app's own stylesheet,
 * so "Dyad/floor" is what the app adds: its script, its calls, React. The stylesheet may be kept by the browser
 * like the app's assets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { listDyadTree } from '../../electron/core/dyads';
import type { Db } from '../../electron/core/database';

const esc = (s: string) => s.replace(/[&<>"]/gu, (c) => `&#${c.charCodeAt(0)};`);

function page(db: Db, cssName: string): string {
  const tree = listDyadTree(db);
  const items = tree.map((d, k) => {
    const sessions = k === 0 ? `<ul class="tree__sessions">${d.sessions.map((s) => `<li class="tree__session"><button type="button">Session ${s.number}</button> <span class="tree__meta">${s.interviews.map((i) => `${esc(i.role)} ${i.wordCount} words`).join(' · ')}</span></li>`).join('')}</ul>` : '';
    return `<li class="tree__dyad" data-dyad-name="${esc(d.name)}"><div class="tree__dyad-head"><button type="button" class="tree__dyad-btn" aria-expanded="${k === 0}"><span class="tree__dyad-name">${esc(d.name)}</span><span class="tree__meta">${d.sessions.length} sessions</span></button></div>${sessions}</li>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dyad</title><link rel="stylesheet" href="/${cssName}"></head><body><div id="root"><div class="app"><aside class="nav" aria-label="Project"><nav class="nav__tree"><ul class="tree">${items.join('')}</ul></nav></aside><main class="main"></main></div></div></body></html>`;
}

/** Serves the plain navigator at its url until closed. */
export async function startNavigatorFloor(db: Db, rendererOut: string): Promise<{ url: string; close(): Promise<void> }> {
  const assets = join(rendererOut, 'assets');
  const cssName = readdirSync(assets).find((f) => f.endsWith('.css'))!;
  const css = readFileSync(join(assets, cssName));
  const server = createServer((req, res) => {
    if (req.url === `/${cssName}`) {
      res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' });
      return res.end(css);
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(page(db, cssName));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}

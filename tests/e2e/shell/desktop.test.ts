/**
 * The desktop path without an Electron binary: the real UI (build/renderer) in Chromium, served by the real
 * app:// handler with its CSP, talking through the real preload.cjs (given an ipcRenderer that forwards to
 * the test process) to the real main.cjs IPC wiring, handler table and demo project. What Electron itself
 * adds (contextBridge's isolated world, structured clone) is not here; everything Dyad wrote is.
 */
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DyadBridge } from '../../../shared/api/bridge';
import { loadMain, type LoadedMain } from '../../integration/shell/load-main';
import { launchChromium } from '../helpers/browser';
import { dyadItem, openSession } from '../helpers/page';
import { ensureRendererBuilt, rendererOut, root } from '../helpers/renderer-build';

let loaded: LoadedMain;
let server: Server;
let origin: string;
let browser: Browser;
let page: Page;
const problems: string[] = [];
type DyadWindow = Window & { dyad?: DyadBridge };

/** The preload as Electron would run it, with `require('electron')` answered by page-side stand-ins. */
function initScript(preloadCode: string): string {
  return `(() => {
    const listeners = new Map();
    window.__dyadDeliver = (channel, args) => { for (const l of listeners.get(channel) ?? []) l({ sender: ipcRenderer }, ...args); };
    const ipcRenderer = {
      invoke: (channel, ...args) => window.__dyadInvoke(channel, ...args),
      on(channel, l) { if (!listeners.has(channel)) listeners.set(channel, new Set()); listeners.get(channel).add(l); return this; },
      removeListener(channel, l) { listeners.get(channel)?.delete(l); return this; },
    };
    const contextBridge = { exposeInMainWorld: (key, value) => Object.defineProperty(window, key, { value: Object.freeze(value) }) };
    const require = (id) => { if (id === 'electron') return { contextBridge, ipcRenderer }; throw new Error('preload required ' + id); };
    const module = { exports: {} };
    const before = new Set(Object.getOwnPropertyNames(window));
    (function (require, module, exports) {\n${preloadCode}\n})(require, module, module.exports);
    // What the preload itself put into the page's world (the stand-ins above are the test's own).
    window.__dyadPreloadAdded = Object.getOwnPropertyNames(window).filter((n) => !before.has(n) && n !== '__dyadDeliver');
  })();`;
}

beforeAll(async () => {
  await ensureRendererBuilt();
  loaded = await loadMain({ renderer: rendererOut });
  const { fake } = loaded;
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 30_000, interval: 50 });
  const win = fake.windows[0]!;

  // Loopback http stands in for the app:// scheme (Chromium alone cannot register one): same handler, same headers.
  const handle = fake.calls.protocolHandlers.get('app')!;
  server = createServer(async (req, res) => {
    const r = await handle(new Request(`app://dyad${req.url}`, { method: req.method }));
    const headers: Record<string, string> = {};
    r.headers.forEach((value, key) => (headers[key] = value));
    res.writeHead(r.status, headers);
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text()) || (m.type() === 'error' && !/Failed to load resource/.test(m.text()))) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  // Chromium asks every site for /favicon.ico; Electron's windows do not.
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.exposeBinding('__dyadInvoke', (source, channel: string, ...args: unknown[]) => {
    const frame = source.frame;
    const url = frame.url().startsWith(origin) ? `app://dyad${frame.url().slice(origin.length)}` : frame.url();
    const event = { sender: { id: win.webContents.id }, senderFrame: { url, parent: frame.parentFrame() ? {} : null } };
    return fake.ipcMain.invoke(channel, event, ...args);
  });
  // main → window: what webContents.send would deliver to the preload's ipcRenderer.on.
  const send = win.webContents.send.bind(win.webContents);
  win.webContents.send = (channel: string, ...args: unknown[]) => {
    send(channel, ...args);
    void page.evaluate(([c, a]) => (window as unknown as { __dyadDeliver(c: unknown, a: unknown): void }).__dyadDeliver(c, a), [channel, args] as const).catch(() => {});
  };
  await page.addInitScript({ content: initScript(readFileSync(join(loaded.app, 'build', 'electron', 'preload.cjs'), 'utf8')) });
  await page.goto(`${origin}/index.html`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  for (const w of [...(loaded?.fake.windows ?? [])]) w.close();
  if (loaded) rmSync(loaded.base, { recursive: true, force: true });
});

describe('the desktop app, minus Electron', () => {
  it('shows the demo project through window.dyad, with no CSP violation', async () => {
    await dyadItem(page, '1').waitFor({ timeout: 30_000 });
    const names = await page.locator('li.tree__dyad').evaluateAll((els) => els.map((e) => e.getAttribute('data-dyad-name')));
    expect(names.length).toBeGreaterThan(1);
    await page.screenshot({ path: join(root, 'test-results', 'e2e', 'shell-desktop-demo.png') });
    expect(problems).toEqual([]);
  });

  it('opens a session side by side through the bridge', async () => {
    await openSession(page, '1', 1);
    expect(await page.locator('.dyad-view .row').count()).toBeGreaterThan(1);
    expect(problems).toEqual([]);
  });

  it('gives the page the bridge and nothing of ipcRenderer', async () => {
    // Node's require and process are kept out by the window's webPreferences (checked in
    // tests/integration/shell/main-bundle.test.ts); plain Chromium never has them, so here the preload is
    // checked for what it could leak itself: globals besides window.dyad, a generic invoke, or Electron's
    // event (whose sender is ipcRenderer) handed to the page's listeners.
    const seen = await page.evaluate(async () => {
      const w = window as unknown as DyadWindow & { __dyadPreloadAdded: string[]; __dyadDeliver(c: string, a: unknown[]): void };
      const bridge = w.dyad!;
      const received: unknown[][] = [];
      const stop = bridge.onEvent((...args: unknown[]) => received.push(args));
      w.__dyadDeliver('dyad:event', [{ type: 'changed', what: ['codes'] }]);
      stop();
      w.__dyadDeliver('dyad:event', [{ type: 'changed', what: ['memos'] }]);
      const functions = (o: object) => Object.entries(o).every(([, v]) => typeof v === 'function');
      return {
        added: w.__dyadPreloadAdded,
        keys: Object.keys(bridge).sort(),
        shell: Object.keys(bridge.shell).sort(),
        onlyFunctions: functions(bridge.api) && functions(bridge.shell),
        received,
      };
    });
    expect(seen).toEqual({
      added: ['dyad'],
      keys: ['api', 'onEvent', 'shell'],
      shell: ['newProject', 'openProject', 'saveFile'],
      onlyFunctions: true,
      received: [[{ type: 'changed', what: ['codes'] }]],
    });
  });

  it('cannot be framed, and a frame inside the page gets no answers', async () => {
    const seen = await page.evaluate(async () => {
      const load = (setup: (f: HTMLIFrameElement) => void) => {
        const frame = document.createElement('iframe');
        setup(frame);
        document.body.append(frame);
        return new Promise<HTMLIFrameElement>((r) => frame.addEventListener('load', () => r(frame), { once: true }));
      };
      // frame-ancestors 'none': even the app's own page does not load in a frame.
      const own = await load((f) => (f.src = '/index.html'));
      let framedReadable: boolean;
      try {
        framedReadable = own.contentWindow!.document.getElementById('root') !== null;
      } catch {
        framedReadable = false;
      }
      const inline = await load((f) => (f.srcdoc = '<p>inner</p>'));
      const inner = inline.contentWindow as unknown as DyadWindow;
      const answer = inner.dyad ? await inner.dyad.api['project.info']({}) : 'no bridge';
      return { framedReadable, answer };
    });
    expect(seen.framedReadable).toBe(false);
    expect(seen.answer).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('refreshes the UI from events the core sends to the window', async () => {
    const win = loaded.fake.windows[0]!;
    const event = { sender: { id: win.webContents.id }, senderFrame: { url: 'app://dyad/index.html', parent: null } };
    const list = (await loaded.fake.ipcMain.invoke('dyad:call', event, 'dyads.list', {})) as { ok: true; value: { id: string; name: string }[] };
    const first = list.value.find((d) => d.name === '1')!;
    await loaded.fake.ipcMain.invoke('dyad:call', event, 'dyads.update', { dyadId: first.id, name: 'Dyad one (renamed)' });
    await dyadItem(page, 'Dyad one (renamed)').waitFor({ timeout: 10_000 });
    // The navigator shows the new name in place of the old.
    const names = await page.locator('li.tree__dyad').evaluateAll((els) => els.map((e) => e.getAttribute('data-dyad-name')));
    expect(names).toContain('Dyad one (renamed)');
    expect(names).not.toContain('1');
  });
});

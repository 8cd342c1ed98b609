import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { HandlerTable } from '../../../electron/api/dispatch';
import { createHandlers } from '../../../electron/api/handlers';
import { createDemoProjectAt } from '../../../electron/core/demo';
import { Project } from '../../../electron/core/project';
import { startServer, type RunningServer } from '../../../electron/server/server';
import { launchChromium } from './browser';
import { ensureRendererBuilt, rendererOut, root } from './renderer-build';

export const artifactsDir = join(root, 'test-results', 'e2e');

export interface Harness {
  dir: string;
  project: Project;
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Messages the page logged as errors, and uncaught exceptions: a test can assert there were none. */
  pageErrors: string[];
  /** Calls the API the way the renderer does over HTTP (from the test process). */
  api<T = unknown>(method: string, input: unknown): Promise<T>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A project in a temp folder (the demo study, or a new empty one), served in-process by `startServer`, and a
 * fresh Chromium page on it.
 */
export interface HarnessOptions {
  viewport?: { width: number; height: number };
  /**
   * 'demo': the demo study's transcripts with nothing coded (most tests code from nothing); 'coded-demo': the demo
   * as a new user opens it, with its codebook and two coders' codings; 'empty': a new project.
   */
  project?: 'demo' | 'coded-demo' | 'empty';
  /** Stands in for parts of the core (e.g. a slow import, to see progress and cancel). */
  wrapHandlers?: (real: HandlerTable) => HandlerTable;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  await ensureRendererBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'dyad-e2e-'));
  const project =
    opts.project === 'empty'
      ? Project.open(join(dir, 'New study.dyad'), { create: true })
      : Project.open(await createDemoProjectAt(join(dir, 'Demo study.dyad'), { coding: opts.project === 'coded-demo' }));
  const server = await startServer({ project, staticDir: rendererOut, handlers: opts.wrapHandlers?.(createHandlers()) });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    await server.close();
    project.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  mkdirSync(artifactsDir, { recursive: true });
  const base = server.url.replace(/\/\?token=.*$/, '');
  return {
    dir,
    project,
    server,
    browser,
    context,
    page,
    pageErrors,
    async api<T>(method: string, input: unknown): Promise<T> {
      const body = JSON.parse(await post(`${base}/api/call/${method}`, server.token, JSON.stringify(input))) as
        | { ok: true; value: T }
        | { ok: false; error: { kind: string; message: string } };
      if (!body.ok) throw new Error(`${method} failed: ${body.error.kind}: ${body.error.message}`);
      return body.value;
    },
    async screenshot(name: string) {
      const file = join(artifactsDir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await browser.close().catch(() => {});
      await server.close();
      project.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The coded demo (two coders' codings) at 1400×900, opened at the navigator before a file's tests and closed after
 * them; `take` receives it once it is up.
 */
export function useCodedDemo(take: (h: Harness) => void): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness({ project: 'coded-demo', viewport: { width: 1400, height: 900 } });
    await h.page.goto(h.server.url);
    await h.page.locator('.tree__dyad').first().waitFor();
    take(h);
  });
  afterAll(async () => {
    await h?.close();
  });
}

/**
 * One call on a connection of its own. fetch keeps sockets alive between calls; a test that blocks the event loop
 * (stopping the lab's PostgreSQL with a synchronous pg_ctl) leaves the server's idle-socket timer overdue, and the
 * next call, sent on the kept socket as the server closes it, failed with ECONNRESET.
 */
function post(url: string, token: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'x-dyad-token': token } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Opening the project in Chromium: from the page's navigation to the navigator's first dyad in the page (issue 17:
 * ≤ 150 ms for the 400-interview study), with when the page's script made its first call and how long the
 * navigator's tree took to answer. Then a session pair on screen: the synthetic study served by `dyad serve`'s server, the production
 * renderer, time from choosing a session to its rows painted (the renderer's User Timing measures), and the
 * page's JS heap. Target: under 300 ms. Then coding on screen: from a code's shortcut key to its mark in the
 * page and painted (target: one 60 Hz frame, 16 ms), with the coding bench's 100,000 codings in the study when it ran first (`npm run bench coding screen`).
 */
import { copyFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createCode, setCurrentCoder } from '../../electron/core/coding';
import type { Db } from '../../electron/core/database';
import { Project } from '../../electron/core/project';
import { startServer } from '../../electron/server/server';
import { launchChromium } from '../e2e/helpers/browser';
import { ensureRendererBuilt, rendererOut } from '../e2e/helpers/renderer-build';
import { pressAndTimeMark, selectPhrase } from '../e2e/helpers/coding';
import { lastTimings, openSession } from '../e2e/helpers/page';
import type { Browser } from 'playwright-core';
import type { BenchContext } from './context';
import { startNavigatorFloor } from './navigatorFloor';
import { percentile } from './report';

export async function benchScreen(ctx: BenchContext): Promise<void> {
  const { report } = ctx;
  report.section('A session pair on screen (Chromium, production renderer)');
  await ensureRendererBuilt();
  const file = join(ctx.dir, 'screen.dyad');
  copyFileSync(ctx.projectPath, file);
  const project = Project.open(file);
  const server = await startServer({ project, staticDir: rendererOut });
  const browser = await launchChromium();
  try {
    // A coder and a theme with a shortcut, as a researcher has them before coding.
    setCurrentCoder(project.db, 'Bench coder');
    const theme = createCode(project.db, { name: 'Bench theme', shortcut: '9' });
    await benchPageLoad(ctx, browser, server.url, project.db);
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    // tsx keeps function names with a `__name` helper that functions sent to page.evaluate then call.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(server.url);
    await page.locator('li.tree__dyad').first().waitFor();
    const words = (project.db.prepare('SELECT avg(word_count) AS w FROM interviews').get() as { w: number }).w;
    const renders: number[] = [];
    const fetches: number[] = [];
    const walls: number[] = [];
    const dyads = Math.min(5, ctx.shape.dyads);
    for (let d = 1; d <= dyads; d++) {
      for (const s of [1, 2]) {
        const { wallMs } = await openSession(page, String(d), s);
        const t = await lastTimings(page);
        walls.push(wallMs);
        if (t.render !== null) renders.push(t.render);
        if (t.fetch !== null) fetches.push(t.fetch);
      }
    }
    report.add(`choose a session → rows painted (median of ${renders.length}, ~${Math.round(words)} words a side)`, percentile(renders, 50), 'ms', 300);
    report.add('  of which fetching the session and its alignment', percentile(fetches, 50), 'ms');
    report.add('click → first row visible, as playwright sees it', percentile(walls, 50), 'ms');
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    if (heap) report.add('page JS heap after opening the sessions', heap / 1048576, 'MB');

    // Coding: select a few words of a client turn on screen, press the theme's key, time the mark.
    const turns = await page.locator('.cell--client .turn__text').allInnerTexts();
    const phrases = turns
      .map((t) => t.split(/\s+/u).slice(2, 6).join(' '))
      .filter((p, i, all) => p.split(' ').length === 4 && all.indexOf(p) === i && turns.filter((t) => t.includes(p)).length === 1)
      .slice(0, 7);
    const dom: number[] = [];
    const frame: number[] = [];
    for (const phrase of phrases) {
      await selectPhrase(page, 'client', phrase);
      const t = await pressAndTimeMark(page, '9', theme.id);
      dom.push(t.domMs);
      frame.push(t.frameMs);
      await page.keyboard.press('Escape');
    }
    if (dom.length) {
      report.add(`shortcut key → coded mark in the page (median of ${dom.length})`, percentile(dom, 50), 'ms', 16);
      report.add('shortcut key → mark painted (next frame, median)', percentile(frame, 50), 'ms', 16);
    }
  } finally {
    await browser.close();
    await server.close();
    project.close();
  }
}

/** Loads a page afresh a few times; each load in a new page of one context, as reopening the window would. */
interface PageLoad {
  shown: number;
  firstCall: number | null;
  tree: number | null;
  /** CPU time of the page's main thread until the navigator was shown: what load on the machine does not inflate. */
  cpu: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

/**
 * The CPU time of the page's main thread until the mark `shown`, from a Chromium trace: the thread time of each task
 * it ran up to the one that made the mark. Read from the trace, not from the Performance domain's ThreadTime when
 * the test sees the navigator: that comes a moment later, and on a loaded machine React's loading (which the app
 * starts once the first screen is painted) fell inside it.
 */
function mainThreadCpuUntil(events: TraceEvent[], shown: string): number {
  const mark = events.find((e) => e.name === shown);
  if (!mark) return NaN;
  let cpu = 0;
  let end = -Infinity;
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === mark.pid && e.tid === mark.tid && e.ts <= mark.ts).sort((a, b) => a.ts - b.ts);
  for (const t of tasks) {
    // A task run inside another (a nested loop) is counted in it already.
    if (t.ts < end) continue;
    end = t.ts + (t.dur ?? 0);
    cpu += t.tdur ?? 0;
  }
  return cpu / 1000;
}

async function timePageLoads(browser: Browser, url: string): Promise<PageLoad[]> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // The moment the navigator's first dyad enters the page, seen from inside it (no polling delay).
  await context.addInitScript(`new MutationObserver((_, o) => {
    if (!document.querySelector('li.tree__dyad')) return;
    o.disconnect();
    globalThis.__navigatorShown = performance.now();
    performance.mark('dyad:bench-navigator-shown');
  }).observe(document, { childList: true, subtree: true });`);
  const loads: PageLoad[] = [];
  try {
    for (let i = 0; i < 7; i++) {
      const page = await context.newPage();
      await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'blink.user_timing'] });
      await page.goto(url);
      await page.waitForFunction(() => (globalThis as { __navigatorShown?: number }).__navigatorShown !== undefined);
      const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
      const cpu = mainThreadCpuUntil(trace.traceEvents, 'dyad:bench-navigator-shown');
      const t = await page.evaluate(() => {
        const calls = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/call/'));
        const list = calls.find((e) => e.name.endsWith('/api/call/dyads.navigator'));
        return {
          shown: (globalThis as { __navigatorShown?: number }).__navigatorShown!,
          firstCall: calls.length ? Math.min(...calls.map((e) => e.startTime)) : null,
          tree: list ? list.duration : null,
        };
      });
      await page.close();
      // The first load also fills the browser's and the disk's caches: what a researcher's second window sees is the rest.
      if (i > 0) loads.push({ ...t, cpu });
    }
  } finally {
    await context.close();
  }
  return loads;
}

/**
 * Opening the project, beside its floor: the same navigator as plain HTML (navigatorFloor.ts), loaded the same way
 * in the same browser, the two interleaved so that load on the machine weighs on both alike.
 */
async function benchPageLoad(ctx: BenchContext, browser: Browser, url: string, db: Db): Promise<void> {
  const floor = await startNavigatorFloor(db, rendererOut);
  const app: PageLoad[] = [];
  const plain: PageLoad[] = [];
  try {
    for (let round = 0; round < 2; round++) {
      app.push(...(await timePageLoads(browser, url)));
      plain.push(...(await timePageLoads(browser, floor.url)));
    }
  } finally {
    await floor.close();
  }
  const shown = app.map((t) => t.shown);
  const floorShown = plain.map((t) => t.shown);
  const interviews = ctx.shape.dyads * ctx.shape.sessions * 2;
  ctx.report.add(`page load → navigator shown (${interviews} interviews, min of ${shown.length})`, Math.min(...shown), 'ms', 150);
  ctx.report.add('  median', percentile(shown, 50), 'ms');
  ctx.report.add("  the page's script makes its first call (median)", percentile(app.flatMap((t) => (t.firstCall === null ? [] : [t.firstCall])), 50), 'ms');
  ctx.report.add("  the navigator's tree (dyads.navigator) answered in (median)", percentile(app.flatMap((t) => (t.tree === null ? [] : [t.tree])), 50), 'ms');
  ctx.report.add('  raw floor: the same navigator as plain HTML (min)', Math.min(...floorShown), 'ms');
  ctx.report.add('    median', percentile(floorShown, 50), 'ms');
  ctx.report.add(`  Dyad/floor (min; median ${(percentile(shown, 50) / percentile(floorShown, 50)).toFixed(2)})`, Math.min(...shown) / Math.min(...floorShown), '×');
  const cpu = percentile(app.map((t) => t.cpu), 50);
  const floorCpu = percentile(plain.map((t) => t.cpu), 50);
  ctx.report.add("  the page's main thread, CPU time until shown (median)", cpu, 'ms');
  ctx.report.add('    raw floor, the same (median)', floorCpu, 'ms');
  ctx.report.add('    Dyad/floor, CPU', cpu / floorCpu, '×');
  ctx.report.add('  load average (1 min) meanwhile', loadavg()[0]!, '');
}

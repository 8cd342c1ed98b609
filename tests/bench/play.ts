/**
 * Play on screen (issue 14): from a click on a moment's Play to the media element's `playing` event, and to its
 * `currentTime` moving on, in Chromium with the production renderer and a local recording (a WAV written here,
 * served by `dyad serve`'s Range route, as the app's protocol serves it). Target: 150 ms, printed, never failed.
 */
import { join } from 'node:path';
import { createDemoProjectAt } from '../../electron/core/demo';
import { findSession, updateSession } from '../../electron/core/dyads';
import { Project } from '../../electron/core/project';
import { startServer } from '../../electron/server/server';
import { launchChromium } from '../e2e/helpers/browser';
import { writeToneWav } from '../e2e/helpers/media';
import { openSession } from '../e2e/helpers/page';
import { ensureRendererBuilt, rendererOut } from '../e2e/helpers/renderer-build';
import type { BenchContext } from './context';
import { percentile } from './report';

export async function benchPlay(ctx: BenchContext): Promise<void> {
  const { report } = ctx;
  report.section('Play a moment (Chromium, production renderer, a local WAV)');
  await ensureRendererBuilt();
  const project = Project.open(await createDemoProjectAt(join(ctx.dir, 'play.dyad'), { coding: false }));
  const recording = join(ctx.dir, 'session recording.wav');
  writeToneWav(recording, 50 * 60);
  updateSession(project.db, findSession(project.db, '2', 1)!.id, { recordingPath: recording });
  const server = await startServer({ project, staticDir: rendererOut });
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(server.url);
    await page.locator('li.tree__dyad').first().waitFor();
    await openSession(page, '2', 1);
    await page.locator('.player__what[title]').waitFor();
    const buttons = page.locator('.play-btn');
    const count = await buttons.count();
    const playing: number[] = [];
    const moving: number[] = [];
    for (let i = 0; i < count; i++) {
      const button = buttons.nth(i);
      await button.scrollIntoViewIfNeeded();
      // The clock starts in the page, at the click itself, and stops at the element's own events.
      const done = page.evaluate(
        () =>
          new Promise<{ playing: number; moving: number }>((resolve) => {
            const v = document.querySelector<HTMLVideoElement>('.player__video')!;
            let clicked = 0;
            let playingAt = 0;
            document.addEventListener('click', () => (clicked = performance.now()), { capture: true, once: true });
            v.addEventListener('playing', () => (playingAt = performance.now()), { once: true });
            let from = -1;
            const watch = () => {
              if (playingAt && from < 0) from = v.currentTime;
              if (playingAt && v.currentTime > from + 0.001) return resolve({ playing: playingAt - clicked, moving: performance.now() - clicked });
              requestAnimationFrame(watch);
            };
            requestAnimationFrame(watch);
          }),
      );
      await button.click();
      const t = await done;
      playing.push(t.playing);
      moving.push(t.moving);
      await page.locator('.player__video').evaluate((v: HTMLVideoElement) => v.pause());
    }
    report.add(`click Play → 'playing' event (median of ${playing.length} moments)`, percentile(playing, 50), 'ms', 150);
    report.add('click Play → currentTime moving on (median)', percentile(moving, 50), 'ms', 150);
    report.add('click Play → currentTime moving on (slowest)', Math.max(...moving), 'ms');
  } finally {
    await browser.close();
    await server.close();
    project.close();
  }
}

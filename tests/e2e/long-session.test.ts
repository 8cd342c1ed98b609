import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/harness';
import { importSessionPair } from './helpers/import';
import { longSession } from './helpers/long-interviews';
import { lastTimings, openSession } from './helpers/page';


/**
 * The side-by-side view with two 15,000-word interviews (about 300 rows): how long the session takes to show,
 * and how scrolling through it behaves. Figures are printed, not asserted (machines differ); what is asserted is
 * that the list is virtualized and stays usable.
 */
describe('a long session (two 15,000-word interviews) in Chromium', () => {
  let h: Harness;
  let words: { client: number; therapist: number };

  beforeAll(async () => {
    h = await startHarness();
    const s = longSession({ words: 15_000, stops: 280 });
    const preview = await importSessionPair(h, '77', 1, { client: ['D77_S1_client.txt', s.client], therapist: ['D77_S1_therapist.txt', s.therapist] });
    words = { client: preview.items[0]!.wordCount, therapist: preview.items[1]!.wordCount };
    await h.page.goto(h.server.url);
    await h.page.locator('.tree__dyad').first().waitFor();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('opens it quickly, with only the visible rows in the page', async () => {
    const { page } = h;
    expect(words.client).toBeGreaterThan(14_000);
    expect(words.therapist).toBeGreaterThan(14_000);
    const cold = await openSession(page, '77', 1);
    const coldMeasure = await lastTimings(page);
    const rowCount = Number(await page.locator('.rows').getAttribute('aria-rowcount'));
    const inDom = await page.locator('.rows__item').count();
    console.log(
      `[e2e] long session (${words.client.toLocaleString('en')} + ${words.therapist.toLocaleString('en')} words, ${rowCount} rows): ` +
        `first render ${coldMeasure.render} ms (of which ${coldMeasure.fetch} ms fetching text and alignment), ${cold.wallMs} ms click to first row; ` +
        `${inDom} rows in the DOM`,
    );
    expect(rowCount).toBeGreaterThan(250);
    expect(inDom).toBeLessThan(30);

    // Again, after another session: the page and its code are warm now.
    await openSession(page, '1', 1);
    const warm = await openSession(page, '77', 1);
    const warmMeasure = await lastTimings(page);
    console.log(
      `[e2e] long session reopened: first render ${warmMeasure.render} ms (of which ${warmMeasure.fetch} ms fetching), ${warm.wallMs} ms click to first row`,
    );
    await h.screenshot('10-long-session');
  });

  it('scrolls from top to bottom with the two columns in step', async () => {
    const { page } = h;
    const stats = await page.evaluate(async () => {
      const list = document.querySelector('.rows') as HTMLElement;
      const frames: number[] = [];
      let misaligned = 0;
      let last = performance.now();
      const started = last;
      for (let i = 0; list.scrollTop + list.clientHeight < list.scrollHeight - 2 && i < 2000; i++) {
        list.scrollTop += 120;
        await new Promise<void>((r) => requestAnimationFrame(() => r()));
        const now = performance.now();
        frames.push(now - last);
        last = now;
        // Rows hold both cells: each cell starts at its row's top, so client and therapist stay side by side.
        // Checked every tenth step, after the frame was timed, so the check's layout reads do not skew the figures.
        if (i % 10 === 0) {
          for (const row of Array.from(list.querySelectorAll('.row'))) {
            const cells = row.querySelectorAll('.cell');
            if (cells.length === 2 && Math.abs(cells[0]!.getBoundingClientRect().top - cells[1]!.getBoundingClientRect().top) > 1) misaligned++;
          }
          last = performance.now();
        }
      }
      frames.sort((a, b) => a - b);
      const q = (p: number) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))]!;
      return {
        steps: frames.length,
        totalMs: Math.round(performance.now() - started),
        medianMs: Math.round(q(0.5) * 10) / 10,
        p95Ms: Math.round(q(0.95) * 10) / 10,
        maxMs: Math.round(frames[frames.length - 1]! * 10) / 10,
        misaligned,
        height: list.scrollHeight,
      };
    });
    console.log(
      `[e2e] long session scroll: ${stats.steps} steps of 120 px over ${stats.height} px in ${stats.totalMs} ms; ` +
        `frame median ${stats.medianMs} ms, p95 ${stats.p95Ms} ms, max ${stats.maxMs} ms (headless, no GPU)`,
    );
    expect(stats.misaligned).toBe(0);
    const lastRow = Number(await page.locator('.rows__item').last().getAttribute('data-index'));
    const rowCount = Number(await page.locator('.rows').getAttribute('aria-rowcount'));
    expect(lastRow).toBe(rowCount - 1);
    expect(h.pageErrors).toEqual([]);
  });

  it('finds across the whole session and jumps to a hit far away', async () => {
    const { page } = h;
    const box = page.getByRole('searchbox', { name: 'Find in session' });
    await box.fill('relieved');
    await page.waitForFunction(() => /^1 of \d+$/.test(document.querySelector('.find__count')?.textContent ?? ''));
    const total = Number((await page.locator('.find__count').innerText()).split(' of ')[1]);
    expect(total).toBeGreaterThan(10);
    const started = Date.now();
    await box.press('Shift+Enter');
    await page.waitForFunction(() => {
      const hit = document.querySelector('mark.hit--current');
      const list = document.querySelector('.rows');
      if (!hit || !list) return false;
      const a = hit.getBoundingClientRect();
      const b = list.getBoundingClientRect();
      return a.top >= b.top && a.bottom <= b.bottom;
    });
    console.log(`[e2e] long session find: ${total} hits; jump to the last one shown in ${Date.now() - started} ms`);
    await expect(page.locator('.find__count').innerText()).resolves.toBe(`${total} of ${total}`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DyadError } from '../../shared/api/errors';
import { startHarness, type Harness } from './helpers/harness';

const STEPS = 200;

/**
 * The analysis and team pages run their long calls as jobs: while one runs the page shows how far it has got
 * and a Cancel that stops it. Here the merge preview is slowed down (and cancellable) to be seen doing so.
 */
describe('a long merge preview on the Merge page: progress and cancel', () => {
  let h: Harness;
  let cancelled = 0;

  beforeAll(async () => {
    h = await startHarness({
      wrapHandlers: (real) => ({
        ...real,
        'merge.preview': async (_input, ctx) => {
          for (let i = 0; i < STEPS; i++) {
            if (ctx.signal.aborted) {
              cancelled++;
              throw new DyadError('cancelled', 'Reading Study (Sam).dyad was cancelled; nothing was written.');
            }
            ctx.progress(i, STEPS, 'Reading Study (Sam).dyad');
            await new Promise((r) => setTimeout(r, 50));
          }
          throw new DyadError('not-found', 'Study (Sam).dyad does not exist.');
        },
      }),
    });
    await h.page.goto(h.server.url);
    await h.page.locator('.tree__dyad').first().waitFor();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows the bar with what is being read and how far, and Cancel stops the job', async () => {
    const { page } = h;
    await page.getByRole('button', { name: "Merge a coder's project" }).click();
    await page.getByLabel('Path of the file to merge').fill('/tmp/Study (Sam).dyad');
    await page.getByRole('button', { name: 'Preview merge' }).click();
    const bar = page.getByRole('progressbar');
    await page.waitForFunction(() => Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? 0) >= 2);
    await expect(page.locator('.progress__text').innerText()).resolves.toMatch(/Reading Study \(Sam\)\.dyad\s+\d+ of 200/);
    await expect(bar.getAttribute('aria-valuetext')).resolves.toBe('Reading Study (Sam).dyad');
    await page.locator('.progress').getByRole('button', { name: 'Cancel', exact: true }).click();
    await bar.waitFor({ state: 'detached' });
    await expect.poll(() => cancelled).toBe(1);
    // Back to choosing a file, told what happened.
    await page.getByLabel('Path of the file to merge').waitFor();
    await expect(page.locator('.toast').last().innerText()).resolves.toContain('cancelled');
    expect(h.pageErrors).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DyadError } from '../../shared/api/errors';
import { startHarness, type Harness } from './helpers/harness';

const STEPS = 200;
const HELD_AT = 10;

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
          // A few steps, then the job holds until it is cancelled (however slowly the page is driven), instead
          // of stepping on a timer that a busy machine can outrun.
          for (let i = 0; i <= HELD_AT; i++) ctx.progress(i, STEPS, 'Reading Study (Sam).dyad');
          await new Promise((r) => ctx.signal.addEventListener('abort', r, { once: true }));
          cancelled++;
          throw new DyadError('cancelled', 'Reading Study (Sam).dyad was cancelled; nothing was written.');
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
    await page.locator('.progress__count', { hasText: `${HELD_AT} of ${STEPS}` }).waitFor();
    await expect(page.locator('.progress__text').innerText()).resolves.toMatch(new RegExp(`Reading Study \\(Sam\\)\\.dyad\\s+${HELD_AT} of ${STEPS}`));
    await expect(bar.getAttribute('aria-valuenow')).resolves.toBe(String((HELD_AT / STEPS) * 100));
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

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DyadError } from '../../shared/api/errors';
import { startHarness, type Harness } from './helpers/harness';
import { root } from './helpers/renderer-build';

const STEPS = 40;

/**
 * Progress and cancel of a long import, against a core whose preview is slowed down (the real handler runs at
 * the end, so a preview that is not cancelled still shows real results).
 */
describe('a long import in Chromium: progress and cancel', () => {
  let h: Harness;
  let cancelledJobs = 0;
  let holdUntilCancelled = true;

  beforeAll(async () => {
    h = await startHarness({
      wrapHandlers: (real) => ({
        ...real,
        'import.preview': async (input, ctx) => {
          const name = input.files[0]?.name ?? 'file';
          // The first preview holds at its last step until it is cancelled, so that Cancel is there to press
          // however slowly the page is driven (a screenshot can take seconds on a busy machine).
          for (let i = 0; i < STEPS || holdUntilCancelled; i++) {
            if (ctx.signal.aborted) {
              cancelledJobs++;
              throw new DyadError('cancelled', `Reading ${name} was cancelled; nothing was written.`);
            }
            ctx.progress(Math.min(i, STEPS - 1), STEPS, `Reading ${name}`);
            await new Promise((r) => setTimeout(r, 50));
          }
          return real['import.preview'](input, ctx);
        },
      }),
    });
    await h.page.goto(h.server.url);
    await h.page.locator('.tree__dyad').first().waitFor();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows how far reading has got, and Cancel stops it', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Import transcripts…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await page.locator('#import-files').setInputFiles([join(root, 'tests', 'fixtures', 'e2e', 'D09_S1_client.txt')]);
    const bar = dialog.getByRole('progressbar');
    await page.waitForFunction(() => Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? 0) >= 10);
    await expect(dialog.locator('.progress__text').innerText()).resolves.toMatch(/Reading D09_S1_client\.txt\s+\d+ of 40/);
    await expect(bar.getAttribute('aria-valuetext')).resolves.toBe('Reading D09_S1_client.txt');
    await h.screenshot('30-import-progress');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.locator('.picker').waitFor();
    await expect(dialog.locator('.modal__footer-msg').innerText()).resolves.toBe('Reading the files was cancelled.');
    expect(await dialog.locator('tbody.preview__file').count()).toBe(0);
    expect(cancelledJobs).toBe(1);
  });

  it('without Cancel, the same import ends in its preview', async () => {
    const { page } = h;
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    holdUntilCancelled = false;
    await page.locator('#import-files').setInputFiles([join(root, 'tests', 'fixtures', 'e2e', 'D09_S1_client.txt')]);
    await dialog.getByRole('progressbar').waitFor();
    await dialog.locator('tbody.preview__file[data-file="D09_S1_client.txt"]').waitFor({ timeout: 10_000 });
    expect(cancelledJobs).toBe(1);
    expect(h.pageErrors).toEqual([]);
  });
});

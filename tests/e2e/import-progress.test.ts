import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DyadError } from '../../shared/api/errors';
import { startHarness, type Harness } from './helpers/harness';
import { root } from './helpers/renderer-build';

const STEPS = 40;
const HELD_AT = 10;

/**
 * Progress and cancel of a long import, against a core whose preview is slowed down (the real handler runs at
 * the end, so a preview that is not cancelled still shows real results).
 */
describe('a long import in Chromium: progress and cancel', () => {
  let h: Harness;
  let cancelledJobs = 0;
  // The preview reads up to HELD_AT and holds there until it is cancelled or the test lets it go on: Cancel is
  // there to press however slowly the page is driven (a screenshot can take seconds on a busy machine), and no
  // step waits on a timer.
  let letGo: () => void = () => {};

  beforeAll(async () => {
    h = await startHarness({
      wrapHandlers: (real) => ({
        ...real,
        'import.preview': async (input, ctx) => {
          const name = input.files[0]?.name ?? 'file';
          for (let i = 0; i <= HELD_AT; i++) ctx.progress(i, STEPS, `Reading ${name}`);
          const released = await new Promise<boolean>((resolve) => {
            letGo = () => resolve(true);
            ctx.signal.addEventListener('abort', () => resolve(false), { once: true });
          });
          if (!released) {
            cancelledJobs++;
            throw new DyadError('cancelled', `Reading ${name} was cancelled; nothing was written.`);
          }
          for (let i = HELD_AT + 1; i < STEPS; i++) ctx.progress(i, STEPS, `Reading ${name}`);
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
    await dialog.locator('.progress__count', { hasText: `${HELD_AT} of ${STEPS}` }).waitFor();
    await expect(dialog.locator('.progress__text').innerText()).resolves.toMatch(new RegExp(`Reading D09_S1_client\\.txt\\s+${HELD_AT} of ${STEPS}`));
    await expect(bar.getAttribute('aria-valuenow')).resolves.toBe(String((HELD_AT / STEPS) * 100));
    await expect(bar.getAttribute('aria-valuetext')).resolves.toBe('Reading D09_S1_client.txt');
    await h.screenshot('30-import-progress');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.locator('.picker').waitFor();
    await expect(dialog.locator('.modal__footer-msg').innerText()).resolves.toBe('Reading the files was cancelled.');
    expect(await dialog.locator('tbody.preview__file').count()).toBe(0);
    await expect.poll(() => cancelledJobs).toBe(1);
  });

  it('without Cancel, the same import ends in its preview', async () => {
    const { page } = h;
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await page.locator('#import-files').setInputFiles([join(root, 'tests', 'fixtures', 'e2e', 'D09_S1_client.txt')]);
    await dialog.locator('.progress__count', { hasText: `${HELD_AT} of ${STEPS}` }).waitFor();
    letGo();
    await dialog.locator('tbody.preview__file[data-file="D09_S1_client.txt"]').waitFor({ timeout: 10_000 });
    expect(cancelledJobs).toBe(1);
    expect(h.pageErrors).toEqual([]);
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/harness';
import { dyadItem } from './helpers/page';
import { root } from './helpers/renderer-build';

describe('a new, empty project in Chromium', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ project: 'empty' });
    await h.page.goto(h.server.url);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('says there is nothing yet and leads to the import', async () => {
    const { page } = h;
    const empty = page.locator('.main .empty');
    await empty.locator('h1', { hasText: 'No transcripts yet' }).waitFor();
    await expect(page.locator('.nav__empty').innerText()).resolves.toContain('No dyads yet');
    await h.screenshot('20-empty-project');
    await empty.getByRole('button', { name: 'Import transcripts…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.waitFor();
    await page.locator('#import-files').setInputFiles([join(root, 'tests', 'fixtures', 'e2e', 'D09_S1_client.txt')]);
    await dialog.getByRole('button', { name: 'Import 1 file' }).click();
    await dialog.waitFor({ state: 'detached' });
    await dyadItem(page, '9').waitFor();
    // A session with only its client interview says which side is missing.
    await dyadItem(page, '9').locator('.tree__session').click();
    await page.locator('.dyad-view .row').first().waitFor();
    await expect(page.locator('.columns-head__col[data-column="therapist"] .columns-head__file').innerText()).resolves.toBe('No therapist interview imported');
    await expect(page.locator('.cell--therapist.cell--empty').first().innerText()).resolves.toBe('No therapist interview in this session');
    expect(h.pageErrors).toEqual([]);
  });
});

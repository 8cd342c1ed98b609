import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../integration/export/readXlsx';
import { type Harness, useCodedDemo } from './helpers/harness';

type Preview = { sources: unknown[]; codes: number; codings: number };

/** Issue 13, item 8: Export and Exchange save the same way, a download in the browser and the save dialog in the app. */
describe('one save model for Export and Exchange', () => {
  let h: Harness;

  useCodedDemo((started) => (h = started));

  it('in the browser, Exchange downloads the .qdpx (a project Dyad reads back whole) and the codebook files', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Exchange (REFI-QDA)' }).click();
    await expect(page.getByRole('group', { name: 'Export for other software' }).or(page.locator('[aria-label="Export for other software"]')).first().innerText()).resolves.toContain(
      'The file is downloaded by your browser',
    );
    // No path to type any more: the page has no file-path box.
    await expect(page.locator('#xc-qdpx, #xc-qdc').count()).resolves.toBe(0);

    const [qdpx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .qdpx…' }).click()]);
    expect(qdpx.suggestedFilename()).toBe('Demo study.qdpx');
    const qdpxPath = join(h.dir, 'downloaded.qdpx');
    await qdpx.saveAs(qdpxPath);
    const bytes = readFileSync(qdpxPath);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    // What was downloaded is the project: Dyad reads it back with every transcript, code and coding.
    const preview = await h.api<Preview>('refi.previewQdpx', { dataBase64: bytes.toString('base64'), name: 'downloaded.qdpx' });
    const tree = await h.api<{ sessions: { interviews?: unknown[] }[] }[]>('dyads.list', {});
    expect(preview.sources).toHaveLength(12);
    expect(preview.codings).toBeGreaterThan(20);
    expect(tree.length).toBe(3);
    await page.getByText(/^Saved Demo study\.qdpx: 12 sources, /).waitFor();
    // Nothing was written beside the project by the browser's export.
    expect(existsSync(join(h.dir, 'Demo study.qdpx'))).toBe(false);

    const [qdc] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .qdc…' }).click()]);
    expect(qdc.suggestedFilename()).toBe('IPR themes.qdc');
    const qdcPath = join(h.dir, 'downloaded.qdc');
    await qdc.saveAs(qdcPath);
    expect(readFileSync(qdcPath, 'utf8')).toMatch(/<CodeBook[\s>][\s\S]*Alliance rupture/);

    const [word] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Word table…' }).click()]);
    expect(word.suggestedFilename()).toBe('Codebook IPR themes.docx');
    await page.getByText(/^Saved Codebook IPR themes\.docx: 9 codes of “IPR themes”/).waitFor();
    await page.mouse.move(5, 5);
    await h.screenshot('save-model-exchange-browser');
    expect(h.pageErrors).toEqual([]);
  }, 90_000);

  it('in the app, both pages ask the save dialog where, and the core writes the file there', async () => {
    // The desktop shell's bridge, played by the page: API calls go to the same handler table, and the save dialog
    // answers with a path in the test's folder, recording what it was asked.
    // A page of its own in the harness's context (a second context brought the npm Chromium down as it closed).
    const page = await h.page.context().newPage();
    const base = h.server.url.replace(/\/\?token=.*$/, '');
    await page.addInitScript(
      ({ token, dir }) => {
        const asked: unknown[] = [];
        (window as unknown as { savesAsked: unknown[] }).savesAsked = asked;
        const api = new Proxy(
          {},
          {
            get: (_t, method: string) => async (input: unknown) =>
              (await fetch(`/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dyad-token': token }, body: JSON.stringify(input ?? {}) })).json(),
          },
        );
        (window as unknown as { dyad: unknown }).dyad = {
          api,
          onEvent(listener: (e: unknown) => void) {
            const source = new EventSource('/api/events', { withCredentials: true });
            source.onmessage = (m) => listener(JSON.parse(m.data as string));
            return () => source.close();
          },
          shell: {
            openProject: async () => ({ ok: true, value: null }),
            newProject: async () => ({ ok: true, value: null }),
            saveFile: async (request: { defaultName: string }) => {
              asked.push(request);
              return { ok: true, value: { path: `${dir}/chosen-${request.defaultName}` } };
            },
          },
        };
      },
      { token: h.server.token, dir: h.dir },
    );
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let downloads = 0;
    page.on('download', () => downloads++);
    try {
      await page.goto(`${base}/?token=${h.server.token}`);
      await page.locator('.tree__dyad').first().waitFor();

      await page.getByRole('button', { name: 'Exchange (REFI-QDA)' }).click();
      await expect(page.locator('[aria-label="Export for other software"]').innerText()).resolves.toContain('You choose where to save the file.');
      await page.getByRole('button', { name: 'Export .qdpx…' }).click();
      await page.getByText(/^Saved .*chosen-Demo study\.qdpx: 12 sources/).waitFor();
      expect(readFileSync(join(h.dir, 'chosen-Demo study.qdpx')).subarray(0, 2).toString()).toBe('PK');

      await page.getByRole('button', { name: 'Export', exact: true }).click();
      await page.getByRole('group', { name: 'Codes' }).or(page.getByRole('group', { name: 'Themes' })).first().getByRole('checkbox').first().check();
      await page.getByLabel('Excel (.xlsx)').check();
      await page.getByRole('button', { name: /^Export 1 code…$/ }).click();
      await page.getByText(/^Exported \d+ excerpts? to .*chosen-Excerpts\.xlsx$/).waitFor();
      const wb = await readXlsx(join(h.dir, 'chosen-Excerpts.xlsx'));
      expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(1);

      const asked = await page.evaluate(() => (window as unknown as { savesAsked: unknown[] }).savesAsked);
      expect(asked).toEqual([
        { defaultName: 'Demo study.qdpx', filters: [{ name: 'REFI-QDA project', extensions: ['qdpx'] }] },
        { defaultName: 'Excerpts.xlsx', filters: [{ name: 'Excel', extensions: ['xlsx'] }] },
      ]);
      // In the app nothing goes through the browser's downloads.
      expect(downloads).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);
});

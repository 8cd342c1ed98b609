/**
 * Opening a project (issue 17): the page asks the core for the navigator's tree alone and shows the navigator
 * with React and the navigator's own script only; what the first screen does not show (the coding layer, the
 * import dialog, the navigator's edit dialogs, the session view) arrives afterwards and works when first used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/harness';
import { dyadItem } from './helpers/page';
import { rendererOut } from './helpers/renderer-build';

const LATE = ['CodingRoot', 'ImportDialog', 'EditDyadDialog', 'SessionDetailsDialog', 'DyadView'];
const fileOf = (url: string) => url.replace(/^.*\//u, '').replace(/\?.*$/u, '');

describe('opening a project in Chromium', () => {
  let h: Harness;
  let atShown: string[];
  let callsAtShown: string[];

  beforeAll(async () => {
    h = await startHarness({ project: 'demo' });
    // What the page had asked for at the moment the navigator's first dyad entered it.
    await h.context.addInitScript(`new MutationObserver((_, o) => {
      if (!document.querySelector('li.tree__dyad')) return;
      o.disconnect();
      globalThis.__atShown = performance.getEntriesByType('resource').map((e) => e.name);
    }).observe(document, { childList: true, subtree: true });`);
    await h.page.goto(h.server.url);
    await dyadItem(h.page, '1').waitFor();
    const urls = await h.page.evaluate(() => (globalThis as { __atShown?: string[] }).__atShown ?? []);
    atShown = urls.map(fileOf);
    callsAtShown = urls.filter((u) => u.includes('/api/call/')).map(fileOf);
  });

  afterAll(async () => {
    await h?.close();
  });

  it("asks the core only for the project's name and the navigator's tree before the navigator shows", () => {
    expect(callsAtShown.sort()).toEqual(['dyads.navigator', 'project.info']);
  });

  it('shows the navigator without the script of what it does not show, and lists React in the page so it loads beside the entry', () => {
    const scripts = atShown.filter((f) => f.endsWith('.js'));
    expect(scripts.some((f) => f.startsWith('react-dom-'))).toBe(true);
    expect(scripts.filter((f) => LATE.some((late) => f.startsWith(`${late}-`)))).toEqual([]);
    const html = readFileSync(join(rendererOut, 'index.html'), 'utf8');
    expect(html).toMatch(/<link rel="modulepreload"[^>]*href="\.\/assets\/render-[\w-]+\.js"/u);
    expect(html).toMatch(/<link rel="modulepreload"[^>]*href="\.\/assets\/react-dom-[\w-]+\.js"/u);
  });

  it('fetches the late parts once the navigator is shown, and they work when first used', async () => {
    const { page } = h;
    await page.waitForFunction(
      (late) => late.every((l) => performance.getEntriesByType('resource').some((e) => e.name.includes(`/${l}-`))),
      LATE,
    );
    await page.locator('.nav__actions').getByRole('button', { name: 'Import transcripts…' }).click();
    const importing = page.getByRole('dialog', { name: 'Import transcripts' });
    await importing.waitFor();
    await importing.getByRole('button', { name: 'Close' }).last().click();
    await importing.waitFor({ state: 'detached' });
    await dyadItem(page, '1').getByRole('button', { name: /^Edit Dyad 1/u }).click();
    const editing = page.getByRole('dialog');
    await editing.waitFor();
    await expect(editing.innerText()).resolves.toContain('Dyad 1');
    await page.keyboard.press('Escape');
    await editing.waitFor({ state: 'detached' });
    expect(h.pageErrors).toEqual([]);
  });
});

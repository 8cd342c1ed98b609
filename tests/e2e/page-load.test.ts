/**
 * Opening a project (issue 17): the page's first script asks the core for the navigator's tree alone and draws the
 * navigator in plain DOM before React has loaded; React then draws the same and takes over. What the first screen does
 * not show (the coding layer, the import dialog, the navigator's edit dialogs, the session view) arrives afterwards
 * and works when first used.
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
    // React may still be on its way when the first screen shows (it is no longer needed for it): listed in the page,
    // it is fetched and compiled beside the entry all the same.
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

/**
 * The first screen is drawn by the page's first script in plain DOM before React has loaded (renderer/src/firstScreen),
 * then React draws the same and takes over. Here React's chunk is held back at the server's door until the test lets
 * it through, so "before React" is a state the test can look at, click in and photograph.
 */
describe('the first screen, before React', () => {
  let h: Harness;
  let release: () => void;
  const reactMounted = () => h.page.evaluate(() => Object.keys(document.getElementById('root')!).some((k) => k.startsWith('__reactContainer')));

  /** Opens the project afresh with React's chunk held back until `release()`; `drawn` says when the first screen is up. */
  async function openHeld(drawn = () => dyadItem(h.page, '1').waitFor()): Promise<void> {
    await openHeldAt(h.server.url, drawn);
  }

  async function openHeldAt(url: string, drawn = () => dyadItem(h.page, '1').waitFor()): Promise<void> {
    let let_go!: () => void;
    const held = new Promise<void>((resolve) => (let_go = resolve));
    release = let_go;
    await h.page.unrouteAll();
    await h.page.route(/\/assets\/render-[\w-]+\.js$/u, async (route) => {
      await held;
      await route.continue();
    });
    await h.page.goto(url);
    await drawn();
  }

  /** The page's markup at React's first commit (a mutation observer set before React is let through). */
  async function markupWhenReactDraws(): Promise<string> {
    await h.page.evaluate(() => {
      const root = document.getElementById('root')!;
      new MutationObserver((_, o) => {
        if (!Object.keys(root).some((k) => k.startsWith('__reactContainer'))) return;
        o.disconnect();
        (globalThis as { __reactMarkup?: string }).__reactMarkup = root.innerHTML;
      }).observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
    });
    release();
    await h.page.waitForFunction(() => (globalThis as { __reactMarkup?: string }).__reactMarkup !== undefined);
    return h.page.evaluate(() => (globalThis as { __reactMarkup?: string }).__reactMarkup!);
  }

  beforeAll(async () => {
    h = await startHarness({ project: 'demo' });
  });

  afterAll(async () => {
    release?.();
    await h?.close();
  });

  it("draws the navigator before React's chunk has run, with the first dyad unfolded and its sessions listed", async () => {
    await openHeld();
    expect(await reactMounted()).toBe(false);
    const { page } = h;
    await expect(dyadItem(page, '1').locator('.tree__dyad-btn').getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(dyadItem(page, '1').locator('.tree__session').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.nav__project').innerText()).resolves.toBe('Demo study');
    // The same roles and names as React's navigator: a screen reader finds the same landmarks and buttons.
    await page.getByRole('complementary', { name: 'Project' }).waitFor();
    await page.getByRole('navigation', { name: 'Dyads and sessions' }).waitFor();
    await page.getByRole('button', { name: 'Import transcripts…' }).waitFor();
    const navMarkup = () => page.evaluate(() => document.querySelector('.nav')!.outerHTML);
    const nav = await navMarkup();
    const markup = await page.evaluate(() => document.getElementById('root')!.innerHTML);
    await h.screenshot('first-screen-before-react');
    expect(await markupWhenReactDraws()).toBe(markup);
    expect(await reactMounted()).toBe(true);
    // Once the late parts have come, the navigator is still what the first script drew, element for element (compared
    // as markup: pixels differ between Chromium builds whose fonts finish loading at different moments).
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/CodingRoot-')));
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
    await h.screenshot('first-screen-after-react');
    expect(await navMarkup()).toBe(nav);
    expect(h.pageErrors).toEqual([]);
  });

  it('keeps what the researcher clicks before React is ready and does it once React has drawn: unfolding a dyad, choosing a session', async () => {
    await openHeld();
    const { page } = h;
    const second = dyadItem(page, '2');
    await second.locator('.tree__dyad-btn').click();
    // Nothing answers yet (React is held back), and the click is not lost.
    expect(await reactMounted()).toBe(false);
    await expect(second.locator('.tree__dyad-btn').getAttribute('aria-expanded')).resolves.toBe('false');
    await dyadItem(page, '1').locator('.tree__session', { hasText: 'Session 1' }).click();
    release();
    await page.waitForFunction(() => document.querySelector('li.tree__dyad[data-dyad-name="2"] .tree__dyad-btn')?.getAttribute('aria-expanded') === 'true');
    await page.locator('.view-header h1', { hasText: 'Session 1' }).waitFor();
    await expect(dyadItem(page, '1').locator('.tree__session', { hasText: 'Session 1' }).getAttribute('aria-current')).resolves.toBe('page');
    expect(h.pageErrors).toEqual([]);
  });

  it('opens where the researcher was: the remembered session marked and opening, then shown once React is in', async () => {
    const tree = await h.api<{ name: string; sessions: { id: string; number: number }[] }[]>('dyads.navigator', {});
    const sessionId = tree.find((d) => d.name === '2')!.sessions.find((x) => x.number === 1)!.id;
    await openHeldAt(`${h.server.url}#session=${sessionId}`);
    const { page } = h;
    expect(await reactMounted()).toBe(false);
    await expect(dyadItem(page, '2').locator('.tree__dyad-btn').getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(page.locator(`.tree__session[data-session-id="${sessionId}"]`).getAttribute('aria-current')).resolves.toBe('page');
    await expect(page.locator('main .empty').innerText()).resolves.toBe('Opening the session…');
    release();
    await page.locator('.view-header h1', { hasText: 'Dyad 2 · Session 1' }).waitFor();
    expect(h.pageErrors).toEqual([]);
  });

  it('keeps the focus where the keyboard left it on the first screen', async () => {
    await openHeld();
    const { page } = h;
    await page.getByRole('button', { name: 'Import transcripts…' }).focus();
    await markupWhenReactDraws();
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Import transcripts…');
    expect(await page.evaluate(() => Object.keys(document.activeElement!).some((k) => k.startsWith('__reactFiber')))).toBe(true);
  });

  it('draws the navigator folded when the researcher left it folded, as React does', async () => {
    await h.page.evaluate(() => localStorage.setItem('dyad.navigator', 'folded'));
    try {
      await openHeld(() => h.page.getByRole('button', { name: 'Show the navigator' }).waitFor());
      expect(await reactMounted()).toBe(false);
      const markup = await h.page.evaluate(() => document.getElementById('root')!.innerHTML);
      expect(await markupWhenReactDraws()).toBe(markup);
    } finally {
      await h.page.evaluate(() => localStorage.removeItem('dyad.navigator'));
    }
  });

  it("is the page's first script, small and without React", () => {
    const html = readFileSync(join(rendererOut, 'index.html'), 'utf8');
    const entry = /<script type="module" async crossorigin src="\.\/assets\/(index-[\w-]+\.js)"><\/script>/u.exec(html)?.[1];
    expect(entry).toBeDefined();
    const code = readFileSync(join(rendererOut, 'assets', entry!), 'utf8');
    expect(code.length).toBeLessThan(20_000);
    // React and the store come only by the dynamic import once the first screen is painted, never as a static import.
    expect(code).not.toMatch(/^import[^;]*from\s*"\.\/(react-dom|render|jsx-runtime)-/mu);
  });
});

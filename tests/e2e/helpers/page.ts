import type { Locator, Page } from 'playwright-core';

/** The navigator entry of a dyad, by its name as stored ("1", "9", "Long 1"). */
export function dyadItem(page: Page, name: string): Locator {
  return page.locator(`li.tree__dyad[data-dyad-name="${name}"]`);
}

/** Opens a session from the navigator (unfolding its dyad first) and waits for its rows. */
export async function openSession(page: Page, dyad: string, session: number): Promise<{ wallMs: number }> {
  const item = dyadItem(page, dyad);
  const toggle = item.locator('.tree__dyad-btn');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const button = item.locator('.tree__session', { hasText: `Session ${session}` });
  const started = Date.now();
  await button.click();
  await page.locator('.dyad-view .row').first().waitFor();
  const wallMs = Date.now() - started;
  await page.locator('.view-header h1', { hasText: `Session ${session}` }).waitFor();
  return { wallMs };
}

/** The User Timing measure the renderer records from choosing a session to its rows painted. */
export async function lastFirstRenderMs(page: Page): Promise<number | null> {
  return (await lastTimings(page)).render;
}

/** Choosing a session → its data arrived (fetch) → its rows painted (render), from the renderer's measures. */
export async function lastTimings(page: Page): Promise<{ fetch: number | null; render: number | null }> {
  await page.waitForFunction(() => performance.getEntriesByName('dyad:session-first-render').length > 0);
  return page.evaluate(() => {
    const last = (name: string) => {
      const all = performance.getEntriesByName(name);
      return all.length ? Math.round(all[all.length - 1]!.duration) : null;
    };
    return { fetch: last('dyad:session-fetch'), render: last('dyad:session-first-render') };
  });
}

/** Seconds in a recall-moment marker as written: "[video 00:12:34]", "[stopped at 12:41]". */
export function markerSeconds(label: string): number | null {
  const m = /(?:(\d+):)?(\d{1,2}):(\d{2})/.exec(label);
  if (!m) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

export interface RowInfo {
  index: number;
  match: string;
  client: { unitId: string; time: number | null; markers: string[] } | null;
  therapist: { unitId: string; time: number | null; markers: string[] } | null;
  gutter: string;
}

/** What the rendered rows show (only the rows the virtual list has in the DOM). */
export async function renderedRows(page: Page): Promise<RowInfo[]> {
  return page.locator('.rows__item').evaluateAll((items) =>
    items.map((item) => {
      const side = (name: string) => {
        const cell = item.querySelector(`.cell[data-side="${name}"][data-unit-id]`);
        if (!cell) return null;
        const t = cell.getAttribute('data-session-time');
        return {
          unitId: cell.getAttribute('data-unit-id')!,
          time: t === null ? null : Number(t),
          markers: Array.from(cell.querySelectorAll('.marker'), (m) => m.textContent ?? ''),
        };
      };
      return {
        index: Number(item.getAttribute('data-index')),
        match: item.querySelector('.gutter')?.getAttribute('data-match') ?? '',
        client: side('client'),
        therapist: side('therapist'),
        gutter: (item.querySelector('.gutter') as HTMLElement | null)?.innerText ?? '',
      };
    }),
  );
}

/**
 * What the eye reads in an element whose text is drawn by CSS (`::after { content: attr(data-n) }`), such as a
 * codebook row's count and key, which are kept out of the row's accessible name that way.
 */
export async function drawnText(element: Locator): Promise<string> {
  const content = await element.evaluate((e) => getComputedStyle(e, '::after').content);
  return content === 'none' || content === 'normal' ? '' : (JSON.parse(content) as string);
}

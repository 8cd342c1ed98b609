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

/**
 * Waits until the dyad view has stopped moving: its scroll position and the place of every drawn row are the same
 * over three samples a frame apart. A virtual list measures the rows it draws after a scroll, and a find or a
 * jump scrolls smoothly, so what a test measures right after either may still move; this waits that out.
 */
export async function waitForStill(page: Page, timeout = 10_000): Promise<void> {
  const started = Date.now();
  let last = '';
  let same = 0;
  while (same < 3) {
    if (Date.now() - started > timeout) throw new Error(`the dyad view kept moving for ${timeout} ms`);
    const now = await page.evaluate(
      () =>
        new Promise<string>((done) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              const list = document.querySelector('.rows');
              const rows = Array.from(document.querySelectorAll('.rows__item')).map((r) => Math.round(r.getBoundingClientRect().top));
              done(`${list ? Math.round(list.scrollTop) : -1}|${rows.join(',')}`);
            }),
          ),
        ),
    );
    same = now === last ? same + 1 : 0;
    last = now;
  }
}

/**
 * Scrolls the dyad view until the row whose gutter reads `time` (as "00:12:37") sits right under the column heads,
 * scrolling again while the virtual list re-measures the rows it draws, then waits for the view to be still.
 */
export async function scrollRowToTop(page: Page, time: string, timeout = 15_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const off = await page.evaluate((t) => {
      const list = document.querySelector('.rows')!;
      const head = document.querySelector('.columns-head')!.getBoundingClientRect().height;
      const row = Array.from(document.querySelectorAll('.rows__item')).find((r) => r.querySelector('.gutter__time')?.textContent === t);
      if (!row) return null;
      const d = row.getBoundingClientRect().top - list.getBoundingClientRect().top - head;
      if (Math.abs(d) >= 2) list.scrollTop += d;
      return d;
    }, time);
    if (off !== null && Math.abs(off) < 2) {
      await waitForStill(page);
      const after = await page.evaluate((t) => {
        const list = document.querySelector('.rows')!;
        const head = document.querySelector('.columns-head')!.getBoundingClientRect().height;
        const row = Array.from(document.querySelectorAll('.rows__item')).find((r) => r.querySelector('.gutter__time')?.textContent === t);
        return row ? Math.abs(row.getBoundingClientRect().top - list.getBoundingClientRect().top - head) : Infinity;
      }, time);
      if (after < 2) return;
    }
    if (Date.now() - started > timeout) throw new Error(`the row at ${time} did not come to the top of the view (last offset ${off})`);
    await page.waitForTimeout(off === null ? 100 : 30);
  }
}

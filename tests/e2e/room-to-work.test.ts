import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/harness';
import { openSession } from './helpers/page';

type Box = { left: number; top: number; right: number; bottom: number };
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('room to work on a 1280×720 laptop screen (coded demo)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ project: 'coded-demo', viewport: { width: 1280, height: 720 } });
    await h.page.goto(h.server.url);
    await h.page.locator('.tree__dyad').first().waitFor();
    await openSession(h.page, '1', 1);
    await h.page.locator('.cell--client .stripe').first().waitFor();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('fits the two columns and the codebook, headings whole', async () => {
    const { page } = h;
    const panel = page.getByRole('complementary', { name: 'Codebook' });
    const pb = (await panel.boundingBox())!;
    expect(pb.x + pb.width).toBeLessThanOrEqual(1280);
    // No heading of the view is cut off.
    const cut = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.view-header h1, .view-header__facts, .columns-head__role, .columns-head__file, .codebook .code-row__name'))
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.textContent),
    );
    // Long code names may end in an ellipsis in the panel (their full name is the row's title); headings may not.
    expect(cut.filter((t) => !/^(Countertransference)$/.test(t ?? ''))).toEqual([]);
    const col = (await page.locator('.columns-head__col--client').boundingBox())!;
    expect(col.width).toBeGreaterThanOrEqual(285);
    await h.screenshot('room-1280-navigator-open');

    await page.getByRole('button', { name: 'Hide the navigator' }).click();
    await expect.poll(async () => (await page.locator('.columns-head__col--client').boundingBox())!.width).toBeGreaterThan(col.width + 100);
    await h.screenshot('room-1280-navigator-folded');
    await page.getByRole('button', { name: 'Show the navigator' }).click();
    await page.locator('.tree__dyad').first().waitFor();
  });

  it('keeps the session time in sight at the top of a tall row', async () => {
    const { page } = h;
    // Scroll into the middle of the tallest row.
    const t = await page.evaluate(() => {
      const list = document.querySelector<HTMLElement>('.rows')!;
      const rows = Array.from(document.querySelectorAll<HTMLElement>('.rows__item'));
      const tall = rows.reduce((a, b) => (b.getBoundingClientRect().height > a.getBoundingClientRect().height ? b : a));
      const head = document.querySelector('.columns-head')!.getBoundingClientRect().bottom;
      list.scrollTop += tall.getBoundingClientRect().top - head + tall.getBoundingClientRect().height / 2;
      return { index: tall.getAttribute('data-index'), height: tall.getBoundingClientRect().height };
    });
    expect(t.height).toBeGreaterThan(400);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const time = page.locator(`.rows__item[data-index="${t.index}"] .gutter__time`);
    const box = (await time.boundingBox())!;
    const head = (await page.locator('.columns-head').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(head.y + head.height - 1);
    expect(box.y).toBeLessThan(head.y + head.height + 40);
    await h.screenshot('room-sticky-time');
  });

  it('goes to a typed session time and lists the moments', async () => {
    const { page } = h;
    await page.getByLabel('Go to session time').fill('27:06');
    await page.keyboard.press('Enter');
    // The row of the supermarket story (client 00:27:05, therapist 00:27:10) comes to the top.
    await expect
      .poll(async () => {
        const head = (await page.locator('.columns-head').boundingBox())!;
        const times = await page.locator('.rows__item').evaluateAll((items, bottom) => items.filter((i) => i.getBoundingClientRect().bottom > bottom + 20).map((i) => i.querySelector('.gutter__time')?.textContent ?? ''), head.y + head.height);
        return times[0];
      })
      .toMatch(/^00:27:0\d$/);
    await page.getByLabel('Go to session time').fill('half past');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Go to session time').getAttribute('aria-invalid')).resolves.toBe('true');
    const options = await page.getByLabel('Moments of this session').locator('option').allInnerTexts();
    expect(options.length).toBeGreaterThan(5);
    expect(options.slice(1).every((o) => /^\d\d:\d\d:\d\d · /.test(o))).toBe(true);
  });

  it('shows the hover tools of a turn over no text and no Link button', async () => {
    const { page } = h;
    await page.evaluate(() => (document.querySelector('.rows') as HTMLElement).scrollTo(0, 0));
    const turns = page.locator('.cell--client .turn[data-turn-id]');
    for (let i = 0; i < 4; i++) {
      const turn = turns.nth(i);
      await turn.hover();
      const tools = (await turn.locator('.turn-tools').boundingBox())!;
      const tb = { left: tools.x, top: tools.y, right: tools.x + tools.width, bottom: tools.y + tools.height };
      const words = await turn.evaluate((el) => {
        const out: { left: number; top: number; right: number; bottom: number }[] = [];
        const walker = document.createTreeWalker(el.querySelector('.turn__text')!, NodeFilter.SHOW_TEXT);
        // Every word (a space hanging past a line's end is no text anyone reads).
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          for (const m of (n.textContent ?? '').matchAll(/\S+/g)) {
            const r = document.createRange();
            r.setStart(n, m.index!);
            r.setEnd(n, m.index! + m[0].length);
            for (const b of Array.from(r.getClientRects())) out.push({ left: b.left, top: b.top, right: b.right, bottom: b.bottom });
          }
        }
        const link = el.closest('.cell')!.querySelector('.link-btn')?.getBoundingClientRect();
        if (link) out.push({ left: link.left, top: link.top, right: link.right, bottom: link.bottom });
        return out;
      });
      for (const w of words) expect(overlaps(tb, w), `turn ${i}: tools ${JSON.stringify(tb)} over text or Link ${JSON.stringify(w)}`).toBe(false);
    }
    await h.screenshot('room-turn-tools');
    expect(h.pageErrors).toEqual([]);
  });
});

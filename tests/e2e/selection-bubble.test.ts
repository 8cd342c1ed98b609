import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/harness';
import { openSession, waitForStill } from './helpers/page';

type Rect = { left: number; top: number; right: number; bottom: number };

/**
 * A passage of a long client turn that wraps over at least two lines: where a drag over it starts and ends on
 * screen (the middle of its first and last character), the words it covers, and the lines it fills.
 */
type Passage = { turn: string; before: string; from: { x: number; y: number }; to: { x: number; y: number }; text: string; lines: Rect[]; lineHeight: number };

async function wrappedPassage(page: Page, opts: { skip?: number; turn?: string } = {}): Promise<Passage> {
  if (opts.turn) {
    // Brought into view first, then measured once the view is still: the virtual list re-measures the rows it
    // draws after a scroll, and what was measured at once could move under the drag.
    await page.evaluate((turn) => document.querySelector(`.cell--client .turn[data-start="${turn}"]`)?.scrollIntoView({ block: 'center' }), opts.turn);
  }
  await waitForStill(page);
  return page.evaluate(({ skip, turn }) => {
    const texts = Array.from(document.querySelectorAll<HTMLElement>('.cell--client .turn__text')).filter((t) => {
      const r = t.getBoundingClientRect();
      if (turn) return t.closest('.turn')!.getAttribute('data-start') === turn;
      return (t.textContent ?? '').length > 260 && r.top > 120 && r.bottom < window.innerHeight - 60;
    });
    const holder = texts[0];
    if (!holder) throw new Error('no long client turn on screen');
    const full = holder.textContent ?? '';
    // From the start of a word to the end of a word, about two lines' worth.
    const start = full.indexOf(' ', skip) + 1;
    const end = full.lastIndexOf(' ', start + 150);
    const walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
    const at = (pos: number) => {
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.textContent!.length;
        if (pos < seen + len) return { node: n, offset: pos - seen };
        seen += len;
      }
      throw new Error('offset outside the turn');
    };
    const charRect = (pos: number) => {
      walker.currentNode = holder;
      const p = at(pos);
      const r = document.createRange();
      r.setStart(p.node, p.offset);
      r.setEnd(p.node, p.offset + 1);
      return r.getBoundingClientRect();
    };
    const a = charRect(start);
    const b = charRect(end - 1);
    walker.currentNode = holder;
    const pa = at(start);
    walker.currentNode = holder;
    const pb = at(end - 1);
    const range = document.createRange();
    range.setStart(pa.node, pa.offset);
    range.setEnd(pb.node, pb.offset + 1);
    const lines = Array.from(range.getClientRects())
      .filter((r) => r.width > 0)
      .map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
    return {
      turn: holder.closest('.turn')!.getAttribute('data-start')!,
      before: full.slice(Math.max(0, start - 70), start),
      from: { x: a.left + 1, y: (a.top + a.bottom) / 2 },
      to: { x: b.right - 1, y: (b.top + b.bottom) / 2 },
      text: full.slice(start, end),
      lines,
      lineHeight: a.bottom - a.top,
    };
  }, { skip: opts.skip ?? 30, turn: opts.turn ?? null });
}

const bubble = (page: Page) => page.locator('.sel-tools');
const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('selecting a passage is never disturbed by the coding bubble', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ viewport: { width: 1400, height: 900 } });
    // The coder is chosen before the page loads: chosen after, the page may already have read "no coder" and the
    // first In vivo would then ask "Who is coding?" instead of coding (the cause of this file's old flake).
    await h.api('coders.setCurrent', { name: 'AB' });
    await h.page.goto(h.server.url);
    await openSession(h.page, '1', 1);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows the bubble only after the mouse is released, above the dragged lines, leaving the next line free', async () => {
    const { page } = h;
    const p = await wrappedPassage(page);
    const lineTops = new Set(p.lines.map((l) => Math.round(l.top)));
    expect(lineTops.size, 'the passage spans several lines').toBeGreaterThanOrEqual(2);

    await page.mouse.move(p.from.x, p.from.y);
    await page.mouse.down();
    // Drag in steps across the lines, as a hand would, checking there is no bubble while the button is held.
    const steps = 8;
    for (let i = 1; i <= steps; i++) {
      await page.mouse.move(p.from.x + ((p.to.x - p.from.x) * i) / steps, p.from.y + ((p.to.y - p.from.y) * i) / steps);
      if (i === steps / 2 || i === steps) {
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        expect(await bubble(page).count(), `bubble while dragging (step ${i})`).toBe(0);
      }
    }
    await page.mouse.move(p.to.x, p.to.y);
    await h.screenshot('selection-while-dragging');
    await page.mouse.up();

    await bubble(page).waitFor();
    const selected = await page.evaluate(() => window.getSelection()!.toString());
    expect(selected.replace(/\s+/g, ' ')).toBe(p.text.replace(/\s+/g, ' '));

    const box = (await bubble(page).boundingBox())!;
    const b = { left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height };
    for (const line of p.lines) expect(overlaps(b, line), `bubble over a selected line at y=${line.top}`).toBe(false);
    // Neither the line after the selection.
    const last = p.lines[p.lines.length - 1]!;
    const next = { left: 0, right: 10_000, top: last.bottom, bottom: last.bottom + p.lineHeight };
    expect(overlaps(b, next), 'bubble over the line after the selection').toBe(false);
    await h.screenshot('selection-bubble-after-release');

    // The selection is still exactly what was dragged once the bubble is there.
    expect((await page.evaluate(() => window.getSelection()!.toString())).replace(/\s+/g, ' ')).toBe(p.text.replace(/\s+/g, ' '));
  });

  it('closes on Escape and on a click elsewhere', async () => {
    const { page } = h;
    await expect.poll(() => bubble(page).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => bubble(page).count()).toBe(0);

    const p = await wrappedPassage(page);
    await page.mouse.move(p.from.x, p.from.y);
    await page.mouse.down();
    await page.mouse.move(p.to.x, p.to.y, { steps: 4 });
    await page.mouse.up();
    await bubble(page).waitFor();
    // A click on the view's header: somewhere else.
    await page.locator('.view-header h1').click();
    await expect.poll(() => bubble(page).count()).toBe(0);
  });

  it('closes once the passage is coded', async () => {
    const { page } = h;
    const p = await wrappedPassage(page);
    await page.mouse.move(p.from.x, p.from.y);
    await page.mouse.down();
    await page.mouse.move(p.to.x, p.to.y, { steps: 4 });
    await page.mouse.up();
    expect((await page.evaluate(() => window.getSelection()!.toString())).replace(/\s+/g, ' ')).toBe(p.text.replace(/\s+/g, ' '));
    await bubble(page).getByRole('button', { name: /In vivo/ }).click();
    // In vivo creates the code first, then codes: give a loaded machine time.
    await expect.poll(() => page.locator('.cell--client .cmark').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => bubble(page).count()).toBe(0);
  });

  it('never covers a search hit', async () => {
    const { page } = h;
    await page.keyboard.press('Escape');
    // A passage from the second line of a turn on: the line above it is text the bubble would sit on.
    const p = await wrappedPassage(page, { skip: 90 });
    // The longest word just before the passage in its turn: on the line above it, or on its own first line.
    const above = [...p.before.matchAll(/[A-Za-z]{4,}/g)].map((m) => m[0]).sort((x, y) => y.length - x.length)[0] ?? '';
    expect(above.length, `a word right above the passage ("${above}")`).toBeGreaterThanOrEqual(3);
    await page.keyboard.press('Control+f');
    await page.getByRole('searchbox', { name: 'Find in session' }).fill(above);
    await expect.poll(() => page.locator('mark.hit').count()).toBeGreaterThan(0);
    // Finding jumps to its first hit: wait until that scroll is over before measuring anything.
    await waitForStill(page);
    // The same passage again (finding may have scrolled), dragged over.
    const again = await wrappedPassage(page, { skip: 90, turn: p.turn });
    await page.mouse.move(again.from.x, again.from.y);
    await page.mouse.down();
    await page.mouse.move(again.to.x, again.to.y, { steps: 4 });
    await page.mouse.up();
    await bubble(page).waitFor();
    const box = (await bubble(page).boundingBox())!;
    const b = { left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height };
    const hits = await page.locator('mark.hit').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })));
    // One of them sits right by the passage's first line, where the bubble goes by default.
    expect(hits.some((r) => r.bottom <= again.lines[0]!.bottom + 1 && r.bottom >= again.lines[0]!.top - again.lineHeight - 2), `"${above}" near the passage`).toBe(true);
    for (const hit of hits) expect(overlaps(b, hit), 'bubble over a search hit').toBe(false);
    for (const line of again.lines) expect(overlaps(b, line), 'bubble over the selection').toBe(false);
    await h.screenshot('selection-bubble-beside-hits');
  });
});

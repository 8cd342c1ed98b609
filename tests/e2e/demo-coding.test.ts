import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Harness, useCodedDemo } from './helpers/harness';
import { openSession } from './helpers/page';
import { root } from './helpers/renderer-build';

type Concordance = { codes: { codeId: string; codePath: string; both: number; clientOnly: number; therapistOnly: number }[] };

/** Every stripe of one column: its code and coder (from its title), its box, the name and initials it shows. */
async function stripesOf(page: Page, side: 'client' | 'therapist') {
  return page.locator(`.cell--${side} .stripe`).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      const [, code, coder] = /^(.*) — coded by (.*)$/.exec(e.getAttribute('title') ?? '') ?? [];
      const cell = e.closest('.cell')!;
      const text = Array.from(cell.querySelectorAll('.turn__text')).map((t) => t.getBoundingClientRect().right);
      return {
        code: code!,
        coder: coder!,
        box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
        name: e.querySelector('.stripe__name')?.textContent ?? null,
        initials: e.querySelector('.stripe__coder')?.textContent ?? null,
        textRight: Math.max(...text),
        unit: cell.getAttribute('data-unit-id'),
      };
    }),
  );
}


describe('the demo shows coding at once (codebook, two coders, stripes, concordance, agreement)', () => {
  let h: Harness;

  useCodedDemo((started) => (h = started));

  it('opens with the codebook panel showing the IPR themes, counts apart from keys', async () => {
    const { page } = h;
    await openSession(page, '1', 1);
    const panel = page.getByRole('complementary', { name: 'Codebook' });
    await panel.waitFor();
    const row = panel.locator('.code-row[aria-label="Repair"]');
    await row.waitFor();
    // The count is a count (a pill that says what it counts), the key a key, and something stands between them.
    await expect(row.locator('.code-row__count').getAttribute('aria-label')).resolves.toMatch(/^\d+ codings? by all coders$/);
    await expect(row.locator('.code-row__key').getAttribute('aria-label')).resolves.toBe('Key 4');
    const adjacent = await row.locator('.code-row__count').evaluate((e) => e.nextElementSibling?.classList.contains('code-row__key') ?? false);
    expect(adjacent).toBe(false);
    const [count, key] = await Promise.all([row.locator('.code-row__count').boundingBox(), row.locator('.code-row__key').boundingBox()]);
    expect(key!.x - (count!.x + count!.width)).toBeGreaterThan(12);
    for (const name of ['Alliance rupture', 'Working alliance', 'Countertransference', "No man's land"]) await panel.locator(`.code-row[aria-label="${name}"]`).waitFor();
  });

  it('draws both coders’ codings as marks and as labelled stripes, one lane per coder marked with initials', async () => {
    const { page } = h;
    await page.locator('.cell--therapist .stripe').first().waitFor();
    for (const side of ['client', 'therapist'] as const) {
      const stripes = await stripesOf(page, side);
      expect(stripes.length, side).toBeGreaterThan(3);
      expect(await page.locator(`.cell--${side} .cmark`).count(), side).toBeGreaterThan(3);
      for (const s of stripes) {
        // Wide enough to hit, off the text, and its name is the code's (where the coding is tall enough to write it).
        expect(s.box.right - s.box.left, s.code).toBeGreaterThanOrEqual(12);
        expect(s.box.left, `${s.code} stripe on the text`).toBeGreaterThanOrEqual(s.textRight - 1);
        if (s.name !== null) expect(s.code.endsWith(s.name), `${s.code} labelled "${s.name}"`).toBe(true);
        // Before a coder is chosen the view shows everyone's work, each coder's lane marked.
        expect(s.initials, s.code).toBe(s.coder === 'Maya Ortiz' ? 'MO' : 'SL');
      }
      expect(stripes.filter((s) => s.name).length, `${side}: stripes that carry their code's name`).toBeGreaterThan(2);
      // In a cell with both coders, all of Maya's lanes stand left of Sam's.
      const units = new Set(stripes.map((s) => s.unit));
      let shared = 0;
      for (const u of units) {
        const mo = stripes.filter((s) => s.unit === u && s.coder === 'Maya Ortiz');
        const sl = stripes.filter((s) => s.unit === u && s.coder === 'Sam Lee');
        if (!mo.length || !sl.length) continue;
        shared++;
        expect(Math.min(...sl.map((s) => s.box.left))).toBeGreaterThan(Math.max(...mo.map((s) => s.box.left)));
      }
      expect(shared, side).toBeGreaterThan(0);
    }
    await h.screenshot('demo-coding-stripes');
  });

  it('tints coded passages in no colour that looks like the selection blue', async () => {
    const tints = await h.page.locator('.cmark').evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundImage));
    const blueish = tints.flatMap((t) => [...t.matchAll(/rgba?\((\d+), (\d+), (\d+)/g)].map((m) => m.slice(1).map(Number) as [number, number, number])).filter(([r, g, b]) => b > r + 60 && b > g + 20);
    expect(blueish).toEqual([]);
  });

  it('shows the concordance of the demo’s themes, with moments coded on both sides', async () => {
    const { page } = h;
    const api = await h.api<Concordance>('analysis.concordance', {});
    const repair = api.codes.find((c) => c.codePath === 'Repair')!;
    expect(repair.both).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Concordance', exact: true }).click();
    const row = page.locator(`tr[data-code-id="${repair.codeId}"]`);
    await row.waitFor();
    const numbers = await row.locator('.cc-cell__n').allInnerTexts();
    expect(numbers[0]).toBe(String(repair.both));
    await h.screenshot('demo-concordance');
  });

  it('measures the agreement of the two coders', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Agreement', exact: true }).click();
    const form = page.getByLabel('Agreement settings');
    await form.getByText('Maya Ortiz').click();
    await form.getByText('Sam Lee').click();
    await form.getByRole('button', { name: 'Compute agreement' }).click();
    const overall = page.locator('.agreement-table .agreement-table__overall');
    await overall.waitFor();
    const cells = await overall.locator('td').allInnerTexts();
    const percent = Number(cells[0]!.replace(/[^\d.]/g, ''));
    expect(percent).toBeGreaterThan(50);
    expect(percent).toBeLessThan(100);
    await h.screenshot('demo-agreement');
    expect(h.pageErrors).toEqual([]);
  });

  it('shows each disagreement as a passage: its turn, both coders’ whole segments, where it is in the session', async () => {
    const { page } = h;
    type D = { id: string; codePath: string; text: string; codings: { coderName: string; text?: string }[]; context?: { text: string; sessionTime: number | null } };
    const coders = await h.api<{ id: string; name: string }[]>('coders.list', {});
    const ids = ['Maya Ortiz', 'Sam Lee'].map((n) => coders.find((c) => c.name === n)!.id);
    const repairId = (await h.api<Concordance>('analysis.concordance', {})).codes.find((c) => c.codePath === 'Repair')!.codeId;
    const api = await h.api<{ items: D[] }>('agreement.disagreements', { coders: ids, unit: 'char', codeId: repairId });
    // Maya and Sam coded different sentences of the client's 19:50 answer: each sentence whole, in its turn.
    const d = api.items.find((x) => x.context?.text.includes('how is this landing for you'))!;
    expect(d.context!.text).toContain('Yes, she asked, how is this landing for you.');
    expect(d.context!.sessionTime).toBe(19 * 60 + 50);
    expect(d.codings.map((k) => k.text).sort()).toEqual([
      'But actually I was glad she asked. It meant she\'d noticed something, even if I didn\'t tell her what.',
      'Yes, she asked, how is this landing for you.',
    ]);

    await page.locator(`tr[data-code-id="${repairId}"] button.linkish`).click();
    const list = page.getByLabel('Disagreements');
    const item = list.locator(`.disagreement[data-disagreement-id="${d.id}"]`);
    await item.waitFor();
    const text = (await item.innerText()).replace(/\s+/g, ' ');
    expect(text).toMatch(/Dyad 1 · Session 1 · Client · 00:19:50/);
    expect(text).toContain('Yes, she asked, how is this landing for you.');
    expect(text).toContain('Maya Ortiz');
    expect(text).toContain('Sam Lee');
    await item.scrollIntoViewIfNeeded();
    await item.screenshot({ path: join(root, 'test-results', 'e2e', 'demo-disagreement-passage.png') });
    // Next and previous by keyboard.
    const all = list.locator('.disagreement');
    await all.first().focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-disagreement-id'))).toBe(await all.nth(1).getAttribute('data-disagreement-id'));
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-disagreement-id'))).toBe(await all.first().getAttribute('data-disagreement-id'));
  });

  it('makes the README screenshots from the demo', async () => {
    const { page } = h;
    // Scrolls the moment whose time begins so to the top of the list and waits until it sits there, with coded
    // passages on both sides in view: what the picture is for.
    const showMomentAtTop = async (time: string) => {
      const offset = () =>
        page.evaluate((time) => {
          const list = document.querySelector('.rows')!;
          const head = document.querySelector('.columns-head')!.getBoundingClientRect().height;
          const row = Array.from(document.querySelectorAll('.rows__item')).find((r) => (r.querySelector('.gutter__time')?.textContent ?? '').includes(time));
          if (!row) return null;
          return row.getBoundingClientRect().top - list.getBoundingClientRect().top - head;
        }, time);
      const first = await offset();
      expect(first, `a moment at ${time}… in the list`).not.toBeNull();
      await page.evaluate((by) => (document.querySelector('.rows')!.scrollTop += by), first!);
      await expect.poll(async () => Math.abs((await offset()) ?? Infinity)).toBeLessThan(2);
      const inView = (side: string) =>
        page.locator(`.cell--${side} .cmark`).evaluateAll((marks) => {
          const list = document.querySelector('.rows')!.getBoundingClientRect();
          return marks.filter((m) => {
            const r = m.getBoundingClientRect();
            return r.bottom > list.top && r.top < list.bottom;
          }).length;
        });
      expect(await inView('client'), `client passages coded in view at ${time}`).toBeGreaterThan(0);
      expect(await inView('therapist'), `therapist passages coded in view at ${time}`).toBeGreaterThan(0);
    };
    await openSession(page, '2', 1);
    await page.locator('.cell--therapist .stripe').first().waitFor();
    // The dyad view: the codebook folded away, the two sides of dyad 2's first session from its second stop.
    await page.getByRole('button', { name: 'Codebook', exact: true }).click();
    await showMomentAtTop('00:11:5');
    await page.mouse.move(5, 5);
    const view = await h.screenshot('demo-readme-dyad-view');
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(view, join(root, 'docs', 'screenshot-dyad-view.png'));
    await page.getByRole('button', { name: 'Codebook', exact: true }).click();

    await openSession(page, '1', 1);
    await page.locator('.cell--therapist .stripe').first().waitFor();
    // This session has the demo's video: the docked player takes its final height once the video's size is known,
    // so the moment is placed after that, not before a late change of layout moves it.
    await expect.poll(() => page.locator('.player__video').evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // Start at the worksheet: the moment both sides recall going wrong.
    await showMomentAtTop('00:12:3');
    await page.mouse.move(5, 5);
    const coding = await h.screenshot('demo-readme-coding');
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(coding, join(root, 'docs', 'screenshot-coding.png'));
  });
});

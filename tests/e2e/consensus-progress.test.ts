import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Harness, useCodedDemo } from './helpers/harness';
import { root } from './helpers/renderer-build';

/**
 * Issue 13, item 5: the consensus of the demo's two coders shows how far the lead has come ("1 of N settled")
 * and a settled passage cannot be taken for an open one; the open ones read as passages in their turn.
 */
describe('consensus: progress and settled passages', () => {
  let h: Harness;

  useCodedDemo((started) => (h = started));

  it('counts the settled passages of all the disagreements and marks each settled one in words', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Agreement', exact: true }).click();
    const form = page.getByLabel('Agreement settings');
    await form.getByText('Maya Ortiz').click();
    await form.getByText('Sam Lee').click();
    await form.getByRole('button', { name: 'Compute agreement' }).click();
    await page.locator('.agreement-table').waitFor();
    await page.getByRole('button', { name: /Build consensus of Maya Ortiz \+ Sam Lee/ }).click();
    const panel = page.getByLabel('Consensus', { exact: true });
    const items = panel.locator('.consensus__item');
    await items.first().waitFor();

    // As many disagreements as the agreement report lists for the two coders; none settled yet.
    const coders = await h.api<{ id: string; name: string }[]>('coders.list', {});
    const ids = ['Maya Ortiz', 'Sam Lee'].map((n) => coders.find((c) => c.name === n)!.id);
    const { total } = await h.api<{ total: number }>('agreement.disagreements', { coders: ids, unit: 'char' });
    expect(total).toBeGreaterThan(2);
    const progress = panel.locator('.consensus__progress-text');
    await expect.poll(() => progress.innerText()).toBe(`0 of ${total} settled · ${total} to go`);
    expect(await panel.locator('progress').getAttribute('max')).toBe(String(total));

    // Open passages read as passages: where they are (with session time where there is one) and both coders.
    const first = items.first();
    expect((await first.locator('.disagreement__where').innerText()).replace(/\s+/g, ' ')).toMatch(/ · Dyad \d+ · Session \d+ · (Client|Therapist)/);
    await first.locator('.dpassage__turn').waitFor();
    expect(await first.locator('.dpassage__coder').count()).toBe(2);

    // Settle two: one included, one left out. The count moves and each says what became of it.
    const second = items.nth(1);
    await first.getByRole('button', { name: 'Include', exact: true }).click();
    await expect.poll(() => progress.innerText()).toBe(`1 of ${total} settled · ${total - 1} to go`);
    await second.getByRole('button', { name: 'Exclude', exact: true }).click();
    await expect.poll(() => progress.innerText()).toBe(`2 of ${total} settled · ${total - 2} to go`);
    await expect.poll(() => first.locator('.consensus__verdict').innerText()).toMatch(/Settled: Included in the consensus/);
    expect(await second.locator('.consensus__verdict').innerText()).toMatch(/Settled: Left out of the consensus/);
    // Unmistakable: a band of its own colour and the passage folded, against an open one below.
    const look = (i: number) => items.nth(i).evaluate((e) => ({ border: getComputedStyle(e).borderLeftWidth, bg: getComputedStyle(e).backgroundColor, turn: e.querySelector('.dpassage__turn') !== null }));
    const [settled, open] = [await look(0), await look(2)];
    expect(settled.border).toBe('4px');
    expect(settled.bg).not.toBe(open.bg);
    expect(settled.turn).toBe(false);
    expect(open.turn).toBe(true);
    expect(await items.nth(2).locator('.consensus__verdict').count()).toBe(0);

    // The core agrees, and the list of consensus coders says how many are settled.
    const layer = (await h.api<{ coderId: string; name: string }[]>('consensus.list', {}))[0]!;
    const pending = await h.api<{ total: number; settled: number }>('consensus.pending', { consensusCoderId: layer.coderId });
    expect(pending).toMatchObject({ total: total - 2, settled: 2 });

    // ↓ moves to the next passage from the keyboard.
    await first.locator('.disagreement').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.consensus__item')?.getAttribute('data-disagreement-id'))).toBe(await second.getAttribute('data-disagreement-id'));

    await page.mouse.move(5, 5);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(root, 'test-results', 'e2e', 'consensus-progress.png') });
    expect(h.pageErrors).toEqual([]);
  });
});

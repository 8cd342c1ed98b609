import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodingsOfSession } from './helpers/coding';
import { startHarness, type Harness } from './helpers/harness';
import { waitForStill } from './helpers/page';

type Tree = { name: string; sessions: { id: string; number: number }[] }[];

/** What has the keyboard: a turn (its side and first words), the transcript list, or another element's name. */
async function focused(page: Page): Promise<{ kind: 'turn' | 'rows' | 'other'; side?: string; text: string; row?: number }> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a) return { kind: 'other' as const, text: '' };
    if (a.matches('.turn[data-turn-id]')) {
      return {
        kind: 'turn' as const,
        side: a.closest('.cell--client') ? 'client' : 'therapist',
        text: (a.querySelector('.turn__text')?.textContent ?? '').slice(0, 60),
        row: Number(a.closest('.rows__item')?.getAttribute('data-index')),
      };
    }
    if (a.id === 'transcript') return { kind: 'rows' as const, text: '' };
    return { kind: 'other' as const, text: a.getAttribute('aria-label') ?? a.textContent ?? '' };
  });
}

/** Presses Tab until `pred` holds for the focused element (at most `max` times). */
async function tabTo(page: Page, pred: (el: Element) => boolean, max = 25): Promise<void> {
  const source = pred.toString();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const ok = await page.evaluate((src) => {
      const f = new Function(`return (${src})`)() as (el: Element) => boolean;
      return !!document.activeElement && f(document.activeElement);
    }, source);
    if (ok) return;
  }
  throw new Error(`Tab never reached the element (${source})`);
}

describe('coding with the keyboard alone, from opening the app to the saved coding', () => {
  let h: Harness;
  let sessionId: string;
  const codings = async () => (await h.api<CodingsOfSession>('codings.forSession', { sessionId })).interviews.flatMap((i) => i.codings);

  beforeAll(async () => {
    h = await startHarness({ project: 'coded-demo', viewport: { width: 1400, height: 900 } });
    sessionId = (await h.api<Tree>('dyads.list', {})).find((d) => d.name === '1')!.sessions.find((s) => s.number === 1)!.id;
    await h.page.goto(h.server.url);
    await h.page.locator('.tree__dyad').first().waitFor();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('starts with a skip link, names dyads and sessions as they read, and moves focus into an opened session', async () => {
    const { page } = h;
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toMatchObject({ text: 'Skip to the main area' });
    await expect(page.locator('.skip-link').isVisible()).resolves.toBe(true);
    // Accessible names read as words: "Dyad 1, 2 sessions", not "Dyad 12 sessions".
    await expect(page.getByRole('button', { name: 'Dyad 1, 2 sessions', exact: true }).count()).resolves.toBe(1);
    await tabTo(page, (el) => el.matches('.tree__dyad[data-dyad-name="1"] .tree__dyad-btn'));
    if ((await page.locator('.tree__dyad[data-dyad-name="1"] .tree__dyad-btn').getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('Enter');
    await tabTo(page, (el) => el.matches('.tree__dyad[data-dyad-name="1"] .tree__session') && (el.textContent ?? '').includes('Session 1'));
    await expect(page.getByRole('button', { name: /^Session 1, 2026-03-02, client/ }).count()).resolves.toBe(1);
    await page.keyboard.press('Enter');
    await page.locator('.dyad-view .row').first().waitFor();
    await expect.poll(async () => (await focused(page)).kind).toBe('rows');
  });

  it('moves between turns with the arrows, across to the other side and on to the next moment', async () => {
    const { page } = h;
    await page.keyboard.press('ArrowDown');
    const first = await focused(page);
    expect(first.kind).toBe('turn');
    await page.keyboard.press('ArrowDown');
    const second = await focused(page);
    expect(second.kind).toBe('turn');
    expect(second.text).not.toBe(first.text);
    expect(second.side).toBe(first.side);
    await page.keyboard.press('ArrowUp');
    await expect(focused(page)).resolves.toMatchObject({ text: first.text });
    await page.keyboard.press('ArrowRight');
    const across = await focused(page);
    expect(across).toMatchObject({ kind: 'turn', side: 'therapist', row: first.row });
    await page.keyboard.press('ArrowLeft');
    await expect(focused(page)).resolves.toMatchObject({ side: 'client', row: first.row });
    await page.keyboard.press('PageDown');
    const next = await focused(page);
    expect(next.kind).toBe('turn');
    expect(next.row!).toBeGreaterThan(first.row!);
    await h.screenshot('keyboard-focused-turn');
  });

  it('selects words with Ctrl+Shift+→ and codes them with the code’s key (asking who codes, by keyboard)', async () => {
    const { page } = h;
    // The interviewer's stop at 03:12, then the client's answer below it.
    await page.keyboard.press('ArrowDown');
    // A row the virtual list re-measures after the move is drawn anew, and a selection in it goes with it.
    await waitForStill(page);
    const turn = await focused(page);
    expect(turn.kind).toBe('turn');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+ArrowRight');
    const words = await page.evaluate(() => window.getSelection()!.toString());
    expect(words.trim().split(/\s+/).length).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('2');
    // No coder yet: the dialog asks, and takes the answer from the keyboard.
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Your name or initials').waitFor();
    await page.keyboard.type('KB');
    await page.keyboard.press('Enter');
    // The coder is created first, then the coding: more than the poll's default second on a loaded machine (CI once).
    await expect
      .poll(async () => (await codings()).some((c) => c.coderName === 'KB' && c.codeName === 'Withdrawal'), { timeout: 15_000 })
      .toBe(true);
    const saved = (await codings()).find((c) => c.coderName === 'KB')!;
    const iv = (await h.api<{ interviews: { id: string; text: string }[] }>('sessions.get', { sessionId })).interviews.find((i) => i.id === saved.interviewId)!;
    expect(iv.text.slice(saved.start, saved.end).trim()).toBe(words.trim());
  });

  it('T opens the palette for the focused turn; Escape gives the focus back to it; a code key codes the whole turn', async () => {
    const { page } = h;
    await page.locator('.cell--client .turn[data-turn-id]').first().waitFor();
    // Back onto a turn with the keyboard (the coder dialog had it).
    await page.locator('#transcript').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const turn = await focused(page);
    expect(turn.kind).toBe('turn');
    await page.keyboard.press('Escape');
    await page.keyboard.press('t');
    const palette = page.getByRole('dialog', { name: 'Apply a code' });
    await expect(palette.locator('.palette__target').innerText()).resolves.toContain('whole turn');
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'turn', text: turn.text });

    const before = (await codings()).filter((c) => c.coderName === 'KB').length;
    await page.keyboard.press('4');
    await expect.poll(async () => (await codings()).filter((c) => c.coderName === 'KB' && c.codeName === 'Repair').length).toBe(1);
    expect((await codings()).filter((c) => c.coderName === 'KB').length).toBe(before + 1);
  });

  it('makes a Find hit the selection with Ctrl+Enter, ready for a code key', async () => {
    const { page } = h;
    await page.keyboard.press('Control+f');
    await page.keyboard.type('supermarket');
    await page.keyboard.press('Enter');
    await page.locator('.rows mark[data-find-current]').first().waitFor();
    // Find scrolled the hit into view: Ctrl+Enter selects it once the rows are drawn for good (a row drawn anew
    // after a re-measure would take the selection with it).
    await waitForStill(page);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.evaluate(() => window.getSelection()!.toString().toLowerCase()), { timeout: 15_000 }).toBe('supermarket');
    await expect.poll(async () => (await focused(page)).kind, { timeout: 15_000 }).toBe('turn');
    await page.keyboard.press('7');
    await expect
      .poll(async () => (await codings()).filter((c) => c.coderName === 'KB' && c.codeName === 'Bond' && c.end - c.start === 'supermarket'.length).length)
      .toBe(1);
  });

  it('offers the skip link to the transcript once a session is open', async () => {
    const { page } = h;
    // The skip link is the Tab stop before the navigator's first button.
    await page.getByRole('button', { name: 'Import transcripts…' }).focus();
    await page.keyboard.press('Shift+Tab');
    await expect(focused(page)).resolves.toMatchObject({ text: 'Skip to the transcript' });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).kind).toBe('rows');
    expect(h.pageErrors).toEqual([]);
  });
});

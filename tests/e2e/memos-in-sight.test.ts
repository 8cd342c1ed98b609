import { describe, expect, it } from 'vitest';
import { type Harness, useCodedDemo } from './helpers/harness';
import { openSession } from './helpers/page';

type Rows = { rows: { dyadName: string; sessionNumber: number; client: { codings: { id: string; text: string }[]; label: string } | null }[] };
type Code = { codeId: string; codePath: string; both: number };

/** Issue 13, item 7 . */
describe('memos in sight', () => {
  let h: Harness;
  let themeId = '';
  let memoCoding = { id: '', text: '' };

  useCodedDemo((started) => (h = started));

  it('lists a coding’s memo by dyad, session, side and session time, never by file and offsets, dated as sessions are', async () => {
    const { page } = h;
    // A coded client passage of a moment coded on both sides, with a memo on its coding.
    const codes = (await h.api<{ codes: Code[] }>('analysis.concordance', {})).codes;
    const theme = [...codes].sort((a, b) => b.both - a.both)[0]!;
    const rows = await h.api<Rows>('analysis.concordanceRows', { codeId: theme.codeId, category: 'both' });
    const row = rows.rows[0]!;
    const coding = row.client!.codings[0]!;
    await h.api('memos.create', { targetKind: 'coding', targetId: coding.id, title: 'The first time she felt understood', text: 'Set against the therapist’s “the bond is starting”.' });

    await page.getByRole('button', { name: 'Memos', exact: true }).click();
    const card = page.locator('.memo-card', { hasText: 'The first time she felt understood' });
    await card.waitFor();
    const target = await card.locator('.memo-card__target').innerText();
    expect(target).toMatch(new RegExp(`^Coding '.+', dyad ${row.dyadName}, session ${row.sessionNumber}, client at \\d\\d:\\d\\d:\\d\\d$`));
    expect(target).not.toMatch(/\.txt|\(\d+–\d+\)/);
    // One date format: year first, as the navigator writes a session's date.
    await expect(card.locator('.memo-card__when').innerText()).resolves.toMatch(/(^|· )\d{4}-\d\d-\d\d \d\d:\d\d$/);
    const sessionDate = await page.locator('.tree__date').first().innerText();
    expect(sessionDate).toMatch(/^\d{4}-\d\d-\d\d$/);
    await h.screenshot('memos-list-where');
    expect(h.pageErrors).toEqual([]);
    themeId = theme.codeId;
    memoCoding = coding;
  }, 60_000);

  it('shows the memo under its excerpt in Excerpts, and the excerpt exports carry it', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Excerpts', exact: true }).click();
    await page.getByLabel('Code A').selectOption(themeId);
    await page.getByLabel('Combined').selectOption('');
    await page.getByRole('button', { name: 'Show excerpts' }).click();
    const list = page.getByRole('list', { name: 'Excerpts' });
    const withMemo = list.locator('li', { has: page.getByLabel('Memo on this coding') }).first();
    await withMemo.waitFor();
    await expect(withMemo.locator('.an-hit__text mark').innerText()).resolves.toBe(memoCoding.text);
    await expect(withMemo.getByLabel('Memo on this coding').innerText()).resolves.toMatch(/^MEMO The first time she felt understood: Set against the therapist’s/i);
    await withMemo.scrollIntoViewIfNeeded();
    await h.screenshot('excerpts-with-memo');
    // The export of the same excerpts, with memos asked for, has the memo in its Memo column.
    const out = await h.api<{ dataBase64: string }>('export.excerpts', { format: 'csv', codeIds: [themeId], includeMemos: true });
    const csv = Buffer.from(out.dataBase64, 'base64').toString('utf8');
    expect(csv).toContain('Set against the therapist’s');
    expect(h.pageErrors).toEqual([]);
  }, 60_000);

  it('marks the coded passage that has a memo, and its stripe', async () => {
    const { page } = h;
    await openSession(page, '1', 1);
    const stripe = page.locator(`.stripe[data-coding-id="${memoCoding.id}"]`);
    await stripe.waitFor();
    await expect(stripe.getAttribute('class')).resolves.toContain('has-memo');
    await expect(stripe.getAttribute('aria-label')).resolves.toMatch(/, with a memo$/);
    await expect(stripe.locator('.stripe__memo').isVisible()).resolves.toBe(true);
    // The passage's last piece carries the mark; a coding without a memo has none.
    const ends = page.locator(`.memo-end[data-codings~="${memoCoding.id}"]`);
    await expect(ends.count()).resolves.toBe(1);
    await expect(page.locator('.cell--therapist .stripe.has-memo').count()).resolves.toBeLessThan(await page.locator('.cell--therapist .stripe').count());
    await stripe.scrollIntoViewIfNeeded();
    await h.screenshot('memo-marker-passage-stripe');
    expect(h.pageErrors).toEqual([]);
  }, 60_000);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../integration/export/readXlsx';
import { type Harness, useCodedDemo } from './helpers/harness';

type Code = { codeId: string; codePath: string; both: number; clientOnly: number; therapistOnly: number; unpairedClient: number; unpairedTherapist: number };
type Passage = { id: string; start: number; end: number; text: string; coderName: string };
type Unit = { interviewId: string; label: string; codings: Passage[] } | null;
type Rows = { rows: { dyadName: string; sessionNumber: number; sessionTime: number | null; client: Unit; therapist: Unit }[] };

const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();
const shown = (c: Code) => c.both + c.clientOnly + c.therapistOnly + c.unpairedClient + c.unpairedTherapist > 0;

/** Issue 13, item 6: a concordance a researcher can read, check and take away. */
describe('concordance you can read', () => {
  let h: Harness;
  let codes: Code[];
  /** The code with the most moments coded on both sides: the one the drill-down and the excerpts open. */
  let theme: Code;

  useCodedDemo((started) => (h = started));

  it('names its share “share on both sides”, not agreement, with totals and one definition of a moment coded', async () => {
    const { page } = h;
    codes = (await h.api<{ codes: Code[] }>('analysis.concordance', {})).codes.filter(shown);
    theme = [...codes].sort((a, b) => b.both - a.both)[0]!;
    expect(theme.both).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Concordance', exact: true }).click();
    const table = page.getByRole('table', { name: 'Concordance per code' });
    await table.locator('tbody tr').first().waitFor();
    const headers = (await table.locator('thead th').allInnerTexts()).map(squash);
    expect(headers).toEqual(['Code', 'Moments coded', 'Share on both sides', 'Unpaired', 'Both sides', 'Client only', 'Therapist only']);
    expect(headers.join(' ')).not.toMatch(/agreement/i);

    // The totals row adds up the codes' moments, as the core counts them.
    const sum = (k: keyof Code) => codes.reduce((n, c) => n + (c[k] as number), 0);
    const total = (await table.locator('tfoot tr').locator('th, td').allInnerTexts()).map(squash);
    const share = Math.round((sum('both') / (sum('both') + sum('clientOnly') + sum('therapistOnly'))) * 100);
    expect(total).toEqual(['All codes', String(sum('both')), String(sum('clientOnly')), String(sum('therapistOnly')), `${share} %`, String(sum('unpairedClient') + sum('unpairedTherapist'))]);

    // "Moments coded" is explained once on the page, under the table, and the table points to it.
    await expect(page.getByText(/Moments coded: /).count()).resolves.toBe(1);
    const caption = page.locator('#cc-moments-coded');
    await expect(caption.innerText()).resolves.toMatch(/^Moments coded: the aligned recall moments .* counts once per code/);
    await expect(table.getAttribute('aria-describedby')).resolves.toBe('cc-moments-coded');
    await h.screenshot('concordance-table-totals');
  }, 60_000);

  it('drills down to the coded passages of both sides, with dyad, session and session time', async () => {
    const { page } = h;
    const api = await h.api<Rows>('analysis.concordanceRows', { codeId: theme.codeId, category: 'both' });
    const row = page.locator(`tr[data-code-id="${theme.codeId}"]`);
    await row.getByRole('button', { name: new RegExp(`both sides: ${theme.both} moments?$`) }).click();
    const drill = page.getByRole('region', { name: 'Moments' });
    await drill.locator('.cc-moment').first().waitFor();
    await expect(drill.locator('.cc-moment').count()).resolves.toBe(api.rows.length);
    const first = api.rows[0]!;
    const moment = drill.locator('.cc-moment').first();
    const where = squash(await moment.locator('.cc-moment__where').innerText());
    expect(where).toMatch(new RegExp(`^Dyad ${first.dyadName} Session ${first.sessionNumber} \\d\\d:\\d\\d:\\d\\d$`));
    for (const side of ['client', 'therapist'] as const) {
      const unit = first[side]!;
      const marks = (await moment.locator(`.cc-moment__side--${side} mark`).allInnerTexts()).map(squash);
      // Each coded passage is shown whole, as coded (several coders' identical passages once).
      const passages = [...new Set(unit.codings.map((c) => `${c.start}:${c.end}`))].map((k) => unit.codings.find((c) => `${c.start}:${c.end}` === k)!.text);
      expect(marks).toEqual(passages.map(squash));
      const sideText = await moment.locator(`.cc-moment__side--${side}`).innerText();
      expect(sideText).toMatch(/coded by (Maya Ortiz|Sam Lee)/);
      // The passage sits in its turn: the speaker is named before it.
      await expect(moment.locator(`.cc-moment__side--${side} .cc-passage__speaker`).first().innerText()).resolves.toMatch(/:\s*$/);
    }
    await h.screenshot('concordance-drill-passages');
    expect(h.pageErrors).toEqual([]);
  }, 60_000);

  it('exports the table with its totals as CSV and as Excel (a download in the browser)', async () => {
    const { page } = h;
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV (.csv)' }).click()]);
    expect(csv.suggestedFilename()).toBe('Concordance.csv');
    const csvPath = join(h.dir, 'concordance.csv');
    await csv.saveAs(csvPath);
    const lines = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/u, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Code,Both sides,Client only,Therapist only,Share on both sides,Unpaired client,Unpaired therapist');
    expect(lines).toHaveLength(codes.length + 2);
    const sum = (k: keyof Code) => codes.reduce((n, c) => n + (c[k] as number), 0);
    expect(lines.at(-1)!.split(',').slice(0, 4)).toEqual(['All codes', String(sum('both')), String(sum('clientOnly')), String(sum('therapistOnly'))]);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excel (.xlsx)' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('Concordance.xlsx');
    const xlsxPath = join(h.dir, 'concordance.xlsx');
    await xlsx.saveAs(xlsxPath);
    const wb = await readXlsx(xlsxPath);
    const sheet = wb.getWorksheet('Concordance')!;
    expect(sheet.rowCount).toBe(codes.length + 2);
    const last = sheet.getRow(sheet.rowCount);
    expect([last.getCell(1).value, last.getCell(2).value, last.getCell(3).value, last.getCell(4).value]).toEqual(['All codes', sum('both'), sum('clientOnly'), sum('therapistOnly')]);
    expect(last.font?.bold).toBe(true);
    const about = wb.getWorksheet('About')!;
    const notes = about.getColumn(1).values.map(String);
    expect(notes).toContain('Moments coded');
    await expect(page.getByText(/^Saved the concordance table to Concordance\.xlsx/).first().waitFor()).resolves.toBeUndefined();
    expect(h.pageErrors).toEqual([]);
  }, 60_000);

  it('shows, for “same moment, other side”, the partner’s passage beside A’s excerpt', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Excerpts', exact: true }).click();
    await page.getByLabel('Code A').selectOption(theme.codeId);
    await page.getByLabel('Combined').selectOption('same-moment');
    await page.getByLabel('Code B').selectOption(theme.codeId);
    await page.getByLabel('B coded').selectOption('other-side');
    await page.getByRole('button', { name: 'Show excerpts' }).click();
    const list = page.getByRole('list', { name: 'Excerpts' });
    const pair = list.locator('li.an-pair').first();
    await pair.waitFor();
    type Excerpt = { role: string; text: string; codings: { of: string; interviewId: string; start: number; end: number; text: string; coderName: string }[]; interviewId: string };
    const api = await h.api<{ excerpts: Excerpt[] }>('analysis.retrieve', { code: theme.codeId, combine: { op: 'same-moment', other: theme.codeId }, sameMomentScope: 'other-side' });
    const x = api.excerpts[0]!;
    const partner = x.codings.filter((c) => c.of === 'other' && c.interviewId !== x.interviewId);
    expect(partner.length).toBeGreaterThan(0);
    // A's passage on the left, the partner's on the right, side by side.
    const [a, b] = await Promise.all([pair.locator('.an-hit').boundingBox(), pair.locator('.an-partner').boundingBox()]);
    expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
    expect(Math.abs(b!.y - a!.y)).toBeLessThan(2);
    await expect(pair.locator('.an-hit mark').innerText()).resolves.toBe(x.text);
    const other = x.role === 'client' ? 'Therapist' : 'Client';
    await expect(pair.locator('.an-partner .an-hit__where').innerText()).resolves.toBe(`${other}’s side, same moment`);
    // The same words coded by both coders are one passage naming both.
    const spans = [...new Map(partner.map((c) => [`${c.start}:${c.end}`, c])).values()];
    expect((await pair.locator('.an-partner mark').allInnerTexts()).map(squash)).toEqual(spans.map((c) => squash(c.text)));
    const byline = await pair.locator('.an-partner .an-excerpt__coders').first().innerText();
    for (const c of partner.filter((p) => p.start === spans[0]!.start && p.end === spans[0]!.end)) expect(byline).toContain(c.coderName);
    await h.screenshot('excerpts-partner-beside');
    expect(h.pageErrors).toEqual([]);
  }, 60_000);
});

import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText, readDocx, type DocxTable } from '../integration/export/readDocx';
import { artifactsDir, startHarness, type Harness } from './helpers/harness';

type Tree = { id: string; name: string; sessions: { id: string; number: number }[] }[];
type Detail = { interviews: { id: string; role: string; text: string; turns: { id: string; start: number; end: number }[] }[] };
type Side = { unitId: string; interviewId: string; start: number; end: number } | null;
type Alignment = { rows: { client: Side; therapist: Side; match: string }[] };

/** The longest speaker turn lying inside a unit: a passage a researcher would code. */
function turnIn(detail: Detail, side: NonNullable<Side>) {
  const iv = detail.interviews.find((i) => i.id === side.interviewId)!;
  const t = iv.turns.filter((t) => t.start >= side.start && t.end <= side.end).sort((a, b) => b.end - b.start - (a.end - a.start))[0]!;
  return { interviewId: iv.id, start: t.start, end: t.end, text: iv.text.slice(t.start, t.end) };
}

/**
 * A theme coded on both sides of one aligned moment of the demo study, exported from the Export page as a
 * Word dialogue: the file arrives as a download and holds the client's and the therapist's words side by side,
 * attributed by the template on screen and de-identified by the list on screen.
 */
describe('export page: a theme as a client–therapist dialogue in Word', () => {
  let h: Harness;
  let client: ReturnType<typeof turnIn>;
  let therapist: ReturnType<typeof turnIn>;
  let hidden: string;

  beforeAll(async () => {
    h = await startHarness({ viewport: { width: 1400, height: 950 } });
    const tree = await h.api<Tree>('dyads.list', {});
    const sessionId = tree[0]!.sessions[0]!.id;
    const detail = await h.api<Detail>('sessions.get', { sessionId });
    const align = await h.api<Alignment>('sessions.align', { sessionId });
    const row = align.rows.find((r) => r.match === 'auto' && r.client && r.therapist && r.client.end - r.client.start > 60 && r.therapist.end - r.therapist.start > 60)!;
    expect(row, 'the demo session has a moment recalled on both sides').toBeTruthy();
    client = turnIn(detail, row.client!);
    therapist = turnIn(detail, row.therapist!);
    // A word of the client's passage stands in for a name the researcher wants hidden.
    hidden = client.text.match(/\p{L}{6,}/u)![0];

    const coder = await h.api<{ id: string }>('coders.setCurrent', { name: 'Alex' });
    const theme = await h.api<{ id: string }>('codes.create', { name: 'Missed signal', color: '#1565C0' });
    await h.api('codes.create', { name: 'Unused theme', color: '#2E7D32' });
    for (const p of [client, therapist]) await h.api('codings.add', { interviewId: p.interviewId, start: p.start, end: p.end, codeId: theme.id, coderId: coder.id });

    await h.page.goto(h.server.url);
    await h.page.locator('.tree__dyad').first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('shows the attribution live, saves the names to hide, exports the dialogue and downloads the .docx', async () => {
    const page = h.page;
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('heading', { name: 'Export' }).waitFor();

    await page.getByText('Dialogue (client ↔ therapist)').click();
    await page.locator('.an-codes__code', { hasText: 'Missed signal' }).locator('input').check();
    // A document reads in whole words unless the researcher asks for the exact passages.
    await expect(page.getByLabel('Widen passages to whole words').isChecked()).resolves.toBe(true);

    // The template as the researcher edits it, with its preview on an excerpt of this project's chosen theme.
    const template = page.getByLabel('Attribution template');
    await expect.poll(() => page.locator('.ex-attr__preview').innerText()).toMatch(/Preview on an excerpt of dyad/);
    const first = await page.getByTestId('attribution-preview').innerText();
    const m = /^\((client|therapist), dyad ([^,]+), session (\d+)(?:, (\d\d:\d\d:\d\d))?\)$/.exec(first);
    expect(m, first).not.toBeNull();
    await template.fill('[{role}, dyad {dyad}, session {session} at {sessionTime}]');
    await expect.poll(() => page.getByTestId('attribution-preview').innerText()).toBe(`[${m![1]}, dyad ${m![2]}, session ${m![3]}${m![4] ? ` at ${m![4]}` : ''}]`);
    await template.fill('({role} {nonsense})');
    await expect(page.getByRole('alert').first().innerText()).resolves.toContain('{nonsense}');
    await expect(page.getByRole('button', { name: /^Export 1 theme/ }).isDisabled()).resolves.toBe(true);
    await template.fill('({role}, dyad {dyad}, session {session}, {sessionTime})');

    await page.getByRole('button', { name: 'Add a name' }).click();
    await page.getByLabel('Name 1').fill(hidden);
    await page.getByLabel('Replacement 1').fill('[NAME]');
    await page.getByRole('button', { name: 'Save for this project' }).click();
    await expect.poll(async () => (await h.api<{ deidentify: { name: string }[] }>('export.settings.get', {})).deidentify.map((d) => d.name)).toEqual([hidden]);
    await h.screenshot('analysis-export-form');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /^Export 1 theme/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    mkdirSync(artifactsDir, { recursive: true });
    const saved = join(artifactsDir, 'analysis-export-dialogue.docx');
    await download.saveAs(saved);
    await expect(page.getByRole('status').filter({ hasText: 'Exported' }).innerText()).resolves.toBe(`Exported 2 excerpts to ${download.suggestedFilename()}`);
    await h.screenshot('analysis-export-done');

    const { blocks } = await readDocx(await readFile(saved));
    const tables = blocks.filter((b): b is DocxTable => b.kind === 'table');
    // An empty column says either that the side's moment is not coded or that the side has no moment there.
    const empty = (c: Parameters<typeof cellText>[0]) => /^(Not coded on this side|No (client|therapist) moment here)\.$/.test(cellText(c));
    const both = tables.find((t) => t.columns === 2 && t.rows[0]!.map(cellText).join('|') === 'Client|Therapist' && t.rows.slice(1).some((r) => !empty(r[0]!) && !empty(r[1]!)))!;
    expect(both, 'a two-column table with both sides coded').toBeTruthy();
    const row = both.rows.find((r, i) => i > 0 && !empty(r[0]!))!;
    const words = (s: string) => s.replace(/\s+/gu, ' ').trim();
    const clientCell = words(cellText(row[0]!));
    const therapistCell = words(cellText(row[1]!));
    // The client's words, with the hidden name replaced, then the attribution of the template.
    expect(clientCell).toContain('[NAME]');
    expect(clientCell).not.toMatch(new RegExp(`\\b${hidden}\\b`, 'iu'));
    expect(clientCell).toContain(words(client.text.replaceAll(new RegExp(`\\b${hidden}\\b`, 'giu'), '[NAME]')).slice(0, 40));
    expect(clientCell).toMatch(/\(client, dyad \S+, session 1(, \d\d:\d\d:\d\d)?\)$/u);
    expect(therapistCell).toContain(words(therapist.text.replaceAll(new RegExp(`\\b${hidden}\\b`, 'giu'), '[NAME]')).slice(0, 40));
    expect(therapistCell).toMatch(/\(therapist, dyad \S+, session 1(, \d\d:\d\d:\d\d)?\)$/u);
    expect(h.pageErrors).toEqual([]);
  }, 60_000);

  it('downloads the project as .qdpx and previews it back with each source assigned', async () => {
    const page = h.page;
    await page.getByRole('button', { name: 'Exchange (REFI-QDA)' }).click();
    const [qdpx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .qdpx…' }).click()]);
    await qdpx.saveAs(join(h.dir, 'Demo study.qdpx'));
    const status = page.locator('[aria-label="Export for other software"]').getByRole('status');
    await expect(status.innerText()).resolves.toMatch(/^Saved Demo study\.qdpx: 12 sources, 2 codes, 2 codings/);

    // The codebook as the table of an appendix, downloaded as Word.
    const [word] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Word table…' }).click()]);
    await expect.poll(() => status.innerText()).toMatch(/^Saved .*\.docx: 2 codes of “.+”, as a table of definitions/);
    const docPath = join(h.dir, word.suggestedFilename());
    expect(docPath.endsWith('.docx')).toBe(true);
    await word.saveAs(docPath);
    const doc = await readDocx(await readFile(docPath));
    const table = doc.blocks.find((b): b is DocxTable => b.kind === 'table')!;
    expect(table.rows.length).toBe(1 + 2);

    await page.getByLabel('Choose a REFI-QDA project (.qdpx)').setInputFiles(join(h.dir, 'Demo study.qdpx'));
    const sources = page.getByRole('table', { name: 'Sources to import' });
    await sources.waitFor();
    await expect(sources.locator('tbody tr').count()).resolves.toBe(12);
    // Dyad's own data in the file tells each source's place: nothing is left for the researcher to fill in.
    const firstDyad = await sources.locator('tbody tr').first().getByLabel(/^Dyad of /).inputValue();
    expect(firstDyad).not.toBe('');
    await expect(page.getByRole('button', { name: 'Import 12 sources' }).isEnabled()).resolves.toBe(true);
    await h.screenshot('analysis-exchange');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(sources.count()).resolves.toBe(0);
    expect(h.pageErrors).toEqual([]);
  }, 60_000);
});

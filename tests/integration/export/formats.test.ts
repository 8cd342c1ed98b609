import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alignSession, setLink } from '../../../electron/core/alignment';
import * as C from '../../../electron/core/coding';
import { updateDyad } from '../../../electron/core/dyads';
import { exportDialogue, exportExcerpts } from '../../../electron/export/run';
import { EXCERPT_COLUMNS } from '../../../shared/export/table';
import { openStudy, spanOf, type Study } from './fixture';
import { readXlsx } from './readXlsx';
import { readDocx } from './readDocx';

let s: Study;
beforeEach(() => {
  s = openStudy();
});
afterEach(() => s.close());

const HEADERS = EXCERPT_COLUMNS.map((c) => c.header);

describe('xlsx', () => {
  it('has one row per excerpt under a bold, frozen, filterable header, with long text wrapping', async () => {
    const out = join(s.dir, 'excerpts.xlsx');
    const r = await exportExcerpts(s.db, 15, { format: 'xlsx', codeIds: [s.ids.shame, s.ids.repair], includeMemos: true, path: out });
    expect(r.excerptCount).toBe(4);
    const wb = await readXlsx(out);
    const ws = wb.getWorksheet('Excerpts')!;
    expect(ws.rowCount).toBe(5);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(HEADERS);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();

    const rows = [2, 3, 4, 5].map((n) => {
      const row = ws.getRow(n);
      return Object.fromEntries(HEADERS.map((h, i) => [h, row.getCell(i + 1).value]));
    });
    const eye = spanOf(s.db, s.ids.d4s1Client, 'I could not make eye contact with Anna Maria.');
    expect(rows[0]).toEqual({
      Code: 'Shame',
      Dyad: '4',
      Session: 1,
      Role: 'client',
      Speaker: 'C',
      // Time values (Excel counts days from 1899-12-30), shown as hh:mm:ss, so they sort and subtract as times.
      'Session time': new Date(Date.UTC(1899, 11, 30, 0, 12, 34)),
      'Interview time': new Date(Date.UTC(1899, 11, 30, 0, 1, 10)),
      Start: eye.start,
      End: spanOf(s.db, s.ids.d4s1Client, 'I felt about six years old.').end,
      Coder: 'Ana',
      Memo: 'Eye contact with Anna Maria avoided; compare session 2.',
      Text: 'I could not make eye contact with Anna Maria. I felt about six years old.',
      Attribution: '(client, dyad 4, session 1, 00:12:34)',
      'Coding id': s.codings['shame:eye'],
      'Interview id': s.ids.d4s1Client,
    });
    expect(rows.map((r) => r.Code)).toEqual(['Shame', 'Shame', 'Shame', 'Repair']);
    expect(rows[1]!.Coder).toBe('Ben');
    // No interview clock in that transcript, no memo: empty cells.
    expect(rows[2]!['Interview time']).toBeNull();
    expect(rows[2]!.Memo).toBeNull();
    // Text cells wrap; the text column is wide.
    const textCol = HEADERS.indexOf('Text') + 1;
    expect(ws.getRow(2).getCell(textCol).alignment?.wrapText).toBe(true);
    expect(ws.getColumn(textCol).width).toBeGreaterThanOrEqual(60);
    expect(ws.getRow(2).getCell(HEADERS.indexOf('Session time') + 1).numFmt).toBe('hh:mm:ss');
    // Heights set on every row (LibreOffice ignores a height that is not set): a wrapped text gets more lines.
    for (const n of [1, 2, 3, 4, 5]) expect(ws.getRow(n).height).toBeGreaterThanOrEqual(15);
    // Printed landscape on A4, one page wide, the header row on every page, the ids left out of the printout.
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(ws.pageSetup.printArea).toBe('A1:M5');

    const codes = wb.getWorksheet('Codes')!;
    // Kept, but hidden: printing the workbook prints the excerpts alone (office.test.ts counts the pages).
    expect(codes.state).toBe('hidden');
    expect(ws.state).toBe('visible');
    expect((codes.getRow(2).values as unknown[]).slice(1)).toEqual(['Shame', 'Feeling *small* or exposed <as a person>.', 3]);
  });

  it('keeps a transcript line that starts with "=" as text, not a formula', async () => {
    s.db.prepare("UPDATE codes SET definition = '=SUM(A1:A9)' WHERE id = ?").run(s.ids.shame);
    const out = join(s.dir, 'formula.xlsx');
    await exportExcerpts(s.db, 15, { format: 'xlsx', codeIds: [s.ids.shame], path: out });
    const wb = await readXlsx(out);
    const cell = wb.getWorksheet('Codes')!.getRow(2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=SUM(A1:A9)');
  });

  it('shows the dyad as written: "04" and "D07" stay text, not the numbers 4 and 7', async () => {
    updateDyad(s.db, s.ids.dyad4, { name: '04' });
    updateDyad(s.db, s.ids.dyad7, { name: 'D07' });
    const out = join(s.dir, 'dyads.xlsx');
    await exportExcerpts(s.db, 15, { format: 'xlsx', codeIds: [s.ids.shame, s.ids.rupture], path: out });
    const ws = (await readXlsx(out)).getWorksheet('Excerpts')!;
    const at = HEADERS.indexOf('Dyad') + 1;
    const cells = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2).getCell(at));
    expect(new Set(cells.map((c) => c.value))).toEqual(new Set(['04', 'D07']));
    for (const c of cells) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      // The column is formatted as text, so a dyad typed over in Excel keeps its leading zero as well.
      expect(c.numFmt).toBe('@');
    }
  });
});

/** A strict RFC 4180 reader, for reading the export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} in an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (row.length) throw new Error('the last record does not end with CRLF');
  return rows;
}

describe('csv', () => {
  it('is RFC 4180 with the same columns, quoting commas, quotes and line breaks', async () => {
    C.createMemo(s.db, { targetKind: 'coding', targetId: s.codings['shame:bored']!, text: 'She said "bored", then, after a pause,\nlaughed.' });
    const out = join(s.dir, 'excerpts.csv');
    await exportExcerpts(s.db, 15, { format: 'csv', codeIds: [s.ids.shame], includeMemos: true, path: out });
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r).toHaveLength(HEADERS.length);
    const col = (name: string) => HEADERS.indexOf(name);
    expect(rows[2]![col('Memo')]).toBe('She said "bored", then, after a pause,\nlaughed.');
    expect(rows[2]![col('Text')]).toBe("she is bored of me, like Mr. O'Brien at school");
    expect(rows[1]![col('Attribution')]).toBe('(client, dyad 4, session 1, 00:12:34)');
    expect(rows.slice(1).map((r) => r[col('Coding id')])).toEqual([s.codings['shame:eye'], s.codings['shame:bored'], s.codings['shame:look2']]);
  });
});

describe('markdown and html', () => {
  it('markdown: headings, definitions, quotations with attributions, escaped text', async () => {
    const r = await exportExcerpts(s.db, 15, { format: 'md', codeIds: [s.ids.shame, s.ids.repair] });
    expect(r.path).toBeNull();
    expect(r.fileName).toBe('Excerpts Shame, Repair.md');
    const md = Buffer.from(r.dataBase64!, 'base64').toString('utf8');
    expect(md).toContain('# Excerpts: Shame, Repair\n');
    expect(md).toContain('## Shame\n\nFeeling \\*small\\* or exposed \\<as a person\\>.\n');
    expect(md).toContain('> I could not make eye contact with Anna Maria. I felt about six years old.\n\n(client, dyad 4, session 1, 00:12:34)');
    expect(md).toContain('> Here Anna asked about my sister Zoë and something \\*softened\\*, a \\<small\\> thing.');
  });

  it('markdown dialogue: a section per moment with Client and Therapist blocks', async () => {
    const r = await exportDialogue(s.db, 15, { format: 'md', codeIds: [s.ids.rupture], filters: { dyadIds: [s.ids.dyad4] } });
    const md = Buffer.from(r.dataBase64!, 'base64').toString('utf8');
    const sections = md.split('\n### ').slice(1);
    expect(sections.map((x) => x.split('\n')[0])).toEqual(['Dyad 4 · Session 1 · 00:12:34', 'Dyad 4 · Session 1 · 00:20:00']);
    expect(sections[0]).toContain(
      '**Client**\n\n> I could not make eye contact\n\n(client, dyad 4, session 1, 00:12:34)\n\n**Therapist**\n\n> I noticed she looked away',
    );
    expect(sections[1]).toContain('**Client**\n\n*Not coded on this side.*');
  });

  it('dialogue follows the links a researcher drew by hand, as the side-by-side view does', async () => {
    const before = await exportDialogue(s.db, 15, { format: 'md', codeIds: [s.ids.rupture], filters: { dyadIds: [s.ids.dyad7] } });
    expect(Buffer.from(before.dataBase64!, 'base64').toString('utf8').match(/^### .*$/gm)).toEqual([
      '### Dyad 7 · Session 1 · 00:01:35',
      '### Dyad 7 · Session 1 · T (turn 2)',
    ]);
    const session = (s.db.prepare('SELECT session_id FROM interviews WHERE id = ?').get(s.ids.d7s1Client) as { session_id: string }).session_id;
    const aligned = alignSession(s.db, session, 15);
    const clientUnit = aligned.rows.find((r) => r.client?.sessionTime === 95)!.client!.unitId;
    const therapistUnit = aligned.rows.find((r) => r.therapist?.label === 'T (turn 2)')!.therapist!.unitId;
    setLink(s.db, session, clientUnit, therapistUnit, 'link');
    const after = await exportDialogue(s.db, 15, { format: 'md', codeIds: [s.ids.rupture], filters: { dyadIds: [s.ids.dyad7] } });
    const md = Buffer.from(after.dataBase64!, 'base64').toString('utf8');
    expect(md.match(/^### .*$/gm)).toEqual(['### Dyad 7 · Session 1 · 00:01:35']);
    expect(md).toContain('**Client**\n\n> I kept waiting for the telling-off that never came.');
    expect(md).toContain('**Therapist**\n\n> I was braced for anger and it did not come.');
  });

  it('html: a standalone escaped page; the dialogue as a two-column table', async () => {
    const r = await exportExcerpts(s.db, 15, { format: 'html', codeIds: [s.ids.repair] });
    const html = Buffer.from(r.dataBase64!, 'base64').toString('utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src=|href=/);
    expect(html).toContain('something *softened*, a &lt;small&gt; thing.');
    expect(html).not.toContain('<small>');
    expect(html).toContain('<figcaption>(client, dyad 4, session 1, 00:31:05)</figcaption>');

    const d = await exportDialogue(s.db, 15, { format: 'html', codeIds: [s.ids.rupture], filters: { dyadIds: [s.ids.dyad4] } });
    const page = Buffer.from(d.dataBase64!, 'base64').toString('utf8');
    expect(page.match(/<table class="dialogue">/g)).toHaveLength(2);
    expect(page).toContain('<thead><tr><th scope="col">Client</th><th scope="col">Therapist</th></tr></thead>');
    expect(page).toContain('<h3>Dyad 4 · Session 1 · 00:12:34</h3>');
  });
});

describe('bytes for the browser build', () => {
  it('returns a docx as base64 with a file name and type when no path is given', async () => {
    const r = await exportExcerpts(s.db, 15, { format: 'docx', codeIds: [s.ids.shame], title: 'Shame: chapter 4 / draft' });
    expect(r.path).toBeNull();
    expect(r.fileName).toBe('Shame chapter 4 draft.docx');
    expect(r.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const bytes = Buffer.from(r.dataBase64!, 'base64');
    expect(bytes.byteLength).toBe(r.size);
    const { blocks } = await readDocx(bytes);
    expect(blocks[0]).toMatchObject({ style: 'Title', text: 'Shame: chapter 4 / draft' });
  });
});

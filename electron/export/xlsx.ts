/**
 * Excel workbooks with `exceljs`: an "Excerpts" sheet, one row per excerpt, with a bold frozen header row, an
 * autofilter, column widths that fit the content and wrapped long text; a hidden "Codes" sheet with each exported
 * code's definition and excerpt count (hidden so that the printout is the excerpts alone). Every value is written as text or a number, never as a formula, so a
 * transcript line beginning with "=" stays a line of transcript.
 *
 * exceljs's streaming writer with inline strings is used: rows are serialized as they are added, which for
 * 10,000 excerpts takes well under half the time of building the whole workbook in memory and writing it at the end.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExcerptDocument } from '../../shared/export/model';
import { EXCERPT_COLUMNS, excerptRows, type TableCell } from '../../shared/export/table';
import { headerWidth, PRINT_SETUP, rowHeight } from './sheetLayout';
import { xmlSafe } from './xmlSafe';

/** Excel's limit on the characters in one cell. */
const EXCEL_CELL_LIMIT = 32767;
const TRUNCATED = ' […cut: longer than an Excel cell holds]';

/** Empty text is an empty cell, so that Excel's "blanks" filter finds excerpts without a time or memo. */
function cellValue(v: TableCell): string | number | null {
  if (typeof v === 'number') return v;
  if (!v) return null;
  const s = xmlSafe(v);
  return s.length > EXCEL_CELL_LIMIT ? s.slice(0, EXCEL_CELL_LIMIT - TRUNCATED.length) + TRUNCATED : s;
}

const TOP: Partial<ExcelJS.Alignment> = { vertical: 'top' };
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
const FROZEN_HEADER: Partial<ExcelJS.WorksheetView>[] = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
const SECONDS_PER_DAY = 86400;
/** Session and interview times are time values (fractions of a day), so they sort and compute as times. */
const TIME_COLUMNS = new Set(['sessionTime', 'interviewTime']);
const TIME_FORMAT = 'hh:mm:ss';
/**
 * The dyad is shown as the researcher wrote it ("04", "D04"): written as a string and formatted as text ("@"), so
 * neither Excel nor LibreOffice turns "04" into the number 4, not even when the cell is typed over.
 */
const TEXT_COLUMNS = new Set(['dyad']);
const TEXT_FORMAT = '@';

/** The row's height from its wrapped cells (see sheetLayout.ts: LibreOffice needs it set). */
function heightOf(values: readonly (string | number | null)[], columns: readonly { width: number; wrap?: boolean }[]): number {
  return rowHeight(values.map((v, i) => ({ text: typeof v === 'string' ? v : '', width: columns[i]!.width, wrap: !!columns[i]!.wrap })));
}

/** The workbook's bytes. */
export async function excerptsXlsx(doc: ExcerptDocument): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  wb.creator = 'Dyad';
  wb.title = xmlSafe(doc.title);
  if (doc.filters) wb.subject = xmlSafe(doc.filters);

  const ws = wb.addWorksheet('Excerpts', { views: FROZEN_HEADER, pageSetup: PRINT_SETUP });
  const columns = EXCERPT_COLUMNS.map((c) => ({ ...c, width: headerWidth(c.header, c.width) }));
  // exceljs gives every cell a style object of its own, merged from its column's, and looks each one up in its
  // style table field by field: a third of the workbook's time over 130,000 cells. Given the column's own style
  // object, it finds it by identity (its WeakMap) after the first row.
  const columnStyles: Partial<ExcelJS.Style>[] = columns.map((c) => ({
    ...(TIME_COLUMNS.has(c.key) ? { numFmt: TIME_FORMAT } : TEXT_COLUMNS.has(c.key) ? { numFmt: TEXT_FORMAT } : {}),
    alignment: c.wrap ? WRAP : TOP,
  }));
  ws.columns = columns.map((c, i) => ({ header: c.header, key: c.key, width: c.width, style: columnStyles[i]! }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = WRAP;
  head.height = heightOf(columns.map((c) => c.header), columns.map((c) => ({ width: c.width, wrap: true })));
  head.commit();
  const timeAt = columns.flatMap((c, i) => (TIME_COLUMNS.has(c.key) ? [i] : []));
  let rows = 1;
  for (const [e, row] of excerptRows(doc, true)) {
    const values = row.map(cellValue);
    for (const i of timeAt) {
      const seconds = columns[i]!.key === 'sessionTime' ? e.sessionTime : e.interviewTime;
      values[i] = seconds === null ? null : seconds / SECONDS_PER_DAY;
    }
    const r = ws.addRow(values);
    r.eachCell((cell, column) => {
      cell.style = columnStyles[column - 1]!;
    });
    r.height = heightOf(values, columns);
    r.commit();
    rows++;
  }
  // The ids at the right end are for scripts, not for reading: the printout stops before them, so what is
  // read gets the width of the page.
  const printed = columns.findIndex((c) => c.key === 'codingId');
  // exceljs puts a "$" before each part; the row gets its own here, as LibreOffice reads only "$A$1:$M$9".
  ws.pageSetup.printArea = `A$1:${String.fromCharCode(64 + printed)}$${rows}`;
  ws.commit();

  const codeColumns = [
    { header: 'Code', key: 'code', width: 32, wrap: true },
    { header: 'Definition', key: 'definition', width: 80, wrap: true },
    { header: 'Excerpts', key: 'excerpts', width: 10 },
  ];
  // Printing the workbook prints the excerpts: a few rows make one page, not one page per sheet. Excel prints only
  // the active sheet by default, but LibreOffice's PDF export and "print the entire workbook" print every visible
  // sheet, and a hidden sheet is the one thing in the format that both leave out. So the Codes sheet is kept but
  // hidden (Unhide… in either program shows it).
  const codes = wb.addWorksheet('Codes', { views: FROZEN_HEADER, pageSetup: PRINT_SETUP, state: 'hidden' });
  codes.columns = codeColumns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { alignment: c.wrap ? WRAP : TOP } }));
  const codesHead = codes.getRow(1);
  codesHead.font = { bold: true };
  codesHead.commit();
  for (const s of doc.sections) {
    const values = [cellValue(s.codePath), cellValue(s.definition), s.excerpts.length];
    const r = codes.addRow(values);
    r.height = heightOf(values, codeColumns);
    r.commit();
  }
  codes.commit();

  await wb.commit();
  return Buffer.concat(chunks);
}

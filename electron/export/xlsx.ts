/**
 * Excel workbooks with `exceljs`: an "Excerpts" sheet, one row per excerpt, with a bold frozen header row, an
 * autofilter, column widths that fit the content and wrapped long text; a "Codes" sheet with each exported
 * code's definition and excerpt count. Every value is written as text or a number, never as a formula, so a
 * transcript line beginning with "=" stays a line of transcript.
 */
import ExcelJS from 'exceljs';
import type { ExcerptDocument } from '../../shared/export/model';
import { EXCERPT_COLUMNS, excerptRows, type TableCell } from '../../shared/export/table';
import { xmlSafe } from './xmlSafe';

/** Excel's limit on the characters in one cell. */
export const EXCEL_CELL_LIMIT = 32767;
const TRUNCATED = ' […cut: longer than an Excel cell holds]';

function cellValue(v: TableCell): string | number {
  if (typeof v === 'number') return v;
  const s = xmlSafe(v);
  return s.length > EXCEL_CELL_LIMIT ? s.slice(0, EXCEL_CELL_LIMIT - TRUNCATED.length) + TRUNCATED : s;
}

export function excerptsWorkbook(doc: ExcerptDocument): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dyad';
  wb.title = xmlSafe(doc.title);
  if (doc.filters) wb.subject = xmlSafe(doc.filters);

  const ws = wb.addWorksheet('Excerpts', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  ws.columns = EXCERPT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: c.wrap ? { alignment: { wrapText: true, vertical: 'top' } } : { alignment: { vertical: 'top' } },
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle' };
  for (const row of excerptRows(doc)) ws.addRow(row.map(cellValue));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXCERPT_COLUMNS.length } };

  const codes = wb.addWorksheet('Codes', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  codes.columns = [
    { header: 'Code', key: 'code', width: 32, style: { alignment: { wrapText: true, vertical: 'top' } } },
    { header: 'Definition', key: 'definition', width: 80, style: { alignment: { wrapText: true, vertical: 'top' } } },
    { header: 'Excerpts', key: 'excerpts', width: 10, style: { alignment: { vertical: 'top' } } },
  ];
  codes.getRow(1).font = { bold: true };
  for (const s of doc.sections) codes.addRow([cellValue(s.codePath), cellValue(s.definition), s.excerpts.length]);
  return wb;
}

export async function packXlsx(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

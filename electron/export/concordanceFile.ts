/**
 * The concordance table as a file: CSV (the table alone, for R, SPSS or pandas) or Excel (the table with its totals
 * in bold, and a sheet "About" saying what a moment coded is). Written through the one atomic writer, or returned as
 * bytes for the browser to download. The columns are shared/export/concordance.ts's, as on the page.
 */
import ExcelJS from 'exceljs';
import { DyadError } from '../../shared/api/errors';
import { CONCORDANCE_HEADERS, concordanceCsv, concordanceLine, concordanceTotals, MOMENTS_CODED_NOTE, SHARE_NOTE, UNPAIRED_NOTE, type ConcordanceCounts } from '../../shared/export/concordance';
import { exportFileName } from '../../shared/export/naming';
import { writeFileAtomic } from '../core/atomicFile';
import type { ConcordanceResult } from '../core/analysis/concordance';
import { MIME, type ReportFile } from './agreementReport';
import { headerWidth, PRINT_SETUP, rowHeight } from './sheetLayout';
import { xmlSafe } from './xmlSafe';
import { basename, extname, isAbsolute } from 'node:path';

type ConcordanceFormat = 'csv' | 'xlsx';

/** The codes that appear on the page: those coded on some moment, paired or not. */
function codesShown(r: ConcordanceResult): ConcordanceCounts[] {
  return r.codes.filter((c) => c.both + c.clientOnly + c.therapistOnly + c.unpairedClient + c.unpairedTherapist > 0);
}

function about(r: ConcordanceResult): [string, string][] {
  return [
    ['Sessions', String(r.sessions)],
    ['Aligned moments with both sides', String(r.pairedRows)],
    ['Pairing', `A client and a therapist moment pair when their session times are within ±${r.toleranceSeconds} s.`],
    ['Moments coded', MOMENTS_CODED_NOTE],
    ['Share on both sides', SHARE_NOTE],
    ['Unpaired', UNPAIRED_NOTE],
  ];
}

async function concordanceXlsx(r: ConcordanceResult): Promise<Buffer> {
  const codes = codesShown(r);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dyad';
  wb.title = 'Client–therapist concordance';
  const ws = wb.addWorksheet('Concordance', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: PRINT_SETUP });
  const widths = CONCORDANCE_HEADERS.map((h, i) => headerWidth(h, i === 0 ? 40 : 11));
  ws.columns = CONCORDANCE_HEADERS.map((h, i) => ({ header: h, width: widths[i] }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'bottom' };
  head.height = rowHeight(CONCORDANCE_HEADERS.map((h, i) => ({ text: h, width: widths[i]!, wrap: true })));
  const add = (c: ConcordanceCounts, total: boolean) => {
    const [code, ...n] = concordanceLine(c);
    const row = ws.addRow([xmlSafe(code), ...n]);
    row.getCell(5).numFmt = '0.0%';
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = rowHeight([{ text: code, width: widths[0]!, wrap: true }]);
    if (total) row.font = { bold: true };
  };
  for (const c of codes) add(c, false);
  add(concordanceTotals(codes), true);
  const info = wb.addWorksheet('About', { pageSetup: { ...PRINT_SETUP, printTitlesRow: undefined, orientation: 'portrait' } });
  info.columns = [{ width: 30 }, { width: 100 }];
  for (const [k, v] of about(r)) {
    const row = info.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.height = rowHeight([{ text: v, width: 100, wrap: true }]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes the table to `path` (its extension must be the format's), or returns its bytes when no path is given. */
export async function exportConcordance(r: ConcordanceResult, target: { format: ConcordanceFormat; path?: string | undefined; signal?: AbortSignal | undefined }): Promise<ReportFile> {
  const { format, path } = target;
  if (path !== undefined) {
    if (!isAbsolute(path)) throw new DyadError('invalid-input', `Cannot write ${path}: give the full path of the file to export to.`);
    if (extname(path).toLowerCase() !== `.${format}`) throw new DyadError('invalid-input', `Cannot write ${path}: the concordance as ${format === 'csv' ? 'CSV' : 'Excel'} must be saved as a .${format} file.`);
  }
  const bytes = format === 'csv' ? Buffer.from(concordanceCsv(codesShown(r)), 'utf8') : await concordanceXlsx(r);
  const fileName = path ? basename(path) : exportFileName('Concordance', format);
  if (!path) return { fileName, mimeType: MIME[format], size: bytes.length, path: null, dataBase64: bytes.toString('base64') };
  await writeFileAtomic(path, bytes, { signal: target.signal });
  return { fileName, mimeType: MIME[format], size: bytes.length, path, dataBase64: null };
}

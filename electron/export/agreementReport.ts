/**
 * The agreement report as a file: CSV (the table alone, for R, SPSS or pandas), Excel (the table, and a sheet
 * "About" with title, coders, unit, date and how to read the figures) or Word (all of it, ready for an appendix).
 * Written to a temporary file beside the target and renamed into place (electron/export/atomic.ts).
 */
import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import { DyadError } from '../../shared/api/errors';
import { writeFileAtomic } from '../core/atomicFile';
import { packDocx } from './docx';
import { headerWidth, PRINT_SETUP, rowHeight } from './sheetLayout';
import { columnWidths, LANDSCAPE_TEXT_WIDTH, paragraph, run, table, TEXT_WIDTH } from './wordml';
import { xmlSafe } from './xmlSafe';
import { UNIT_WORDS, type AgreementReport, type Figures } from '../team/agreement';

type ReportFormat = 'csv' | 'xlsx' | 'docx';

export const MIME: Record<ReportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

function formatOf(path: string, given?: ReportFormat | null): ReportFormat {
  const ext = extname(path).toLowerCase().slice(1);
  if (given) {
    if (ext !== given) throw new DyadError('invalid-input', `${path} does not end in .${given}; name the file so that it opens in the right program.`);
    return given;
  }
  if (ext === 'csv' || ext === 'xlsx' || ext === 'docx') return ext;
  throw new DyadError('invalid-input', `${path}: the agreement report is written as .csv, .xlsx or .docx.`);
}

interface Line {
  code: string;
  figures: Figures;
  codings: number[] | null;
}

function lines(r: AgreementReport): Line[] {
  return [...r.codes.map((c) => ({ code: c.path, figures: c as Figures, codings: c.codings })), { code: 'All codes (pooled)', figures: r.overall, codings: null }];
}

const headers = (r: AgreementReport) => [
  'Code',
  `Units (${UNIT_WORDS[r.unit]}s)`,
  'Percent agreement',
  "Cohen's kappa",
  "Krippendorff's alpha",
  'Disagreements',
  ...r.coders.map((c) => `Codings by ${c.name}`),
];

const round = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));

// RFC 4180: a field is quoted when it holds a comma, a quote or a line break (quotes inside doubled); records end
// in CRLF. A byte-order mark first, so that Excel reads names with accents correctly.
function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function reportCsv(r: AgreementReport): string {
  const rows: (string | number | null)[][] = [headers(r)];
  for (const l of lines(r)) {
    const f = l.figures;
    rows.push([l.code, f.units, round(f.percent, 4), round(f.kappa, 4), round(f.alpha, 4), f.disagreements, ...(l.codings ?? r.coders.map(() => null))]);
  }
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function about(r: AgreementReport): [string, string][] {
  const left = r.interviews.leftOut.length;
  return [
    ['Title', r.title],
    ['Coders', r.coders.map((c) => c.name).join(', ')],
    ['Unit', UNIT_WORDS[r.unit]],
    ['Date', r.generatedAt.slice(0, 10)],
    ['Interviews compared', `${r.interviews.compared}${left ? ` (${left} left out: coded by fewer than two of these coders)` : ''}`],
  ];
}

async function reportXlsx(r: AgreementReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dyad';
  wb.title = xmlSafe(r.title);
  const ws = wb.addWorksheet('Agreement', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: PRINT_SETUP });
  const head = headers(r);
  // Headers wrap between words (never inside "Krippendorff's"), the row as tall as the wrapped header.
  const widths = head.map((h, i) => headerWidth(h, i === 0 ? 40 : 12));
  ws.columns = head.map((h, i) => ({ header: xmlSafe(h), width: widths[i] }));
  const headRow = ws.getRow(1);
  headRow.font = { bold: true };
  headRow.alignment = { wrapText: true, vertical: 'bottom' };
  headRow.height = rowHeight(head.map((h, i) => ({ text: h, width: widths[i]!, wrap: true })));
  for (const l of lines(r)) {
    const f = l.figures;
    const row = ws.addRow([xmlSafe(l.code), f.units, f.percent, f.kappa, f.alpha, f.disagreements, ...(l.codings ?? [])]);
    row.getCell(3).numFmt = '0.0%';
    row.getCell(4).numFmt = '0.000';
    row.getCell(5).numFmt = '0.000';
    if (!l.codings) row.font = { bold: true };
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = rowHeight([{ text: l.code, width: widths[0]!, wrap: true }]);
  }
  const info = wb.addWorksheet('About', { pageSetup: { ...PRINT_SETUP, printTitlesRow: undefined, orientation: 'portrait' } });
  info.columns = [{ width: 22 }, { width: 100 }];
  const infoRow = (k: string, v: string) => {
    const row = info.addRow([k, xmlSafe(v)]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.height = rowHeight([{ text: v, width: 100, wrap: true }]);
  };
  for (const [k, v] of about(r)) infoRow(k, v);
  info.addRow([]);
  info.addRow(['How to read it']).getCell(1).font = { bold: true };
  for (const n of r.notes) infoRow('', n);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const dec = (x: number | null) => (x === null ? '—' : x.toFixed(3));

/**
 * The report as a Word document, in the same styles as Dyad's other documents (electron/export/docx.ts): the table's
 * columns sized to their content, so no header breaks mid-word, and the page turned sideways when the columns
 * (one per coder beyond the figures) do not fit across a portrait page.
 */
async function reportDocx(r: AgreementReport): Promise<Buffer> {
  const cellRun = (text: string, bold: boolean, right: boolean) => [paragraph(null, run(text, { bold }), { align: right ? 'right' : 'left' })];
  const head = headers(r);
  const rows = lines(r).map((l) => {
    const f = l.figures;
    const bold = l.codings === null;
    const values = [String(f.units), pct(f.percent), dec(f.kappa), dec(f.alpha), String(f.disagreements), ...(l.codings ?? r.coders.map(() => null)).map((n) => (n === null ? '' : String(n)))];
    return [cellRun(l.code, bold, false), ...values.map((v) => cellRun(v, bold, true))];
  });
  const landscape = !columnWidths(head, rows, TEXT_WIDTH).fits;
  const align = head.map((_h, i) => (i === 0 ? 'left' : 'right') as 'left' | 'right');
  const body = [
    paragraph('Title', run(r.title)),
    ...about(r)
      .slice(1)
      .map(([k, v]) => paragraph(null, run(`${k}: `, { bold: true }) + run(v))),
    table(head, rows, { align, width: landscape ? LANDSCAPE_TEXT_WIDTH : TEXT_WIDTH }),
    paragraph('Heading2', run('How to read it')),
    ...r.notes.map((n) => paragraph(null, run(`•\t${n}`))),
  ];
  return packDocx({ title: r.title, body, landscape });
}

async function reportBytes(r: AgreementReport, format: ReportFormat): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(reportCsv(r), 'utf8');
  return format === 'xlsx' ? reportXlsx(r) : reportDocx(r);
}

export interface ReportFile {
  fileName: string;
  mimeType: string;
  size: number;
  /** Where it was written, or null when the bytes are returned (the browser offers them as a download). */
  path: string | null;
  dataBase64: string | null;
}

export async function exportReport(r: AgreementReport, target: { path?: string | null | undefined; format?: ReportFormat | null | undefined; signal?: AbortSignal | undefined }): Promise<ReportFile> {
  const format = target.path ? formatOf(target.path, target.format) : (target.format ?? 'csv');
  const bytes = await reportBytes(r, format);
  const fileName = target.path ? basename(target.path) : `agreement-${r.coders.map((c) => c.name).join('-')}.${format}`.replace(/[\\/:*?"<>|]/g, '_');
  if (!target.path) return { fileName, mimeType: MIME[format], size: bytes.length, path: null, dataBase64: bytes.toString('base64') };
  await writeFileAtomic(target.path, bytes, { signal: target.signal });
  return { fileName, mimeType: MIME[format], size: bytes.length, path: target.path, dataBase64: null };
}

/**
 * mammoth's HTML → text. Outside tables every tag but <br> and the ends of p/h1–h6/li is dropped; inside a table
 * each cell collects its own lines, and a finished table is laid out as a whole by docxTable.ts.
 */
import { type Cell, layoutTable } from './docxTable';

interface OpenTable {
  rows: Cell[][];
  row: Cell[] | null;
  cell: Cell | null;
  /** The open cell's text so far. */
  buf: string;
}

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9]*)([^>]*)>/y;
const LINE_END = /^(?:p|h[1-6]|li)$/;
// Word allows 63 columns; a larger span is a damaged file, and capping it keeps the grid small.
const MAX_SPAN = 64;

export function htmlToText(html: string): { text: string; speakers: string[] } {
  let doc = '';
  const speakers = new Set<string>();
  const tables: OpenTable[] = [];

  const append = (s: string) => {
    const t = tables[tables.length - 1];
    if (!t) {
      doc += s;
      return;
    }
    // mammoth writes text only inside cells; anything else is kept in a cell of its own rather than dropped.
    if (!t.cell) {
      if (!s.trim()) return;
      openCell(t, '');
    }
    t.buf += s;
  };

  for (let i = 0; i < html.length; ) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      append(decodeEntities(html.slice(i)));
      break;
    }
    if (lt > i) append(decodeEntities(html.slice(i, lt)));
    TAG.lastIndex = lt;
    const m = TAG.exec(html);
    if (!m) {
      append('<');
      i = lt + 1;
      continue;
    }
    i = TAG.lastIndex;
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    const t = tables[tables.length - 1];

    if (name === 'br') append('\n');
    else if (closing && LINE_END.test(name)) append('\n');
    else if (name === 'table') {
      if (!closing) tables.push({ rows: [], row: null, cell: null, buf: '' });
      else if (t) {
        closeRow(t);
        tables.pop();
        const laid = layoutTable(t.rows);
        for (const s of laid.speakers) speakers.add(s);
        for (const line of laid.lines) append(`${line}\n`);
      }
    } else if (!t) continue;
    else if (name === 'tr') closeRow(t);
    else if (name === 'td' || name === 'th') {
      if (closing) closeCell(t);
      else openCell(t, m[3]!);
    }
  }
  // An unclosed table (a truncated document) still comes out.
  while (tables.length) {
    const t = tables.pop()!;
    closeRow(t);
    const laid = layoutTable(t.rows);
    for (const s of laid.speakers) speakers.add(s);
    for (const line of laid.lines) append(`${line}\n`);
  }
  return { text: doc, speakers: [...speakers] };
}

function openCell(t: OpenTable, attrs: string): void {
  closeCell(t);
  t.row ??= [];
  t.cell = { lines: [], colspan: spanAttr(attrs, 'colspan'), rowspan: spanAttr(attrs, 'rowspan') };
  t.row.push(t.cell);
}

function closeCell(t: OpenTable): void {
  if (!t.cell) return;
  t.cell.lines = t.buf
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  t.cell = null;
  t.buf = '';
}

function closeRow(t: OpenTable): void {
  closeCell(t);
  if (t.row) t.rows.push(t.row);
  t.row = null;
}

function spanAttr(attrs: string, name: string): number {
  const m = new RegExp(`\\b${name}\\s*=\\s*"?(\\d+)`, 'i').exec(attrs);
  const n = m ? Number(m[1]) : 1;
  return Math.min(Math.max(n, 1), MAX_SPAN);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]+);/g, (whole, e: string) => {
    if (e[0] !== '#') return NAMED[e] ?? whole;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

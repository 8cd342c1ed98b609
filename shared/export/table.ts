/**
 * The excerpts as a table, one row per excerpt, for CSV and XLSX: the same columns in the same order in both, so
 * a researcher can move between them.
 */
import { formatTime } from '../import/time';
import type { ExcerptDocument, ExportExcerpt } from './model';

interface TableColumn {
  key: string;
  header: string;
  /** Width in characters for spreadsheets. */
  width: number;
  /** Long text that should wrap in a spreadsheet cell. */
  wrap?: boolean;
  /** Whole numbers (offsets, session numbers) rather than text. */
  numeric?: boolean;
}

export const EXCERPT_COLUMNS: readonly TableColumn[] = [
  { key: 'codePath', header: 'Code', width: 24, wrap: true },
  { key: 'dyad', header: 'Dyad', width: 8 },
  { key: 'session', header: 'Session', width: 9, numeric: true },
  { key: 'role', header: 'Role', width: 10 },
  { key: 'speaker', header: 'Speaker', width: 12 },
  { key: 'sessionTime', header: 'Session time', width: 13 },
  { key: 'interviewTime', header: 'Interview time', width: 14 },
  { key: 'start', header: 'Start', width: 8, numeric: true },
  { key: 'end', header: 'End', width: 8, numeric: true },
  { key: 'coder', header: 'Coder', width: 14 },
  { key: 'memo', header: 'Memo', width: 30, wrap: true },
  { key: 'text', header: 'Text', width: 60, wrap: true },
  { key: 'attribution', header: 'Attribution', width: 28, wrap: true },
  { key: 'codingId', header: 'Coding id', width: 38 },
  { key: 'interviewId', header: 'Interview id', width: 38 },
];

export type TableCell = string | number;

const time = (s: number | null) => (s === null ? '' : formatTime(s));

export function excerptRow(codePath: string, e: ExportExcerpt): TableCell[] {
  return [
    codePath,
    e.dyad,
    e.session,
    e.role,
    e.speaker ?? '',
    time(e.sessionTime),
    time(e.interviewTime),
    e.start,
    e.end,
    e.coder,
    e.memos.join('\n\n'),
    e.text,
    e.attribution,
    e.codingIds.join(' '),
    e.interviewId,
  ];
}

/** Every excerpt of every section, in document order. */
export function excerptRows(doc: ExcerptDocument): Generator<TableCell[]>;
/** With `withExcerpt`, each row comes with its excerpt (a spreadsheet writes times as time values from it). */
export function excerptRows(doc: ExcerptDocument, withExcerpt: true): Generator<[ExportExcerpt, TableCell[]]>;
export function* excerptRows(doc: ExcerptDocument, withExcerpt = false): Generator<TableCell[] | [ExportExcerpt, TableCell[]]> {
  for (const s of doc.sections) {
    for (const e of s.excerpts) {
      const row = excerptRow(e.codePath || s.codePath, e);
      yield withExcerpt ? [e, row] : row;
    }
  }
}

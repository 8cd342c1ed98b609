/**
 * How Dyad's workbooks are laid out for reading and printing, in Excel and in LibreOffice alike: rows as tall as
 * their wrapped text (set explicitly: LibreOffice ignores a row's height unless it is set, and long excerpts then
 * print over the rows below), headers that wrap whole words, and a print set-up (A4 landscape, fit to one page
 * wide, the header row repeated on every page).
 */
import type ExcelJS from 'exceljs';

/** Excel's and LibreOffice's line height for 11 pt text, in points; the tallest row Excel allows. */
const LINE = 15;
const MAX_ROW = 409;

export const PRINT_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9, // A4
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: '1:1',
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

/**
 * Lines a text takes in a column `width` characters wide (Excel's unit: the width of a "0"), wrapping at spaces.
 * A little short of the width per line, as the fonts LibreOffice falls back to run wider than Calibri.
 */
export function linesIn(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 0.95) - 1);
  let lines = 0;
  for (const paragraph of text.split(/\r\n|\r|\n/u)) {
    let line = 0;
    let count = 1;
    for (const word of paragraph.split(/\s+/u).filter(Boolean)) {
      const w = [...word].length;
      if (line && line + 1 + w > perLine) {
        count++;
        line = 0;
      }
      // A word longer than a line is cut by the program over several lines.
      if (w > perLine) {
        count += Math.ceil(w / perLine) - 1;
        line = w % perLine;
      } else line += (line ? 1 : 0) + w;
    }
    lines += count;
  }
  return Math.max(1, lines);
}

/** The height in points of a row whose wrapped cells hold these texts in columns of these widths. */
export function rowHeight(cells: readonly { text: string; width: number; wrap: boolean }[]): number {
  const lines = Math.max(1, ...cells.filter((c) => c.wrap && c.text).map((c) => linesIn(c.text, c.width)));
  return Math.min(MAX_ROW, lines * LINE + 3);
}

/** A header cell's column width: at least its longest word, so a header wraps between words, never inside one. */
export function headerWidth(header: string, least: number): number {
  return Math.max(least, ...header.split(/\s+/u).map((w) => [...w].length + 3));
}

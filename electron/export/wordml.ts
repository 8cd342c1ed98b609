/**
 * The body of a Word document (word/document.xml) written as text. The `docx` package makes the rest of the
 * package (styles, properties, relationships, content types); its own serializer walks a flat body with
 * Array.shift, which is quadratic: 10,000 excerpts (about 50,000 paragraphs) took seconds in it and milliseconds
 * here. Only the few WordprocessingML elements an export needs are written; styles are referred to by id.
 */
import { xmlSafe } from './xmlSafe';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeXml = (s: string): string => xmlSafe(s).replace(/[&<>"]/gu, (c) => ESC[c]!);

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  /** RRGGBB */
  color?: string;
}

function runProps(r: RunStyle): string {
  const p = `${r.bold ? '<w:b/>' : ''}${r.italics ? '<w:i/>' : ''}${r.color ? `<w:color w:val="${r.color}"/>` : ''}`;
  return p ? `<w:rPr>${p}</w:rPr>` : '';
}

/** One run; line breaks in `text` become <w:br/>, tabs <w:tab/>. */
export function run(text: string, style: RunStyle = {}): string {
  const parts = xmlSafe(text)
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .map((line) =>
      line
        .split('\t')
        .map((t) => (t ? `<w:t xml:space="preserve">${escapeXml(t)}</w:t>` : ''))
        .join('<w:tab/>'),
    );
  return `<w:r>${runProps(style)}${parts.join('<w:br/>')}</w:r>`;
}

/** `noIndent` takes back the style's indentation (a quotation inside a table cell). */
export function paragraph(style: string | null, runs: string, opts: { align?: 'left' | 'right'; noIndent?: boolean } = {}): string {
  const props = `${style ? `<w:pStyle w:val="${style}"/>` : ''}${opts.noIndent ? '<w:ind w:left="0" w:right="0"/>' : ''}${opts.align === 'right' ? '<w:jc w:val="right"/>' : ''}`;
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${runs}</w:p>`;
}

/** A4 with 2.54 cm margins, Word's default; TEXT_WIDTH is what lies between the margins (twentieths of a point). */
export const PAGE = { width: 11906, height: 16838, margin: 1440 };
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Between the margins of an A4 page turned sideways. */
export const LANDSCAPE_TEXT_WIDTH = PAGE.height - 2 * PAGE.margin;

/**
 * Widths of a character of the Normal style (11 pt), generous enough for the fonts Word and LibreOffice fall
 * back to (Calibri, Carlito, Liberation Sans); bold is wider. Twentieths of a point.
 */
const CHAR = 135;
const BOLD_CHAR = 155;
const CELL_MARGINS = 2 * 108 + 40;

/** The text of some WordprocessingML (what <w:t> holds), for measuring. */
const textOf = (xml: string) =>
  xml
    .replace(/<w:br\/>|<\/w:p>/gu, '\n')
    .replace(/<w:tab\/>/gu, '    ')
    .replace(/<[^>]+>/gu, '')
    .replace(/&(amp|lt|gt|quot);/gu, 'x');

/** The longest stretch a line cannot break inside (words; a line may break after "/" or "-"). */
const longestWord = (text: string) => Math.max(0, ...text.split(/[\s/-]+/u).map((w) => [...w].length));

/**
 * Column widths that fit the content: no column narrower than its longest word (so "Relationship" or
 * "Krippendorff's" never breaks in the middle), the rest of the width shared out by how much text each column
 * holds. When even the longest words do not fit, the columns shrink in proportion (`fits` says so, for the
 * caller to turn the page sideways).
 */
export function columnWidths(header: readonly string[], rows: readonly (readonly string[][])[], width = TEXT_WIDTH): { widths: number[]; fits: boolean } {
  const n = header.length;
  const min = header.map((h, i) => {
    const words = Math.max(longestWord(h) * BOLD_CHAR, ...rows.map((r) => longestWord(textOf((r[i] ?? []).join(''))) * CHAR));
    return Math.min(words, width) + CELL_MARGINS;
  });
  const amount = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => Math.max(...textOf((r[i] ?? []).join('')).split('\n').map((l) => [...l].length))), 1));
  const total = min.reduce((a, b) => a + b, 0);
  if (total >= width) return { widths: min.map((m) => Math.floor((m * width) / total)), fits: total <= width };
  // What each column would take on one line, beyond its minimum: the spare width goes where text would wrap most.
  const want = amount.map((a, i) => Math.max(0, a * CHAR + CELL_MARGINS - min[i]!));
  const wanted = want.reduce((a, b) => a + b, 0);
  const spare = width - total;
  const widths = min.map((m, i) => Math.floor(m + (wanted ? Math.min(want[i]!, (spare * want[i]!) / wanted) : spare / n)));
  // Width nobody wanted (everything fits on one line) is shared equally, so the table still spans the page.
  const left = width - widths.reduce((a, b) => a + b, 0);
  return { widths: widths.map((w) => w + Math.floor(left / n)), fits: true };
}

const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"';

interface TableOptions {
  /** Per column; numbers read best right-aligned. */
  align?: readonly ('left' | 'right')[];
  /** Width between the margins (TEXT_WIDTH, or LANDSCAPE_TEXT_WIDTH on a page turned sideways). */
  width?: number;
  /** Equal columns (a dialogue's Client | Therapist) instead of columns sized to their content. */
  equal?: boolean;
}

/**
 * A table with a repeated header row, columns sized to their content (columnWidths); each cell is a list of
 * paragraphs (at least one is written).
 */
export function table(header: readonly string[], rows: readonly (readonly string[][])[], opts: TableOptions = {}): string {
  const n = header.length;
  const width = opts.width ?? TEXT_WIDTH;
  const widths = opts.equal ? header.map(() => Math.floor(width / n)) : columnWidths(header, rows, width).widths;
  const cell = (paras: readonly string[], i: number) => `<w:tc><w:tcPr><w:tcW w:w="${widths[i]}" w:type="dxa"/></w:tcPr>${paras.length ? paras.join('') : paragraph(null, '')}</w:tc>`;
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((b) => `<w:${b} ${BORDER}/>`).join('');
  return [
    '<w:tbl>',
    `<w:tblPr><w:tblW w:w="${widths.reduce((a, b) => a + b, 0)}" w:type="dxa"/><w:tblBorders>${borders}</w:tblBorders><w:tblLayout w:type="fixed"/>`,
    '<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="60" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
    `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${header.map((h, i) => cell([paragraph(null, run(h, { bold: true }), { align: opts.align?.[i] })], i)).join('')}</w:tr>`,
    ...rows.map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`),
    '</w:tbl>',
  ].join('');
}

export function documentXml(body: readonly string[], opts: { landscape?: boolean } = {}): string {
  const { margin } = PAGE;
  const [width, height] = opts.landscape ? [PAGE.height, PAGE.width] : [PAGE.width, PAGE.height];
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    '<w:body>',
    ...body,
    `<w:sectPr><w:pgSz w:w="${width}" w:h="${height}"${opts.landscape ? ' w:orient="landscape"' : ''}/><w:pgMar w:top="${margin}" w:right="${margin}" w:bottom="${margin}" w:left="${margin}" w:header="708" w:footer="708" w:gutter="0"/><w:cols w:space="708"/></w:sectPr>`,
    '</w:body>',
    '</w:document>',
  ].join('');
}

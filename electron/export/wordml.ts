/**
 * The body of a Word document (word/document.xml) written as text. The `docx` package makes the rest of the
 * package (styles, properties, relationships, content types); its own serializer walks a flat body with
 * Array.shift, which is quadratic: 10,000 excerpts (about 50,000 paragraphs) took seconds in it and milliseconds
 * here. Only the few WordprocessingML elements an export needs are written; styles are referred to by id.
 */
import { xmlSafe } from './xmlSafe';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export const escapeXml = (s: string): string => xmlSafe(s).replace(/[&<>"]/gu, (c) => ESC[c]!);

export interface RunStyle {
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

export function paragraph(style: string | null, runs: string): string {
  return `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${runs}</w:p>`;
}

/** A4 with 2.54 cm margins, Word's default; TEXT_WIDTH is what lies between the margins (twentieths of a point). */
export const PAGE = { width: 11906, height: 16838, margin: 1440 };
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"';

/** A table of equal columns with a repeated header row; each cell is a list of paragraphs (at least one is written). */
export function table(header: readonly string[], rows: readonly (readonly string[][])[]): string {
  const n = header.length;
  const w = Math.floor(TEXT_WIDTH / n);
  const cell = (paras: readonly string[]) => `<w:tc><w:tcPr><w:tcW w:w="${w}" w:type="dxa"/></w:tcPr>${paras.length ? paras.join('') : paragraph(null, '')}</w:tc>`;
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((b) => `<w:${b} ${BORDER}/>`).join('');
  return [
    '<w:tbl>',
    `<w:tblPr><w:tblW w:w="${w * n}" w:type="dxa"/><w:tblBorders>${borders}</w:tblBorders><w:tblLayout w:type="fixed"/>`,
    '<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="60" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
    `<w:tblGrid>${`<w:gridCol w:w="${w}"/>`.repeat(n)}</w:tblGrid>`,
    `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${header.map((h) => cell([paragraph(null, run(h, { bold: true }))])).join('')}</w:tr>`,
    ...rows.map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`),
    '</w:tbl>',
  ].join('');
}

export function documentXml(body: readonly string[]): string {
  const { width, height, margin } = PAGE;
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    '<w:body>',
    ...body,
    `<w:sectPr><w:pgSz w:w="${width}" w:h="${height}"/><w:pgMar w:top="${margin}" w:right="${margin}" w:bottom="${margin}" w:left="${margin}" w:header="708" w:footer="708" w:gutter="0"/><w:cols w:space="708"/></w:sectPr>`,
    '</w:body>',
    '</w:document>',
  ].join('');
}

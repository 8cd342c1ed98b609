/**
 * The words of a Word document as Word holds them, paragraph by paragraph, for the check that every one reaches
 * the stored text (shared/import/accounting.ts). Read straight from word/document.xml, not through mammoth, so that
 * whatever mammoth or the table layout leaves out is noticed: a text box, a content control, a cell.
 *
 * Text runs (<w:t>) only: deleted text (<w:delText>) and field codes (<w:instrText>) are not the document's words.
 */
import type { SourceLine } from '../../shared/import/accounting';

const RUN = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(?:tab|br|cr)\b[^>]*\/>/g;

export function docxParagraphs(documentXml: string): SourceLine[] {
  const out: SourceLine[] = [];
  const paragraphs = documentXml.split(/<\/w:p>/);
  paragraphs.forEach((xml, i) => {
    let text = '';
    for (const m of xml.matchAll(RUN)) text += m[1] !== undefined ? decodeXml(m[1]) : ' ';
    // Row numbers and the clocks of continuation rows are left out by the table layout on purpose: only words count.
    text = text.replace(/(?<![\p{L}\p{N}])[\d:.,#-]+(?![\p{L}\p{N}])/gu, ' ');
    if (text.trim()) out.push({ number: i + 1, text });
  });
  return out;
}

function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (all, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()] ?? all;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

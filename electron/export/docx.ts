/**
 * Word documents with the `docx` package: real styles (Title, Heading 1/2, Quote) so that the researcher's own
 * template and Word's navigation pane work on the export, each excerpt a "Quote" paragraph with its attribution
 * after it; dialogues as a two-column Client | Therapist table per moment.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphStyleOptions,
} from 'docx';
import type { DialogueDocument, DialogueMoment, ExcerptDocument, ExportExcerpt } from '../../shared/export/model';
import { momentHeading } from '../../shared/export/model';
import { xmlSafe } from './xmlSafe';

const INDENT = 567; // 1 cm in twentieths of a point

const STYLES: IParagraphStyleOptions[] = [
  {
    id: 'Quote',
    name: 'Quote',
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { italics: true },
    paragraph: { indent: { left: INDENT, right: INDENT }, spacing: { before: 120, after: 40 } },
  },
  {
    id: 'Attribution',
    name: 'Attribution',
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    paragraph: { indent: { left: INDENT, right: INDENT }, spacing: { after: 160 } },
  },
  {
    id: 'Memo',
    name: 'Memo',
    basedOn: 'Normal',
    next: 'Normal',
    run: { size: 18, color: '555555' },
    paragraph: { indent: { left: INDENT }, spacing: { after: 120 } },
  },
  {
    id: 'Definition',
    name: 'Definition',
    basedOn: 'Normal',
    next: 'Normal',
    run: { color: '444444' },
    paragraph: { spacing: { after: 160 } },
  },
  {
    id: 'Filters',
    name: 'Filters',
    basedOn: 'Normal',
    next: 'Normal',
    run: { color: '555555' },
    paragraph: { spacing: { after: 240 } },
  },
];

/** Paragraph texts (split at blank lines), each a list of lines (kept as line breaks). */
function blocks(text: string): string[][] {
  return xmlSafe(text)
    .replace(/\r\n?/gu, '\n')
    .split(/\n\s*\n/u)
    .map((p) => p.split('\n').map((l) => l.trim()))
    .filter((lines) => lines.some((l) => l));
}

function runs(lines: readonly string[], options: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return lines.map((text, i) => new TextRun({ text, break: i > 0 ? 1 : undefined, ...options }));
}

function styled(style: string, text: string, prefix?: string): Paragraph[] {
  const bs = blocks(text);
  return bs.map(
    (lines, i) =>
      new Paragraph({
        style,
        children: [...(prefix && i === 0 ? [new TextRun({ text: prefix, bold: true })] : []), ...runs(lines)],
      }),
  );
}

function excerptParagraphs(e: ExportExcerpt, includeMemos: boolean): Paragraph[] {
  const quote = styled('Quote', e.text);
  const out = quote.length ? quote : [new Paragraph({ style: 'Quote', children: [] })];
  if (e.attribution) out.push(new Paragraph({ style: 'Attribution', children: [new TextRun(xmlSafe(e.attribution))] }));
  if (includeMemos) for (const m of e.memos) out.push(...styled('Memo', m, 'Memo: '));
  return out;
}

function header(title: string, filters: string): Paragraph[] {
  const out = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(xmlSafe(title))] })];
  if (filters) out.push(...styled('Filters', filters));
  return out;
}

function makeDocument(title: string, children: (Paragraph | Table)[]): Document {
  return new Document({
    title: xmlSafe(title),
    creator: 'Dyad',
    styles: { paragraphStyles: STYLES },
    sections: [{ children }],
  });
}

export function excerptsDocx(doc: ExcerptDocument): Document {
  const children: Paragraph[] = header(doc.title, doc.filters);
  for (const s of doc.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(xmlSafe(s.codePath))] }));
    if (s.definition.trim()) children.push(...styled('Definition', s.definition));
    if (doc.includeMemos) for (const m of s.memos) children.push(...styled('Memo', m, 'Memo: '));
    if (!s.excerpts.length) children.push(new Paragraph({ children: [new TextRun({ text: 'No excerpts.', italics: true })] }));
    for (const e of s.excerpts) children.push(...excerptParagraphs(e, doc.includeMemos));
  }
  return makeDocument(doc.title, children);
}

/** A4 text width with Word's default margins, in twentieths of a point; Word rescales to the page. */
const TEXT_WIDTH = 9026;

function sideCell(excerpts: readonly ExportExcerpt[]): TableCell {
  const children = excerpts.length
    ? excerpts.flatMap((e) => excerptParagraphs(e, false))
    : [new Paragraph({ children: [new TextRun({ text: 'Not coded on this side.', italics: true, color: '777777' })] })];
  return new TableCell({ width: { size: TEXT_WIDTH / 2, type: WidthType.DXA }, children });
}

function headCell(text: string): TableCell {
  return new TableCell({
    width: { size: TEXT_WIDTH / 2, type: WidthType.DXA },
    children: [new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text, bold: true })] })],
  });
}

function momentTable(m: DialogueMoment): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH / 2, TEXT_WIDTH / 2],
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: [headCell('Client'), headCell('Therapist')] }),
      new TableRow({ children: [sideCell(m.client), sideCell(m.therapist)] }),
    ],
  });
}

export function dialogueDocx(doc: DialogueDocument): Document {
  const children: (Paragraph | Table)[] = header(doc.title, doc.filters);
  for (const t of doc.themes) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(xmlSafe(t.codePath))] }));
    if (t.definition.trim()) children.push(...styled('Definition', t.definition));
    if (!t.moments.length) children.push(new Paragraph({ children: [new TextRun({ text: 'No moments coded on either side.', italics: true })] }));
    for (const m of t.moments) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(xmlSafe(momentHeading(m)))] }));
      children.push(momentTable(m));
      // Word joins two tables that touch into one; an empty paragraph keeps the moments apart.
      children.push(new Paragraph({ children: [] }));
    }
  }
  return makeDocument(doc.title, children);
}

export function packDocx(document: Document): Promise<Buffer> {
  return Packer.toBuffer(document);
}

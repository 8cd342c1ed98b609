/**
 * Word documents: real styles (Title, Heading 1/2, Quote) so that the researcher's own template and Word's
 * navigation pane work on the export, each excerpt a "Quote" paragraph with its attribution after it; dialogues
 * as a two-column Client | Therapist table per moment. The `docx` package makes the package and the styles; the
 * body is written by wordml.ts (see there why).
 */
import { Document, Packer, type IParagraphStyleOptions } from 'docx';
import type { DialogueDocument, DialogueMoment, ExcerptDocument, ExportExcerpt } from '../../shared/export/model';
import { momentHeading } from '../../shared/export/model';
import { documentXml, paragraph, run, table } from './wordml';
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

/** Paragraph texts, split at blank lines; single line breaks stay inside a paragraph. */
function blocks(text: string): string[] {
  return text
    .replace(/\r\n?/gu, '\n')
    .split(/\n\s*\n/u)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .join('\n'),
    )
    .filter((p) => p.trim());
}

function styled(style: string, text: string, prefix?: string): string[] {
  return blocks(text).map((b, i) => paragraph(style, (prefix && i === 0 ? run(prefix, { bold: true }) : '') + run(b)));
}

function excerptParagraphs(e: ExportExcerpt, includeMemos: boolean): string[] {
  const quote = styled('Quote', e.text);
  const out = quote.length ? quote : [paragraph('Quote', '')];
  if (e.attribution) out.push(paragraph('Attribution', run(e.attribution)));
  if (includeMemos) for (const m of e.memos) out.push(...styled('Memo', m, 'Memo: '));
  return out;
}

const note = (text: string) => paragraph(null, run(text, { italics: true, color: '777777' }));

function header(title: string, filters: string): string[] {
  const out = [paragraph('Title', run(title))];
  if (filters) out.push(...styled('Filters', filters));
  return out;
}

export interface WordFile {
  title: string;
  body: string[];
}

export function excerptsDocx(doc: ExcerptDocument): WordFile {
  const body = header(doc.title, doc.filters);
  for (const s of doc.sections) {
    body.push(paragraph('Heading1', run(s.codePath)));
    if (s.definition.trim()) body.push(...styled('Definition', s.definition));
    if (doc.includeMemos) for (const m of s.memos) body.push(...styled('Memo', m, 'Memo: '));
    if (!s.excerpts.length) body.push(note('No excerpts.'));
    for (const e of s.excerpts) body.push(...excerptParagraphs(e, doc.includeMemos));
  }
  return { title: doc.title, body };
}

function side(excerpts: readonly ExportExcerpt[]): string[] {
  return excerpts.length ? excerpts.flatMap((e) => excerptParagraphs(e, false)) : [note('Not coded on this side.')];
}

function momentTable(m: DialogueMoment): string {
  return table(['Client', 'Therapist'], [[side(m.client), side(m.therapist)]]);
}

export function dialogueDocx(doc: DialogueDocument): WordFile {
  const body = header(doc.title, doc.filters);
  for (const t of doc.themes) {
    body.push(paragraph('Heading1', run(t.codePath)));
    if (t.definition.trim()) body.push(...styled('Definition', t.definition));
    if (!t.moments.length) body.push(note('No moments coded on either side.'));
    for (const m of t.moments) {
      body.push(paragraph('Heading2', run(momentHeading(m))));
      body.push(momentTable(m));
      // Word joins two tables that touch into one; an empty paragraph keeps the moments apart.
      body.push(paragraph(null, ''));
    }
  }
  return { title: doc.title, body };
}

/** The .docx bytes: docx's package and styles around the body written here. */
export function packDocx(file: WordFile): Promise<Buffer> {
  const document = new Document({
    title: xmlSafe(file.title),
    creator: 'Dyad',
    styles: { paragraphStyles: STYLES },
    sections: [{ children: [] }],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/document.xml', data: documentXml(file.body) }]);
}

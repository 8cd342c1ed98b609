/**
 * Word documents: real styles (Title, Heading 1/2, Quote) so that the researcher's own template and Word's
 * navigation pane work on the export, each excerpt a "Quote" paragraph with its attribution after it; dialogues
 * as a two-column Client | Therapist table per moment. The `docx` package makes the package and the styles; the
 * body is written by wordml.ts (see there why).
 */
import { Document, Packer } from 'docx';
import type { DialogueDocument, DialogueMoment, ExcerptDocument, ExportExcerpt } from '../../shared/export/model';
import { emptySideNote, momentHeading, parentSections, subCodeOf } from '../../shared/export/model';
import { codersNote } from '../../shared/export/readable';
import { openSafeZip } from '../refi/zipRead';
import { ZipWriter } from '../refi/zipWrite';
import { documentXml, paragraph, run, table } from './wordml';
import { stylesXml } from './wordStyles';
import { xmlSafe } from './xmlSafe';

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

function styled(style: string, text: string, prefix?: string, opts: { noIndent?: boolean } = {}): string[] {
  return blocks(text).map((b, i) => paragraph(style, (prefix && i === 0 ? run(prefix, { bold: true }) : '') + run(b), opts));
}

/** `inCell`: inside a table cell the quote is not indented (the cell already sets it apart). */
function excerptParagraphs(e: ExportExcerpt, includeMemos: boolean, inCell = false): string[] {
  const opts = { noIndent: inCell };
  const quote = styled('Quote', e.text, undefined, opts);
  const out = quote.length ? quote : [paragraph('Quote', '', opts)];
  if (e.attribution) out.push(paragraph('Attribution', run(e.attribution), opts));
  const coders = codersNote(e);
  if (coders) out.push(paragraph('Attribution', run(coders, { italics: true }), opts));
  if (includeMemos) for (const m of e.memos) out.push(...styled('Memo', m, 'Memo: '));
  return out;
}

const note = (text: string) => paragraph(null, run(text, { italics: true, color: '777777' }));

function header(title: string, filters: string): string[] {
  const out = [paragraph('Title', run(title))];
  if (filters) out.push(...styled('Filters', filters));
  return out;
}

interface WordFile {
  title: string;
  body: string[];
  /** A4 turned sideways, for tables too wide for a page. */
  landscape?: boolean;
}

export function excerptsDocx(doc: ExcerptDocument): WordFile {
  const body = header(doc.title, doc.filters);
  // A code whose sub-codes follow is a heading for them: it says "No excerpts." only when nothing follows.
  const parents = parentSections(doc.sections);
  for (const s of doc.sections) {
    body.push(paragraph('Heading1', run(s.codePath)));
    if (s.definition.trim()) body.push(...styled('Definition', s.definition));
    if (doc.includeMemos) for (const m of s.memos) body.push(...styled('Memo', m, 'Memo: '));
    if (!s.excerpts.length && !parents.has(s.codePath)) body.push(note('No excerpts.'));
    for (const e of s.excerpts) body.push(...excerptParagraphs(e, doc.includeMemos));
  }
  return { title: doc.title, body };
}

function side(theme: string, m: DialogueMoment, role: 'client' | 'therapist'): string[] {
  const excerpts = m[role];
  if (!excerpts.length) return [note(emptySideNote(m, role))];
  return excerpts.flatMap((e) => {
    const sub = subCodeOf(theme, e.codePath);
    return [...excerptParagraphs(e, false, true), ...(sub ? [paragraph('Attribution', run('Coded: ', { bold: true }) + run(sub), { noIndent: true })] : [])];
  });
}

function momentTable(theme: string, m: DialogueMoment): string {
  return table(['Client', 'Therapist'], [[side(theme, m, 'client'), side(theme, m, 'therapist')]], { equal: true });
}

export function dialogueDocx(doc: DialogueDocument): WordFile {
  const body = header(doc.title, doc.filters);
  for (const t of doc.themes) {
    body.push(paragraph('Heading1', run(t.codePath)));
    if (t.definition.trim()) body.push(...styled('Definition', t.definition));
    if (!t.moments.length) body.push(note('No moments coded on either side.'));
    for (const m of t.moments) {
      body.push(paragraph('Heading2', run(momentHeading(m))));
      body.push(momentTable(t.codePath, m));
      // Word joins two tables that touch into one; an empty paragraph keeps the moments apart.
      body.push(paragraph(null, ''));
    }
  }
  return { title: doc.title, body };
}

/**
 * The package docx makes around a body (styles, properties, relationships, content types): the .docx with
 * `body` as its word/document.xml.
 */
export function docxPackage(title: string, body: string): Promise<Buffer> {
  const document = new Document({
    title: xmlSafe(title),
    creator: 'Dyad',
    externalStyles: stylesXml(),
    sections: [{ children: [] }],
  });
  return Packer.toBuffer(document, false, [
    { path: 'word/document.xml', data: body },
    // Written whole (wordStyles.ts): docx would parse externalStyles and write them back changed.
    { path: 'word/styles.xml', data: stylesXml() },
  ]);
}

/**
 * The .docx bytes: docx's package and styles around the body written here. docx deflates in JavaScript (its
 * JSZip), which for the 10 MB body of 10,000 excerpts took about a second of the main thread; so docx packs an
 * empty body, and the parts are packed again by ZipWriter (node:zlib, off the main thread) with the real body.
 */
export async function packDocx(file: WordFile): Promise<Buffer> {
  const shell = await openSafeZip(await docxPackage(file.title, ''), 'the Word package');
  const zip = ZipWriter.inMemory('the Word document');
  try {
    for (const entry of shell.entries) {
      if (entry.name.endsWith('/')) continue;
      const data = entry.name === 'word/document.xml' ? documentXml(file.body, { landscape: file.landscape }) : await shell.read(entry);
      await zip.addFile(entry.name, data);
    }
    await zip.finish();
  } finally {
    shell.close();
  }
  return zip.bytes();
}

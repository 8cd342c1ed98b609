/**
 * Reads a .docx back the way a check by eye would: the body's paragraphs (style and text) and tables (rows of
 * cells, each cell a list of paragraphs), from word/document.xml unzipped with yauzl.
 */
import { XMLParser } from 'fast-xml-parser';
import yauzl from 'yauzl';

export interface DocxParagraph {
  kind: 'p';
  /** The paragraph style id (Title, Heading1, Quote…), null for Normal. */
  style: string | null;
  text: string;
}
export interface DocxTable {
  kind: 'table';
  /** Number of grid columns. */
  columns: number;
  rows: DocxParagraph[][][];
}
export type DocxBlock = DocxParagraph | DocxTable;

export function unzip(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const tagOf = (n: Node) => Object.keys(n).find((k) => k !== ':@')!;
const kids = (n: Node) => (n[tagOf(n)] as Node[]) ?? [];

function textOf(n: Node): string {
  const tag = tagOf(n);
  if (tag === '#text') return String(n['#text']);
  if (tag === 'w:br') return '\n';
  if (tag === 'w:tab') return '\t';
  if (tag === 'w:pPr' || tag === 'w:rPr') return '';
  return kids(n).map(textOf).join('');
}

function paragraph(n: Node): DocxParagraph {
  let style: string | null = null;
  for (const k of kids(n)) {
    if (tagOf(k) !== 'w:pPr') continue;
    for (const p of kids(k)) if (tagOf(p) === 'w:pStyle') style = p[':@']?.['@_w:val'] ?? null;
  }
  return { kind: 'p', style, text: textOf(n) };
}

function table(n: Node): DocxTable {
  let columns = 0;
  const rows: DocxParagraph[][][] = [];
  for (const k of kids(n)) {
    const tag = tagOf(k);
    if (tag === 'w:tblGrid') columns = kids(k).filter((c) => tagOf(c) === 'w:gridCol').length;
    if (tag === 'w:tr') {
      rows.push(
        kids(k)
          .filter((c) => tagOf(c) === 'w:tc')
          .map((tc) =>
            kids(tc)
              .filter((p) => tagOf(p) === 'w:p')
              .map(paragraph),
          ),
      );
    }
  }
  return { kind: 'table', columns, rows };
}

export async function readDocx(bytes: Uint8Array): Promise<{ blocks: DocxBlock[]; files: Map<string, Buffer>; styles: string }> {
  const files = await unzip(bytes);
  const xml = files.get('word/document.xml');
  if (!xml) throw new Error('no word/document.xml in the docx');
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, trimValues: false, parseTagValue: false });
  const tree = parser.parse(xml.toString('utf8')) as Node[];
  const doc = tree.find((n) => tagOf(n) === 'w:document')!;
  const body = kids(doc).find((n) => tagOf(n) === 'w:body')!;
  const blocks: DocxBlock[] = [];
  for (const n of kids(body)) {
    const tag = tagOf(n);
    if (tag === 'w:p') blocks.push(paragraph(n));
    else if (tag === 'w:tbl') blocks.push(table(n));
  }
  return { blocks, files, styles: files.get('word/styles.xml')?.toString('utf8') ?? '' };
}

export const cellText = (cell: DocxParagraph[]) => cell.map((p) => p.text).join('\n');

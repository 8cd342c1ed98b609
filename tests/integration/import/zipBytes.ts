/** Hand-made zip archives for the bad-file tests: sizes and data exactly as a test wants them, honest or not. */
import { Buffer } from 'node:buffer';
import { crc32, deflateRawSync } from 'node:zlib';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';

export interface RawEntry {
  name: string;
  /** The bytes as stored in the archive (deflated when method is 8). */
  stored: Uint8Array;
  method: 0 | 8;
  /** What the entry declares it inflates to. */
  uncompressedSize: number;
  crc: number;
}

export function deflatedEntry(name: string, content: Uint8Array, declaredSize = content.length): RawEntry {
  return { name, stored: deflateRawSync(content), method: 8, uncompressedSize: declaredSize, crc: crc32(content) };
}

export function makeZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.stored.length, 18);
    local.writeUInt32LE(e.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.stored.length, 20);
    central.writeUInt32LE(e.uncompressedSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.stored));
    centrals.push(central, name);
    offset += local.length + name.length + e.stored.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A real Word document, one paragraph per string; "\n" inside a string is a line break within the paragraph. */
export async function makeDocx(paragraphs: string[]): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: paragraphs.map(
          (p) => new Paragraph({ children: p.split('\n').map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 })) }),
        ),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * A table cell for makeDocxWithTables: a string is the cell's paragraphs, one per "\n" ("" is one empty
 * paragraph, as Word writes an empty cell); colSpan becomes w:gridSpan, rowSpan a w:vMerge run; `table` nests one.
 */
export type DocxCell = string | { text?: string; colSpan?: number; rowSpan?: number; table?: DocxTable };

export interface DocxTable {
  rows: DocxCell[][];
  /** Leading rows marked "repeat as header row" (w:tblHeader), which mammoth writes as <th>. */
  headerRows?: number;
}

/** A real Word document of paragraphs (strings, as in makeDocx) and tables (w:tbl/w:tr/w:tc), in order. */
export async function makeDocxWithTables(blocks: (string | DocxTable)[]): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: blocks.map((b) => (typeof b === 'string' ? paragraph(b) : table(b))) }],
  });
  return Packer.toBuffer(doc);
}

function paragraph(p: string): Paragraph {
  return new Paragraph({ children: p.split('\n').map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 })) });
}

function table(t: DocxTable): Table {
  return new Table({
    rows: t.rows.map(
      (cells, r) =>
        new TableRow({
          // Word leaves w:tblHeader out of ordinary rows (mammoth reads any w:tblHeader, even val="false", as a header).
          tableHeader: r < (t.headerRows ?? 0) ? true : undefined,
          children: cells.map((c) => {
            const spec = typeof c === 'string' ? { text: c } : c;
            const children: (Paragraph | Table)[] = (spec.text ?? '').split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] }));
            // Word ends every cell with a paragraph, also after a nested table.
            if (spec.table) children.unshift(table(spec.table));
            return new TableCell({ children, columnSpan: spec.colSpan, rowSpan: spec.rowSpan });
          }),
        }),
    ),
  });
}

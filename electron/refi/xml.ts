/**
 * Reading REFI-QDA XML safely and fast, with saxes (a streaming, well-formedness-checking SAX parser). Nothing is
 * ever expanded: a document with a DOCTYPE is refused the moment its prolog is read (XXE, "billion laughs"; saxes
 * itself never reads a DTD), and a reference other than the five predefined entities or a character reference is
 * an error. End-of-line handling, attribute-value normalisation and CDATA are the parser's, as XML 1.0 says.
 *
 * Bytes go in as they come out of the archive (`write`), so a 67 MB project.qde is never held whole as bytes and
 * as text at once. Out comes the plain tree shared/refi/readXml.ts reads: an element is an object with its
 * attributes under "@", its text as "#text" and each kind of child element as an array under its local name.
 */
import iconv from 'iconv-lite';
import { SaxesParser } from 'saxes';
import { DyadError } from '../../shared/api/errors';

export type XmlNode = Record<string, unknown>;

/** Enough of the start of a file to see its BOM or its declared encoding. */
const HEAD_BYTES = 200;

/** How the bytes of a document are turned into text, by its BOM or its declared encoding (UTF-8 when it says nothing). */
function encodingOf(b: Buffer, where: string): string {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf16be';
  // UTF-16 without a BOM starts "<\0?\0" or "\0<\0?".
  if (b[0] === 0x3c && b[1] === 0x00) return 'utf16le';
  if (b[0] === 0x00 && b[1] === 0x3c) return 'utf16be';
  const head = b.toString('latin1', 0, Math.min(b.length, HEAD_BYTES));
  const declared = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (!declared || declared === 'utf-8' || declared === 'utf8') return 'utf8';
  if (!iconv.encodingExists(declared)) throw new DyadError('bad-file', `${where} is in an encoding Dyad cannot read (${declared}).`);
  return declared;
}

/** Local name: "qda:Code" → "Code" (REFI files use the default namespace, but prefixes are legal). */
const local = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/**
 * Attributes by local name, without the namespace declarations (they are not data), as an ordinary object: saxes
 * hands them over in a prototype-less one, which V8 keeps as a hash table. A .qde of 100,000 codings has 300,000
 * elements, and their attributes as hash tables were most of the tree's memory and of the time spent collecting it.
 */
function plainAttributes(attributes: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in attributes) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    out[name.includes(':') ? local(name) : name] = attributes[name]!;
  }
  return out;
}

/**
 * One REFI-QDA document read piece by piece: `write` its bytes in order, then `end` gives the tree. `where` names
 * the file in every message ("study.qdpx (project.qde)"). Errors are DyadErrors that say nothing was imported.
 */
/**
 * An element read as soon as it closes (a .qde's TextSources, each with its thousands of selections): `read` turns
 * it into what stands in its place in the tree, or gives undefined to leave it as it is. Its own tree is then
 * dropped at once instead of being held until the whole document is read.
 */
export interface EarlyRead {
  /** Local names from the root, e.g. ['Project', 'Sources', 'TextSource']. */
  path: readonly string[];
  read: (node: XmlNode) => XmlNode | undefined;
}

export class RefiXmlReader {
  private readonly parser = new SaxesParser();
  private readonly doc: XmlNode = {};
  private readonly stack: XmlNode[] = [];
  /** The local name of each open element (parallel to `stack`). */
  private readonly names: string[] = [];
  /** Text and whether child elements were seen, for each open element (parallel to `stack`). */
  private readonly texts: string[] = [];
  private readonly hasChildren: boolean[] = [];
  private head: Buffer[] = [];
  private headLength = 0;
  private decoder: { write(b: Buffer): string; end(): string | undefined } | null = null;

  constructor(
    private readonly where: string,
    early?: EarlyRead,
  ) {
    const p = this.parser;
    p.on('doctype', () => {
      throw new DyadError('bad-file', `${where}: refuses XML with a DOCTYPE/entity declarations (possible XXE). Nothing was imported.`);
    });
    // Dyad's own data in a .qdc travels as <?dyad-data {…}?> (shared/refi/dyadData.ts); other PIs are not data.
    p.on('processinginstruction', (pi) => {
      if (pi.target === 'dyad-data' && !this.stack.length) this.doc['?dyad-data'] = pi.body;
    });
    p.on('opentag', (tag) => {
      const attributes = tag.attributes as Record<string, string>;
      const node: XmlNode = { '@': plainAttributes(attributes) };
      const parent = this.stack.length ? this.stack[this.stack.length - 1]! : this.doc;
      const key = local(tag.name);
      const siblings = parent[key] as XmlNode[] | undefined;
      if (siblings) siblings.push(node);
      else parent[key] = [node];
      this.stack.push(node);
      this.names.push(key);
      this.texts.push('');
      if (this.hasChildren.length) this.hasChildren[this.hasChildren.length - 1] = true;
      this.hasChildren.push(false);
    });
    const text = (t: string) => {
      // Outside the root there is only whitespace (saxes refuses anything else).
      if (this.texts.length) this.texts[this.texts.length - 1] += t;
    };
    p.on('text', text);
    p.on('cdata', text);
    p.on('closetag', () => {
      const node = this.stack.pop()!;
      const name = this.names.pop()!;
      const t = this.texts.pop()!;
      const parent = this.hasChildren.pop()!;
      // The indentation between child elements is not data; the text of a leaf element is, blanks and all.
      if (t && (!parent || /\S/.test(t))) node['#text'] = t;
      if (early && this.names.length === early.path.length - 1 && this.isAt(early.path, name)) {
        const read = early.read(node);
        // The element is the last of its name in its parent so far: its later siblings open after it closed.
        const siblings = (this.stack.length ? this.stack[this.stack.length - 1]! : this.doc)[name] as XmlNode[];
        if (read) siblings[siblings.length - 1] = read;
      }
    });
    p.on('error', (e) => {
      throw this.wellFormednessError(e);
    });
  }

  /** True when the element `name` that just closed sits at `path`. */
  private isAt(path: readonly string[], name: string): boolean {
    if (path[path.length - 1] !== name) return false;
    for (let k = 0; k < this.names.length; k++) if (this.names[k] !== path[k]) return false;
    return true;
  }

  private wellFormednessError(e: Error): DyadError {
    // saxes says "line:column: what", the column counted from 0.
    const m = /^(?:.*?:)?(\d+):(\d+): (.*?)\.?$/s.exec(e.message);
    const line = m ? m[1] : String(this.parser.line);
    const column = m ? String(Number(m[2]) + 1) : String(this.parser.column + 1);
    const what = m ? m[3]! : e.message;
    if (/^undefined entity/.test(what)) {
      return new DyadError(
        'bad-file',
        `${this.where}: line ${line}, column ${column} uses an entity that is not defined (Dyad expands no entities besides &amp; &lt; &gt; &quot; &apos;). Nothing was imported.`,
      );
    }
    return new DyadError('bad-file', `${this.where} is not well-formed XML (line ${line}, column ${column}: ${what}). Nothing was imported.`);
  }

  private feed(text: string): void {
    if (!text) return;
    try {
      this.parser.write(text);
    } catch (e) {
      if (e instanceof DyadError) throw e;
      throw new DyadError('bad-file', `${this.where} could not be read as XML (${(e as Error).message}). Nothing was imported.`);
    }
  }

  private startDecoding(first: Buffer): void {
    const encoding = encodingOf(first, this.where);
    // iconv-lite's decoders carry split characters over from one chunk to the next and drop a leading BOM.
    this.decoder = iconv.getDecoder(encoding);
  }

  write(bytes: Uint8Array): this {
    const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (!this.decoder) {
      this.head.push(b);
      this.headLength += b.length;
      if (this.headLength < HEAD_BYTES) return this;
      const first = Buffer.concat(this.head, this.headLength);
      this.head = [];
      this.startDecoding(first);
      this.feed(this.decoder!.write(first));
      return this;
    }
    this.feed(this.decoder.write(b));
    return this;
  }

  /** Text that is already decoded (a document handed over as a string); not to be mixed with `write`. */
  writeText(text: string): this {
    this.feed(text);
    return this;
  }

  /** The document's tree, once every byte was written. */
  end(): unknown {
    if (this.headLength && !this.decoder) {
      const first = Buffer.concat(this.head, this.headLength);
      this.head = [];
      this.startDecoding(first);
      this.feed(this.decoder!.write(first));
    }
    if (this.decoder) this.feed(this.decoder.end() ?? '');
    try {
      this.parser.close();
    } catch (e) {
      if (e instanceof DyadError) throw e;
      throw new DyadError('bad-file', `${this.where} could not be read as XML (${(e as Error).message}). Nothing was imported.`);
    }
    return this.doc;
  }
}

/**
 * Parses a whole REFI-QDA document (a .qdc, or a .qde already in memory) into the tree shared/refi/readXml.ts
 * reads. `where` names the file in every message.
 */
export function parseRefiXml(bytes: Uint8Array | string, where: string): unknown {
  const reader = new RefiXmlReader(where);
  return (typeof bytes === 'string' ? reader.writeText(bytes) : reader.write(bytes)).end();
}

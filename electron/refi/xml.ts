/**
 * Parsing REFI-QDA XML safely. Nothing is ever expanded: a document with a DOCTYPE or an entity declaration is
 * refused before the parser sees it (XXE, "billion laughs"), and references other than the five predefined
 * entities and character references are errors (shared/refi/xmlText.ts decodes them).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import { DyadError } from '../../shared/api/errors';
import { REPEATED_ELEMENTS } from '../../shared/refi/readXml';
import { decodeAttribute, decodeEntities, escapeText, XmlEntityError } from '../../shared/refi/xmlText';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name, _jpath, _isLeaf, isAttribute) => !isAttribute && REPEATED_ELEMENTS.has(name),
  tagValueProcessor: (_name, value) => decodeEntities(value),
  attributeValueProcessor: (_name, value) => decodeAttribute(value),
});

/** Bytes of an XML document → text, by its BOM or its declared encoding (UTF-8 when it says nothing). */
export function decodeXmlBytes(bytes: Uint8Array, where: string): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.toString('utf8', 3);
  if (b[0] === 0xff && b[1] === 0xfe) return b.toString('utf16le', 2);
  if (b[0] === 0xfe && b[1] === 0xff) return iconv.decode(b.subarray(2), 'utf16be');
  // UTF-16 without a BOM starts "<\0?\0" or "\0<\0?".
  if (b[0] === 0x3c && b[1] === 0x00) return b.toString('utf16le');
  if (b[0] === 0x00 && b[1] === 0x3c) return iconv.decode(b, 'utf16be');
  const head = b.toString('latin1', 0, Math.min(b.length, 200));
  const declared = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (!declared || declared === 'utf-8' || declared === 'utf8') return b.toString('utf8');
  if (!iconv.encodingExists(declared)) throw new DyadError('bad-file', `${where} is in an encoding Dyad cannot read (${declared}).`);
  return iconv.decode(b, declared);
}

/** The raw-text check that keeps entity expansion out entirely. */
export function assertNoDoctype(xml: string, where: string): void {
  if (/<!\s*(?:DOCTYPE|ENTITY)/i.test(xml)) {
    throw new DyadError('bad-file', `${where}: refuses XML with a DOCTYPE/entity declarations (possible XXE). Nothing was imported.`);
  }
}

/**
 * Parses a REFI-QDA document into the plain object shared/refi/readXml.ts reads. `where` names the file in
 * every message ("study.qdpx (project.qde)").
 */
export function parseRefiXml(bytes: Uint8Array | string, where: string): unknown {
  let xml = typeof bytes === 'string' ? bytes : decodeXmlBytes(bytes, where);
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  assertNoDoctype(xml, where);
  // XML end-of-line handling (§2.11), which this parser leaves out: CR LF and lone CR are read as LF. A CR that
  // matters is written as &#13; and survives.
  xml = xml.replace(/\r\n?/g, '\n');
  // CDATA sections become escaped text, so that every text goes through the same decoding exactly once.
  xml = xml.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, body: string) => escapeText(body));
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) {
    const e = valid.err;
    throw new DyadError('bad-file', `${where} is not well-formed XML (line ${e.line}, column ${e.col}: ${e.msg}). Nothing was imported.`);
  }
  try {
    return parser.parse(xml);
  } catch (e) {
    if (e instanceof XmlEntityError) throw new DyadError('bad-file', `${where}: ${e.message}. Nothing was imported.`);
    throw new DyadError('bad-file', `${where} could not be read as XML (${(e as Error).message}). Nothing was imported.`);
  }
}

/**
 * Escaping for the XML Dyad writes, and entity decoding for the XML it reads. Reading never expands entities
 * beyond the five predefined ones and numeric character references: documents with a DOCTYPE are refused
 * before parsing (electron/refi/xml.ts), so any other `&name;` is an error, not a lookup.
 */

// Characters XML 1.0 does not allow at all (C0 controls except tab, LF, CR; U+FFFE/FFFF; lone surrogates).
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Drops characters XML 1.0 cannot carry (even escaped), so the output always parses. */
export function xmlSafe(s: string): string {
  return s.replace(NOT_XML, '');
}

const TEXT_ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTR_ESC: Record<string, string> = { ...TEXT_ESC, '"': '&quot;', '\t': '&#9;', '\n': '&#10;' };

/**
 * Element content. A CR is written as a reference: a literal one would be turned into LF by every XML parser
 * (end-of-line handling), and memo or description text must come back exactly as written.
 */
export function escapeText(s: string): string {
  return xmlSafe(s).replace(/[&<>\r]/g, (c) => TEXT_ESC[c]!);
}

/** Attribute values: also quotes, and tab/LF/CR as references (parsers turn literal ones into spaces). */
export function escapeAttr(s: string): string {
  return xmlSafe(s).replace(/[&<>"\t\n\r]/g, (c) => ATTR_ESC[c]!);
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Thrown for an entity reference that is not one of the five predefined ones or a valid character reference. */
class XmlEntityError extends Error {}

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Resolves `&amp;`-style and `&#…;` references; anything else named is refused (there is no DTD to define it). */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (whole, ref: string) => {
    if (ref.charCodeAt(0) === 35 /* # */) {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!isXmlChar(cp)) throw new XmlEntityError(`the character reference ${whole} is not a character XML allows`);
      return String.fromCodePoint(cp);
    }
    const v = PREDEFINED[ref];
    if (v === undefined) throw new XmlEntityError(`the entity ${whole} is not defined (Dyad expands no entities besides &amp; &lt; &gt; &quot; &apos;)`);
    return v;
  });
}

/** Attribute-value normalisation (XML 1.0 §3.3.3): literal whitespace becomes a space before references resolve. */
export function decodeAttribute(s: string): string {
  return decodeEntities(s.replace(/[\t\n\r]/g, ' '));
}

const XSD_DATETIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;

/** True when `s` is an xsd:dateTime (ISO 8601 as Dyad stores it), so it may go into a dateTime attribute. */
export function isXsdDateTime(s: string | null | undefined): s is string {
  return typeof s === 'string' && XSD_DATETIME.test(s);
}

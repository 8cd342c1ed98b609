import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseRefiXml, RefiXmlReader } from '../../../electron/refi/xml';
import { codebookFromXml } from '../../../shared/refi/readXml';
import { DyadError } from '../../../shared/api/errors';

const QDC = `<?xml version="1.0" encoding="utf-8"?>\r
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Some tool">\r
  <Codes>\r
    <Code guid="{0A1B2C3D-0000-4000-8000-00000000000A}" name="Shame 🙂 &amp; guilt" isCodable="true">\r
      <Description>First line\r
second line&#13;kept <![CDATA[<not a tag> & not an entity]]> café</Description>\r
      <Code guid="0a1b2c3d-0000-4000-8000-00000000000b" name="Hiding&#10;away	now"/>\r
    </Code>\r
  </Codes>\r
</CodeBook>\r
`;

const codesOf = (doc: unknown) => codebookFromXml(doc, 'test.qdc').codes;

function refusal(run: () => unknown): DyadError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DyadError);
    return e as DyadError;
  }
  throw new Error('expected a refusal');
}

describe('REFI-QDA XML reader', () => {
  it('reads a codebook with CRLF line ends, references, CDATA and attribute whitespace as XML 1.0 says', () => {
    const [shame] = codesOf(parseRefiXml(Buffer.from(QDC, 'utf8'), 'test.qdc'));
    expect(shame!.guid).toBe('0a1b2c3d-0000-4000-8000-00000000000a');
    expect(shame!.name).toBe('Shame 🙂 & guilt');
    expect(shame!.description).toBe('First line\nsecond line\rkept <not a tag> & not an entity café');
    // A literal tab in an attribute is a space; a character reference for a newline stays a newline.
    expect(shame!.children.map((c) => c.name)).toEqual(['Hiding\naway now']);
  });

  it('gives the same tree however the bytes are split, even inside a character', () => {
    const whole = parseRefiXml(Buffer.from(QDC, 'utf8'), 'test.qdc');
    for (const encoding of ['utf8', 'utf16le'] as const) {
      const bytes = encoding === 'utf8' ? Buffer.from(QDC, 'utf8') : Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(QDC.replace('utf-8', 'utf-16'), 'utf16le')]);
      for (const size of [1, 3, 7, 250]) {
        const reader = new RefiXmlReader('test.qdc');
        for (let at = 0; at < bytes.length; at += size) reader.write(bytes.subarray(at, at + size));
        expect(reader.end()).toEqual(whole);
      }
    }
  });

  it('reads UTF-8 with a BOM, UTF-16 without one, and a declared legacy encoding', () => {
    const expected = codesOf(parseRefiXml(Buffer.from(QDC, 'utf8'), 'test.qdc'));
    const utf16 = QDC.replace('utf-8', 'utf-16');
    expect(codesOf(parseRefiXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(QDC, 'utf8')]), 'a.qdc'))).toEqual(expected);
    expect(codesOf(parseRefiXml(Buffer.from(utf16, 'utf16le'), 'b.qdc'))).toEqual(expected);
    expect(codesOf(parseRefiXml(iconv.encode(utf16, 'utf16be'), 'c.qdc'))).toEqual(expected);
    const latin = '<?xml version="1.0" encoding="ISO-8859-1"?><CodeBook><Codes><Code guid="0a1b2c3d-0000-4000-8000-00000000000c" name="Café"/></Codes></CodeBook>';
    expect(codesOf(parseRefiXml(iconv.encode(latin, 'latin1'), 'd.qdc'))[0]!.name).toBe('Café');
  });

  it('reads elements with a namespace prefix by their local names', () => {
    const xml = '<q:CodeBook xmlns:q="urn:QDA-XML:codebook:1.0"><q:Codes><q:Code q:guid="0a1b2c3d-0000-4000-8000-00000000000d" name="Trust"/></q:Codes></q:CodeBook>';
    expect(codesOf(parseRefiXml(xml, 'ns.qdc')).map((c) => c.name)).toEqual(['Trust']);
  });

  it('refuses a DOCTYPE before anything in it is read, naming the file', () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<CodeBook><Codes><Code guid="0a1b2c3d-0000-4000-8000-00000000000e" name="&x;"/></Codes></CodeBook>';
    const e = refusal(() => parseRefiXml(Buffer.from(xxe), 'evil.qdc'));
    expect(e.message).toBe('evil.qdc: refuses XML with a DOCTYPE/entity declarations (possible XXE). Nothing was imported.');
  });

  it('refuses entities that are not defined and XML that is not well-formed, with the line', () => {
    const entity = refusal(() => parseRefiXml('<CodeBook>\n<Codes>&nbsp;</Codes></CodeBook>', 'nbsp.qdc'));
    expect(entity.message).toMatch(/^nbsp\.qdc: line 2, column \d+ uses an entity that is not defined .*Nothing was imported\.$/);
    const broken = refusal(() => parseRefiXml('<CodeBook>\n<Codes>\n</Code></CodeBook>', 'broken.qdc'));
    expect(broken.message).toMatch(/^broken\.qdc is not well-formed XML \(line 3, column \d+: .+\)\. Nothing was imported\.$/);
    const cut = refusal(() => parseRefiXml('<CodeBook><Codes>', 'cut.qdc'));
    expect(cut.message).toMatch(/^cut\.qdc is not well-formed XML/);
    const unknown = refusal(() => parseRefiXml(Buffer.from('<?xml version="1.0" encoding="x-klingon"?><a/>'), 'k.qdc'));
    expect(unknown.message).toBe('k.qdc is in an encoding Dyad cannot read (x-klingon).');
  });
});

import { describe, expect, it } from 'vitest';
import { documentXml, paragraph, run, table, TEXT_WIDTH } from '../../../electron/export/wordml';

describe('WordprocessingML body', () => {
  it('escapes text, keeps line breaks and tabs, drops what XML cannot hold', () => {
    expect(run('a <b> & "c"')).toBe('<w:r><w:t xml:space="preserve">a &lt;b&gt; &amp; &quot;c&quot;</w:t></w:r>');
    expect(run('one\ntwo\r\nthree')).toBe(
      '<w:r><w:t xml:space="preserve">one</w:t><w:br/><w:t xml:space="preserve">two</w:t><w:br/><w:t xml:space="preserve">three</w:t></w:r>',
    );
    expect(run('x\ty')).toBe('<w:r><w:t xml:space="preserve">x</w:t><w:tab/><w:t xml:space="preserve">y</w:t></w:r>');
    expect(run('bell\u0007')).toBe('<w:r><w:t xml:space="preserve">bell</w:t></w:r>');
    expect(run('B', { bold: true, italics: true, color: '777777' })).toBe('<w:r><w:rPr><w:b/><w:i/><w:color w:val="777777"/></w:rPr><w:t xml:space="preserve">B</w:t></w:r>');
  });

  it('names paragraph styles by id', () => {
    expect(paragraph('Quote', run('q'))).toBe('<w:p><w:pPr><w:pStyle w:val="Quote"/></w:pPr><w:r><w:t xml:space="preserve">q</w:t></w:r></w:p>');
    expect(paragraph(null, '')).toBe('<w:p></w:p>');
  });

  it('writes tables with a grid, a repeated header row and a paragraph in every cell', () => {
    const t = table(['Client', 'Therapist'], [[[paragraph(null, run('c'))], []]]);
    expect(t.match(/<w:gridCol w:w="(\d+)"\/>/g)).toHaveLength(2);
    expect(t).toContain(`<w:gridCol w:w="${TEXT_WIDTH / 2}"/>`);
    expect(t).toContain('<w:tblHeader/>');
    // The empty cell still holds a paragraph, as Word requires.
    expect(t).toContain('<w:tc><w:tcPr><w:tcW w:w="4513" w:type="dxa"/></w:tcPr><w:p></w:p></w:tc>');
    expect(t.match(/<w:tr>/g)).toHaveLength(2);
  });

  it('wraps the body with the namespaces and a section', () => {
    const xml = documentXml([paragraph(null, run('x'))]);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?><w:document xmlns:w="http:\/\/schemas.openxmlformats.org\/wordprocessingml\/2006\/main"/);
    expect(xml).toMatch(/<w:body><w:p>.*<\/w:p><w:sectPr>.*<\/w:sectPr><\/w:body><\/w:document>$/);
  });
});

import { describe, expect, it } from 'vitest';
import { columnWidths, documentXml, LANDSCAPE_TEXT_WIDTH, paragraph, run, table, TEXT_WIDTH } from '../../../electron/export/wordml';

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
    const t = table(['Client', 'Therapist'], [[[paragraph(null, run('c'))], []]], { equal: true });
    expect(t.match(/<w:gridCol w:w="(\d+)"\/>/g)).toHaveLength(2);
    expect(t).toContain(`<w:gridCol w:w="${TEXT_WIDTH / 2}"/>`);
    expect(t).toContain('<w:tblHeader/>');
    // The empty cell still holds a paragraph, as Word requires.
    expect(t).toContain('<w:tc><w:tcPr><w:tcW w:w="4513" w:type="dxa"/></w:tcPr><w:p></w:p></w:tc>');
    expect(t.match(/<w:tr>/g)).toHaveLength(2);
  });

  it('sizes columns to their content: no column narrower than its longest word, the page width shared out', () => {
    const header = ['Code', 'Units (characters)', "Krippendorff's alpha", 'Disagreements'];
    const rows = [[[paragraph(null, run('Alliance/Relationship rupture'))], [paragraph(null, run('4210'))], [paragraph(null, run('0.600'))], [paragraph(null, run('3'))]]];
    const { widths, fits } = columnWidths(header, rows);
    expect(fits).toBe(true);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(widths.reduce((a, b) => a + b, 0)).toBeGreaterThan(TEXT_WIDTH - 10);
    // "Krippendorff's" (14 letters, bold) fits on one line; "Disagreements" too.
    expect(widths[2]).toBeGreaterThanOrEqual(14 * 135);
    expect(widths[3]).toBeGreaterThanOrEqual(13 * 135);
    // The first column holds the most text: it gets what the page has beyond the others' longest words.
    expect(widths[0]).toBeGreaterThan(12 * 135);
    expect(widths[0]! - 12 * 135).toBeGreaterThan(widths[3]! - 13 * 155);
    const t = table(header, rows, { align: ['left', 'right', 'right', 'right'] });
    expect(t).toContain(`<w:gridCol w:w="${widths[2]}"/>`);
    expect(t).toContain('<w:jc w:val="right"/>');
  });

  it('says when even the longest words do not fit across the page', () => {
    const header = Array.from({ length: 6 }, (_, i) => `Measurement${i}`);
    expect(columnWidths(header, []).fits).toBe(false);
    expect(columnWidths(header, [], LANDSCAPE_TEXT_WIDTH).fits).toBe(true);
  });

  it('takes back a style’s indentation inside a table cell', () => {
    expect(paragraph('Quote', run('q'), { noIndent: true })).toBe('<w:p><w:pPr><w:pStyle w:val="Quote"/><w:ind w:left="0" w:right="0"/></w:pPr><w:r><w:t xml:space="preserve">q</w:t></w:r></w:p>');
  });

  it('wraps the body with the namespaces and a section', () => {
    const xml = documentXml([paragraph(null, run('x'))]);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?><w:document xmlns:w="http:\/\/schemas.openxmlformats.org\/wordprocessingml\/2006\/main"/);
    expect(xml).toMatch(/<w:body><w:p>.*<\/w:p><w:sectPr>.*<\/w:sectPr><\/w:body><\/w:document>$/);
  });
});

/**
 * The styles of every Word document Dyad writes (word/styles.xml), written out whole rather than left to the
 * `docx` package, whose defaults have no Normal style: the Quote, Attribution and other styles are based on
 * Normal, and without it Word and LibreOffice each fall back to a font of their own (Times in LibreOffice,
 * beside Calibri headings). Normal is Word's own default (Calibri 11 pt, 8 pt after a paragraph, lines of 1.08),
 * so a researcher's template or "Change Styles" in Word restyles the whole export.
 */

const FONT = '<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>';
const HEADING_FONT = '<w:rFonts w:ascii="Calibri Light" w:hAnsi="Calibri Light" w:eastAsia="Calibri Light" w:cs="Calibri Light"/>';

interface Style {
  id: string;
  name: string;
  basedOn?: string;
  next?: string;
  /** Shown in Word's style gallery. */
  quick?: boolean;
  /** Outline level (0 for Heading 1), so that the navigation pane lists it. */
  outline?: number;
  pPr?: string;
  rPr?: string;
}

const INDENT = 567; // 1 cm

const STYLES: Style[] = [
  { id: 'Normal', name: 'Normal', quick: true, pPr: '<w:spacing w:after="160" w:line="259" w:lineRule="auto"/>', rPr: `${FONT}<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/>` },
  { id: 'Title', name: 'Title', basedOn: 'Normal', next: 'Normal', quick: true, pPr: '<w:spacing w:after="240" w:line="240" w:lineRule="auto"/><w:contextualSpacing/>', rPr: `${HEADING_FONT}<w:kern w:val="28"/><w:sz w:val="48"/><w:szCs w:val="48"/>` },
  { id: 'Heading1', name: 'heading 1', basedOn: 'Normal', next: 'Normal', quick: true, outline: 0, pPr: '<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/>', rPr: `${HEADING_FONT}<w:color w:val="2F5496"/><w:sz w:val="32"/><w:szCs w:val="32"/>` },
  { id: 'Heading2', name: 'heading 2', basedOn: 'Normal', next: 'Normal', quick: true, outline: 1, pPr: '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/>', rPr: `${HEADING_FONT}<w:color w:val="2F5496"/><w:sz w:val="26"/><w:szCs w:val="26"/>` },
  { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Attribution', quick: true, pPr: `<w:spacing w:before="120" w:after="40"/><w:ind w:left="${INDENT}" w:right="${INDENT}"/>`, rPr: '<w:i/><w:iCs/>' },
  { id: 'Attribution', name: 'Attribution', basedOn: 'Normal', next: 'Normal', quick: true, pPr: `<w:spacing w:after="160"/><w:ind w:left="${INDENT}" w:right="${INDENT}"/>` },
  { id: 'Memo', name: 'Memo', basedOn: 'Normal', next: 'Normal', pPr: `<w:spacing w:after="120"/><w:ind w:left="${INDENT}"/>`, rPr: '<w:color w:val="555555"/><w:sz w:val="18"/><w:szCs w:val="18"/>' },
  { id: 'Definition', name: 'Definition', basedOn: 'Normal', next: 'Normal', rPr: '<w:color w:val="444444"/>' },
  { id: 'Filters', name: 'Filters', basedOn: 'Normal', next: 'Normal', pPr: '<w:spacing w:after="240"/>', rPr: '<w:color w:val="555555"/>' },
];

function style(s: Style): string {
  return [
    `<w:style w:type="paragraph"${s.id === 'Normal' ? ' w:default="1"' : ''} w:styleId="${s.id}">`,
    `<w:name w:val="${s.name}"/>`,
    s.basedOn ? `<w:basedOn w:val="${s.basedOn}"/>` : '',
    s.next ? `<w:next w:val="${s.next}"/>` : '',
    s.quick ? '<w:qFormat/>' : '',
    s.pPr || s.outline !== undefined ? `<w:pPr>${s.pPr ?? ''}${s.outline !== undefined ? `<w:outlineLvl w:val="${s.outline}"/>` : ''}</w:pPr>` : '',
    s.rPr ? `<w:rPr>${s.rPr}</w:rPr>` : '',
    '</w:style>',
  ].join('');
}

export function stylesXml(): string {
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">',
    `<w:docDefaults><w:rPrDefault><w:rPr>${FONT}<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`,
    ...STYLES.map(style),
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
    '</w:styles>',
  ].join('');
}

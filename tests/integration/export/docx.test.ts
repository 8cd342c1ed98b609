import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docxPackage, excerptsDocx, packDocx } from '../../../electron/export/docx';
import { buildExcerptDocument } from '../../../electron/export/gather';
import { exportDialogue, exportExcerpts } from '../../../electron/export/run';
import { getExportSettings, setExportSettings } from '../../../electron/export/settings';
import { documentXml } from '../../../electron/export/wordml';
import { cellText, readDocx, unzip, type DocxParagraph, type DocxTable } from './readDocx';
import { openStudy, type Study } from './fixture';

let s: Study;
beforeEach(() => {
  s = openStudy();
});
afterEach(() => s.close());

const paragraphs = (blocks: Awaited<ReturnType<typeof readDocx>>['blocks']) => blocks.filter((b): b is DocxParagraph => b.kind === 'p');

describe('excerpts as a Word document', () => {
  it('has a title, a heading per code with its definition, and each excerpt as a quotation followed by its attribution', async () => {
    const out = join(s.dir, 'shame and rupture.docx');
    const result = await exportExcerpts(s.db, 15, { format: 'docx', codeIds: [s.ids.shame, s.ids.rupture], path: out });
    expect(result).toMatchObject({ path: out, excerptCount: 8, dataBase64: null });
    const { blocks, styles } = await readDocx(readFileSync(out));
    const ps = paragraphs(blocks);

    expect(ps[0]).toEqual({ kind: 'p', style: 'Title', text: 'Excerpts: Shame, Alliance/Rupture' });
    expect(ps.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual(['Shame', 'Alliance/Rupture']);
    // The definition follows its heading, as written (no Markdown escaping in Word).
    const shameAt = ps.findIndex((p) => p.style === 'Heading1' && p.text === 'Shame');
    expect(ps[shameAt + 1]).toMatchObject({ style: 'Definition', text: 'Feeling *small* or exposed <as a person>.' });

    // Every quotation is immediately followed by its attribution.
    const quotes = ps.flatMap((p, i) => (p.style === 'Quote' ? [{ quote: p.text, attribution: ps[i + 1]! }] : []));
    expect(quotes).toHaveLength(8);
    for (const q of quotes) expect(q.attribution.style).toBe('Attribution');
    expect(quotes[0]).toEqual({
      quote: 'I could not make eye contact with Anna Maria. I felt about six years old.',
      attribution: { kind: 'p', style: 'Attribution', text: '(client, dyad 4, session 1, 00:12:34)' },
    });
    expect(quotes.find((q) => q.quote.startsWith('she is bored'))!.attribution.text).toBe('(client, dyad 4, session 1, 00:20:00)');
    expect(quotes.find((q) => q.quote.startsWith('This time'))!.attribution.text).toBe('(client, dyad 4, session 2, 00:05:00)');
    // A therapist interview without time markers: the time is left out cleanly.
    expect(quotes.find((q) => q.quote.startsWith('I was braced'))!.attribution.text).toBe('(therapist, dyad 7, session 1)');

    // The Quote style is defined in the document (Word shows it as "Quote") and is italic.
    expect(styles).toMatch(/<w:style[^>]*w:styleId="Quote"[^>]*>[\s\S]*?<w:name w:val="Quote"\/>[\s\S]*?<w:i\/>/);
    for (const id of ['Title', 'Heading1', 'Attribution', 'Definition']) expect(styles).toContain(`w:styleId="${id}"`);
    // Memos were not asked for.
    expect(ps.some((p) => p.text.startsWith('Memo:'))).toBe(false);
  });

  it('adds coding and code memos as small "Memo:" paragraphs when asked', async () => {
    const out = join(s.dir, 'memos.docx');
    await exportExcerpts(s.db, 15, { format: 'docx', codeIds: [s.ids.shame], includeMemos: true, path: out });
    const ps = paragraphs((await readDocx(readFileSync(out))).blocks);
    const memos = ps.filter((p) => p.style === 'Memo').map((p) => p.text);
    expect(memos).toEqual(['Memo: Scope: Only the self, not the scene.', 'Memo: Eye contact with Anna Maria avoided; compare session 2.']);
    // The coding memo sits after the attribution of its own excerpt.
    const at = ps.findIndex((p) => p.text === 'Memo: Eye contact with Anna Maria avoided; compare session 2.');
    expect(ps[at - 1]!.text).toBe('(client, dyad 4, session 1, 00:12:34)');
    expect(ps[at - 2]!.text).toMatch(/^I could not make eye contact/);
  });

  it('follows the filters and says which were used', async () => {
    const out = join(s.dir, 'filtered.docx');
    const r = await exportExcerpts(s.db, 15, {
      format: 'docx',
      codeIds: [s.ids.shame],
      filters: { coderIds: [s.ids.ana], sessionIds: [s.ids.session41] },
      path: out,
    });
    expect(r.excerptCount).toBe(1);
    const ps = paragraphs((await readDocx(readFileSync(out))).blocks);
    expect(ps.find((p) => p.style === 'Filters')!.text).toBe('Session: dyad 4 session 1 · Coder: Ana');
    expect(ps.filter((p) => p.style === 'Quote').map((p) => p.text)).toEqual(['I could not make eye contact with Anna Maria. I felt about six years old.']);
  });
});

describe('a theme as a dyadic dialogue in Word', () => {
  it('pairs, per aligned moment, the client and therapist excerpts in a two-column table', async () => {
    const out = join(s.dir, 'dialogue.docx');
    const r = await exportDialogue(s.db, 15, { format: 'docx', codeIds: [s.ids.rupture], path: out });
    const { blocks } = await readDocx(readFileSync(out));
    expect(blocks[0]).toMatchObject({ style: 'Title', text: 'Dialogue: Alliance/Rupture' });
    expect(paragraphs(blocks).filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual(['Alliance/Rupture']);

    const moments: { heading: string; table: DocxTable }[] = [];
    blocks.forEach((b, i) => {
      if (b.kind === 'table') moments.push({ heading: (blocks[i - 1] as DocxParagraph).text, table: b });
    });
    // Dyad 4 session 1: 12:34/12:36 paired (both sides coded), 20:00/20:10 paired (therapist only);
    // dyad 7: the client's 01:35 and the therapist's unmarked turn are not paired, so they are two moments.
    expect(moments.map((m) => m.heading)).toEqual([
      'Dyad 4 · Session 1 · 00:12:34',
      'Dyad 4 · Session 1 · 00:20:00',
      'Dyad 7 · Session 1 · 00:01:35',
      'Dyad 7 · Session 1 · T (turn 2)',
    ]);
    for (const m of moments) {
      expect(m.table.columns).toBe(2);
      expect(m.table.rows).toHaveLength(2);
      expect(m.table.rows[0]!.map(cellText)).toEqual(['Client', 'Therapist']);
    }
    const [first, second, third, fourth] = moments.map((m) => m.table.rows[1]!);
    expect(first![0]!.map((p) => [p.style, p.text])).toEqual([
      ['Quote', 'I could not make eye contact'],
      ['Attribution', '(client, dyad 4, session 1, 00:12:34)'],
    ]);
    expect(first![1]!.map((p) => [p.style, p.text])).toEqual([
      ['Quote', 'I noticed she looked away and I leaned in, maybe too far.'],
      ['Attribution', '(therapist, dyad 4, session 1, 00:12:36)'],
    ]);
    expect(cellText(second![0]!)).toBe('Not coded on this side.');
    expect(cellText(second![1]!)).toBe('My silence was meant as room to think, not boredom.\n(therapist, dyad 4, session 1, 00:20:10)');
    expect(cellText(third![0]!)).toMatch(/^I kept waiting/);
    // Dyad 7's therapist interview has no session times: no therapist moment sits on the client's 00:01:35 row,
    // which is not the same as a moment there left uncoded (the second row's client side).
    expect(cellText(third![1]!)).toBe('No therapist moment here.');
    expect(cellText(fourth![1]!)).toBe('I was braced for anger and it did not come.\n(therapist, dyad 7, session 1)');
    expect(r.excerptCount).toBe(5);

    // Another reader (mammoth, as used for importing transcripts) sees the same structure.
    const html = (await mammoth.convertToHtml({ buffer: readFileSync(out) })).value;
    expect(html.match(/<h2>/g)).toHaveLength(4);
    expect(html.match(/<table>/g)).toHaveLength(4);
    expect(html).toContain('<th><p><strong>Client</strong></p></th><th><p><strong>Therapist</strong></p></th>');
  });

  it('uses the project’s attribution template inside the table cells', async () => {
    setExportSettings(s.db, { attributionTemplate: '— {speaker}, {role} in dyad {dyad} ({attributes.modality}, {date})' });
    const out = join(s.dir, 'dialogue-template.docx');
    await exportDialogue(s.db, 15, { format: 'docx', codeIds: [s.ids.rupture], filters: { dyadIds: [s.ids.dyad4] }, path: out });
    const tables = (await readDocx(readFileSync(out))).blocks.filter((b): b is DocxTable => b.kind === 'table');
    expect(tables).toHaveLength(2);
    expect(tables[0]!.rows[1]![0]![1]!.text).toBe('— C, client in dyad 4 (online, 2024-03-05)');
    expect(tables[0]!.rows[1]![1]![1]!.text).toBe('— T, therapist in dyad 4 (online, 2024-03-05)');
  });
});

describe('the Word package', () => {
  it('holds the same parts as the docx package around the same body, with the body deflated by node:zlib', async () => {
    const file = excerptsDocx(buildExcerptDocument(s.db, 15, getExportSettings(s.db), { codeIds: [s.ids.shame, s.ids.rupture], includeMemos: true }));
    const ours = await unzip(await packDocx(file));
    const theirs = await unzip(await docxPackage(file.title, documentXml(file.body)));
    // docx lists folders too; they carry no bytes and Word needs none.
    const files = (m: Map<string, Buffer>) => [...m.keys()].filter((k) => !k.endsWith('/'));
    expect(files(ours)).toEqual(files(theirs));
    // The two packages were made moments apart: docProps/core.xml says when.
    const part = (m: Map<string, Buffer>, name: string) => m.get(name)!.toString('utf8').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/gu, 'WHEN');
    for (const name of files(theirs)) expect(part(ours, name), name).toBe(part(theirs, name));
    expect(ours.get('word/document.xml')!.toString('utf8')).toContain('I could not make eye contact with Anna Maria.');
  });
});

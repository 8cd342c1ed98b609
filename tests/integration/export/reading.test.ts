/**
 * Documents as an author uses them: Word's Normal style, quotes as they read in a table, no empty sections under
 * a parent code, whole words, one quotation for two coders' nearly identical passage, and a dialogue of a parent
 * code with its sub-codes named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobRegistry } from '../../../electron/api/context';
import { dispatch } from '../../../electron/api/dispatch';
import { createHandlers } from '../../../electron/api/handlers';
import { runCli } from '../../../electron/cli/main';
import * as C from '../../../electron/core/coding';
import { exportDialogue, exportExcerpts } from '../../../electron/export/run';
import { readDocx, unzip, type DocxParagraph, type DocxTable } from './readDocx';
import { openStudy, spanOf, textOf, type Study } from './fixture';
import { readXlsx } from './readXlsx';

let s: Study;
beforeEach(() => {
  s = openStudy();
});
afterEach(() => s.close());

const paragraphs = (blocks: Awaited<ReturnType<typeof readDocx>>['blocks']) => blocks.filter((b): b is DocxParagraph => b.kind === 'p');

describe('Word styles', () => {
  it('defines Normal as the default paragraph style, and Quote and Attribution are based on it', async () => {
    const out = join(s.dir, 'styles.docx');
    await exportExcerpts(s.db, 15, { format: 'docx', codeIds: [s.ids.shame], path: out });
    const styles = (await unzip(readFileSync(out))).get('word/styles.xml')!.toString('utf8');
    expect(styles).toMatch(/<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"\/>/u);
    for (const id of ['Quote', 'Attribution', 'Title', 'Heading1', 'Heading2', 'Memo', 'Definition', 'Filters']) {
      expect(styles).toMatch(new RegExp(`w:styleId="${id}"><w:name w:val="[^"]+"/><w:basedOn w:val="Normal"/>`, 'u'));
    }
  });

  it('does not indent quotes inside the dialogue’s table cells', async () => {
    const out = join(s.dir, 'dialogue.docx');
    await exportDialogue(s.db, 15, { format: 'docx', codeIds: [s.ids.rupture], path: out });
    const xml = (await unzip(readFileSync(out))).get('word/document.xml')!.toString('utf8');
    const inCells = xml.match(/<w:tc>.*?<\/w:tc>/gsu)!.join('');
    const quotes = inCells.match(/<w:pStyle w:val="Quote"\/>[^<]*(<w:ind [^>]*>)?/gu)!;
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) expect(q).toContain('<w:ind w:left="0" w:right="0"/>');
  });
});

describe('sections of parent codes', () => {
  it('give a parent without excerpts of its own no "No excerpts." when its sub-codes follow', async () => {
    const out = join(s.dir, 'parents.docx');
    await exportExcerpts(s.db, 15, { format: 'docx', codeIds: [s.ids.alliance, s.ids.rupture, s.ids.repair], path: out });
    const ps = paragraphs((await readDocx(readFileSync(out))).blocks);
    const at = ps.findIndex((p) => p.style === 'Heading1' && p.text === 'Alliance');
    expect(ps.slice(at, ps.findIndex((p) => p.text === 'Alliance/Rupture')).map((p) => p.text)).toEqual(['Alliance', 'The working relationship as either side describes it.']);
    // A code without sub-codes and without excerpts still says so.
    C.removeCoding(s.db, s.codings['repair:zoe']!);
    await exportExcerpts(s.db, 15, { format: 'docx', codeIds: [s.ids.alliance, s.ids.rupture, s.ids.repair], path: out });
    const again = paragraphs((await readDocx(readFileSync(out))).blocks);
    expect(again[again.findIndex((p) => p.text === 'Repair') + 1]!.text).toBe('No excerpts.');
  });
});

describe('passages for reading', () => {
  beforeEach(() => {
    // Ben's selection starts and ends inside words; Ana's, of the same code, is nearly the same passage.
    const whole = spanOf(s.db, s.ids.d4s1Therapist, 'My silence was meant as room to think, not boredom.');
    C.addCoding(s.db, { interviewId: s.ids.d4s1Therapist, start: whole.start + 4, end: whole.end - 4, codeId: s.ids.repair, coderId: s.ids.ben });
    C.addCoding(s.db, { interviewId: s.ids.d4s1Therapist, ...whole, codeId: s.ids.repair, coderId: s.ids.ana });
  });

  it('shows a passage cut mid-word as whole words in a document, once for both coders, naming them', async () => {
    const out = join(s.dir, 'repair.docx');
    await exportExcerpts(s.db, 15, { format: 'docx', codeIds: [s.ids.repair], path: out });
    const ps = paragraphs((await readDocx(readFileSync(out))).blocks);
    const quotes = ps.filter((p) => p.style === 'Quote').map((p) => p.text);
    expect(quotes.filter((q) => q.includes('silence'))).toEqual(['My silence was meant as room to think, not boredom.']);
    const at = ps.findIndex((p) => p.text.includes('silence'));
    expect(ps.slice(at + 1, at + 3)).toEqual([
      { kind: 'p', style: 'Attribution', text: '(therapist, dyad 4, session 1, 00:20:10)' },
      { kind: 'p', style: 'Attribution', text: 'Coded by Ana, Ben' },
    ]);
  });

  it('keeps every coding with its exact offsets in CSV', async () => {
    const r = await exportExcerpts(s.db, 15, { format: 'csv', codeIds: [s.ids.repair] });
    const csv = Buffer.from(r.dataBase64!, 'base64').toString('utf8');
    expect(csv).toContain(',"ilence was meant as room to think, not bore",');
    expect(csv).toContain(',"My silence was meant as room to think, not boredom.",');
  });

  it('can be turned off, and documents keep the exact passages too', async () => {
    const r = await exportExcerpts(s.db, 15, { format: 'md', codeIds: [s.ids.repair], wholeWords: false });
    const md = Buffer.from(r.dataBase64!, 'base64').toString('utf8');
    expect(md).toContain('> ilence was meant as room to think, not bore\n');
  });

  it('names both coders in the one excerpt', async () => {
    const r = await exportExcerpts(s.db, 15, { format: 'md', codeIds: [s.ids.repair] });
    const md = Buffer.from(r.dataBase64!, 'base64').toString('utf8');
    expect(md.match(/silence was meant/gu)).toHaveLength(1);
    expect(md).toContain('> My silence was meant as room to think, not boredom.\n\n(therapist, dyad 4, session 1, 00:20:10)\n\n*Coded by Ana, Ben*');
    expect(textOf(s.db, s.ids.d4s1Therapist)).toContain('My silence');
  });
});

describe('whole words as an option (the API and dyad export --exact)', () => {
  beforeEach(() => {
    const whole = spanOf(s.db, s.ids.d4s1Therapist, 'My silence was meant as room to think, not boredom.');
    C.addCoding(s.db, { interviewId: s.ids.d4s1Therapist, start: whole.start + 4, end: whole.end - 4, codeId: s.ids.repair, coderId: s.ids.ben });
    C.addCoding(s.db, { interviewId: s.ids.d4s1Therapist, ...whole, codeId: s.ids.repair, coderId: s.ids.ana });
  });
  const table = createHandlers();
  async function api(method: string, input: unknown): Promise<string> {
    const r = await dispatch(table, { project: s.project, jobs: new JobRegistry(), emit: () => {} }, method, input);
    if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
    return Buffer.from((r.value as { dataBase64: string }).dataBase64, 'base64').toString('utf8');
  }
  const cut = 'ilence was meant as room to think, not bore';

  it('export.excerpts and export.dialogue take wholeWords: false for exact passages in a document', async () => {
    expect(await api('export.excerpts', { format: 'md', codeIds: [s.ids.repair] })).not.toContain(`> ${cut}\n`);
    const exact = await api('export.excerpts', { format: 'md', codeIds: [s.ids.repair], wholeWords: false });
    expect(exact).toContain(`> ${cut}\n`);
    expect(exact).toContain('> My silence was meant as room to think, not boredom.\n');
    const dialogue = await api('export.dialogue', { format: 'md', codeIds: [s.ids.repair], wholeWords: false });
    expect(dialogue).toContain(cut);
    expect(dialogue).not.toContain('Coded by Ana, Ben');
    expect(await api('export.dialogue', { format: 'md', codeIds: [s.ids.repair] })).not.toContain(`${cut}\n`);
  });

  it('export.excerpts takes wholeWords: true for an Excel workbook made for reading', async () => {
    const out = join(s.dir, 'reading.xlsx');
    const r = await dispatch(table, { project: s.project, jobs: new JobRegistry(), emit: () => {} }, 'export.excerpts', {
      format: 'xlsx',
      codeIds: [s.ids.repair],
      wholeWords: true,
      path: out,
    });
    expect(r.ok).toBe(true);
    const quotes = (await readXlsx(out)).getWorksheet('Excerpts')!.getColumn(12).values.filter((v) => typeof v === 'string' && v.includes('silence'));
    expect(quotes).toEqual(['My silence was meant as room to think, not boredom.']);
  });

  it('dyad export --exact keeps the exact passages; without it the document reads in whole words', async () => {
    s.project.close();
    const run = async (...args: string[]) => {
      const out = join(s.dir, 'repair.md');
      let err = '';
      const code = await runCli(['export', s.path, '--format', 'md', '--code', 'Repair', '--out', out, ...args], { out: () => {}, err: (t) => (err += t) });
      expect({ code, err }).toEqual({ code: 0, err: '' });
      return readFileSync(out, 'utf8');
    };
    expect(await run('--exact')).toContain(`> ${cut}\n`);
    const read = await run();
    expect(read).not.toContain(`> ${cut}\n`);
    expect(read).toContain('*Coded by Ana, Ben*');
  });
});

describe('dyad export --dialogue --code PARENT', () => {
  it('takes the sub-codes’ excerpts and says which sub-code each carries', async () => {
    const out = join(s.dir, 'alliance.docx');
    s.project.close();
    let err = '';
    const code = await runCli(['export', s.path, '--dialogue', '--code', 'Alliance', '--format', 'docx', '--out', out], { out: () => {}, err: (t) => (err += t) });
    expect(err).toBe('');
    expect(code).toBe(0);
    const tables = (await readDocx(readFileSync(out))).blocks.filter((b): b is DocxTable => b.kind === 'table');
    const cells = tables.flatMap((t) => t.rows.slice(1).flatMap((r) => r.flatMap((c) => c.map((p) => p.text))));
    expect(cells).toContain('I noticed she looked away and I leaned in, maybe too far.');
    expect(cells.filter((t) => t === 'Coded: Rupture').length).toBeGreaterThanOrEqual(4);
  });
});

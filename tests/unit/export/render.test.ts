import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, renderCsv } from '../../../shared/export/csv';
import { makeDeidentifier } from '../../../shared/export/deidentify';
import { escapeHtml, htmlParagraphs, renderDialogueHtml, renderExcerptsHtml } from '../../../shared/export/html';
import { escapeMarkdown, escapeMarkdownLine, renderDialogueMarkdown, renderExcerptsMarkdown } from '../../../shared/export/markdown';
import { deidentifyDocument, momentHeading, type DialogueDocument, type ExcerptDocument, type ExportExcerpt } from '../../../shared/export/model';
import { describeFilters, exportFileName } from '../../../shared/export/naming';
import { EXCERPT_COLUMNS, excerptRow } from '../../../shared/export/table';

const excerpt = (over: Partial<ExportExcerpt> = {}): ExportExcerpt => ({
  codingIds: ['c1'],
  interviewId: 'iv1',
  codePath: 'Shame',
  dyad: '4',
  session: 1,
  sessionDate: null,
  role: 'client',
  speaker: 'C',
  sessionTime: 754,
  interviewTime: null,
  start: 10,
  end: 20,
  coder: 'Ana',
  sourceName: 'D04_S1_client.txt',
  memos: [],
  text: 'I could not look at her.',
  attribution: '(client, dyad 4, session 1, 00:12:34)',
  ...over,
});

const doc = (excerpts: ExportExcerpt[], over: Partial<ExcerptDocument> = {}): ExcerptDocument => ({
  kind: 'excerpts',
  title: 'Excerpts: Shame',
  filters: '',
  includeMemos: false,
  sections: [{ codeId: 'k1', codePath: 'Shame', definition: 'Feeling small.', memos: [], excerpts }],
  ...over,
});

describe('csv (RFC 4180)', () => {
  it('quotes only what needs it and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('she said "no"')).toBe('"she said ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(12)).toBe('12');
    expect(csvField('')).toBe('');
    expect(csvRecord(['a', 'b,c', 3])).toBe('a,"b,c",3');
  });

  it('writes a header and one CRLF-terminated record per excerpt, with a BOM', () => {
    const text = renderCsv(doc([excerpt(), excerpt({ text: 'Then, "nothing".', sessionTime: null })]));
    expect(text.startsWith('\uFEFFCode,Dyad,Session,Role,')).toBe(true);
    const records = text.slice(1).split('\r\n');
    expect(records).toHaveLength(4);
    expect(records[3]).toBe('');
    expect(records[2]).toBe('Shame,4,1,client,C,,,10,20,Ana,,"Then, ""nothing"".","(client, dyad 4, session 1, 00:12:34)",c1,iv1');
    expect(renderCsv(doc([]), { bom: false }).startsWith('Code,')).toBe(true);
  });

  it('has the columns the issue lists, in one order shared with xlsx', () => {
    expect(EXCERPT_COLUMNS.map((c) => c.key)).toEqual([
      'codePath', 'dyad', 'session', 'role', 'speaker', 'sessionTime', 'interviewTime', 'start', 'end', 'coder', 'memo', 'text', 'attribution', 'codingId', 'interviewId',
    ]);
    expect(excerptRow('Shame', excerpt({ memos: ['one', 'two'], interviewTime: 3725 }))).toHaveLength(EXCERPT_COLUMNS.length);
    expect(excerptRow('Shame', excerpt({ interviewTime: 3725 }))[6]).toBe('01:02:05');
  });
});

describe('markdown escaping', () => {
  it('shows transcript text literally', () => {
    expect(escapeMarkdownLine('*sigh* _really_ [laughs] <b> `x` a|b ~no~')).toBe('\\*sigh\\* \\_really\\_ \\[laughs\\] \\<b\\> \\`x\\` a\\|b \\~no\\~');
    expect(escapeMarkdownLine('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdownLine('> not a quote')).toBe('\\> not a quote');
    expect(escapeMarkdownLine('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdownLine('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdownLine('Tom &amp; Jerry & co')).toBe('Tom \\&amp; Jerry & co');
    expect(escapeMarkdownLine('back\\slash')).toBe('back\\\\slash');
    expect(escapeMarkdownLine("ordinary words, don't change.")).toBe("ordinary words, don't change.");
  });

  it('keeps line breaks and paragraphs', () => {
    expect(escapeMarkdown('one\ntwo\n\n\n\nthree')).toBe('one\\\ntwo\n\nthree');
  });

  it('puts each excerpt in a block quote followed by its attribution', () => {
    const md = renderExcerptsMarkdown(doc([excerpt({ text: 'line one\n# line two', memos: ['a *memo*'] })], { includeMemos: true }));
    expect(md).toBe(
      '# Excerpts: Shame\n\n## Shame\n\nFeeling small.\n\n> line one\\\n> \\# line two\n\n(client, dyad 4, session 1, 00:12:34)\n\n*Memo:* a \\*memo\\*\n',
    );
  });

  it('says so when a code has no excerpts', () => {
    expect(renderExcerptsMarkdown(doc([]))).toContain('## Shame\n\nFeeling small.\n\n*No excerpts.*');
  });
});

const dialogue: DialogueDocument = {
  kind: 'dialogue',
  title: 'Dialogue: Rupture',
  filters: 'Dyad: 4',
  themes: [
    {
      codeId: 'k',
      codePath: 'Alliance/Rupture',
      definition: '',
      moments: [
        { dyad: '4', session: 1, sessionTime: 754, clientLabel: '[video 00:12:34]', therapistLabel: null, client: [excerpt()], therapist: [] },
        { dyad: '4', session: 1, sessionTime: null, clientLabel: null, therapistLabel: 'T (turn 3)', client: [], therapist: [excerpt({ role: 'therapist', text: 'I <leaned> in.', attribution: '(therapist, dyad 4, session 1)' })] },
      ],
    },
  ],
};

describe('dialogue rendering', () => {
  it('headings name dyad, session and the time (or the unit when there is no time)', () => {
    expect(momentHeading(dialogue.themes[0]!.moments[0]!)).toBe('Dyad 4 · Session 1 · 00:12:34');
    expect(momentHeading(dialogue.themes[0]!.moments[1]!)).toBe('Dyad 4 · Session 1 · T (turn 3)');
  });

  it('markdown: sections with Client and Therapist blocks', () => {
    const md = renderDialogueMarkdown(dialogue);
    expect(md).toContain('### Dyad 4 · Session 1 · 00:12:34\n\n**Client**\n\n> I could not look at her.\n\n(client, dyad 4, session 1, 00:12:34)\n\n**Therapist**\n\n*No therapist moment here.*');
    // A therapist moment on the row that is not coded with the theme is another finding, said otherwise.
    const paired = { ...dialogue, themes: [{ ...dialogue.themes[0]!, moments: [{ ...dialogue.themes[0]!.moments[0]!, therapistLabel: '[video 00:12:30]' }] }] };
    expect(renderDialogueMarkdown(paired)).toContain('**Therapist**\n\n*Not coded on this side.*');
    expect(md).toContain('> I \\<leaned\\> in.');
  });

  it('html: a two-column table per moment, escaped', () => {
    const html = renderDialogueHtml(dialogue);
    expect(html.match(/<table class="dialogue">/g)).toHaveLength(2);
    expect(html).toContain('<p>I &lt;leaned&gt; in.</p>');
    expect(html).toContain('<p class="filters">Dyad: 4</p>');
  });
});

describe('html escaping', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;');
    expect(htmlParagraphs('a\nb\n\nc <d>')).toBe('<p>a<br>b</p>\n<p>c &lt;d&gt;</p>');
  });

  it('is a standalone page where project text cannot add markup', () => {
    const html = renderExcerptsHtml(doc([excerpt({ text: '</blockquote><img src=x onerror=alert(1)>' })], { title: 'T <i>' }));
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain('<title>T &lt;i&gt;</title>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;/blockquote&gt;&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('de-identifying a document', () => {
  it('changes every string but leaves ids, roles and offsets alone, and does not touch the original', () => {
    const d = doc([excerpt({ text: 'Anna came.', speaker: 'Anna', memos: ['Anna again'], attribution: '(Anna)', interviewId: 'Anna', codingIds: ['Anna'] })], {
      title: 'About Anna',
    });
    const out = deidentifyDocument(d, makeDeidentifier([{ name: 'Anna', replacement: 'T' }]));
    const e = out.sections[0]!.excerpts[0]!;
    expect([out.title, e.text, e.speaker, e.memos[0], e.attribution]).toEqual(['About T', 'T came.', 'T', 'T again', '(T)']);
    expect([e.interviewId, e.codingIds[0], e.start, e.role]).toEqual(['Anna', 'Anna', 10, 'client']);
    expect(d.sections[0]!.excerpts[0]!.text).toBe('Anna came.');
  });
});

describe('names', () => {
  it('describes filters in words', () => {
    expect(describeFilters({})).toBe('');
    expect(describeFilters({ roles: ['client'], dyads: ['4', '7'], coders: ['Ana'], attributes: { modality: ['online', 'in person'] }, includeSubcodes: true })).toBe(
      'Role: client · Dyads: 4, 7 · Coder: Ana · modality: online or in person · Subcodes included',
    );
  });

  it('makes a safe file name from the title', () => {
    expect(exportFileName('Excerpts: Shame/Guilt?', 'docx')).toBe('Excerpts Shame Guilt.docx');
    expect(exportFileName('..hidden', 'md')).toBe('hidden.md');
    expect(exportFileName('', 'csv')).toBe('Dyad export.csv');
    expect(exportFileName('x'.repeat(300), 'xlsx')).toBe(`${'x'.repeat(100)}.xlsx`);
  });
});

/**
 * A standalone HTML page (one file, no scripts, no outside resources, a little CSS for reading and printing):
 * excerpts as block quotes with their attribution, dialogues as a two-column table per moment.
 * Everything from the project is escaped.
 */
import { codersNote } from './readable';
import { parentSections, subCodeOf, type DialogueDocument, type DialogueMoment, type ExcerptDocument, type ExportExcerpt } from './model';
import { emptySideNote, momentHeading } from './model';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ENTITIES[c]!);
}

/** Escaped text with paragraphs for blank lines and <br> for single line breaks. */
export function htmlParagraphs(text: string, cls?: string): string {
  const attr = cls ? ` class="${cls}"` : '';
  return text
    .replace(/\r\n?/gu, '\n')
    .split(/\n\s*\n/u)
    .map((p) => p.trim())
    .filter((p) => p)
    .map((p) => `<p${attr}>${p.split('\n').map((l) => escapeHtml(l.trim())).join('<br>')}</p>`)
    .join('\n');
}

const CSS = `
body { font-family: Georgia, "Times New Roman", serif; max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #222; }
h1, h2, h3 { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.25; }
h2 { margin-top: 2em; border-bottom: 1px solid #ccc; padding-bottom: .2em; }
.filters, .definition { color: #555; }
figure { margin: 1.2em 0; }
blockquote { margin: 0 0 .3em 1.5em; font-style: italic; }
blockquote p { margin: .3em 0; }
figcaption { margin-left: 1.5em; color: #444; }
.memo { font-size: .9em; color: #555; margin-left: 1.5em; }
.none { color: #777; font-style: italic; }
table.dialogue { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.dialogue th, table.dialogue td { border: 1px solid #ccc; padding: .5em; vertical-align: top; text-align: left; width: 50%; }
table.dialogue blockquote { margin-left: 0; }
table.dialogue figcaption { margin-left: 0; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } figure, tr { page-break-inside: avoid; } }
`.trim();

function page(title: string, filters: string, body: string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    ...(filters ? [htmlParagraphs(filters, 'filters')] : []),
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function memo(text: string): string {
  return htmlParagraphs(`Memo: ${text}`, 'memo');
}

function excerptFigure(e: ExportExcerpt, includeMemos: boolean): string {
  const parts = ['<figure>', `<blockquote>\n${htmlParagraphs(e.text) || '<p></p>'}\n</blockquote>`];
  const coders = codersNote(e);
  if (e.attribution || coders) parts.push(`<figcaption>${escapeHtml(e.attribution)}${coders ? `${e.attribution ? '<br>' : ''}<em>${escapeHtml(coders)}</em>` : ''}</figcaption>`);
  parts.push('</figure>');
  if (includeMemos) for (const m of e.memos) parts.push(memo(m));
  return parts.join('\n');
}

export function renderExcerptsHtml(doc: ExcerptDocument): string {
  const body: string[] = [];
  const parents = parentSections(doc.sections);
  for (const s of doc.sections) {
    body.push(`<section>\n<h2>${escapeHtml(s.codePath)}</h2>`);
    if (s.definition.trim()) body.push(htmlParagraphs(s.definition, 'definition'));
    if (doc.includeMemos) for (const m of s.memos) body.push(memo(m));
    if (!s.excerpts.length && !parents.has(s.codePath)) body.push('<p class="none">No excerpts.</p>');
    for (const e of s.excerpts) body.push(excerptFigure(e, doc.includeMemos));
    body.push('</section>');
  }
  return page(doc.title, doc.filters, body);
}

function cell(theme: string, m: DialogueMoment, role: 'client' | 'therapist'): string {
  const excerpts = m[role];
  const coded = (e: ExportExcerpt) => {
    const sub = subCodeOf(theme, e.codePath);
    return sub ? `\n<p class="coded">Coded: ${escapeHtml(sub)}</p>` : '';
  };
  return excerpts.length ? excerpts.map((e) => excerptFigure(e, false) + coded(e)).join('\n') : `<p class="none">${emptySideNote(m, role)}</p>`;
}

function momentTable(theme: string, m: DialogueMoment): string {
  return [
    `<h3>${escapeHtml(momentHeading(m))}</h3>`,
    '<table class="dialogue">',
    '<thead><tr><th scope="col">Client</th><th scope="col">Therapist</th></tr></thead>',
    `<tbody><tr>\n<td>\n${cell(theme, m, 'client')}\n</td>\n<td>\n${cell(theme, m, 'therapist')}\n</td>\n</tr></tbody>`,
    '</table>',
  ].join('\n');
}

export function renderDialogueHtml(doc: DialogueDocument): string {
  const body: string[] = [];
  for (const t of doc.themes) {
    body.push(`<section>\n<h2>${escapeHtml(t.codePath)}</h2>`);
    if (t.definition.trim()) body.push(htmlParagraphs(t.definition, 'definition'));
    if (!t.moments.length) body.push('<p class="none">No moments coded on either side.</p>');
    for (const m of t.moments) body.push(momentTable(t.codePath, m));
    body.push('</section>');
  }
  return page(doc.title, doc.filters, body);
}

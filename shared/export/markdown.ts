/**
 * Markdown (CommonMark): a heading per code with its definition, each excerpt as a block quote followed by its
 * attribution; dialogues as one section per moment with **Client** and **Therapist** blocks.
 * Everything that comes from the project is escaped, so a transcript line such as "# 1 thing" or "*sigh*" reads
 * as written and never turns into a heading or emphasis.
 */
import { codersNote } from './readable';
import { parentSections, subCodeOf, type DialogueDocument, type DialogueMoment, type ExcerptDocument, type ExportExcerpt } from './model';
import { emptySideNote, momentHeading } from './model';

/** Characters with a meaning anywhere in a line. */
const INLINE = /[\\`*_[\]<>|~]/gu;

/** Escapes one line of text so that Markdown shows it literally. */
export function escapeMarkdownLine(line: string): string {
  let s = line.replace(INLINE, '\\$&');
  // An entity ("&amp;") would be decoded.
  s = s.replace(/&(?=#?[A-Za-z0-9]+;)/gu, '\\&');
  // What only means something at the start of a line: headings, quotes, list items, rules, setext underlines.
  s = s.replace(/^(\s*)([#>+=-])/u, '$1\\$2');
  s = s.replace(/^(\s*\d+)([.)])/u, '$1\\$2');
  return s;
}

/** Escaped text where every line break is kept (a hard break), and blank lines separate paragraphs. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .map((line, i, all) => {
      const esc = escapeMarkdownLine(line.trim());
      const next = all[i + 1];
      // A backslash at the end of a line is a hard line break, unless a blank line follows anyway.
      return esc && next !== undefined && next.trim() !== '' ? `${esc}\\` : esc;
    })
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

const quote = (text: string) =>
  escapeMarkdown(text)
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');

function excerptBlock(e: ExportExcerpt, includeMemos: boolean): string {
  const parts = [quote(e.text || ' ')];
  if (e.attribution) parts.push(escapeMarkdown(e.attribution));
  const coders = codersNote(e);
  if (coders) parts.push(`*${escapeMarkdown(coders)}*`);
  if (includeMemos) for (const m of e.memos) parts.push(`*Memo:* ${escapeMarkdown(m)}`);
  return parts.join('\n\n');
}

function header(title: string, filters: string): string[] {
  const out = [`# ${escapeMarkdownLine(title)}`];
  if (filters) out.push(escapeMarkdown(filters));
  return out;
}

export function renderExcerptsMarkdown(doc: ExcerptDocument): string {
  const out = header(doc.title, doc.filters);
  const parents = parentSections(doc.sections);
  for (const s of doc.sections) {
    out.push(`## ${escapeMarkdownLine(s.codePath)}`);
    if (s.definition.trim()) out.push(escapeMarkdown(s.definition));
    if (doc.includeMemos) for (const m of s.memos) out.push(`*Memo:* ${escapeMarkdown(m)}`);
    if (!s.excerpts.length && !parents.has(s.codePath)) out.push('*No excerpts.*');
    for (const e of s.excerpts) out.push(excerptBlock(e, doc.includeMemos));
  }
  return `${out.join('\n\n')}\n`;
}

function side(theme: string, label: string, m: DialogueMoment, role: 'client' | 'therapist'): string {
  const excerpts = m[role];
  const coded = (e: ExportExcerpt) => {
    const sub = subCodeOf(theme, e.codePath);
    return sub ? `\n\n*Coded:* ${escapeMarkdown(sub)}` : '';
  };
  const body = excerpts.length ? excerpts.map((e) => excerptBlock(e, false) + coded(e)).join('\n\n') : `*${emptySideNote(m, role)}*`;
  return `**${label}**\n\n${body}`;
}

export function renderDialogueMarkdown(doc: DialogueDocument): string {
  const out = header(doc.title, doc.filters);
  for (const t of doc.themes) {
    out.push(`## ${escapeMarkdownLine(t.codePath)}`);
    if (t.definition.trim()) out.push(escapeMarkdown(t.definition));
    if (!t.moments.length) out.push('*No moments coded on either side.*');
    for (const m of t.moments) out.push(dialogueMoment(t.codePath, m));
  }
  return `${out.join('\n\n')}\n`;
}

function dialogueMoment(theme: string, m: DialogueMoment): string {
  return [`### ${escapeMarkdownLine(momentHeading(m))}`, side(theme, 'Client', m, 'client'), side(theme, 'Therapist', m, 'therapist')].join('\n\n');
}

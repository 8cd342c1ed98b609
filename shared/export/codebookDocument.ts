/**
 * The codebook as the table papers put in an appendix: one row per code (sub-codes indented under their parent)
 * with its definition, inclusion and exclusion criteria and an example.
 */
import type { CodebookTree, CodeNode } from '../coding/types';
import { escapeMarkdownLine } from './markdown';

export interface CodebookRow {
  depth: number;
  path: string;
  name: string;
  definition: string;
  inclusion: string;
  exclusion: string;
  example: string;
  codings: number;
}

export const CODEBOOK_COLUMNS = ['Code', 'Definition', 'Inclusion criteria', 'Exclusion criteria', 'Example'] as const;

export function codebookRows(book: CodebookTree): CodebookRow[] {
  const rows: CodebookRow[] = [];
  const walk = (nodes: readonly CodeNode[], depth: number) => {
    for (const n of nodes) {
      rows.push({ depth, path: n.path, name: n.name, definition: n.definition, inclusion: n.inclusion, exclusion: n.exclusion, example: n.example, codings: n.codingCount });
      walk(n.children, depth + 1);
    }
  };
  walk(book.codes, 0);
  return rows;
}

/** A table cell: one line (escapeMarkdownLine escapes pipes too), line breaks kept as <br>. */
const cell = (text: string) =>
  text
    .trim()
    .split(/\r?\n/u)
    .map((l) => escapeMarkdownLine(l.trim()))
    .join('<br>');

export function codebookMarkdown(book: CodebookTree, projectName: string): string {
  const rows = codebookRows(book);
  const out = [`# Codebook: ${escapeMarkdownLine(book.name)}`, '', `${rows.length} codes · project ${escapeMarkdownLine(projectName)}`, ''];
  out.push(`| ${CODEBOOK_COLUMNS.join(' | ')} |`, `| ${CODEBOOK_COLUMNS.map(() => '---').join(' | ')} |`);
  for (const r of rows) {
    const name = `${'&nbsp;&nbsp;'.repeat(r.depth * 2)}${r.depth ? '↳ ' : ''}**${cell(r.name)}**`;
    out.push(`| ${[name, cell(r.definition), cell(r.inclusion), cell(r.exclusion), cell(r.example)].join(' | ')} |`);
  }
  return `${out.join('\n')}\n`;
}

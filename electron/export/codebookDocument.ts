import { extname } from 'node:path';
import { DyadError } from '../../shared/api/errors';
import { CODEBOOK_COLUMNS, codebookMarkdown, codebookRows } from '../../shared/export/codebookDocument';
import { listCodebooks } from '../core/coding';
import type { Db } from '../core/database';
import { packDocx } from './docx';
import { writeFileAtomic } from '../core/atomicFile';
import { paragraph, run, table } from './wordml';

/**
 * Writes a codebook as a Word (.docx) or Markdown (.md) document: the appendix table of codes with their
 * definition, inclusion and exclusion criteria and example. Written atomically; the project is only read.
 */
export async function exportCodebookDocument(db: Db, codebookId: string, path: string, projectName: string): Promise<{ path: string; codes: number }> {
  const book = listCodebooks(db).find((b) => b.id === codebookId);
  if (!book) throw new DyadError('not-found', `No codebook with id ${codebookId}.`);
  const ext = extname(path).toLowerCase();
  const rows = codebookRows(book);
  if (ext === '.md') {
    await writeFileAtomic(path, codebookMarkdown(book, projectName));
  } else if (ext === '.docx') {
    const cells = (text: string) => text.split(/\n\s*\n/u).filter((p) => p.trim()).map((p) => paragraph(null, run(p.trim())));
    const body = [
      paragraph('Title', run(`Codebook: ${book.name}`)),
      paragraph(null, run(`${rows.length} codes · project ${projectName}`, { color: '555555' })),
      table(
        [...CODEBOOK_COLUMNS],
        rows.map((r) => [
          [paragraph(null, run(`${'    '.repeat(r.depth)}${r.depth ? '↳ ' : ''}${r.name}`, { bold: true }))],
          cells(r.definition),
          cells(r.inclusion),
          cells(r.exclusion),
          cells(r.example),
        ]),
      ),
    ];
    await writeFileAtomic(path, await packDocx({ title: `Codebook: ${book.name}`, body }));
  } else {
    throw new DyadError('invalid-input', `${path}: a codebook document is .docx or .md (or .qdc for REFI-QDA).`);
  }
  return { path, codes: rows.length };
}

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { JobRegistry } from '../../../electron/api/context';
import { dispatch } from '../../../electron/api/dispatch';
import { createHandlers } from '../../../electron/api/handlers';
import { runCli } from '../../../electron/cli/main';
import { createCode } from '../../../electron/core/coding';
import { Project } from '../../../electron/core/project';
import { tempDir } from '../../helpers/tmp';
import { readDocx, type DocxTable } from './readDocx';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('the codebook as an appendix document', () => {
  const file = tmp.path('book.dyad');
  const p = Project.open(file, { create: true });
  const rupture = createCode(p.db, {
    name: 'Alliance rupture',
    definition: 'A strain in the collaboration between client and therapist.',
    inclusion: 'Withdrawal or confrontation recalled by either side.',
    exclusion: 'Disagreement that both sides name and resolve at once.',
    example: '"I just went quiet after the worksheet."',
  });
  createCode(p.db, { name: 'Withdrawal | going quiet', parentId: rupture.id, definition: 'Moving away from the therapist or the task.' });
  createCode(p.db, { name: 'Trust', definition: 'Confidence that the other means well.' });
  p.close();

  const cli = async (...args: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  };

  it('writes a Word table with one row per code, sub-codes under their parent', async () => {
    const out = tmp.path('codebook.docx');
    const r = await cli('codebook', file, '--export', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const { blocks } = await readDocx(readFileSync(out));
    const t = blocks.find((b): b is DocxTable => b.kind === 'table')!;
    expect(t.columns).toBe(5);
    const text = t.rows.map((row) => row.map((cell) => cell.map((para) => para.text).join('\n')));
    expect(text[0]).toEqual(['Code', 'Definition', 'Inclusion criteria', 'Exclusion criteria', 'Example']);
    expect(text[1]![0]).toBe('Alliance rupture');
    expect(text[1]![2]).toContain('Withdrawal or confrontation');
    expect(text[1]![4]).toContain('went quiet after the worksheet');
    expect(text[2]![0]).toContain('↳ Withdrawal | going quiet');
    expect(text[3]![0]).toBe('Trust');
  });

  it('writes a Markdown table whose cells survive pipes in names', async () => {
    const out = tmp.path('codebook.md');
    expect((await cli('codebook', file, '--export', out)).code).toBe(0);
    const md = readFileSync(out, 'utf8');
    const lines = md.split('\n').filter((l) => l.startsWith('|'));
    expect(lines).toHaveLength(2 + 3);
    for (const l of lines) expect(l.split(/(?<!\\)\|/u).length - 2).toBe(5);
    expect(md).toContain('Withdrawal \\| going quiet');
    expect(md).toContain('A strain in the collaboration');
  });

  it('is written through the API as the app asks for it, and refuses a path that is not .docx or .md', async () => {
    const project = Project.open(file);
    try {
      const ctx = { project, jobs: new JobRegistry(), emit: () => {} };
      const table = createHandlers();
      const books = await dispatch(table, ctx, 'codebooks.list', {});
      if (!books.ok) throw new Error(books.error.message);
      const codebookId = (books.value as { id: string }[])[0]!.id;
      const out = tmp.path('from-the-app.md');
      const r = await dispatch(table, ctx, 'codebooks.exportDocument', { codebookId, path: out });
      expect(r).toMatchObject({ ok: true, value: { path: out, codes: 3 } });
      expect(readFileSync(out, 'utf8')).toMatch(/^\| \*{0,2}Alliance rupture/mu);
      const bad = await dispatch(table, ctx, 'codebooks.exportDocument', { codebookId, path: tmp.path('codebook.pdf') });
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.message).toContain('written as .docx or .md');
    } finally {
      project.close();
    }
  });

  it('refuses other extensions with a clear message', async () => {
    const r = await cli('codebook', file, '--export', tmp.path('codebook.pdf'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/codebook\.pdf: export a codebook as \.qdc, \.docx or \.md/);
  });
});

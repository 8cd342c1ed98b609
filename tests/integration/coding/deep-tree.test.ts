/**
 * Code trees deeper than Dyad shows (issue 12, item 4): a project file holding a codebook nested 10,000 levels
 * deep (edited by hand: Dyad itself makes none deeper than MAX_CODE_DEPTH) is refused with the depth named by
 * every reader of the tree — the codebook list, a code's path, retrieval with subcodes, export — never cut at some
 * level or overflowing the stack; making or moving a code past the limit is refused the same way, and a tree of
 * exactly MAX_CODE_DEPTH levels is listed whole.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/core/project';
import { MAX_CODE_DEPTH } from '../../../shared/coding/paths';
import { callApi } from '../../helpers/api';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir();
let project: Project;
afterEach(() => project?.close());
const call = <T = any>(method: string, input: unknown = {}) => callApi<T>(project, method, input);
/** The call's answer as a value: what the app shows, refusal included. */
const callResult = (p: Project, method: string, input: unknown) =>
  callApi(p, method, input).then(
    (value) => ({ ok: true, value }),
    (e: Error & { kind: string }) => ({ ok: false, error: { kind: e.kind, message: e.message } }),
  );

/** A chain of codes "Level 1" › "Level 2" › … written straight into the file, as a hand edit would. Returns their ids. */
function chain(depth: number): string[] {
  const db = project.db;
  const book = 'b0000000-0000-4000-8000-000000000000';
  db.prepare("INSERT INTO codebooks (id, name, created_at) VALUES (?, 'Deep', '2026-01-01')").run(book);
  const insert = db.prepare("INSERT INTO codes (id, codebook_id, parent_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, '2026-01-01', '2026-01-01')");
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 1; i <= depth; i++) {
      const id = `c0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      insert.run(id, book, ids.at(-1) ?? null, `Level ${i}`);
      ids.push(id);
    }
  })();
  return ids;
}

const tooDeep = (depth: number) => `This project has the code "Level ${depth}" nested ${depth.toLocaleString('en')} levels deep; Dyad works with codebooks up to ${MAX_CODE_DEPTH} levels deep.`;

describe('a code tree deeper than Dyad shows', () => {
  it('is refused with its depth by the list, a code path, retrieval with subcodes and export, 10,000 levels deep', async () => {
    project = Project.open(tmp.path('deep.dyad'), { create: true });
    const ids = chain(10_000);
    const refused = { ok: false, error: { kind: 'bad-file', message: tooDeep(10_000) } };
    expect(await callResult(project, 'codebooks.list', {})).toEqual(refused);
    expect(await callResult(project, 'codes.get', { codeId: ids.at(-1) })).toEqual({
      ok: false,
      error: { kind: 'bad-file', message: tooDeep(10_000) },
    });
    expect(await callResult(project, 'analysis.retrieve', { code: ids[0], includeSubcodes: true })).toEqual(refused);
    expect(await callResult(project, 'export.excerpts', { format: 'md', codeIds: [ids[0]] })).toMatchObject({ ok: false, error: { kind: 'bad-file', message: tooDeep(10_000) } });
  }, 60_000);

  it(`lists a tree exactly ${MAX_CODE_DEPTH} levels deep whole, with every path; the next level is refused when made or moved there`, async () => {
    project = Project.open(tmp.path('hundred.dyad'), { create: true });
    const ids = chain(MAX_CODE_DEPTH);
    const [book] = await call('codebooks.list');
    let node = book.codes[0];
    let levels = 1;
    while (node.children.length) {
      node = node.children[0];
      levels++;
    }
    expect(levels).toBe(MAX_CODE_DEPTH);
    expect(node.path).toBe(Array.from({ length: MAX_CODE_DEPTH }, (_, i) => `Level ${i + 1}`).join('/'));
    expect((await call('codes.get', { codeId: ids.at(-1) })).path).toBe(node.path);
    const deeper = `That would make the code "Level ${MAX_CODE_DEPTH + 1}" nested ${MAX_CODE_DEPTH + 1} levels deep; Dyad works with codebooks up to ${MAX_CODE_DEPTH} levels deep.`;
    expect(await callResult(project, 'codes.create', { codebookId: book.id, parentId: ids.at(-1), name: `Level ${MAX_CODE_DEPTH + 1}` })).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: deeper },
    });
    // A code with one sub-code moved under level 99 would reach level 101.
    const top = await call('codes.create', { codebookId: book.id, name: 'Loose' });
    await call('codes.create', { codebookId: book.id, parentId: top.id, name: 'Loose child' });
    expect(await callResult(project, 'codes.move', { codeId: top.id, parentId: ids[MAX_CODE_DEPTH - 2] })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringContaining(`nested ${MAX_CODE_DEPTH + 1} levels deep`) },
    });
    expect((await call('codes.move', { codeId: top.id, parentId: ids[MAX_CODE_DEPTH - 3] })).parentId).toBe(ids[MAX_CODE_DEPTH - 3]);
  }, 60_000);
});

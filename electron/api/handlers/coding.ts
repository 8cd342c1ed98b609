import { resolve } from 'node:path';
import type { codingMethods } from '../../../shared/api/methods/coding';
import { exportFileName } from '../../../shared/export/naming';
import * as C from '../../core/coding';
import type { Project } from '../../core/project';
import type { CallContext } from '../context';
import type { Handler } from '../dispatch';

/**
 * Writes wait for the project's write lock, so that they never land inside an import's open transaction (and
 * vanish with it if the import is cancelled), then tell every window what changed.
 */
async function write<T>(ctx: CallContext, what: string[], fn: (p: Project) => T): Promise<T> {
  const out = await ctx.project.writes.run(() => fn(ctx.project));
  ctx.emit({ type: 'changed', what: [...what, 'undo'] });
  return out;
}

/**
 * Undo and redo tell every window what changed, refused or not: a step the lab server's changes made stale is
 * refused, and it goes from the history with the steps behind it (core/coding/undoOutside.ts), so the Undo and
 * Redo buttons must be refreshed at once, not at the next change.
 */
async function undoOrRedo<T>(ctx: CallContext, fn: (p: Project) => T): Promise<T> {
  try {
    return await write(ctx, EVERYTHING, fn);
  } catch (e) {
    ctx.emit({ type: 'changed', what: ['undo'] });
    throw e;
  }
}

const CODEBOOK = ['codebooks'];
const CODINGS = ['codings', 'codebooks']; // codebook counts change with codings
// An undo can take back a merge or import: transcripts, dyads and coders come and go with it.
const EVERYTHING = ['codebooks', 'codings', 'memos', 'interviews', 'dyads', 'coders', 'search', 'alignment'];

export const codingHandlers = {
  'coders.list': (_, { project }) => C.listCoders(project.db),
  'coders.current': (_, { project }) => C.currentCoder(project.db),
  'coders.ensure': async ({ name }, ctx) => {
    const out = await ctx.project.writes.run(() => ctx.project.db.transaction(() => C.ensureCoder(ctx.project.db, name))());
    ctx.emit({ type: 'changed', what: ['coders'] });
    return out;
  },
  'coders.setCurrent': async ({ name }, ctx) => {
    const out = await ctx.project.writes.run(() => C.setCurrentCoder(ctx.project.db, name));
    ctx.emit({ type: 'changed', what: ['coders'] });
    return out;
  },

  'codebooks.list': ({ coderId }, { project }) => C.listCodebooks(project.db, { coderId }),
  'codebooks.create': ({ name }, ctx) => write(ctx, CODEBOOK, (p) => C.createCodebook(p.db, name)),
  'codebooks.rename': ({ codebookId, name }, ctx) => write(ctx, CODEBOOK, (p) => C.renameCodebook(p.db, codebookId, name)),
  'codebooks.delete': ({ codebookId }, ctx) => write(ctx, [...CODINGS, 'memos'], (p) => C.deleteCodebook(p.db, codebookId)),
  // Read-only, but queued behind writes so the document shows a settled codebook.
  // The Word writer loads with the first document asked for, not when Dyad starts.
  'codebooks.exportDocument': async ({ codebookId, path, format }, { project }) => {
    const { exportCodebookDocument } = await import('../../export/codebookDocument');
    const { writeOrReturn } = await import('../../export/download');
    const name = C.listCodebooks(project.db).find((b) => b.id === codebookId)?.name ?? 'Codebook';
    const target = path === undefined ? undefined : resolve(path);
    return project.writes.run(() => writeOrReturn(target, exportFileName(`Codebook ${name}`, format ?? 'docx'), (to) => exportCodebookDocument(project.db, codebookId, to, project.name)));
  },

  'codes.get': ({ codeId }, { project }) => C.getCode(project.db, codeId),
  'codes.find': ({ codebookId, path }, { project }) => C.findCodeByPath(project.db, codebookId ?? null, path),
  'codes.resolvePath': async ({ codebookId, path, create }, ctx) => {
    const found = C.findCodeByPath(ctx.project.db, codebookId ?? null, path);
    if (found || !create) return { code: found ?? C.resolveCodePath(ctx.project.db, codebookId ?? null, path), created: false };
    // A lookup that only reads is allowed on a snapshot (shared/api/access.ts); creating the code is not.
    ctx.project.assertWritable();
    return { code: await write(ctx, CODEBOOK, (p) => C.resolveCodePath(p.db, codebookId ?? null, path, { create: true })), created: true };
  },
  'codes.usage': ({ codeId }, { project }) => C.codeUsage(project.db, codeId),
  'codes.create': (input, ctx) => write(ctx, CODEBOOK, (p) => C.createCode(p.db, input)),
  'codes.update': ({ codeId, ...patch }, ctx) => write(ctx, [...CODEBOOK, 'codings'], (p) => C.updateCode(p.db, codeId, patch)),
  'codes.move': ({ codeId, parentId, position }, ctx) => write(ctx, [...CODEBOOK, 'codings'], (p) => C.moveCode(p.db, codeId, parentId, position)),
  'codes.merge': ({ sourceId, targetId }, ctx) => write(ctx, [...CODINGS, 'memos'], (p) => C.mergeCodes(p.db, sourceId, targetId)),
  'codes.split': (input, ctx) => write(ctx, CODINGS, (p) => C.splitCode(p.db, input)),
  'codes.delete': ({ codeId }, ctx) => write(ctx, [...CODINGS, 'memos'], (p) => C.deleteCode(p.db, codeId)),

  'codings.add': (input, ctx) => write(ctx, CODINGS, (p) => C.addCoding(p.db, input)),
  'codings.remove': ({ codingId }, ctx) => write(ctx, [...CODINGS, 'memos'], (p) => C.removeCoding(p.db, codingId)),
  'codings.update': ({ codingId, ...patch }, ctx) => write(ctx, CODINGS, (p) => C.updateCoding(p.db, codingId, patch)),
  'codings.get': ({ codingId }, { project }) => C.getCoding(project.db, codingId),
  'codings.forInterview': ({ interviewId, ...filter }, { project }) => C.codingsForInterview(project.db, interviewId, filter),
  'codings.forSession': ({ sessionId, ...filter }, { project }) => ({ interviews: C.codingsForSession(project.db, sessionId, filter) }),
  'codings.codeTurn': (input, ctx) => write(ctx, CODINGS, (p) => C.codeTurn(p.db, input)),
  'codings.codeMoment': (input, ctx) => write(ctx, CODINGS, (p) => C.codeMoment(p.db, input)),

  'memos.create': (input, ctx) => write(ctx, ['memos'], (p) => C.createMemo(p.db, input)),
  'memos.update': ({ memoId, ...patch }, ctx) => write(ctx, ['memos'], (p) => C.updateMemo(p.db, memoId, patch)),
  'memos.delete': ({ memoId }, ctx) => write(ctx, ['memos'], (p) => C.deleteMemo(p.db, memoId)),
  'memos.get': ({ memoId }, { project }) => C.getMemo(project.db, memoId),
  'memos.list': (filter, { project }) => C.listMemos(project.db, filter),
  'memos.search': ({ query, targetKind }, { project }) => C.searchMemos(project.db, query, { targetKind }),

  'undo.state': (_, { project }) => C.undoState(project.db),
  'undo.undo': (_, ctx) => undoOrRedo(ctx, (p) => ({ undone: C.undo(p.db), state: C.undoState(p.db) })),
  'undo.redo': (_, ctx) => undoOrRedo(ctx, (p) => ({ redone: C.redo(p.db), state: C.undoState(p.db) })),

  'interviews.correct': (input, ctx) => write(ctx, ['interviews', 'codings', 'codebooks', 'memos', 'search', 'alignment'], (p) => C.correctInterview(p.db, input)),
} satisfies { [K in keyof typeof codingMethods]: Handler<K> };

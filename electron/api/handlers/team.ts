import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { teamMethods } from '../../../shared/api/methods/team';
import { agreementReport, listDisagreements } from '../../team/agreement';
import { buildConsensus, listConsensusLayers, pendingDisagreements, settleDisagreement } from '../../team/consensus';
import type { MergeStore } from '../../team/merge';
import { makeScratchDir, removeScratchDir } from '../../core/scratch';
import { noUploads, type UploadStore } from '../../core/uploads';

/** The merge's readers (REFI-QDA, zip) and the report's Word and Excel writers load with the work that needs them. */
const merging = () => import('../../team/merge');
const reportFiles = () => import('../../export/agreementReport');
import type { CallContext } from '../context';
import type { Handler } from '../dispatch';

const MERGED = ['codebooks', 'codings', 'memos', 'coders', 'interviews', 'dyads', 'search', 'undo'];

/** Writes wait for the project's write lock (so they never land inside an import's open transaction), then say what changed. */
async function write<T>(ctx: CallContext, what: string[], fn: () => T | Promise<T>): Promise<T> {
  const out = await ctx.project.writes.run(fn);
  ctx.emit({ type: 'changed', what });
  return out;
}

/** Bytes from the browser's file picker become a file in a private temporary folder for the time of reading. */
async function withSourceFile<T>(
  input: { path?: string | undefined; dataBase64?: string | undefined; uploadId?: string | undefined; name?: string | undefined },
  uploads: UploadStore | undefined,
  fn: (path: string, label?: string) => Promise<T>,
): Promise<T> {
  if (input.path !== undefined) return fn(input.path);
  if (input.uploadId !== undefined) {
    // Already a private scratch file: read where it is, removed once read.
    const upload = (uploads ?? noUploads()).take(input.uploadId);
    try {
      return await fn(upload.path, input.name);
    } finally {
      (uploads as UploadStore).discard(upload);
    }
  }
  // User-only, removed however the call ends, swept at the next start if Dyad is killed meanwhile.
  const dir = makeScratchDir('upload');
  try {
    const name = basename(input.name as string).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_') || 'upload';
    const path = join(dir, name);
    writeFileSync(path, Buffer.from(input.dataBase64 as string, 'base64'), { mode: 0o600 });
    return await fn(path, input.name);
  } finally {
    removeScratchDir(dir);
  }
}

const job = (ctx: CallContext) => ({ signal: ctx.signal, progress: ctx.progress });

export function teamHandlers(mergeStore: () => Promise<MergeStore>) {
  return {
    'merge.preview': async (input, ctx) => {
      const { previewMerge } = await merging();
      const store = await mergeStore();
      return withSourceFile(input, ctx.uploads, (path, label) => previewMerge(ctx.project, store, path, { ...job(ctx), label, choices: input.choices, codebookId: input.codebookId, newCodebook: input.newCodebook }));
    },
    'merge.review': async ({ planId, choices }, ctx) => (await merging()).reviewMerge(ctx.project, await mergeStore(), planId, choices),
    'merge.apply': async ({ planId, choices }, ctx) => {
      const out = await (await merging()).applyMerge(ctx.project, await mergeStore(), planId, choices, job(ctx));
      if (out.changed) ctx.emit({ type: 'changed', what: MERGED });
      return out;
    },
    'merge.last': async (_, ctx) => (await merging()).lastMerge(ctx.project),
    'merge.undo': async (_, ctx) => {
      const { undoMerge } = await merging();
      return write(ctx, MERGED, () => undoMerge(ctx.project));
    },

    'agreement.report': (input, ctx) => agreementReport(ctx.project.db, input, job(ctx)),
    'agreement.disagreements': (input, ctx) => listDisagreements(ctx.project.db, input),
    'agreement.export': async ({ format, path, ...query }, ctx) => {
      const report = agreementReport(ctx.project.db, query, job(ctx));
      return (await reportFiles()).exportReport(report, { path, format, signal: ctx.signal });
    },

    'consensus.build': (input, ctx) => write(ctx, ['codings', 'codebooks', 'coders', 'undo'], () => buildConsensus(ctx.project.db, input)),
    'consensus.list': (_, ctx) => listConsensusLayers(ctx.project.db),
    'consensus.pending': (input, ctx) => pendingDisagreements(ctx.project.db, input),
    'consensus.settle': (input, ctx) => write(ctx, ['codings', 'codebooks', 'undo'], () => settleDisagreement(ctx.project.db, input)),
  } satisfies { [K in keyof typeof teamMethods]: Handler<K> };
}

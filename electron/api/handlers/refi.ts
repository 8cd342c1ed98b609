import { basename, resolve } from 'node:path';
import { DyadError } from '../../../shared/api/errors';
import { exportFileName } from '../../../shared/export/naming';
import { listCodebooks } from '../../core/coding/codebooks';
import { countWords } from '../../core/interviews';
import { writeOrReturn } from '../../export/download';

/** The REFI-QDA readers and writers (zip, XML) load with the first exchange, not when Dyad starts. */
const refi = async () => ({
  ...(await import('../../snapshot/read')),
  ...(await import('../../refi/exportQdpx')),
  ...(await import('../../refi/importQdpx')),
  ...(await import('../../refi/qdc')),
  ...(await import('../../refi/readQdpx')),
});
import type { QdpxStaging } from '../../refi/staging';
import type { Handler } from '../dispatch';
import type { CallContext } from '../context';
import { noUploads } from '../../core/uploads';

/** Everything a project import can touch, for the windows to refresh (and the undo history it clears). */
const IMPORTED = ['dyads', 'coders', 'codebooks', 'codings', 'memos', 'interviews', 'search', 'undo'];

/** The bytes the browser sent: uploaded beforehand (read from disk, then removed), or base64 in the call. */
const bytesOf = (input: { dataBase64?: string | undefined; uploadId?: string | undefined }, ctx: CallContext) =>
  input.uploadId !== undefined ? (ctx.uploads ?? noUploads()).takeBytes(input.uploadId).bytes : Buffer.from(input.dataBase64!, 'base64');
const nameOf = (name: string | undefined, fallback: string) => {
  if (!name) throw new DyadError('invalid-input', `Give the file's name with its data (for example "${fallback}").`);
  return basename(name);
};

export function refiHandlers(staging: QdpxStaging) {
  return {
    'refi.exportQdpx': async ({ path }, { project, signal, progress }) => {
      // The snapshot is taken between writes (an import holds its transaction open across awaits), then written
      // to disk without holding anyone up.
      const { readSnapshot, writeQdpx } = await refi();
      const snapshot = await project.writes.run(() => readSnapshot(project.db, { sessionDetails: true }));
      return writeOrReturn(path === undefined ? undefined : resolve(path), exportFileName(project.name, 'qdpx'), (to) =>
        writeQdpx(snapshot, to, { signal, progress }, project.db.name),
      );
    },

    'refi.previewQdpx': async (input, ctx) => {
      const { path, name } = input;
      const { project, signal, progress } = ctx;
      const { customMarkerPatterns, fileNamePattern, proposals, readQdpx, readQdpxBytes } = await refi();
      const opts = { signal, progress, customMarkerPatterns: customMarkerPatterns(project.db) };
      const read = path !== undefined ? await readQdpx(resolve(path), opts) : await readQdpxBytes(bytesOf(input, ctx), nameOf(name, 'study.qdpx'), opts);
      const stagingId = staging.put(read);
      const s = read.snapshot;
      const proposed = proposals(read, fileNamePattern(project.db));
      const codingsPer = new Map<string, number>();
      for (const c of s.codings) codingsPer.set(c.interviewId, (codingsPer.get(c.interviewId) ?? 0) + 1);
      const fromDyad = new Set(read.fromDyad);
      return {
        stagingId,
        fileName: read.fileName,
        origin: read.origin,
        positionUnit: read.positionUnit,
        sources: s.interviews.map((i) => ({
          id: i.id,
          name: i.sourceName,
          wordCount: countWords(i.text),
          codings: codingsPer.get(i.id) ?? 0,
          turns: i.turns.length,
          proposed: proposed.get(i.id) ?? null,
          fromDyad: fromDyad.has(i.id),
        })),
        codebooks: s.codebooks.map((b) => ({ name: b.name, codes: s.codes.filter((c) => c.codebookId === b.id).length })),
        codes: s.codes.length,
        codings: s.codings.length,
        memos: s.memos.length,
        users: s.coders.map((c) => ({ id: c.id, name: c.name })),
        warnings: read.warnings,
      };
    },

    'refi.importQdpx': async ({ stagingId, assignments }, { project, emit }) => {
      const { commitQdpxImport } = await refi();
      const read = staging.get(stagingId);
      const result = await project.writes.run(async () => commitQdpxImport(project.db, read, assignments));
      staging.drop(stagingId);
      emit({ type: 'changed', what: IMPORTED });
      return result;
    },

    'refi.exportQdc': async ({ codebookId, path }, { project }) => {
      const { exportQdc } = await refi();
      const name = listCodebooks(project.db).find((b) => b.id === codebookId)?.name ?? 'codebook';
      return project.writes.run(() => writeOrReturn(path === undefined ? undefined : resolve(path), exportFileName(name, 'qdc'), (to) => exportQdc(project.db, codebookId, to)));
    },

    'refi.importQdc': async (input, ctx) => {
      const { path, name } = input;
      const { project, emit } = ctx;
      const { commitQdc, parseQdc, readQdc } = await refi();
      const read = path !== undefined ? await readQdc(resolve(path)) : parseQdc(bytesOf(input, ctx), nameOf(name, 'codebook.qdc'));
      const result = await project.writes.run(async () => commitQdc(project.db, read));
      emit({ type: 'changed', what: ['codebooks', 'undo'] });
      return result;
    },
  } satisfies { [K in 'refi.exportQdpx' | 'refi.previewQdpx' | 'refi.importQdpx' | 'refi.exportQdc' | 'refi.importQdc']: Handler<K> };
}

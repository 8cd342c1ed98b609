/**
 * A Dyad project → a REFI-QDA project file (.qdpx): project.qde streamed into the archive, then each interview
 * as a UTF-8 text file in sources/. Written beside the destination and renamed into place when complete.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { ProjectSnapshot } from '../../shared/snapshot/types';
import { DYAD_EXTRAS_ENTRY, emptyExtras, extrasJson } from '../../shared/refi/dyadData';
import { projectXmlChunks, qdpxSourceFiles } from '../../shared/refi/writeProject';
import { cancelled, writeAtomically } from '../core/atomicFile';
import type { Db } from '../core/database';
import { now } from '../core/ids';
import { resolveMediaPath } from '../core/media';
import { readSnapshot } from '../snapshot/read';
import { dyadOrigin } from './origin';
import type { RefiJob } from './readQdpx';
import { ZipWriter } from './zipWrite';

interface QdpxExportResult {
  path: string;
  sources: number;
  codes: number;
  codings: number;
  memos: number;
  coders: number;
}

export async function exportQdpx(db: Db, outPath: string, job: RefiJob = {}): Promise<QdpxExportResult> {
  return writeQdpx(readSnapshot(db, { sessionDetails: true }), outPath, job, db.name);
}

/**
 * How a recording's stored path is written: `relative://` to the export's folder when the recording is in it or
 * below (the study folder travels with its .qdpx), else `absolute://` and the full path. Nothing is copied.
 */
function refiMediaPath(projectPath: string, outPath: string): (stored: string) => string {
  const base = dirname(resolve(outPath));
  return (stored) => {
    const full = resolveMediaPath(projectPath, stored);
    const rel = relative(base, full);
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return `relative://${rel.split(sep).join('/')}`;
    return `absolute://${full.split(sep).join('/')}`;
  };
}

/**
 * Writes a snapshot as a .qdpx (callers that share the connection take the snapshot under their write lock).
 * With the project's path, the sessions' and interviews' recordings (snapshot read with `sessionDetails`) are
 * written as media sources.
 */
export async function writeQdpx(snapshot: ProjectSnapshot, outPath: string, job: RefiJob = {}, projectPath?: string): Promise<QdpxExportResult> {
  const mediaPath = projectPath && projectPath !== ':memory:' ? refiMediaPath(projectPath, outPath) : undefined;
  const files = qdpxSourceFiles(snapshot);
  const total = snapshot.interviews.length + files.length + 1;
  const path = await writeAtomically(
    outPath,
    async (temp) => {
      const zip = await ZipWriter.create(temp, outPath);
      try {
        let done = 0;
        const extras = emptyExtras();
        const chunks = projectXmlChunks(snapshot, { origin: dyadOrigin(), now: now(), mediaPath, basePath: dirname(resolve(outPath)) }, extras);
        // Counts the sources as their XML goes by, for progress.
        function* counted() {
          for (const c of chunks) {
            if (c.startsWith('    <TextSource ')) {
              done++;
              if (done % 8 === 0) job.progress?.(done, total, 'Writing project.qde');
            }
            yield c;
          }
        }
        await zip.addStream('project.qde', counted(), job.signal);
        for (const f of files) {
          if (job.signal?.aborted) throw cancelled(outPath);
          await zip.addFile(f.path, f.text);
          done++;
          if (done % 8 === 0) job.progress?.(done, total, `Writing ${f.path}`);
        }
        if (job.signal?.aborted) throw cancelled(outPath);
        // Dyad's own data, out of sight of other tools (they read only the .qde and the files it names).
        await zip.addFile(DYAD_EXTRAS_ENTRY, extrasJson(extras));
        await zip.finish();
      } catch (e) {
        await zip.abort();
        throw e;
      }
    },
    { signal: job.signal },
  );
  job.progress?.(total, total, 'Exported');
  return {
    path,
    sources: snapshot.interviews.length,
    codes: snapshot.codes.length,
    codings: snapshot.codings.length,
    memos: snapshot.memos.length,
    coders: snapshot.coders.length,
  };
}

/**
 * The incoming side of a merge, read into a ProjectSnapshot without touching the file:
 * - a coder's copy (.dyad) is copied to a temporary folder (with its write-ahead log, so that changes not yet
 *   checkpointed come along) and the copy is opened: an older format is migrated there, never in the coder's file;
 * - a REFI-QDA project (.qdpx) or codebook (.qdc) is read by the REFI-QDA reader (electron/refi).
 * Every error names the file the researcher chose, never the temporary copy.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { DyadError } from '../../shared/api/errors';
import type { ProjectSnapshot, SnapshotInterview } from '../../shared/snapshot/types';
import { proposeAssignment } from '../../shared/refi/assign';
import { readQdc } from '../refi/qdc';
import { readQdpx } from '../refi/readQdpx';
import { copyProjectConsistently } from '../core/copy';
import { Project } from '../core/project';
import { makeScratchDir, removeScratchDir } from '../core/scratch';
import { attachParts, attachUnits, FOR_MERGE, linkedInterviewIds, readSnapshot } from '../snapshot/read';

export type SourceKind = 'dyad' | 'qdpx' | 'qdc';

interface MergeSource {
  path: string;
  /** The file's name, as the merge's messages and its undo step say it. */
  label: string;
  kind: SourceKind;
  snapshot: ProjectSnapshot;
  warnings: string[];
}

export interface SourceJob {
  signal?: AbortSignal | undefined;
  progress?: ((done: number, total: number, message: string) => void) | undefined;
}

interface SourceSettings {
  fileNamePattern: string;
  customMarkerPatterns: readonly string[];
}

export function sourceKind(path: string): SourceKind {
  const ext = extname(path).toLowerCase();
  return ext === '.qdpx' ? 'qdpx' : ext === '.qdc' ? 'qdc' : 'dyad';
}

/**
 * Reads the file at `path`; `label` names it in messages (the browser hands over bytes under their own name).
 * Speaker turns and recall moments of a .dyad are read only for interviews `needsParts` says may be added, and the
 * units of those whose sessions have moment links drawn by hand.
 */
export async function readMergeSource(
  path: string,
  intoPath: string,
  settings: SourceSettings,
  job: SourceJob = {},
  label = basename(path),
  needsParts: (i: SnapshotInterview) => boolean = () => true,
): Promise<MergeSource> {
  const full = resolve(path);
  if (!existsSync(full)) throw new DyadError('not-found', `${path} does not exist.`);
  if (!statSync(full).isFile()) throw new DyadError('bad-file', `${path} is a folder, not a project file.`);
  if (full === resolve(intoPath)) throw new DyadError('invalid-input', `${path} is this project itself; choose another coder's copy to merge.`);
  const kind = sourceKind(label);
  if (job.signal?.aborted) throw cancelled(label);
  if (kind === 'qdpx') {
    const read = await readQdpx(full, { signal: job.signal, progress: job.progress, customMarkerPatterns: settings.customMarkerPatterns });
    // REFI-QDA sources come without dyad, session and role unless Dyad wrote them; read what the file names say.
    const interviews = read.snapshot.interviews.map((i) => {
      if (i.dyad !== null && i.session !== null && i.role !== null) return i;
      const p = proposeAssignment(i, settings.fileNamePattern);
      return p ? { ...i, dyad: p.dyad, session: p.session, role: p.role } : i;
    });
    return { path: full, label, kind, snapshot: { ...read.snapshot, interviews }, warnings: read.warnings };
  }
  if (kind === 'qdc') {
    const read = await readQdc(full);
    const snapshot: ProjectSnapshot = { name: read.codebook.name, coders: [], codebooks: [read.codebook], codes: read.codes, dyads: [], interviews: [], codings: [], memos: [] };
    return { path: full, label, kind, snapshot, warnings: read.warnings };
  }
  return { path: full, label, kind, snapshot: readDyadCopy(full, path, needsParts), warnings: [] };
}

function readDyadCopy(full: string, shown: string, needsParts: (i: SnapshotInterview) => boolean): ProjectSnapshot {
  // User-only, removed however the merge ends, swept at the next start if Dyad is killed meanwhile.
  const dir = makeScratchDir('merge');
  const copy = join(dir, 'incoming.dyad');
  try {
    // Consistent even while the coder's Dyad has the file open and is writing it.
    copyProjectConsistently(full, copy);
    let project: Project;
    try {
      project = Project.open(copy, { noLock: true });
    } catch (e) {
      if (e instanceof DyadError) throw new DyadError(e.kind, e.message.split(copy).join(shown));
      throw new DyadError('bad-file', `${shown} could not be read as a Dyad project: ${(e as Error).message}. Nothing was changed.`);
    }
    try {
      const snapshot = readSnapshot(project.db, { ...FOR_MERGE, name: basename(full, extname(full)) });
      const added = new Set(snapshot.interviews.filter(needsParts).map((i) => i.id));
      attachParts(project.db, snapshot, added);
      attachUnits(project.db, snapshot, new Set([...linkedInterviewIds(project.db)].filter((id) => !added.has(id))));
      return snapshot;
    } catch (e) {
      throw new DyadError('bad-file', `${shown} could not be read as a Dyad project: ${(e as Error).message}. Nothing was changed.`);
    } finally {
      project.close();
    }
  } finally {
    removeScratchDir(dir);
  }
}

export const cancelled = (label: string) => new DyadError('cancelled', `The merge of ${label} was cancelled; nothing was changed.`);

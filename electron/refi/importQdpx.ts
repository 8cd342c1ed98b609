/**
 * Importing a .qdpx into a project (empty or not): its sources become interviews of the dyads, sessions and roles
 * the researcher assigns, its users become coders (the same person by id or name), its codes go into a new
 * codebook named after the file, and its memos come along. One transaction: on any error nothing is written.
 */
import { basename, extname } from 'node:path';
import { DyadError } from '../../shared/api/errors';
import { DEFAULT_SETTINGS } from '../../shared/domain/types';
import { applyAssignments, proposeAssignment, type ProposedAssignment, type SourceAssignment } from '../../shared/refi/assign';
import type { ProjectSnapshot } from '../../shared/snapshot/types';
import type { Db } from '../core/database';
import { storedMediaPath } from '../core/media';
import { writeSnapshotInto } from '../snapshot/write';
import { readQdpx, type QdpxRead, type QdpxReadOptions } from './readQdpx';

export type { SourceAssignment };

interface QdpxImportResult {
  interviewIds: string[];
  codebookIds: string[];
  codes: number;
  codings: number;
  memos: number;
  /** Coders added (people already in the project are matched, not added). */
  coders: number;
  warnings: string[];
}

function setting<T>(db: Db, key: string, ok: (v: unknown) => v is T, fallback: T): T {
  const row = db.prepare('SELECT value FROM project_settings WHERE key = ?').pluck().get(key) as string | undefined;
  try {
    const v = row === undefined ? undefined : (JSON.parse(row) as unknown);
    return ok(v) ? v : fallback;
  } catch {
    return fallback;
  }
}

/** The project's file-name pattern (the same one folder imports use). */
export const fileNamePattern = (db: Db): string =>
  setting(db, 'fileNamePattern', (v): v is string => typeof v === 'string' && v.length > 0, DEFAULT_SETTINGS.fileNamePattern);

/** The project's own session-time marker patterns, for finding recall moments in other tools' transcripts. */
export const customMarkerPatterns = (db: Db): string[] =>
  setting(db, 'customMarkerPatterns', (v): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string'), DEFAULT_SETTINGS.customMarkerPatterns);

export function proposals(read: QdpxRead, pattern: string): Map<string, ProposedAssignment | null> {
  return new Map(read.snapshot.interviews.map((i) => [i.id, proposeAssignment(i, pattern)]));
}

/** Assignments from Dyad's data or the file names; an error lists every source that cannot be placed. */
export function automaticAssignments(read: QdpxRead, pattern: string): SourceAssignment[] {
  const out: SourceAssignment[] = [];
  const unplaced: string[] = [];
  for (const [id, p] of proposals(read, pattern)) {
    if (p) out.push({ sourceId: id, ...p });
    else unplaced.push(read.snapshot.interviews.find((i) => i.id === id)!.sourceName);
  }
  if (unplaced.length) {
    throw new DyadError(
      'invalid-input',
      `${read.fileName}: cannot tell the dyad, session and role of ${unplaced.length === 1 ? 'this source' : 'these sources'} from ${unplaced.length === 1 ? 'its name' : 'their names'} ` +
        `(pattern ${pattern}): ${unplaced.map((n) => `"${n}"`).join(', ')}. Import the file in the app to assign them by hand. Nothing was imported.`,
    );
  }
  return out;
}

/**
 * Recordings found by the import are stored as the project stores its own (media.ts): relative to the project
 * file when they sit beside it, so the study folder can move.
 */
function withStoredMediaPaths(s: ProjectSnapshot, projectPath: string): ProjectSnapshot {
  if (!projectPath || projectPath === ':memory:') return s;
  const stored = (p: string | null | undefined) => (p ? storedMediaPath(projectPath, p) : p);
  return {
    ...s,
    dyads: s.dyads.map((d) => ({ ...d, sessions: d.sessions.map((x) => (x.recordingPath ? { ...x, recordingPath: stored(x.recordingPath) } : x)) })),
    interviews: s.interviews.map((i) => (i.audioPath ? { ...i, audioPath: stored(i.audioPath) } : i)),
  };
}

export function commitQdpxImport(db: Db, read: QdpxRead, assignments: readonly SourceAssignment[]): QdpxImportResult {
  const snapshot = withStoredMediaPaths(applyAssignments(read.snapshot, assignments, read.fileName), db.name);
  const base = basename(read.fileName, extname(read.fileName)) || 'Imported codebook';
  const several = snapshot.codebooks.length > 1;
  const result = writeSnapshotInto(db, snapshot, { into: 'existing', codebookName: (b) => (several ? `${base} — ${b.name}` : base) });
  return {
    interviewIds: snapshot.interviews.map((i) => result.ids.interviews.get(i.id)!),
    codebookIds: snapshot.codebooks.map((b) => result.ids.codebooks.get(b.id)!),
    codes: result.inserted.codes,
    codings: result.inserted.codings,
    memos: result.inserted.memos,
    coders: result.inserted.coders,
    warnings: read.warnings,
  };
}

/** Reads and imports in one go. 'auto' assigns from Dyad's data or file names (the command line's way). */
export async function importQdpxIntoProject(
  db: Db,
  path: string,
  assignments: readonly SourceAssignment[] | 'auto',
  opts: QdpxReadOptions = {},
): Promise<QdpxImportResult> {
  const read = await readQdpx(path, { customMarkerPatterns: customMarkerPatterns(db), ...opts });
  const chosen = assignments === 'auto' ? automaticAssignments(read, fileNamePattern(db)) : assignments;
  return commitQdpxImport(db, read, chosen);
}

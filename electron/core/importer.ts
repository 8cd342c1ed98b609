import { DyadError } from '../../shared/api/errors';
import type { ProjectSettings, Role, SpeakerRole } from '../../shared/domain/types';
import { parseFileName } from '../../shared/import';
import type { ParsedTranscript } from '../../shared/import/types';
import { stageInWorkers } from '../import/importWorkers';
import { newId } from './ids';
import { interviewWrites, type InterviewAssignment } from './interviews';
import type { Project } from './project';

export interface ImportSource {
  name: string;
  bytes: Uint8Array;
}

export interface StagedFile {
  index: number;
  name: string;
  parsed: (ParsedTranscript & { encoding: string | null }) | null;
  /** Counted in the worker, so the preview and the write need not walk the text again. */
  wordCount: number;
  error: string | null;
  proposed: { dyad: string; session: number; role: Role } | null;
  speakerRoles: Record<string, SpeakerRole>;
}

interface JobControl {
  signal?: AbortSignal;
  progress?: (done: number, total: number, message: string) => void;
}

function checkCancel(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new DyadError('cancelled', `${what} was cancelled; nothing was written.`);
}

/**
 * Reads and parses every file in the import workers (electron/import/importWorkers.ts), off this thread; one bad
 * file is reported on its own line and does not stop the others. A bad project setting (a marker pattern that
 * does not compile) concerns every file and fails the whole preview.
 */
export async function stageFiles(sources: ImportSource[], settings: ProjectSettings, job: JobControl = {}): Promise<StagedFile[]> {
  checkCancel(job.signal, 'The import');
  let done = 0;
  job.progress?.(0, sources.length, sources.length ? `Reading ${sources[0]!.name}` : 'Read');
  const outcomes = await stageInWorkers(sources, settings.customMarkerPatterns, {
    signal: job.signal,
    each: (index) => job.progress?.(++done, sources.length, `Read ${sources[index]!.name}`),
  });
  const staged = outcomes.map((o, index): StagedFile => {
    const name = sources[index]!.name;
    const proposed = parseFileName(name, settings.fileNamePattern);
    if (o.ok) return { index, name, parsed: o.staged.parsed, wordCount: o.staged.wordCount, error: null, proposed, speakerRoles: o.staged.speakerRoles };
    if (o.dyad && o.error.kind === 'invalid-input') throw new DyadError(o.error.kind, o.error.message);
    return { index, name, parsed: null, wordCount: 0, error: o.error.message, proposed, speakerRoles: {} };
  });
  job.progress?.(sources.length, sources.length, 'Read');
  return staged;
}

/**
 * Writes the chosen staged files as interviews in ONE transaction: a failure or a cancel leaves the project
 * exactly as it was. Holds the project's write lock while it yields to the event loop between files.
 */
export async function commitStaged(
  project: Project,
  staged: StagedFile[],
  items: ({ index: number } & InterviewAssignment)[],
  job: JobControl = {},
): Promise<string[]> {
  const byIndex = new Map(staged.map((s) => [s.index, s]));
  for (const it of items) {
    const s = byIndex.get(it.index);
    if (!s) throw new DyadError('invalid-input', `No previewed file number ${it.index}.`);
    if (!s.parsed) throw new DyadError('bad-file', s.error ?? `${s.name} could not be read.`);
  }
  return project.writes.run(async () => {
    const db = project.db;
    const ids: string[] = [];
    db.exec('BEGIN IMMEDIATE');
    try {
      // Time-sliced: the writes stay on this connection, in one transaction, but give the event loop a turn
      // whenever a slice is used up, so the app and `dyad serve` answer other calls meanwhile.
      let sliceStart = performance.now();
      for (const [n, it] of items.entries()) {
        checkCancel(job.signal, 'The import');
        const s = byIndex.get(it.index)!;
        job.progress?.(n, items.length, `Importing ${s.name}`);
        const steps = interviewWrites(db, s.name, s.parsed!, it, s.wordCount || undefined);
        for (;;) {
          const r = steps.next();
          if (r.done) {
            ids.push(r.value);
            break;
          }
          if (performance.now() - sliceStart > SLICE_MS) {
            await yieldToEventLoop();
            checkCancel(job.signal, 'The import');
            sliceStart = performance.now();
          }
        }
      }
      checkCancel(job.signal, 'The import');
      // The search index keeps its last terms in memory until the commit; written as a step of their own, the
      // commit is left with pages only.
      await yieldToEventLoop();
      flushSearchIndex(db);
      await yieldToEventLoop();
      checkCancel(job.signal, 'The import');
      commitThenCheckpoint(db);
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
    // The write-ahead log now holds the whole import; copying it into the project file is a step of its own
    // (SQLite would otherwise do it inside the COMMIT), after the import is safely committed.
    await yieldToEventLoop();
    checkpoint(db);
    job.progress?.(items.length, items.length, 'Imported');
    return ids;
  });
}

/** FTS5's 'flush' command (in SQLite since FTS5 began, if not in its documentation); harmless when absent. */
function flushSearchIndex(db: Project['db']): void {
  try {
    db.exec("INSERT INTO turns_fts (turns_fts) VALUES ('flush')");
  } catch {
    // An SQLite without the command commits the terms with the rest, in one longer step.
  }
}

/** Commits without SQLite's automatic checkpoint, which would copy the whole import into the file in the same step. */
function commitThenCheckpoint(db: Project['db']): void {
  const pages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    db.exec('COMMIT');
  } finally {
    db.pragma(`wal_autocheckpoint = ${pages}`);
  }
}

function checkpoint(db: Project['db']): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

/** How long the import writes before it lets other work in: half a frame, so no step of it reaches 16 ms. */
const SLICE_MS = 8;
const yieldToEventLoop = () => new Promise<void>((r) => setImmediate(r));

/** Previews kept between `import.preview` and `import.commit`, bounded so a forgotten preview cannot pile up. */
export class StagingStore {
  private readonly entries = new Map<string, StagedFile[]>();
  put(files: StagedFile[]): string {
    const id = newId();
    this.entries.set(id, files);
    while (this.entries.size > 8) this.entries.delete(this.entries.keys().next().value!);
    return id;
  }
  get(id: string): StagedFile[] {
    const files = this.entries.get(id);
    if (!files) throw new DyadError('not-found', 'This import preview has expired; please choose the files again.');
    return files;
  }
  drop(id: string): void {
    this.entries.delete(id);
  }
}

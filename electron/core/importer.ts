import { DyadError } from '../../shared/api/errors';
import type { ProjectSettings, Role, SpeakerRole } from '../../shared/domain/types';
import { UNNAMED_SPEAKER, defaultSpeakerRoles, parseFileName, speakerCounts } from '../../shared/import';
import type { ParsedTranscript } from '../../shared/import/types';
import { readTranscriptFile } from '../import';
import { newId } from './ids';
import { insertInterview, type InterviewAssignment } from './interviews';
import type { Project } from './project';

export interface ImportSource {
  name: string;
  bytes: Uint8Array;
}

export interface StagedFile {
  index: number;
  name: string;
  parsed: (ParsedTranscript & { encoding: string | null }) | null;
  error: string | null;
  proposed: { dyad: string; session: number; role: Role } | null;
  speakerRoles: Record<string, SpeakerRole>;
}

export interface JobControl {
  signal?: AbortSignal;
  progress?: (done: number, total: number, message: string) => void;
}

function checkCancel(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new DyadError('cancelled', `${what} was cancelled; nothing was written.`);
}

/**
 * The roles the preview proposes. A file that names no speakers is one person talking — in an IPR study the
 * participant recalling — and a speaker Dyad had to name itself beside named ones is not known.
 */
function proposeSpeakerRoles(parsed: ParsedTranscript): Record<string, SpeakerRole> {
  if (parsed.noSpeakerLabels) return { [UNNAMED_SPEAKER]: 'participant' };
  const roles = defaultSpeakerRoles(speakerCounts(parsed));
  if (UNNAMED_SPEAKER in roles && !parsed.text.includes(`${UNNAMED_SPEAKER}:`)) roles[UNNAMED_SPEAKER] = 'unknown';
  return roles;
}

/** Reads and parses every file; one bad file is reported on its own line and does not stop the others. */
export async function stageFiles(sources: ImportSource[], settings: ProjectSettings, job: JobControl = {}): Promise<StagedFile[]> {
  const staged: StagedFile[] = [];
  for (const [index, src] of sources.entries()) {
    checkCancel(job.signal, 'The import');
    job.progress?.(index, sources.length, `Reading ${src.name}`);
    const proposed = parseFileName(src.name, settings.fileNamePattern);
    try {
      const parsed = await readTranscriptFile(src.name, src.bytes, { customMarkerPatterns: settings.customMarkerPatterns });
      // Question and word counts let named speakers ("Dr Okafor", "Ms Lind") be told apart: the interviewer asks most and talks least.
      const speakerRoles = proposeSpeakerRoles(parsed);
      staged.push({ index, name: src.name, parsed, error: null, proposed, speakerRoles });
    } catch (e) {
      if (e instanceof DyadError && e.kind === 'invalid-input') throw e; // a bad project setting concerns every file
      const message = e instanceof Error ? e.message : String(e);
      staged.push({ index, name: src.name, parsed: null, error: message, proposed, speakerRoles: {} });
    }
    await new Promise((r) => setImmediate(r)); // let a cancel request in
  }
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
      for (const [n, it] of items.entries()) {
        checkCancel(job.signal, 'The import');
        const s = byIndex.get(it.index)!;
        job.progress?.(n, items.length, `Importing ${s.name}`);
        ids.push(insertInterview(db, s.name, s.parsed!, it));
        if (n % 8 === 7) await new Promise((r) => setImmediate(r));
      }
      checkCancel(job.signal, 'The import');
      db.exec('COMMIT');
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
    job.progress?.(items.length, items.length, 'Imported');
    return ids;
  });
}

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

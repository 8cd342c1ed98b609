import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { DyadError } from '../../shared/api/errors';
import { addCoding, clearUndoHistory, createCode, createCodebook, createMemo, ensureCoder } from './coding';
import { findDyadByName, findSession, listDyadTree, updateDyad, updateSession } from './dyads';
import { newId } from './ids';
import { commitStaged, stageFiles, type ImportSource } from './importer';
import { getInterview } from './interviews';
import { applyDemoMedia, copyDemoMedia } from './demoMedia';
import { demoDir } from './paths';
import { Project } from './project';

const demoAttributes = z.object({
  dyads: z.record(z.string(), z.record(z.string(), z.string())),
  sessionDates: z.record(z.string(), z.record(z.string(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/))).default({}),
});

interface DemoCode {
  name: string;
  color: string;
  shortcut?: string;
  definition?: string;
  inclusion?: string;
  exclusion?: string;
  example?: string;
  children?: DemoCode[];
}
const demoCode: z.ZodType<DemoCode> = z.lazy(() =>
  z.object({
    name: z.string().min(1),
    color: z.string(),
    shortcut: z.string().optional(),
    definition: z.string().optional(),
    inclusion: z.string().optional(),
    exclusion: z.string().optional(),
    example: z.string().optional(),
    children: z.array(demoCode).optional(),
  }),
);
const demoCoding = z.object({
  codebook: z.string().min(1),
  coders: z.array(z.string().min(1)).min(1),
  codes: z.array(demoCode),
  /** Each coding names its passage by quoting it: the words must occur exactly once in the transcript. */
  codings: z.array(z.object({ coder: z.string(), file: z.string(), code: z.string(), quote: z.string().min(1), memo: z.string().optional() })),
});

interface DemoOptions {
  /** The demo's codebook and its two coders' codings (demo/coding.json); off for tests that code from nothing. */
  coding?: boolean;
}

/** Calls for the same path share one build, so a double click on "Open demo" cannot race itself. */
const building = new Map<string, Promise<string>>();

/** Returns `targetPath`, building the demo project there first when there is no file yet. */
export function ensureDemoProject(targetPath: string): Promise<string> {
  if (existsSync(targetPath)) return Promise.resolve(targetPath);
  let job = building.get(targetPath);
  if (!job) {
    job = build(targetPath, 'keep-existing').finally(() => building.delete(targetPath));
    building.set(targetPath, job);
  }
  return job;
}

/** Builds a fresh demo project at `path` (tests, e2e, "New demo project"); refuses to replace an existing file. */
export async function createDemoProjectAt(path: string, options: DemoOptions = {}): Promise<string> {
  if (existsSync(path)) throw new DyadError('conflict', `${path} already exists; the demo project is only created as a new file.`);
  return build(path, 'refuse-existing', options);
}

/**
 * Builds the whole project in a temporary file beside the target and moves it into place only when it is
 * complete, so a crash or a failed import never leaves a half-built demo where the app would open it.
 */
async function build(target: string, onExisting: 'keep-existing' | 'refuse-existing', options: DemoOptions = {}): Promise<string> {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.${newId()}.building`);
  try {
    const project = Project.open(tmp, { create: true });
    try {
      await importDemo(project, options.coding ?? true, target);
    } finally {
      project.close();
    }
    const placed = moveIntoPlace(tmp, target, onExisting);
    copyDemoMedia(join(demoDir(), 'media'), placed);
    return placed;
  } finally {
    for (const leftover of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}.lock`]) rmSync(leftover, { force: true });
  }
}

async function importDemo(project: Project, coding: boolean, target: string): Promise<void> {
  const dir = join(demoDir(), 'transcripts');
  const sources: ImportSource[] = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
  if (!sources.length) throw new DyadError('not-found', `The demo transcripts are missing: no .txt files in ${dir}.`);

  const staged = await stageFiles(sources, project.settings());
  const items = staged.map((s) => {
    if (s.error) throw new DyadError('bad-file', `The demo transcript ${s.name} could not be read: ${s.error}`);
    if (!s.proposed) throw new DyadError('bad-file', `The demo transcript ${s.name} is not named D{dyad}_S{session}_{role}.txt.`);
    return { index: s.index, ...s.proposed, dyad: dyadName(s.proposed.dyad), speakerRoles: s.speakerRoles };
  });
  await commitStaged(project, staged, items);
  applyAttributes(project, join(demoDir(), 'attributes.json'));
  if (coding) applyCoding(project, join(demoDir(), 'coding.json'));
  applyDemoMedia(project, join(demoDir(), 'media'), target);
  // Setting the attributes and dates is how the demo is made, not something the researcher did: nothing to undo.
  clearUndoHistory(project.db);
}

/** File names pad dyad numbers so they sort ("D01"); the dyads themselves are called "1", "2", "3". */
function dyadName(raw: string): string {
  return /^\d+$/.test(raw) ? String(Number(raw)) : raw;
}

function applyAttributes(project: Project, file: string): void {
  let parsed: z.infer<typeof demoAttributes>;
  try {
    parsed = demoAttributes.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    throw new DyadError('bad-file', `The demo attributes in ${file} could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const db = project.db;
  db.transaction(() => {
    for (const [name, attributes] of Object.entries(parsed.dyads)) {
      const dyad = findDyadByName(db, name);
      if (!dyad) throw new DyadError('bad-file', `${file} gives attributes for dyad "${name}", which has no transcript in the demo.`);
      updateDyad(db, dyad.id, { attributes });
    }
    for (const [name, dates] of Object.entries(parsed.sessionDates)) {
      for (const [number, date] of Object.entries(dates)) {
        const session = findSession(db, name, Number(number));
        if (!session) throw new DyadError('bad-file', `${file} dates dyad "${name}" session ${number}, which has no transcript in the demo.`);
        updateSession(db, session.id, { date });
      }
    }
  })();
}

/**
 * The demo's codebook (hierarchical, with definitions) and the codings of its two fictional coders, so a new user
 * sees marks, stripes per coder, concordance and agreement at once. No current coder is set: the user's own
 * coding starts when they name themselves.
 */
function applyCoding(project: Project, file: string): void {
  let parsed: z.infer<typeof demoCoding>;
  try {
    parsed = demoCoding.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    throw new DyadError('bad-file', `The demo coding in ${file} could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const db = project.db;
  const interviews = new Map<string, string>();
  for (const d of listDyadTree(db)) for (const s of d.sessions) for (const i of s.interviews) interviews.set(i.sourceName, i.id);
  db.transaction(() => {
    const book = createCodebook(db, parsed.codebook);
    const codes = new Map<string, string>();
    const addCodes = (list: readonly DemoCode[], parent: { id: string; path: string } | null) => {
      for (const c of list) {
        const { children, ...fields } = c;
        const code = createCode(db, { ...fields, codebookId: book.id, parentId: parent?.id ?? null });
        const path = parent ? `${parent.path}/${c.name}` : c.name;
        codes.set(path, code.id);
        addCodes(children ?? [], { id: code.id, path });
      }
    };
    addCodes(parsed.codes, null);
    const coders = new Map(parsed.coders.map((name) => [name, ensureCoder(db, name).id]));
    parsed.codings.forEach((c, i) => {
      const where = `${file}, coding ${i + 1}`;
      const interviewId = interviews.get(c.file);
      if (!interviewId) throw new DyadError('bad-file', `${where} is on ${c.file}, which is not a demo transcript.`);
      const codeId = codes.get(c.code);
      if (!codeId) throw new DyadError('bad-file', `${where} uses the code "${c.code}", which the demo codebook does not have.`);
      const coderId = coders.get(c.coder);
      if (!coderId) throw new DyadError('bad-file', `${where} is by "${c.coder}", who is not one of the demo's coders.`);
      const text = getInterview(db, interviewId).text;
      const start = text.indexOf(c.quote);
      if (start < 0) throw new DyadError('bad-file', `${where} quotes words that are not in ${c.file}: "${c.quote}".`);
      if (text.indexOf(c.quote, start + 1) >= 0) throw new DyadError('bad-file', `${where} quotes words found more than once in ${c.file}: "${c.quote}".`);
      const { coding } = addCoding(db, { interviewId, codeId, coderId, start, end: start + c.quote.length });
      if (c.memo) createMemo(db, { targetKind: 'coding', targetId: coding.id, text: c.memo, coderId });
    });
  })();
}

/**
 * A hard link is a move that cannot overwrite: if another Dyad created the target meanwhile, its file wins.
 * Where the file system has no hard links, fall back to rename after a last check.
 */
function moveIntoPlace(tmp: string, target: string, onExisting: 'keep-existing' | 'refuse-existing'): string {
  const exists = () => {
    if (onExisting === 'keep-existing') return target;
    throw new DyadError('conflict', `${target} was created by something else while the demo was being built; it was left as it is.`);
  };
  try {
    linkSync(tmp, target);
    unlinkSync(tmp);
    return target;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return exists();
    if (existsSync(target)) return exists();
    try {
      renameSync(tmp, target);
    } catch (e2) {
      throw new DyadError('io', `The demo project could not be saved as ${target}: ${(e2 as Error).message}`);
    }
    return target;
  }
}

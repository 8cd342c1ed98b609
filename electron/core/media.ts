/**
 * The study's recordings: each session's recording and each interview's own, attached by path and never copied
 * into the project (a session video is gigabytes; the project stays one small file to back up).
 *
 * A path is stored relative to the project file's folder when the recording sits in it or below it, with `/`
 * separators, so that a study folder moved or copied to another machine (or another OS) still finds its media.
 * A recording elsewhere keeps its absolute path.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep, win32 } from 'node:path';
import { DyadError } from '../../shared/api/errors';
import type { Db } from './database';
import { undoable } from './coding/undo';
import { updateRecorded } from './coding/undoStructure';

/** What Chromium plays (issue 14): the only extensions Dyad attaches. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.m4a': 'audio/mp4',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
};

const mediaExtension = (path: string): string => {
  const m = /\.[^./\\]+$/.exec(path);
  return m ? m[0].toLowerCase() : '';
};

/** The Content-Type to serve a recording with, by its extension; null for a file Dyad does not attach. */
export const mediaContentType = (path: string): string | null => MEDIA_TYPES[mediaExtension(path)] ?? null;

const isAbsoluteAnywhere = (p: string) => isAbsolute(p) || win32.isAbsolute(p);

/** The path to store for a recording at `absolute`: relative to the project's folder when inside it. */
export function storedMediaPath(projectPath: string, given: string): string {
  const trimmed = given.trim();
  if (!isAbsoluteAnywhere(trimmed)) return trimmed.split(/[\\/]/).join('/');
  const rel = relative(dirname(resolve(projectPath)), resolve(trimmed));
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  return trimmed;
}

/** Where Dyad looks for a stored recording path: relative ones beside the project file. */
export function resolveMediaPath(projectPath: string, stored: string): string {
  if (isAbsoluteAnywhere(stored)) return stored;
  return resolve(dirname(resolve(projectPath)), ...stored.split('/'));
}

const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

export interface Medium {
  kind: 'session' | 'interview';
  sessionId: string;
  /** The interview whose own recording this is (kind 'interview'). */
  interviewId: string | null;
  /** "dyad 4, session 1" or "dyad 4, session 1, client interview": how the researcher names it. */
  label: string;
  storedPath: string;
  /** Where Dyad looked. */
  resolvedPath: string;
  found: boolean;
}

/** Every recording attached to the project, and whether it is where the project says. */
export function listMedia(db: Db, projectPath: string): Medium[] {
  const rows = db
    .prepare(
      `SELECT 'session' AS kind, s.id AS session_id, NULL AS interview_id, d.name AS dyad, s.number, NULL AS role, s.recording_path AS path
         FROM sessions s JOIN dyads d ON d.id = s.dyad_id WHERE s.recording_path IS NOT NULL AND s.recording_path != ''
       UNION ALL
       SELECT 'interview', s.id, i.id, d.name, s.number, i.role, i.audio_path
         FROM interviews i JOIN sessions s ON s.id = i.session_id JOIN dyads d ON d.id = s.dyad_id
         WHERE i.audio_path IS NOT NULL AND i.audio_path != ''`,
    )
    .all() as { kind: 'session' | 'interview'; session_id: string; interview_id: string | null; dyad: string; number: number; role: string | null; path: string }[];
  return rows
    .map((r) => {
      const resolvedPath = resolveMediaPath(projectPath, r.path);
      return {
        kind: r.kind,
        sessionId: r.session_id,
        interviewId: r.interview_id,
        label: `dyad ${r.dyad}, session ${r.number}${r.role ? `, ${r.role} interview` : ''}`,
        storedPath: r.path,
        resolvedPath,
        found: isFile(resolvedPath),
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
}

/**
 * The attached recording at `absolute`, or null when the project attaches no such file. What the app's protocol
 * and `dyad serve` check before serving a byte: a page may only play the project's own media.
 */
export function attachedMedium(db: Db, projectPath: string, absolute: string): Medium | null {
  const wanted = resolve(absolute);
  return listMedia(db, projectPath).find((m) => resolve(m.resolvedPath) === wanted) ?? null;
}

/** Sets an interview's own recording, as one undoable step. */
export function setInterviewAudio(db: Db, interviewId: string, audioPath: string | null): void {
  const row = db.prepare('SELECT session_id, role, source_name FROM interviews WHERE id = ?').get(interviewId) as
    | { session_id: string; role: string; source_name: string }
    | undefined;
  if (!row) throw new DyadError('not-found', `No interview with id ${interviewId}.`);
  undoable(db, `Attach a recording to ${row.source_name}`, () => updateRecorded(db, 'interviews', interviewId, 'audio_path', audioPath));
}

/** Refuses a file Dyad cannot play, naming it, before it is attached. */
export function checkMediaPath(path: string): void {
  if (!mediaContentType(path)) {
    throw new DyadError('invalid-input', `${path} is not a recording Dyad can play (use ${Object.keys(MEDIA_TYPES).join(', ')}).`);
  }
}

const MAX_DEPTH = 6;
const MAX_ENTRIES = 50_000;

/** File name (lower case) → the files of that name under `folder`, nearest first. Bounded so a drive root cannot hang it. */
function filesByName(folder: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let seen = 0;
  const walk = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const sub: string[] = [];
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) return;
      const full = join(dir, e.name);
      if (e.isFile() && mediaContentType(e.name)) {
        const key = e.name.toLowerCase();
        found.set(key, [...(found.get(key) ?? []), full]);
      } else if (e.isDirectory() && !e.name.startsWith('.') && depth < MAX_DEPTH) sub.push(full);
    }
    for (const d of sub.sort()) walk(d, depth + 1);
  };
  walk(folder, 0);
  return found;
}

const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

interface RelinkResult {
  relinked: { label: string; from: string; to: string }[];
  missing: { label: string; storedPath: string; resolvedPath: string }[];
}

/**
 * Finds every missing recording in `folder` (and below) by its file name, and attaches the file found, for all
 * sessions and interviews at once, as one undoable step. A name found twice takes the one nearest the folder.
 */
export function relinkMedia(db: Db, projectPath: string, folder: string): RelinkResult {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new DyadError('not-found', `${folder} is not a folder.`);
  const missing = listMedia(db, projectPath).filter((m) => !m.found);
  const result: RelinkResult = { relinked: [], missing: [] };
  if (!missing.length) return result;
  const byName = filesByName(folder);
  const changes: { m: Medium; to: string }[] = [];
  for (const m of missing) {
    const hit = byName.get(baseName(m.storedPath).toLowerCase())?.[0];
    if (hit) changes.push({ m, to: storedMediaPath(projectPath, hit) });
    else result.missing.push({ label: m.label, storedPath: m.storedPath, resolvedPath: m.resolvedPath });
  }
  if (!changes.length) return result;
  undoable(db, `Relink ${changes.length} recording${changes.length === 1 ? '' : 's'}`, () => {
    for (const { m, to } of changes) {
      if (m.kind === 'session') updateRecorded(db, 'sessions', m.sessionId, 'recording_path', to);
      else updateRecorded(db, 'interviews', m.interviewId!, 'audio_path', to);
      result.relinked.push({ label: m.label, from: m.storedPath, to });
    }
  });
  return result;
}


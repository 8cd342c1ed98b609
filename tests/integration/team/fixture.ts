/**
 * A small fictional study for the team-work tests: dyad "7", session 1, a client and a therapist IPR interview
 * (turns and recall moments at known places), a codebook, and a base project file that each coder copies.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as C from '../../../electron/core/coding';
import type { Db } from '../../../electron/core/database';
import { insertInterview } from '../../../electron/core/interviews';
import { Project } from '../../../electron/core/project';
import { buildTranscript, type Line } from '../coding/fixture';

/** The same transcript builder as the coding tests use. */
export const transcript = buildTranscript;

export const CLIENT: Line[] = [
  { video: 70 },
  { speaker: 'I', text: 'What was happening for you just here?' },
  { speaker: 'C', text: 'I could not look at her. I felt small, like a child caught out.' },
  { video: 185 },
  { speaker: 'I', text: 'And here, when she leaned back?' },
  { speaker: 'C', text: 'Relief, honestly. She stopped pushing and I could breathe again.' },
  { video: 402 },
  { speaker: 'C', text: 'This is where I wanted to leave the room.' },
];

export const THERAPIST: Line[] = [
  { video: 72 },
  { speaker: 'I', text: 'What do you notice in yourself here?' },
  { speaker: 'T', text: 'I sensed her pulling away and I pressed harder, which I regret.' },
  { video: 190 },
  { speaker: 'T', text: 'I decided to sit back and let the silence be.' },
];

export const textOf = (db: Db, interviewId: string): string => (db.prepare('SELECT text FROM interviews WHERE id = ?').get(interviewId) as { text: string }).text;

export function spanOf(db: Db, interviewId: string, words: string): { start: number; end: number } {
  const start = textOf(db, interviewId).indexOf(words);
  if (start < 0) throw new Error(`"${words}" is not in the interview`);
  return { start, end: start + words.length };
}

export interface Study {
  dir: string;
  path(name: string): string;
  /** The base project every coder copies. */
  base: string;
  clientId: string;
  therapistId: string;
  /** A copy of the base under a new name. */
  copy(name: string): string;
  cleanup(): void;
}

/** The base project: interviews, the codebook Rupture (Withdrawal), Shame, Trust, and no codings yet. */
export function makeStudy(): Study {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-team-'));
  const base = join(dir, 'base.dyad');
  const p = Project.open(base, { create: true });
  const db = p.db;
  const ids = db.transaction(() => ({
    client: insertInterview(db, 'D07_S1_client.txt', transcript(CLIENT), { dyad: '7', session: 1, role: 'client', speakerRoles: { I: 'interviewer', C: 'participant' } }),
    therapist: insertInterview(db, 'D07_S1_therapist.txt', transcript(THERAPIST), { dyad: '7', session: 1, role: 'therapist', speakerRoles: { I: 'interviewer', T: 'participant' } }),
  }))();
  const rupture = C.createCode(db, { name: 'Rupture', definition: 'A strain in the alliance.' });
  C.createCode(db, { name: 'Withdrawal', parentId: rupture.id });
  C.createCode(db, { name: 'Shame', color: '#AA3355' });
  C.createCode(db, { name: 'Trust' });
  C.clearUndoHistory(db);
  p.close();
  return {
    dir,
    path: (name) => join(dir, name),
    base,
    clientId: ids.client,
    therapistId: ids.therapist,
    copy(name) {
      const to = join(dir, name);
      copyFileSync(base, to);
      return to;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const TABLES = ['coders', 'codebooks', 'codes', 'codings', 'memos', 'dyads', 'sessions', 'interviews', 'turns', 'moments'] as const;

/** Every row of the project's data tables, in a stable order: what "unchanged" and "restored" mean. */
export function dump(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY id`).all();
  out.turns_fts = db.prepare('SELECT text, turn_id, interview_id FROM turns_fts ORDER BY turn_id').all();
  out.settings = db.prepare("SELECT key, value FROM project_settings WHERE key NOT LIKE 'team.%' ORDER BY key").all();
  return out;
}

/** Codings as a researcher reads them: interview file, coded words, code path, coder. */
export function readableCodings(db: Db): string[] {
  const paths = new Map(
    (db.prepare('SELECT id FROM codes').all() as { id: string }[]).map((c) => [c.id, C.getCode(db, c.id).path] as const),
  );
  const rows = db
    .prepare('SELECT i.source_name AS file, i.text, g.start, g."end", g.code_id, c.name AS coder FROM codings g JOIN interviews i ON i.id = g.interview_id JOIN coders c ON c.id = g.coder_id')
    .all() as { file: string; text: string; start: number; end: number; code_id: string; coder: string }[];
  return rows.map((r) => `${r.file} | ${r.text.slice(r.start, r.end)} | ${paths.get(r.code_id)} | ${r.coder}`).sort();
}

/**
 * A small fictional project for the coding tests: dyad "7", session 1, with a client and a therapist interview
 * written here (turns and recall moments at known offsets), made through insertInterview as an import would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as C from '../../../electron/core/coding';
import type { ParsedTranscript } from '../../../shared/import/types';
import type { Db } from '../../../electron/core/database';
import { insertInterview } from '../../../electron/core/interviews';
import { Project } from '../../../electron/core/project';

export type Line = { speaker: string; text: string } | { video: number };

/** Builds transcript text and its parse: "[video mm:ss]" lines are recall moments, "X: words" lines are turns. */
export function buildTranscript(lines: Line[]): ParsedTranscript {
  let text = '';
  const turns: ParsedTranscript['turns'] = [];
  const moments: ParsedTranscript['moments'] = [];
  for (const l of lines) {
    if ('video' in l) {
      const label = `[video ${String(Math.floor(l.video / 60)).padStart(2, '0')}:${String(l.video % 60).padStart(2, '0')}]`;
      moments.push({ sessionTime: l.video, offset: text.length, label });
      text += `${label}\n`;
    } else {
      text += `${l.speaker}: `;
      turns.push({ speaker: l.speaker, start: text.length, end: text.length + l.text.length, interviewTime: null });
      text += `${l.text}\n`;
    }
  }
  return { text, format: 'txt', turns, moments, warnings: [] };
}

export const CLIENT_LINES: Line[] = [
  { speaker: 'I', text: 'Shall we start the recording from the beginning?' },
  { video: 70 },
  { speaker: 'I', text: 'What was happening for you just here?' },
  { speaker: 'C', text: 'I could not look at her. I felt small, like a child caught out.' },
  { video: 185 },
  { speaker: 'I', text: 'And here, when she leaned back?' },
  { speaker: 'C', text: 'Relief, honestly. She stopped pushing and I could breathe 🙂 again.' },
  { video: 402 },
  { speaker: 'C', text: 'This is where I wanted to leave the room.' },
];

export const THERAPIST_LINES: Line[] = [
  { video: 72 },
  { speaker: 'I', text: 'What do you notice in yourself here?' },
  { speaker: 'T', text: 'I sensed her pulling away and I pressed harder, which I regret.' },
  { video: 190 },
  { speaker: 'T', text: 'I decided to sit back and let the silence be.' },
];

export interface Fixture {
  dir: string;
  path: string;
  project: Project;
  db: Db;
  sessionId: string;
  dyadId: string;
  clientId: string;
  therapistId: string;
  /** Reopens the project file (as after quitting the app). */
  reopen(): void;
  close(): void;
}

/** Dyad "7", session 1: the client's and the therapist's interview, in one transaction; their ids. */
export function insertStudy(db: Db): Pick<Fixture, 'sessionId' | 'dyadId' | 'clientId' | 'therapistId'> {
  const ids = db.transaction(() => ({
    client: insertInterview(db, 'D07_S1_client.txt', buildTranscript(CLIENT_LINES), { dyad: '7', session: 1, role: 'client', speakerRoles: { I: 'interviewer', C: 'participant' } }),
    therapist: insertInterview(db, 'D07_S1_therapist.txt', buildTranscript(THERAPIST_LINES), {
      dyad: '7',
      session: 1,
      role: 'therapist',
      speakerRoles: { I: 'interviewer', T: 'participant' },
    }),
  }))();
  const s = db.prepare('SELECT session_id FROM interviews WHERE id = ?').get(ids.client) as { session_id: string };
  const d = db.prepare('SELECT dyad_id FROM sessions WHERE id = ?').get(s.session_id) as { dyad_id: string };
  return { sessionId: s.session_id, dyadId: d.dyad_id, clientId: ids.client, therapistId: ids.therapist };
}

export function openFixture(): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-'));
  const path = join(dir, 'study.dyad');
  const project = Project.open(path, { create: true });
  const db = project.db;
  const ids = insertStudy(db);
  const fx: Fixture = {
    dir,
    path,
    project,
    db,
    ...ids,
    reopen() {
      fx.project.close();
      fx.project = Project.open(path);
      fx.db = fx.project.db;
    },
    close() {
      fx.project.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fx;
}

/** The text of an interview. */
export const textOf = (db: Db, interviewId: string): string => (db.prepare('SELECT text FROM interviews WHERE id = ?').get(interviewId) as { text: string }).text;

/** Offsets of the first occurrence of `needle` in the interview's text. */
export function spanOf(db: Db, interviewId: string, needle: string): { start: number; end: number } {
  const start = textOf(db, interviewId).indexOf(needle);
  if (start < 0) throw new Error(`"${needle}" is not in the interview text`);
  return { start, end: start + needle.length };
}

export const DUMPED_TABLES = ['codebooks', 'codes', 'codings', 'memos', 'coders', 'interviews', 'turns', 'moments', 'project_settings'] as const;

/** Every row of the data tables (with rowids) and the search index: what undo must restore exactly. */
export function dump(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of DUMPED_TABLES) out[t] = db.prepare(`SELECT rowid AS _rowid, * FROM ${t} ORDER BY rowid`).all();
  out.turns_fts = db.prepare('SELECT text, turn_id, interview_id FROM turns_fts ORDER BY turn_id').all();
  return out;
}

export interface Seed {
  ana: string;
  ben: string;
  rupture: string;
  withdrawal: string;
  confrontation: string;
  shame: string;
  embarrassment: string;
  repair: string;
  /** Codings by name: "<code>:<who>:<words>". */
  codings: Record<string, string>;
}

/**
 * A working codebook: Rupture (Withdrawal, Confrontation), Shame, Embarrassment, Repair; two coders; codings on
 * both interviews (Ana and Ben coded "I could not look at her" as both Shame and Embarrassment, so merging the
 * two collapses duplicates); memos on every kind of target.
 */
export function seed(fx: Fixture): Seed {
  const db = fx.db;
  const ben = C.ensureCoder(db, 'Ben');
  const ana = C.setCurrentCoder(db, 'Ana');
  const rupture = C.createCode(db, { name: 'Rupture', definition: 'A strain in the alliance', shortcut: '1' });
  const withdrawal = C.createCode(db, { name: 'Withdrawal', parentId: rupture.id, inclusion: 'Moving away from the other' });
  const confrontation = C.createCode(db, { name: 'Confrontation', parentId: rupture.id });
  const shame = C.createCode(db, { name: 'Shame', color: '#aa3355' });
  const embarrassment = C.createCode(db, { name: 'Embarrassment' });
  const repair = C.createCode(db, { name: 'Repair', example: 'She stopped pushing' });
  const codings: Record<string, string> = {};
  const code = (codeId: string, coderId: string, interviewId: string, words: string, key: string) => {
    codings[key] = C.addCoding(db, { interviewId, ...spanOf(db, interviewId, words), codeId, coderId }).coding.id;
  };
  code(shame.id, ana.id, fx.clientId, 'I could not look at her', 'shame:ana:look');
  code(embarrassment.id, ana.id, fx.clientId, 'I could not look at her', 'emb:ana:look');
  code(embarrassment.id, ben.id, fx.clientId, 'I felt small', 'emb:ben:small');
  code(shame.id, ben.id, fx.clientId, 'I felt small, like a child caught out', 'shame:ben:small');
  code(withdrawal.id, ana.id, fx.clientId, 'I wanted to leave the room', 'withdrawal:ana:leave');
  code(repair.id, ana.id, fx.clientId, 'She stopped pushing and I could breathe 🙂 again', 'repair:ana:breathe');
  code(confrontation.id, ana.id, fx.therapistId, 'I pressed harder', 'confrontation:ana:pressed');
  code(withdrawal.id, ben.id, fx.therapistId, 'I sensed her pulling away', 'withdrawal:ben:pulling');
  code(repair.id, ben.id, fx.therapistId, 'I decided to sit back', 'repair:ben:sit');
  C.createMemo(db, { targetKind: 'code', targetId: shame.id, title: 'Shame vs embarrassment', text: 'Shame is about the self; embarrassment about the scene.' });
  C.createMemo(db, { targetKind: 'coding', targetId: codings['shame:ana:look']!, text: 'Eye contact avoided.' });
  C.createMemo(db, { targetKind: 'interview', targetId: fx.clientId, text: 'Client speaks slowly throughout.' });
  C.createMemo(db, { targetKind: 'session', targetId: fx.sessionId, text: 'Both sides recall the lean back.' });
  C.createMemo(db, { targetKind: 'dyad', targetId: fx.dyadId, title: 'Dyad 7', text: 'Early sessions: uneasiness.' });
  C.createMemo(db, { targetKind: 'project', text: 'Codebook version 2 from here.' });
  return {
    ana: ana.id,
    ben: ben.id,
    rupture: rupture.id,
    withdrawal: withdrawal.id,
    confrontation: confrontation.id,
    shame: shame.id,
    embarrassment: embarrassment.id,
    repair: repair.id,
    codings,
  };
}

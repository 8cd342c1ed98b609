/**
 * A small fictional study for the export tests: dyad 4 (two sessions, recall moments on both sides) and dyad 7
 * (one session, the therapist's interview without time markers), a two-level codebook, two coders, memos.
 * The transcripts mention people by name ("Anna Maria", "Anna", "O'Brien", "Zoë") so that de-identification has
 * something to do. All text is written here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as C from '../../../electron/core/coding';
import type { Db } from '../../../electron/core/database';
import { updateDyad, updateSession } from '../../../electron/core/dyads';
import { insertInterview } from '../../../electron/core/interviews';
import { Project } from '../../../electron/core/project';
import type { ParsedTranscript } from '../../../shared/import/types';

export type Line = { speaker: string; text: string; at?: number } | { video: number };

const hms = (s: number) => [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');

/** Transcript text and its parse: "[video hh:mm:ss]" lines are recall moments, "X: words" lines are turns. */
export function transcript(lines: Line[]): ParsedTranscript {
  let text = '';
  const turns: ParsedTranscript['turns'] = [];
  const moments: ParsedTranscript['moments'] = [];
  for (const l of lines) {
    if ('video' in l) {
      const label = `[video ${hms(l.video)}]`;
      moments.push({ sessionTime: l.video, offset: text.length, label });
      text += `${label}\n`;
    } else {
      text += `${l.speaker}: `;
      turns.push({ speaker: l.speaker, start: text.length, end: text.length + l.text.length, interviewTime: l.at ?? null });
      text += `${l.text}\n`;
    }
  }
  return { text, format: 'txt', turns, moments, warnings: [] };
}

const D4S1_CLIENT: Line[] = [
  { speaker: 'I', text: 'We can start the tape whenever you are ready.', at: 5 },
  { video: 754 },
  { speaker: 'I', text: 'What was going on for you here?', at: 62 },
  { speaker: 'C', text: 'I could not make eye contact with Anna Maria. I felt about six years old.', at: 70 },
  { video: 1200 },
  { speaker: 'I', text: 'And when she went quiet?', at: 140 },
  { speaker: 'C', text: 'I thought: she is bored of me, like Mr. O\'Brien at school. I wanted to disappear.', at: 150 },
  { video: 1865 },
  { speaker: 'C', text: 'Here Anna asked about my sister Zoë and something *softened*, a <small> thing.', at: 300 },
];

const D4S1_THERAPIST: Line[] = [
  { speaker: 'I', text: 'Tell me when you want to stop.', at: 3 },
  { video: 756 },
  { speaker: 'T', text: 'I noticed she looked away and I leaned in, maybe too far.', at: 40 },
  { video: 1210 },
  { speaker: 'T', text: 'My silence was meant as room to think, not boredom.', at: 95 },
  { video: 2400 },
  { speaker: 'T', text: 'Nothing much happening for me here.', at: 200 },
];

const D4S2_CLIENT: Line[] = [
  { video: 300 },
  { speaker: 'C', text: 'This time I could look at her, mostly.' },
];

const D7S1_CLIENT: Line[] = [
  { video: 95 },
  { speaker: 'C', text: 'I kept waiting for the telling-off that never came.' },
];

/** No session-time markers: the alignment pairs nothing, the dialogue shows the turn alone. */
const D7S1_THERAPIST: Line[] = [
  { speaker: 'I', text: 'Anything about the start?' },
  { speaker: 'T', text: 'I was braced for anger and it did not come.' },
];

export interface Study {
  dir: string;
  path: string;
  project: Project;
  db: Db;
  ids: {
    d4s1Client: string;
    d4s1Therapist: string;
    d4s2Client: string;
    d7s1Client: string;
    d7s1Therapist: string;
    dyad4: string;
    dyad7: string;
    session41: string;
    ana: string;
    ben: string;
    alliance: string;
    rupture: string;
    shame: string;
    repair: string;
  };
  codings: Record<string, string>;
  close(): void;
}

export const textOf = (db: Db, interviewId: string): string =>
  (db.prepare('SELECT text FROM interviews WHERE id = ?').get(interviewId) as { text: string }).text;

export function spanOf(db: Db, interviewId: string, needle: string): { start: number; end: number } {
  const start = textOf(db, interviewId).indexOf(needle);
  if (start < 0) throw new Error(`"${needle}" is not in the interview text`);
  return { start, end: start + needle.length };
}

export function openStudy(): Study {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-export-'));
  const path = join(dir, 'study.dyad');
  const project = Project.open(path, { create: true });
  const db = project.db;
  const roles = (p: string) => ({ I: 'interviewer' as const, [p]: 'participant' as const });
  const iv = db.transaction(() => ({
    d4s1Client: insertInterview(db, 'D04_S1_client.txt', transcript(D4S1_CLIENT), { dyad: '4', session: 1, role: 'client', speakerRoles: roles('C') }),
    d4s1Therapist: insertInterview(db, 'D04_S1_therapist.txt', transcript(D4S1_THERAPIST), { dyad: '4', session: 1, role: 'therapist', speakerRoles: roles('T') }),
    d4s2Client: insertInterview(db, 'D04_S2_client.txt', transcript(D4S2_CLIENT), { dyad: '4', session: 2, role: 'client', speakerRoles: roles('C') }),
    d7s1Client: insertInterview(db, 'D07_S1_client.txt', transcript(D7S1_CLIENT), { dyad: '7', session: 1, role: 'client', speakerRoles: roles('C') }),
    d7s1Therapist: insertInterview(db, 'D07_S1_therapist.txt', transcript(D7S1_THERAPIST), { dyad: '7', session: 1, role: 'therapist', speakerRoles: roles('T') }),
  }))();
  const ref = (interviewId: string) => {
    const r = db
      .prepare('SELECT s.id AS session, s.dyad_id AS dyad FROM interviews i JOIN sessions s ON s.id = i.session_id WHERE i.id = ?')
      .get(interviewId) as { session: string; dyad: string };
    return r;
  };
  const d4 = ref(iv.d4s1Client);
  const d7 = ref(iv.d7s1Client);
  updateDyad(db, d4.dyad, { attributes: { modality: 'online', Age: '34' } });
  updateDyad(db, d7.dyad, { attributes: { modality: 'in person' } });
  updateSession(db, d4.session, { date: '2024-03-05' });

  const ben = C.ensureCoder(db, 'Ben');
  const ana = C.setCurrentCoder(db, 'Ana');
  const alliance = C.createCode(db, { name: 'Alliance', definition: 'The working relationship as either side describes it.' });
  const rupture = C.createCode(db, { name: 'Rupture', parentId: alliance.id, definition: 'A strain in the alliance: one side pulls away or pushes.' });
  const shame = C.createCode(db, { name: 'Shame', definition: 'Feeling *small* or exposed <as a person>.' });
  const repair = C.createCode(db, { name: 'Repair' });
  const codings: Record<string, string> = {};
  const code = (key: string, codeId: string, coderId: string, interviewId: string, words: string) => {
    codings[key] = C.addCoding(db, { interviewId, ...spanOf(db, interviewId, words), codeId, coderId }).coding.id;
  };
  code('shame:eye', shame.id, ana.id, iv.d4s1Client, 'I could not make eye contact with Anna Maria. I felt about six years old.');
  code('shame:bored', shame.id, ben.id, iv.d4s1Client, "she is bored of me, like Mr. O'Brien at school");
  code('shame:look2', shame.id, ana.id, iv.d4s2Client, 'This time I could look at her, mostly.');
  code('rupture:client', rupture.id, ana.id, iv.d4s1Client, 'I could not make eye contact');
  code('rupture:therapist', rupture.id, ben.id, iv.d4s1Therapist, 'I noticed she looked away and I leaned in, maybe too far.');
  code('rupture:silence', rupture.id, ana.id, iv.d4s1Therapist, 'My silence was meant as room to think, not boredom.');
  code('rupture:d7client', rupture.id, ana.id, iv.d7s1Client, 'I kept waiting for the telling-off that never came.');
  code('rupture:d7therapist', rupture.id, ana.id, iv.d7s1Therapist, 'I was braced for anger and it did not come.');
  code('repair:zoe', repair.id, ana.id, iv.d4s1Client, 'Here Anna asked about my sister Zoë and something *softened*, a <small> thing.');
  C.createMemo(db, { targetKind: 'coding', targetId: codings['shame:eye']!, text: 'Eye contact with Anna Maria avoided; compare session 2.' });
  C.createMemo(db, { targetKind: 'code', targetId: shame.id, title: 'Scope', text: 'Only the self, not the scene.' });
  return {
    dir,
    path,
    project,
    db,
    ids: {
      ...iv,
      dyad4: d4.dyad,
      dyad7: d7.dyad,
      session41: d4.session,
      ana: ana.id,
      ben: ben.id,
      alliance: alliance.id,
      rupture: rupture.id,
      shame: shame.id,
      repair: repair.id,
    },
    codings,
    close() {
      if (project.db.open) project.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table (with rowids), to show that an export changed nothing. */
export function dumpAll(db: Db): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'turns_fts_%' ORDER BY name").pluck().all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = db.prepare(`SELECT rowid AS _rowid, * FROM "${t}" ORDER BY rowid`).all();
  return out;
}

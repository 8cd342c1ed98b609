/**
 * A merge carries what a coder did to a session besides coding: the links they drew by hand between the client's and
 * the therapist's recall moments (and the automatic pairings they took apart), and the session's recording.
 * The copies here are made the way a team makes them: a copy of the lead's project file, or (for the lead's own
 * project) the same transcripts imported separately, so that every recall moment has another id there.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../../helpers/api';
import * as C from '../../../electron/core/coding';
import { setLink } from '../../../electron/core/alignment';
import type { Db } from '../../../electron/core/database';
import { findSession, updateSession } from '../../../electron/core/dyads';
import { insertInterview } from '../../../electron/core/interviews';
import { setInterviewAudio } from '../../../electron/core/media';
import { Project } from '../../../electron/core/project';
import { rescanMoments } from '../../../electron/core/rescanMoments';
import type { ParsedTranscript } from '../../../shared/import/types';
import { everything } from '../../helpers/everything';
import { buildTranscript as transcript, type Line } from '../coding/fixture';

// Dyad 7, session 1. The client's "<<06:40>>" is a stop only a custom marker pattern finds: the coder adds one.
const CLIENT_7: Line[] = [
  { speaker: 'I', text: 'Before we play it: how was the session for you, overall?' },
  { video: 70 },
  { speaker: 'C', text: 'I could not look at her. I felt small.' },
  { video: 185 },
  { speaker: 'C', text: 'Relief, honestly. She stopped pushing.' },
  { speaker: 'C', text: '<<06:40>> This is where I wanted to leave the room.' },
  { video: 520 },
  { speaker: 'C', text: 'She asked about my father and I went blank.' },
];
const THERAPIST_7: Line[] = [
  { video: 72 },
  { speaker: 'T', text: 'I sensed her pulling away and pressed harder.' },
  { video: 190 },
  { speaker: 'T', text: 'I sat back and let the silence be.' },
  { video: 530 },
  { speaker: 'T', text: 'Her eyes went to the door; I froze for a moment.' },
  { video: 640 },
  { speaker: 'T', text: 'When I named her father she went somewhere far away.' },
];
// Dyad 7, session 2: a client interview only, for the recordings.
const CLIENT_7_2: Line[] = [{ video: 40 }, { speaker: 'C', text: 'This week felt lighter from the start.' }];
// Dyad 9: a session only the coder imported.
const CLIENT_9: Line[] = [{ video: 15 }, { speaker: 'C', text: 'I was sure she would be cross with me.' }, { video: 300 }, { speaker: 'C', text: 'Then she laughed.' }];
const THERAPIST_9: Line[] = [{ video: 20 }, { speaker: 'T', text: 'I was tired and it showed.' }, { video: 420 }, { speaker: 'T', text: 'The laugh broke the tension.' }];

const MARKER = String.raw`<<(\d+:\d\d)>>`;
const CODER_RECORDING = 'D:/study/recordings/D07_S1.mp4';

/** The same transcript with Windows line endings: another import of the same file, matched by text. */
function withCrlf(t: ParsedTranscript): ParsedTranscript {
  const shift = (o: number) => o + (t.text.slice(0, o).match(/\n/g)?.length ?? 0);
  return {
    ...t,
    text: t.text.replaceAll('\n', '\r\n'),
    turns: t.turns.map((x) => ({ ...x, start: shift(x.start), end: shift(x.end) })),
    moments: t.moments.map((m) => ({ ...m, offset: shift(m.offset) })),
  };
}

function importInto(db: Db, dyad: string, session: number, role: 'client' | 'therapist', lines: Line[], crlf = false): string {
  const parsed = transcript(lines);
  const speaker = role === 'client' ? 'C' : 'T';
  return db.transaction(() =>
    insertInterview(db, `D0${dyad}_S${session}_${role}.txt`, crlf ? withCrlf(parsed) : parsed, { dyad, session, role, speakerRoles: { I: 'interviewer', [speaker]: 'participant' } }),
  )();
}

function makeBase(path: string, crlf = false): void {
  const p = Project.open(path, { create: true });
  importInto(p.db, '7', 1, 'client', CLIENT_7, crlf);
  importInto(p.db, '7', 1, 'therapist', THERAPIST_7, crlf);
  importInto(p.db, '7', 2, 'client', CLIENT_7_2, crlf);
  C.clearUndoHistory(p.db);
  p.close();
}

const sessionId = (db: Db, dyad: string, n: number) => findSession(db, dyad, n)!.id;
const interviewId = (db: Db, dyad: string, n: number, role: string) =>
  db.prepare('SELECT id FROM interviews WHERE session_id = ? AND role = ?').pluck().get(sessionId(db, dyad, n), role) as string;
const momentAt = (db: Db, interview: string, seconds: number) =>
  db.prepare('SELECT id FROM moments WHERE interview_id = ? AND session_time = ?').pluck().get(interview, seconds) as string;

/** Links a coder draws between the moments at these session times (client, therapist). */
function draw(db: Db, dyad: string, n: number, kind: 'link' | 'unlink', client: number, therapist: number) {
  const c = momentAt(db, interviewId(db, dyad, n, 'client'), client);
  const t = momentAt(db, interviewId(db, dyad, n, 'therapist'), therapist);
  setLink(db, sessionId(db, dyad, n), c, t, kind);
}

let dir: string;
let bea: string;

/** Dyad 7, session 1 lined up after the merge: Bea's unlink parts 520 | 530, her link pairs 520 with 640. */
const DRAWN_BY_BEA = ['opening | - | none', '70 | 72 | auto', '185 | - | none', '- | 190 | none', '- | 530 | none', '520 | 640 | manual'];
const call = <T = any>(project: Project, method: string, input: unknown = {}) => callApi<T>(project, method, input);

async function merge(project: Project, path: string) {
  const preview = await call(project, 'merge.preview', { path });
  const applied = await call(project, 'merge.apply', { planId: preview.planId, choices: {} });
  return { preview, applied };
}

/** The rows of a session as a researcher reads them: client time | therapist time | how they came together. */
async function rows(project: Project, dyad: string, n: number): Promise<string[]> {
  const a = await call(project, 'sessions.align', { sessionId: sessionId(project.db, dyad, n) });
  return (a.rows as { client: { sessionTime: number | null; kind: string } | null; therapist: { sessionTime: number | null; kind: string } | null; match: string }[]).map(
    (r) => `${r.client ? (r.client.sessionTime ?? r.client.kind) : '-'} | ${r.therapist ? (r.therapist.sessionTime ?? r.therapist.kind) : '-'} | ${r.match}`,
  );
}

const recording = (db: Db, dyad: string, n: number) => findSession(db, dyad, n)!.recordingPath;
const interviewOf = (db: Db, dyad: string, n: number, role: string) =>
  db.prepare('SELECT id FROM interviews WHERE session_id = ? AND role = ?').pluck().get(sessionId(db, dyad, n), role) as string;
const audio = (db: Db, dyad: string, n: number, role: string) => db.prepare('SELECT audio_path FROM interviews WHERE id = ?').pluck().get(interviewOf(db, dyad, n, role)) as string | null;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dyad-links-'));
  const base = join(dir, 'base.dyad');
  makeBase(base);
  bea = join(dir, 'bea.dyad');
  copyFileSync(base, join(dir, 'lead.dyad'));
  copyFileSync(base, bea);

  const p = Project.open(bea);
  const db = p.db;
  // Bea's transcriber wrote one stop as "<<06:40>>": she adds the pattern, which finds it in her copy only.
  expect(rescanMoments(db, [MARKER], true).moments).toBe(1);
  draw(db, '7', 1, 'unlink', 185, 190);
  draw(db, '7', 1, 'link', 520, 640);
  draw(db, '7', 1, 'link', 400, 530);
  updateSession(db, sessionId(db, '7', 1), { recordingPath: CODER_RECORDING });
  updateSession(db, sessionId(db, '7', 2), { recordingPath: 'D:/study/recordings/D07_S2_bea.mp4' });
  importInto(db, '9', 1, 'client', CLIENT_9);
  importInto(db, '9', 1, 'therapist', THERAPIST_9);
  draw(db, '9', 1, 'link', 300, 420);
  updateSession(db, sessionId(db, '9', 1), { recordingPath: 'D:/study/recordings/D09_S1.mp4' });
  // The interviews' own recordings travel the same way.
  setInterviewAudio(db, interviewOf(db, '7', 1, 'client'), 'D:/study/interviews/D07_S1_client.wav');
  setInterviewAudio(db, interviewOf(db, '7', 1, 'therapist'), 'D:/study/interviews/D07_S1_therapist_bea.wav');
  setInterviewAudio(db, interviewOf(db, '9', 1, 'client'), 'D:/study/interviews/D09_S1_client.wav');
  p.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("merging a coder's copy with links drawn by hand and recordings", () => {
  let lead: Project;
  let before: Record<string, unknown[]>;
  let merged: Record<string, unknown[]>;
  let summary: any;
  let rowsBefore: string[];

  beforeAll(async () => {
    lead = Project.open(join(dir, 'lead.dyad'));
    const db = lead.db;
    // The lead took the same automatic pairing apart, and has a recording of her own for session 2.
    draw(db, '7', 1, 'unlink', 185, 190);
    updateSession(db, sessionId(db, '7', 2), { recordingPath: 'E:/recordings/dyad7-session2.mp4' });
    setInterviewAudio(db, interviewOf(db, '7', 1, 'therapist'), 'E:/interviews/dyad7-s1-therapist.wav');
    C.clearUndoHistory(db);
    rowsBefore = await rows(lead, '7', 1);
    before = everything(db);
    const { preview, applied } = await merge(lead, bea);
    expect(applied).toMatchObject({ changed: true, undoLabel: 'Merge bea.dyad' });
    expect(applied.summary).toEqual(preview.summary);
    summary = applied.summary;
    merged = everything(db);
  });
  afterAll(() => lead.close());

  it('lines the session up the way the coder drew it', async () => {
    expect(rowsBefore).toContain('520 | 530 | auto');
    expect(await rows(lead, '7', 1)).toEqual(DRAWN_BY_BEA);
    expect(await rows(lead, '9', 1)).toEqual(['15 | 20 | auto', '300 | 420 | manual']);
  });

  it("keeps the lead's own decision once, first, and the coder's after it in the order drawn", () => {
    const links = lead.db
      .prepare('SELECT kind, created_at FROM moment_links WHERE session_id = ? ORDER BY created_at, rowid')
      .all(sessionId(lead.db, '7', 1)) as { kind: string; created_at: string }[];
    expect(links.map((l) => l.kind)).toEqual(['unlink', 'link']);
    expect(links[1]!.created_at >= links[0]!.created_at).toBe(true);
    expect(summary.links).toEqual({ added: 2, alreadyThere: 1, skipped: 1 });
  });

  it('leaves out the link to a recall moment this project does not have, and says so', () => {
    expect(lead.db.prepare('SELECT count(*) FROM moments WHERE session_time = 400').pluck().get()).toBe(0);
    expect(summary.warnings).toContain("1 of the 3 links drawn by hand in dyad 7, session 1 of bea.dyad was left out: the recall moments or turns they join are not in this project's transcripts.");
  });

  it("takes the coder's recording where the session had none, and keeps the lead's own", () => {
    expect(recording(lead.db, '7', 1)).toBe(CODER_RECORDING);
    expect(recording(lead.db, '7', 2)).toBe('E:/recordings/dyad7-session2.mp4');
    expect(recording(lead.db, '9', 1)).toBe('D:/study/recordings/D09_S1.mp4');
    expect(summary.sessions).toEqual({ added: 1, recordings: 1 });
    expect(summary.warnings).toContain(
      'Dyad 7, session 2 has the recording "E:/recordings/dyad7-session2.mp4" here and "D:/study/recordings/D07_S2_bea.mp4" in bea.dyad; it keeps "E:/recordings/dyad7-session2.mp4".',
    );
  });

  it("carries the interviews' own recordings like the sessions': taken where there was none, the lead's kept, a new interview's brought along", () => {
    expect(audio(lead.db, '7', 1, 'client')).toBe('D:/study/interviews/D07_S1_client.wav');
    expect(audio(lead.db, '7', 1, 'therapist')).toBe('E:/interviews/dyad7-s1-therapist.wav');
    expect(audio(lead.db, '9', 1, 'client')).toBe('D:/study/interviews/D09_S1_client.wav');
    expect(audio(lead.db, '9', 1, 'therapist')).toBeNull();
    expect(summary.warnings.some((w: string) => /has the recording "E:\/interviews\/dyad7-s1-therapist\.wav" here and "D:\/study\/interviews\/D07_S1_therapist_bea\.wav" in bea\.dyad; it keeps/.test(w))).toBe(true);
  });

  it('merging the same copy again adds nothing', async () => {
    const again = await call(lead, 'merge.preview', { path: bea });
    expect(again.summary.nothingToDo).toBe(true);
    expect(again.summary.links).toEqual({ added: 0, alreadyThere: 3, skipped: 1 });
  });

  it('Undo takes all of it back exactly, and Redo puts it back', async () => {
    expect((await call(lead, 'undo.undo')).undone).toBe('Merge bea.dyad');
    expect(everything(lead.db)).toEqual(before);
    expect(await rows(lead, '7', 1)).toEqual(rowsBefore);
    expect((await call(lead, 'undo.redo')).redone).toBe('Merge bea.dyad');
    expect(everything(lead.db)).toEqual(merged);
    expect((await call(lead, 'undo.undo')).undone).toBe('Merge bea.dyad');
    expect(everything(lead.db)).toEqual(before);
    expect((await call(lead, 'undo.redo')).redone).toBe('Merge bea.dyad');
    expect(everything(lead.db)).toEqual(merged);
  });
});

describe('into a project that imported the same transcripts itself', () => {
  it('finds the recall moments the links join by place and session time, under their ids here', async () => {
    const path = join(dir, 'own.dyad');
    makeBase(path, true);
    const lead = Project.open(path);
    try {
      const db = lead.db;
      const client = interviewId(db, '7', 1, 'client');
      const { applied } = await merge(lead, bea);
      expect(applied.summary.interviews.matchedByText).toBe(3);
      expect(applied.summary.links).toEqual({ added: 3, alreadyThere: 0, skipped: 1 });
      expect(await rows(lead, '7', 1)).toEqual(DRAWN_BY_BEA);
      // The link names this project's moment, not the copy's.
      const link = db.prepare("SELECT client_unit_id FROM moment_links WHERE kind = 'link' AND session_id = ?").pluck().get(sessionId(db, '7', 1));
      expect(link).toBe(momentAt(db, client, 520));
    } finally {
      lead.close();
    }
  });
});

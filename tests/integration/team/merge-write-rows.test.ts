/**
 * What the merge's database writer (electron/team/write.ts) leaves in the project, row by row, as a researcher would
 * check it after merging a colleague's copy: the codebook tree (renamed, swapped, moved codes and their siblings'
 * order), the dyads' attributes, the sessions and their recordings, the added transcripts (searchable turn by turn,
 * their moments and links), the codings and the memos; then Undo takes every table back to what it was and Redo
 * puts the merge back. Also: the "Writing" progress, and undo when the project's codings took the largest rowid.
 *
 * In an in-memory database with every migration applied (built once, copied per test): a test takes milliseconds,
 * so the mutation run of write.ts (docs/mutation.md) reruns these instead of the real-file tests.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { redo, undo, undoable } from '../../../electron/core/coding';
import type { Db } from '../../../electron/core/database';
import { migrate } from '../../../electron/core/migrate';
import { writeOperations } from '../../../electron/team/write';
import type { MergeOperations } from '../../../shared/merge';
import type { SnapshotCode } from '../../../shared/snapshot/types';

const AT = '2026-03-02T10:00:00.000Z';
const LATER = '2026-03-09T16:30:00.000Z';
const CLIENT = 'I wanted to leave the room. Then I stayed.';
const THERAPIST = 'I noticed you went quiet. I waited for you.';
const SECOND = 'We talked about my sister today.';
const ASKED = 'I asked about her sister.';

const none: MergeOperations = {
  coders: [], codebooks: [], codesAdded: [], codesUpdated: [], dyadsAdded: [], dyadsUpdated: [], sessionsAdded: [], sessionRecordings: [],
  interviewRecordings: [], interviewsAdded: [], codingsAdded: [], memosAdded: [], memosUpdated: [], linksAdded: [],
};

const code = (id: string, name: string, parentId: string | null, position: number, codebookId = 'book-ipr'): SnapshotCode => ({
  id, codebookId, parentId, name, color: '#777777', definition: '', inclusion: '', exclusion: '', example: '', shortcut: null, position,
});
const turn = (id: string, seq: number, start: number, end: number, interviewTime: number | null = null) => ({
  id, seq, speaker: 'S', speakerRole: 'participant' as const, start, end, interviewTime,
});

const write = (db: Db, ops: MergeOperations, onStep?: (done: number, total: number) => void) =>
  undoable(db, 'Merge bea.dyad', () => writeOperations(db, ops, onStep));

/**
 * This project: coder Ana; codebook "IPR moments" with Avoidance, Blame, Calm at the root, Feelings (Shame, Guilt,
 * Relief) and Relationship (Trust, Rupture, Repair); dyad 1 (online, 34) with session 1 and its client transcript
 * (turns t-1, t-2; moment m-c); two of Ana's codings; a memo on Shame.
 */
const lead: MergeOperations = {
  ...none,
  coders: [{ id: 'coder-ana', name: 'Ana' }],
  codebooks: [{ id: 'book-ipr', name: 'IPR moments' }],
  codesAdded: [
    code('code-avoid', 'Avoidance', null, 0), code('code-blame', 'Blame', null, 1), code('code-calm', 'Calm', null, 2),
    code('code-feel', 'Feelings', null, 3), code('code-rel', 'Relationship', null, 4),
    code('code-shame', 'Shame', 'code-feel', 0), code('code-guilt', 'Guilt', 'code-feel', 1), code('code-relief', 'Relief', 'code-feel', 2),
    code('code-trust', 'Trust', 'code-rel', 0), code('code-rupture', 'Rupture', 'code-rel', 1), code('code-repair', 'Repair', 'code-rel', 2),
  ],
  dyadsAdded: [{ id: 'dyad-1', name: '1', attributes: { modality: 'online', age: '34' } }],
  sessionsAdded: [{ id: 'session-1-1', dyadId: 'dyad-1', number: 1, date: '2026-02-20', recordingPath: null }],
  interviewsAdded: [
    {
      id: 'client-1', sessionId: 'session-1-1', role: 'client', sourceName: 'D01_S1_client.txt', audioPath: null, text: CLIENT,
      turns: [turn('t-1', 0, 0, 27), turn('t-2', 1, 28, CLIENT.length)],
      moments: [{ id: 'm-c', sessionTime: 95, offset: 0, label: 'wanted to leave' }],
    },
  ],
  codingsAdded: [
    { id: 'coding-ana-1', interviewId: 'client-1', codeId: 'code-avoid', coderId: 'coder-ana', start: 2, end: 26, createdAt: AT },
    { id: 'coding-ana-2', interviewId: 'client-1', codeId: 'code-relief', coderId: 'coder-ana', start: 33, end: 40, createdAt: AT },
  ],
  memosAdded: [{ id: 'memo-shame', targetKind: 'code', targetId: 'code-shame', coderId: 'coder-ana', title: 'Shame', text: 'Only when named.', createdAt: AT, updatedAt: AT }],
};

/**
 * Bea's copy, as the planner would write it: her coder and codebook; Avoidance and Calm swap names; Blame becomes
 * "Blaming" and a new "Blame" takes its old name; Guilt moves to Relationship and Trust to the root (each leaves a
 * gap); Relief gets a colour, Repair a definition and a shortcut; dyad 1's age is corrected and a site added; dyad 2
 * with a session, recording and both transcripts (the client's turn id "t-2" is taken here), linked; the therapist
 * transcript of dyad 1 (its first turn's id "t-1" and moment's id "m-c" are taken here), linked to the client's moment; codings in both new transcripts and Ana's; Bea's memo, and her
 * text of Ana's memo taken.
 */
const bea: MergeOperations = {
  coders: [{ id: 'coder-bea', name: 'Bea' }],
  codebooks: [{ id: 'book-bea', name: 'Bea’s codes' }],
  codesAdded: [code('code-blame-new', 'Blame', null, 5), code('code-bea-hope', 'Hope', null, 0, 'book-bea'), code('code-bea-wish', 'Wish', 'code-bea-hope', 0, 'book-bea')],
  codesUpdated: [
    { id: 'code-avoid', set: { name: 'Calm' } },
    { id: 'code-calm', set: { name: 'Avoidance' } },
    { id: 'code-blame', set: { name: 'Blaming' } },
    { id: 'code-guilt', set: { parentId: 'code-rel', position: 3 } },
    { id: 'code-trust', set: { parentId: null, position: 6 } },
    { id: 'code-relief', set: { color: '#33aa55' } },
    { id: 'code-repair', set: { definition: 'Mending after a rupture.', shortcut: 'r' } },
  ],
  dyadsAdded: [{ id: 'dyad-2', name: '2', attributes: { modality: 'in person' } }],
  dyadsUpdated: [{ id: 'dyad-1', attributes: { modality: 'online', age: '35', site: 'Leeds' }, before: { modality: 'online', age: '34' } }],
  sessionsAdded: [{ id: 'session-2-1', dyadId: 'dyad-2', number: 1, date: '2026-03-01', recordingPath: '/recordings/D02_S1.mp4' }],
  sessionRecordings: [{ id: 'session-1-1', recordingPath: '/recordings/D01_S1.mp4', before: null }],
  interviewRecordings: [{ id: 'client-1', audioPath: '/recordings/D01_S1_client.m4a', before: null }],
  interviewsAdded: [
    {
      id: 'therapist-1', sessionId: 'session-1-1', role: 'therapist', sourceName: 'D01_S1_therapist.txt', text: THERAPIST,
      turns: [{ ...turn('t-1', 0, 0, 25, 90), timePoints: [[0, 90], [12, 93]] }, turn('t-9', 1, 26, THERAPIST.length, 97)],
      moments: [{ id: 'm-c', sessionTime: 96, offset: 0, label: 'went quiet' }, { id: 'm-t', sessionTime: 99, offset: 26, label: 'waited' }],
    },
    {
      id: 'client-2', sessionId: 'session-2-1', role: 'client', sourceName: 'D02_S1_client.txt', audioPath: '/recordings/D02_S1_client.m4a', text: SECOND,
      turns: [turn('t-2', 0, 0, SECOND.length)], moments: [],
    },
    {
      id: 'therapist-2', sessionId: 'session-2-1', role: 'therapist', sourceName: 'D02_S1_therapist.txt', text: ASKED,
      turns: [turn('t-30', 0, 0, ASKED.length)], moments: [],
    },
  ],
  // Out of the interview index's order on purpose.
  codingsAdded: [
    { id: 'coding-bea-3', interviewId: 'therapist-1', codeId: 'code-bea-hope', coderId: 'coder-bea', start: 26, end: 42, createdAt: LATER },
    { id: 'coding-bea-1', interviewId: 'client-2', codeId: 'code-rel', coderId: 'coder-bea', start: 21, end: 31, createdAt: LATER },
    { id: 'coding-bea-2', interviewId: 'therapist-1', codeId: 'code-calm', coderId: 'coder-bea', start: 0, end: 24, createdAt: LATER },
    { id: 'coding-bea-4', interviewId: 'client-1', codeId: 'code-blame-new', coderId: 'coder-bea', start: 0, end: 27, createdAt: LATER },
  ],
  memosAdded: [{ id: 'memo-bea', targetKind: 'dyad', targetId: 'dyad-2', coderId: 'coder-bea', title: 'Tone', text: 'Guarded at first.', createdAt: LATER, updatedAt: LATER }],
  memosUpdated: [{ id: 'memo-shame', title: 'Shame (named)', text: 'Only when the client names it.' }],
  linksAdded: [
    { id: 'link-1', sessionId: 'session-1-1', clientUnitId: 'm-c', therapistUnitId: 'm-c', kind: 'link', createdAt: LATER },
    { id: 'link-2', sessionId: 'session-1-1', clientUnitId: 'm-c', therapistUnitId: 'm-t', kind: 'link', createdAt: LATER },
    // Dyad 2's client turn brings "t-2", which dyad 1's client transcript has here.
    { id: 'link-3', sessionId: 'session-2-1', clientUnitId: 't-2', therapistUnitId: 't-30', kind: 'link', createdAt: LATER },
  ],
};

let image: Buffer | null = null;
/** A fresh copy of the lead's project, in memory, with its own history (the step that wrote it). */
function leadProject(): Db {
  if (!image) {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
    write(db, lead);
    image = db.serialize();
    db.close();
  }
  const db: Db = new Database(image);
  db.pragma('foreign_keys = ON');
  return db;
}

/** Every table a merge writes, whole rows, in an order that does not depend on how they were written. */
function everything(db: Db): Record<string, unknown[]> {
  const all = (table: string, order = 'id') => db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
  return {
    coders: all('coders'),
    codebooks: all('codebooks'),
    codes: all('codes'),
    dyads: all('dyads'),
    sessions: all('sessions'),
    interviews: all('interviews'),
    turns: all('turns'),
    search: all('turns_fts', 'turn_id'),
    moments: all('moments'),
    links: all('moment_links'),
    codings: all('codings'),
    memos: all('memos'),
  };
}

/** The codebook as the researcher sees it: each code under its parent, in its place, with what they can edit. */
function tree(db: Db, codebook: string): string[] {
  const codes = db.prepare('SELECT id, parent_id AS parentId, name, position, color, definition, shortcut FROM codes WHERE codebook_id = ?').all(codebook) as {
    id: string; parentId: string | null; name: string; position: number; color: string; definition: string; shortcut: string | null;
  }[];
  const lines: string[] = [];
  const under = (parent: string | null, depth: number) => {
    for (const c of codes.filter((x) => x.parentId === parent).sort((a, b) => a.position - b.position)) {
      lines.push(`${'  '.repeat(depth)}${c.position} ${c.name} [${c.id}] ${c.color}${c.definition ? ` "${c.definition}"` : ''}${c.shortcut ? ` key ${c.shortcut}` : ''}`);
      under(c.id, depth + 1);
    }
  };
  under(null, 0);
  return lines;
}

const searchFor = (db: Db, words: string) =>
  db.prepare('SELECT turn_id AS turn, interview_id AS interview FROM turns_fts WHERE turns_fts MATCH ? ORDER BY turn_id').all(`"${words}"`);

describe('a colleague’s copy merged into this project, as written to the file', () => {
  it('the codebook: names swapped and taken, codes moved, their old siblings closed up, fields filled in', () => {
    const db = leadProject();
    write(db, bea);
    expect(tree(db, 'book-ipr')).toEqual([
      '0 Calm [code-avoid] #777777',
      '1 Blaming [code-blame] #777777',
      '2 Avoidance [code-calm] #777777',
      '3 Feelings [code-feel] #777777',
      '  0 Shame [code-shame] #777777',
      '  1 Relief [code-relief] #33aa55',
      '4 Relationship [code-rel] #777777',
      '  0 Rupture [code-rupture] #777777',
      '  1 Repair [code-repair] #777777 "Mending after a rupture." key r',
      '  2 Guilt [code-guilt] #777777',
      '5 Blame [code-blame-new] #777777',
      '6 Trust [code-trust] #777777',
    ]);
    expect(tree(db, 'book-bea')).toEqual(['0 Hope [code-bea-hope] #777777', '  0 Wish [code-bea-wish] #777777']);
    expect(db.prepare('SELECT id, name FROM codebooks ORDER BY name').all()).toEqual([
      { id: 'book-bea', name: 'Bea’s codes' },
      { id: 'book-ipr', name: 'IPR moments' },
    ]);
    expect(db.prepare('SELECT id, name FROM coders ORDER BY name').all()).toEqual([
      { id: 'coder-ana', name: 'Ana' },
      { id: 'coder-bea', name: 'Bea' },
    ]);
    db.close();
  });

  it('the dyads, sessions and recordings', () => {
    const db = leadProject();
    write(db, bea);
    expect(db.prepare('SELECT id, name, attributes FROM dyads ORDER BY name').all().map((d: any) => ({ ...d, attributes: JSON.parse(d.attributes) }))).toEqual([
      { id: 'dyad-1', name: '1', attributes: { modality: 'online', age: '35', site: 'Leeds' } },
      { id: 'dyad-2', name: '2', attributes: { modality: 'in person' } },
    ]);
    expect(db.prepare('SELECT id, dyad_id AS dyad, number, date, recording_path AS recording FROM sessions ORDER BY id').all()).toEqual([
      { id: 'session-1-1', dyad: 'dyad-1', number: 1, date: '2026-02-20', recording: '/recordings/D01_S1.mp4' },
      { id: 'session-2-1', dyad: 'dyad-2', number: 1, date: '2026-03-01', recording: '/recordings/D02_S1.mp4' },
    ]);
    db.close();
  });

  it('the transcripts: text, word count and recording, each turn searchable by its own words, the moments, the links', () => {
    const db = leadProject();
    write(db, bea);
    expect(db.prepare('SELECT id, session_id AS session, role, source_name AS source, text, word_count AS words, audio_path AS audio FROM interviews ORDER BY id').all()).toEqual([
      { id: 'client-1', session: 'session-1-1', role: 'client', source: 'D01_S1_client.txt', text: CLIENT, words: 9, audio: '/recordings/D01_S1_client.m4a' },
      { id: 'client-2', session: 'session-2-1', role: 'client', source: 'D02_S1_client.txt', text: SECOND, words: 6, audio: '/recordings/D02_S1_client.m4a' },
      { id: 'therapist-1', session: 'session-1-1', role: 'therapist', source: 'D01_S1_therapist.txt', text: THERAPIST, words: 9, audio: null },
      { id: 'therapist-2', session: 'session-2-1', role: 'therapist', source: 'D02_S1_therapist.txt', text: ASKED, words: 5, audio: null },
    ]);
    // Dyad 2's client turn "t-2" and the therapist's first turn "t-1" are ids dyad 1's client transcript has here: each gets a fresh one.
    const turns = db.prepare('SELECT id, interview_id AS interview, seq, speaker, speaker_role AS role, start, "end", interview_time AS time, time_points AS points FROM turns ORDER BY interview_id, seq').all() as { id: string }[];
    const freshClient = turns[2]!.id;
    const fresh = turns[3]!.id;
    expect([freshClient, fresh]).not.toContain('t-1');
    expect([freshClient, fresh]).not.toContain('t-2');
    expect(freshClient).not.toBe(fresh);
    expect(turns).toEqual([
      { id: 't-1', interview: 'client-1', seq: 0, speaker: 'S', role: 'participant', start: 0, end: 27, time: null, points: null },
      { id: 't-2', interview: 'client-1', seq: 1, speaker: 'S', role: 'participant', start: 28, end: CLIENT.length, time: null, points: null },
      { id: freshClient, interview: 'client-2', seq: 0, speaker: 'S', role: 'participant', start: 0, end: SECOND.length, time: null, points: null },
      { id: fresh, interview: 'therapist-1', seq: 0, speaker: 'S', role: 'participant', start: 0, end: 25, time: 90, points: '[[0,90],[12,93]]' },
      { id: 't-9', interview: 'therapist-1', seq: 1, speaker: 'S', role: 'participant', start: 26, end: THERAPIST.length, time: 97, points: null },
      { id: 't-30', interview: 'therapist-2', seq: 0, speaker: 'S', role: 'participant', start: 0, end: ASKED.length, time: null, points: null },
    ]);
    expect(searchFor(db, 'went quiet')).toEqual([{ turn: fresh, interview: 'therapist-1' }]);
    expect(searchFor(db, 'waited for you')).toEqual([{ turn: 't-9', interview: 'therapist-1' }]);
    expect(searchFor(db, 'my sister')).toEqual([{ turn: freshClient, interview: 'client-2' }]);
    // Only each turn's own words: the first turn is not found by the second's.
    expect(searchFor(db, 'quiet I waited')).toEqual([]);

    const moments = db.prepare('SELECT id, interview_id AS interview, session_time AS time, "offset", label FROM moments ORDER BY interview_id, "offset"').all() as { id: string }[];
    const freshMoment = moments[1]!.id;
    expect(freshMoment).not.toBe('m-c');
    expect(moments).toEqual([
      { id: 'm-c', interview: 'client-1', time: 95, offset: 0, label: 'wanted to leave' },
      { id: freshMoment, interview: 'therapist-1', time: 96, offset: 0, label: 'went quiet' },
      { id: 'm-t', interview: 'therapist-1', time: 99, offset: 26, label: 'waited' },
    ]);
    // The therapist's renewed moment is followed, and the client's moment here with the same id keeps its own on the
    // client's side; dyad 2's renewed client turn is followed.
    expect(db.prepare('SELECT id, session_id AS session, client_unit_id AS client, therapist_unit_id AS therapist, kind, created_at AS at FROM moment_links ORDER BY id').all()).toEqual([
      { id: 'link-1', session: 'session-1-1', client: 'm-c', therapist: freshMoment, kind: 'link', at: LATER },
      { id: 'link-2', session: 'session-1-1', client: 'm-c', therapist: 'm-t', kind: 'link', at: LATER },
      { id: 'link-3', session: 'session-2-1', client: freshClient, therapist: 't-30', kind: 'link', at: LATER },
    ]);
    db.close();
  });

  it('the codings and memos: every coding of both, Bea’s memo, her text of Ana’s memo', () => {
    const db = leadProject();
    write(db, bea);
    expect(db.prepare('SELECT id, interview_id AS interview, code_id AS code, coder_id AS coder, start, "end", created_at AS at FROM codings ORDER BY id').all()).toEqual([
      { id: 'coding-ana-1', interview: 'client-1', code: 'code-avoid', coder: 'coder-ana', start: 2, end: 26, at: AT },
      { id: 'coding-ana-2', interview: 'client-1', code: 'code-relief', coder: 'coder-ana', start: 33, end: 40, at: AT },
      { id: 'coding-bea-1', interview: 'client-2', code: 'code-rel', coder: 'coder-bea', start: 21, end: 31, at: LATER },
      { id: 'coding-bea-2', interview: 'therapist-1', code: 'code-calm', coder: 'coder-bea', start: 0, end: 24, at: LATER },
      { id: 'coding-bea-3', interview: 'therapist-1', code: 'code-bea-hope', coder: 'coder-bea', start: 26, end: 42, at: LATER },
      { id: 'coding-bea-4', interview: 'client-1', code: 'code-blame-new', coder: 'coder-bea', start: 0, end: 27, at: LATER },
    ]);
    const memos = db.prepare('SELECT id, target_kind AS kind, target_id AS target, coder_id AS coder, title, text, created_at AS created, updated_at AS updated FROM memos ORDER BY id').all() as { updated: string }[];
    expect(memos).toEqual([
      { id: 'memo-bea', kind: 'dyad', target: 'dyad-2', coder: 'coder-bea', title: 'Tone', text: 'Guarded at first.', created: LATER, updated: LATER },
      { id: 'memo-shame', kind: 'code', target: 'code-shame', coder: 'coder-ana', title: 'Shame (named)', text: 'Only when the client names it.', created: AT, updated: memos[1]!.updated },
    ]);
    // Taken at the merge: later than Ana's writing.
    expect(memos[1]!.updated > AT).toBe(true);
    db.close();
  });

  it('Undo takes every table back to what it was, search included, and Redo puts the merge back', () => {
    const db = leadProject();
    const before = everything(db);
    write(db, bea);
    const after = everything(db);
    expect(undo(db)).toBe('Merge bea.dyad');
    expect(everything(db)).toEqual(before);
    expect(searchFor(db, 'went quiet')).toEqual([]);
    expect(redo(db)).toBe('Merge bea.dyad');
    expect(everything(db)).toEqual(after);
    db.close();
  });

  it('Undo takes back the merged codings when the project’s codings took the largest rowid', () => {
    const db = leadProject();
    // A coding at the largest rowid: SQLite then hands out rowids at random, not above the largest.
    db.prepare('UPDATE codings SET rowid = 9223372036854775807 WHERE id = ?').run('coding-ana-2');
    const before = everything(db);
    write(db, bea);
    const after = everything(db);
    expect((after.codings as unknown[]).length).toBe(6);
    undo(db);
    expect(everything(db)).toEqual(before);
    redo(db);
    expect(everything(db)).toEqual(after);
    db.close();
  });
});

describe('the "Writing" progress', () => {
  it('is told at every 5,000 things written and at the end, never backwards', () => {
    const db = leadProject();
    const memos = Array.from({ length: 5_001 }, (_, k) => ({
      id: `memo-${k}`, targetKind: 'project' as const, targetId: '', coderId: null, title: '', text: `Note ${k}.`, createdAt: LATER, updatedAt: LATER,
    }));
    const steps: [number, number][] = [];
    write(db, { ...none, memosAdded: memos }, (done, total) => steps.push([done, total]));
    // One step for each memo and one for the end.
    expect(steps).toEqual([[5_000, 5_002], [5_002, 5_002]]);
    expect(db.prepare('SELECT count(*) FROM memos').pluck().get()).toBe(5_002);
    db.close();
  });

  it('counts each coding, code and transcript, in statements of ten thousand codings', () => {
    const db = leadProject();
    // 12,001 different passages of a longer transcript: more codings than one statement takes.
    const text = 'She said it again and again, quietly, as if to herself. '.repeat(4);
    const passages: [number, number][] = [];
    for (let start = 0; passages.length < 12_001; start++) for (let end = start + 1; end <= text.length && passages.length < 12_001; end++) passages.push([start, end]);
    const transcript = { ...bea.interviewsAdded[1]!, text, turns: [turn('t-long', 0, 0, text.length)] };
    const codings = passages.map(([start, end], k) => ({ id: `coding-${k}`, interviewId: 'client-2', codeId: 'code-calm', coderId: 'coder-ana', start, end, createdAt: LATER }));
    const steps: [number, number][] = [];
    write(db, { ...none, codesAdded: [code('code-new-1', 'Hope', null, 5)], dyadsAdded: bea.dyadsAdded, sessionsAdded: bea.sessionsAdded, interviewsAdded: [transcript], codingsAdded: codings }, (done, total) => steps.push([done, total]));
    const total = 12_001 + 1 + 1 + 1;
    expect(steps).toEqual([[10_002, total], [total, total]]);
    expect(db.prepare("SELECT count(*) FROM codings WHERE id LIKE 'coding-%' AND id NOT LIKE 'coding-ana-%'").pluck().get()).toBe(12_001);
    undo(db);
    expect(db.prepare('SELECT count(*) FROM codings').pluck().get()).toBe(2);
    db.close();
  });
});

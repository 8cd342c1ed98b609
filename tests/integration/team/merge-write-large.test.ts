/**
 * A large merge written by electron/team/write.ts, as the lead sees it: the "Writing" progress moves on in a few
 * steps and ends at 100% once, every one of more codings than one statement takes (10,000) is in the file, and the
 * added transcript can be searched turn by turn and keeps its recording.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { undoable } from '../../../electron/core/coding';
import { Project } from '../../../electron/core/project';
import { writeOperations } from '../../../electron/team/write';
import type { MergeOperations } from '../../../shared/merge';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('dyad-merge-large-');
afterAll(() => tmp.cleanup());

const AT = '2026-04-01T10:00:00.000Z';
const FIRST = 'I felt ashamed of crying, and I kept telling myself it was silly, that grown people do not cry in front of a stranger, that she would think less of me for it.';
const TEXT = `${FIRST}\nThat sounds hard to say out loud.`;
const CODINGS = 12_001;

/** `count` different passages [start, end) of TEXT. */
function passages(count: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0; out.length < count; start++) for (let end = start + 1; end <= TEXT.length && out.length < count; end++) out.push([start, end]);
  return out;
}

/** An incoming study of one dyad: a coder, a codebook with one code, a client transcript of two turns, many codings, two memos. */
function largeMerge(): MergeOperations {
  return {
    coders: [{ id: 'coder-bea', name: 'Bea' }],
    codebooks: [{ id: 'book-ipr', name: 'IPR moments' }],
    codesAdded: [
      { id: 'code-shame', codebookId: 'book-ipr', parentId: null, name: 'Shame', color: '#aa3355', definition: '', inclusion: '', exclusion: '', example: '', shortcut: null, position: 0 },
    ],
    codesUpdated: [],
    dyadsAdded: [{ id: 'dyad-9', name: '9', attributes: { modality: 'in person' } }],
    dyadsUpdated: [],
    sessionsAdded: [{ id: 'session-9-1', dyadId: 'dyad-9', number: 1, date: '2026-03-30', recordingPath: null }],
    sessionRecordings: [],
    interviewRecordings: [],
    interviewsAdded: [
      {
        id: 'interview-9-client',
        sessionId: 'session-9-1',
        role: 'client',
        sourceName: 'D09_S1_client.txt',
        audioPath: '/recordings/D09_S1_client.m4a',
        text: TEXT,
        turns: [
          { id: 'turn-a', seq: 0, speaker: 'C', speakerRole: 'participant', start: 0, end: FIRST.length, interviewTime: 12 },
          { id: 'turn-b', seq: 1, speaker: 'C', speakerRole: 'participant', start: FIRST.length + 1, end: TEXT.length, interviewTime: 20 },
        ],
        moments: [],
      },
    ],
    // The first passages of the transcript, each its own coding: every start, every end after it.
    codingsAdded: passages(CODINGS).map(([start, end], k) => ({ id: `coding-${k}`, interviewId: 'interview-9-client', codeId: 'code-shame', coderId: 'coder-bea', start, end, createdAt: AT })),
    memosAdded: [
      { id: 'memo-1', targetKind: 'dyad', targetId: 'dyad-9', coderId: 'coder-bea', title: 'Tone', text: 'Guarded at first.', createdAt: AT, updatedAt: AT },
      { id: 'memo-2', targetKind: 'project', targetId: '', coderId: null, title: '', text: 'Coded in one sitting.', createdAt: AT, updatedAt: AT },
    ],
    memosUpdated: [],
    linksAdded: [],
  };
}

describe('a merge larger than one statement', () => {
  const ops = largeMerge();
  const steps: [number, number][] = [];
  let project: Project;
  let db: Project['db'];
  beforeAll(() => {
    project = Project.open(tmp.path('lead.dyad'), { create: true });
    db = project.db;
    db.transaction(() => undoable(db, 'Merge bea.dyad', () => writeOperations(db, ops, (done, total) => steps.push([done, total]))))();
  });
  afterAll(() => project.close());
  // One step for each coding, code, transcript and memo, and one for the end.
  const total = CODINGS + 1 + 1 + 2 + 1;

  it('reports the writing in a few steps, always of the same whole, forward only, ending once at 100%', () => {
    expect(steps.length).toBeGreaterThanOrEqual(2);
    expect(steps.length).toBeLessThanOrEqual(Math.ceil(total / 5000));
    expect(steps.every(([, t]) => t === total)).toBe(true);
    for (let k = 1; k < steps.length; k++) expect(steps[k]![0]).toBeGreaterThan(steps[k - 1]![0]);
    expect(steps.at(-1)).toEqual([total, total]);
    expect(steps.filter(([d]) => d === total)).toHaveLength(1);
  });

  it('writes every coding, those past the first ten thousand too, with its passage', () => {
    const rows = db.prepare('SELECT id, start, "end" FROM codings ORDER BY CAST(substr(id, 8) AS INTEGER)').all() as { id: string; start: number; end: number }[];
    expect(rows).toHaveLength(CODINGS);
    expect(rows.map((r) => [r.id, r.start, r.end])).toEqual(ops.codingsAdded.map((c) => [c.id, c.start, c.end]));
  });

  it('adds the transcript with its recording and word count, each turn searchable by its own words', () => {
    expect(db.prepare('SELECT audio_path AS audio, word_count AS words FROM interviews WHERE id = ?').get('interview-9-client')).toEqual({
      audio: '/recordings/D09_S1_client.m4a',
      words: 40,
    });
    const turnWith = (word: string) => db.prepare('SELECT turn_id FROM turns_fts WHERE turns_fts MATCH ?').pluck().all(word);
    expect(turnWith('ashamed')).toEqual(['turn-a']);
    expect(turnWith('sounds')).toEqual(['turn-b']);
  });

  it('adds the memos and the dyad as the incoming study has them', () => {
    expect(db.prepare('SELECT id, title, text FROM memos ORDER BY id').all()).toEqual([
      { id: 'memo-1', title: 'Tone', text: 'Guarded at first.' },
      { id: 'memo-2', title: '', text: 'Coded in one sitting.' },
    ]);
    expect(JSON.parse(db.prepare('SELECT attributes FROM dyads WHERE id = ?').pluck().get('dyad-9') as string)).toEqual({ modality: 'in person' });
  });
});

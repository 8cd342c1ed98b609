/**
 * writeSnapshotInto (REFI import, merge) writes an interview's speaker turns and their search index. They must
 * come back exactly as the snapshot says: times to the last bit, time points, speakers, a search index that finds
 * the turns, and a lone surrogate stored as better-sqlite3 stores one bound to a statement. (Written while trying
 * the turns through JSON in one statement per interview, which proved slower: 6.3–6.9 s of CPU against 5.4–5.8 s.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/core/project';
import { readSnapshot } from '../../../electron/snapshot/read';
import { writeSnapshotInto } from '../../../electron/snapshot/write';
import type { ProjectSnapshot, SnapshotInterview } from '../../../shared/snapshot/types';

const dir = mkdtempSync(join(tmpdir(), 'dyad-snapshot-turns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const id = (n: number) => `5e1f0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function interview(n: number, role: 'client' | 'therapist', text: string, speakers: string[]): SnapshotInterview {
  const lines = text.split('\n');
  let at = 0;
  const turns = lines.map((line, seq) => {
    const start = at;
    at += line.length + 1;
    return {
      id: id(n * 100 + seq),
      seq,
      speaker: speakers[seq % speakers.length]!,
      speakerRole: seq % 2 ? ('participant' as const) : ('interviewer' as const),
      start,
      end: start + line.length,
      // A time that JSON writes in full (0.1 + 0.2), a whole number, and none.
      interviewTime: seq === 0 ? 0.1 + 0.2 : seq === 1 ? 12 : null,
      ...(seq === 1 ? { timePoints: [[4, 12.5] as [number, number]] } : {}),
    };
  });
  return { id: id(n), dyad: '7', session: 1, role, sourceName: `D7_S1_${role}.txt`, text, turns, moments: [{ id: id(n * 100 + 99), sessionTime: 61.25, offset: 0, label: '01:01' }] };
}

const snapshot = (interviews: SnapshotInterview[]): ProjectSnapshot => ({
  name: 'turns',
  coders: [],
  codebooks: [],
  codes: [],
  dyads: [{ id: id(1), name: '7', attributes: {}, sessions: [{ id: id(2), number: 1, date: null }] }],
  interviews,
  codings: [],
  memos: [],
});

describe('writing speaker turns from a snapshot', () => {
  it('stores turns, their times and the search index for well-formed text and for text with a lone surrogate', () => {
    const plain = interview(3, 'client', 'I went quiet when she said "withdrawal"\nIt felt like shame, honestly\nNothing more', ['I', 'P 😊 "quoted"\\']);
    const broken = interview(4, 'therapist', 'Half a character \ud83d here\nThe withdrawal again\nEnd', ['I', 'T\udc00']);
    const project = Project.open(join(dir, 'turns.dyad'), { create: true });
    try {
      writeSnapshotInto(project.db, snapshot([plain, broken]));
      const back = readSnapshot(project.db);
      for (const written of [plain, broken]) {
        const read = back.interviews.find((i) => i.id === written.id)!;
        const expected = written.turns.map((t) => ({
          ...t,
          // A lone surrogate comes back as better-sqlite3 stores a bound string (replacement characters), as before.
          speaker: project.db.prepare('SELECT ?').pluck().get(t.speaker) as string,
        }));
        expect(read.turns).toEqual(expected);
        expect(Object.is(read.turns[0]!.interviewTime, 0.1 + 0.2)).toBe(true);
      }
      const hits = project.db.prepare("SELECT turn_id, interview_id, text FROM turns_fts WHERE turns_fts MATCH 'withdrawal' ORDER BY rowid").all();
      expect(hits).toEqual([
        { turn_id: id(300), interview_id: id(3), text: 'I went quiet when she said "withdrawal"' },
        { turn_id: id(401), interview_id: id(4), text: 'The withdrawal again' },
      ]);
    } finally {
      project.close();
    }
  });
});

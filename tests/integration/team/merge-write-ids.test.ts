/**
 * Turn and moment ids are only named within their session (by its moment links), so an incoming transcript may
 * bring ids this project already uses (electron/team/write.ts): such a turn or moment gets a fresh id, the links
 * drawn on it follow, and every other id is kept as the incoming file has it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { undoable } from '../../../electron/core/coding';
import { Project } from '../../../electron/core/project';
import { writeOperations } from '../../../electron/team/write';
import type { MergeOperations } from '../../../shared/merge';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('dyad-merge-ids-');
afterAll(() => tmp.cleanup());
const AT = '2026-04-02T09:00:00.000Z';
const CLIENT = 'I wanted to leave the room.';
const THERAPIST = 'I noticed you went quiet.';

const none: MergeOperations = {
  coders: [], codebooks: [], codesAdded: [], codesUpdated: [], dyadsAdded: [], dyadsUpdated: [], sessionsAdded: [], sessionRecordings: [],
  interviewRecordings: [], interviewsAdded: [], codingsAdded: [], memosAdded: [], memosUpdated: [], linksAdded: [],
};
const turn = (id: string, seq: number, start: number, end: number) => ({ id, seq, speaker: 'S', speakerRole: 'participant' as const, start, end, interviewTime: null });

describe('an incoming transcript whose turn and moment ids are taken here', () => {
  it('gets fresh ids for those, keeps the others, and its links follow', () => {
    const project = Project.open(tmp.path('lead.dyad'), { create: true });
    const db = project.db;
    const write = (ops: MergeOperations) => db.transaction(() => undoable(db, 'Merge', () => writeOperations(db, ops)))();
    try {
      // This project: dyad 2's client transcript, with turn "t-1" and moment "m-1", and dyad 3's, with "t-c" and "m-c".
      write({
        ...none,
        dyadsAdded: [{ id: 'dyad-2', name: '2', attributes: {} }, { id: 'dyad-3', name: '3', attributes: {} }],
        sessionsAdded: [
          { id: 'session-2-1', dyadId: 'dyad-2', number: 1, date: null, recordingPath: null },
          { id: 'session-3-1', dyadId: 'dyad-3', number: 1, date: null, recordingPath: null },
        ],
        interviewsAdded: [
          { id: 'client-2', sessionId: 'session-2-1', role: 'client', sourceName: 'D02_S1_client.txt', text: CLIENT, turns: [turn('t-1', 0, 0, CLIENT.length)], moments: [{ id: 'm-1', sessionTime: 30, offset: 0, label: 'left' }] },
          { id: 'client-3', sessionId: 'session-3-1', role: 'client', sourceName: 'D03_S1_client.txt', text: CLIENT, turns: [turn('t-c', 0, 0, CLIENT.length)], moments: [{ id: 'm-c', sessionTime: 30, offset: 0, label: 'left' }] },
        ],
      });
      // The incoming therapist transcript uses "t-1" and "m-1" again, and "t-2", "m-2" of its own; links join dyad 3's client moment to them.
      write({
        ...none,
        interviewsAdded: [
          {
            id: 'therapist-3', sessionId: 'session-3-1', role: 'therapist', sourceName: 'D03_S1_therapist.txt', text: THERAPIST,
            turns: [turn('t-1', 0, 0, 10), turn('t-2', 1, 11, THERAPIST.length)],
            moments: [{ id: 'm-1', sessionTime: 31, offset: 0, label: 'quiet' }, { id: 'm-2', sessionTime: 40, offset: 11, label: 'later' }],
          },
        ],
        linksAdded: [
          { id: 'link-1', sessionId: 'session-3-1', clientUnitId: 'm-c', therapistUnitId: 'm-1', kind: 'link', createdAt: AT },
          { id: 'link-2', sessionId: 'session-3-1', clientUnitId: 'm-c', therapistUnitId: 'm-2', kind: 'unlink', createdAt: AT },
        ],
      });
      const ids = (table: 'turns' | 'moments', interview: string) => db.prepare(`SELECT id FROM ${table} WHERE interview_id = ? ORDER BY rowid`).pluck().all(interview) as string[];
      expect(ids('turns', 'client-2')).toEqual(['t-1']);
      expect(ids('moments', 'client-2')).toEqual(['m-1']);
      const [freshTurn, keptTurn] = ids('turns', 'therapist-3');
      const [freshMoment, keptMoment] = ids('moments', 'therapist-3');
      expect([keptTurn, keptMoment]).toEqual(['t-2', 'm-2']);
      expect(freshTurn).not.toBe('t-1');
      expect(freshMoment).not.toBe('m-1');
      expect(db.prepare('SELECT id, client_unit_id AS client, therapist_unit_id AS therapist, kind FROM moment_links ORDER BY id').all()).toEqual([
        { id: 'link-1', client: 'm-c', therapist: freshMoment, kind: 'link' },
        { id: 'link-2', client: 'm-c', therapist: 'm-2', kind: 'unlink' },
      ]);
    } finally {
      project.close();
    }
  });
});

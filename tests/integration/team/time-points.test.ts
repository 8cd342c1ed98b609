/**
 * The interview times inside a turn (a subtitle file's cues, turns.time_points) travel with the interview: a coder's
 * copy merged into the lead's project, and a project exported to .qdpx and read back, keep every cue's time, so
 * playback can still reach any sentence of a long turn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTurns, insertInterview } from '../../../electron/core/interviews';
import { Project } from '../../../electron/core/project';
import { mergeFile } from '../../../electron/team/merge';
import { attachParts, FOR_MERGE, readSnapshot } from '../../../electron/snapshot/read';
import { writeSnapshotInto } from '../../../electron/snapshot/write';
import { exportQdpx } from '../../../electron/refi/exportQdpx';
import { readQdpx } from '../../../electron/refi/readQdpx';
import type { ParsedTranscript } from '../../../shared/import/types';
import { makeStudy, type Study } from './fixture';

/** A monologue of four cues run together into one turn, as a subtitle file gives it, and a one-cue reply. */
function monologue(): ParsedTranscript {
  const cues = ['I kept watching the clock.', 'Then she asked about my father.', 'And I went very quiet.', 'I did not want to go there.'];
  const times = [61.5, 64.25, 70, 75.125];
  let text = 'Client: ';
  const start = text.length;
  const timePoints = cues.map((c, k) => {
    const at = { offset: text.length, time: times[k]! };
    text += `${c} `;
    return at;
  });
  const end = text.length - 1;
  text = `${text.slice(0, end)}\nInterviewer: `;
  const replyStart = text.length;
  text += 'What happened for you there?\n';
  return {
    text,
    format: 'vtt',
    turns: [
      { speaker: 'Client', start, end, interviewTime: 61.5, timePoints },
      { speaker: 'Interviewer', start: replyStart, end: text.length - 1, interviewTime: 80 },
    ],
    moments: [],
    warnings: [],
  };
}

let study: Study;
let copyPath: string;
/** The cue times as the coder's copy stores them: [offset in the text, seconds]. */
let expected: { offset: number; interviewTime: number }[];

beforeAll(() => {
  study = makeStudy();
  copyPath = study.copy('ann.dyad');
  const p = Project.open(copyPath);
  try {
    const id = insertInterview(p.db, 'D08_S1_client.vtt', monologue(), { dyad: '8', session: 1, role: 'client', speakerRoles: { Client: 'participant', Interviewer: 'interviewer' } });
    const turns = getTurns(p.db, id);
    expected = turns[0]!.timePoints!;
    expect(expected.map((t) => t.interviewTime)).toEqual([61.5, 64.25, 70, 75.125]);
    expect(turns[1]!.timePoints).toBeUndefined();
  } finally {
    p.close();
  }
});
afterAll(() => study.cleanup());

const interviewOf = (db: Project['db'], source: string) => db.prepare('SELECT id FROM interviews WHERE source_name = ?').pluck().get(source) as string;

describe('cue times inside a turn', () => {
  it('are in the snapshot read from a coder’s copy, relative to the turn’s start', () => {
    const p = Project.open(copyPath);
    try {
      const snapshot = readSnapshot(p.db, { ...FOR_MERGE, name: 'ann' });
      const interview = snapshot.interviews.find((i) => i.sourceName === 'D08_S1_client.vtt')!;
      // The merge reads turns only of the interviews it needs them for.
      attachParts(p.db, snapshot, new Set([interview.id]));
      const turns = interview.turns;
      expect(turns[0]!.timePoints).toEqual(expected.map((t) => [t.offset - turns[0]!.start, t.interviewTime]));
      expect(turns[1]).not.toHaveProperty('timePoints');
    } finally {
      p.close();
    }
  });

  it('survive merging the coder’s copy into the lead’s project', async () => {
    const lead = Project.open(study.copy('lead.dyad'));
    try {
      expect(interviewOf(lead.db, 'D08_S1_client.vtt')).toBeUndefined();
      await mergeFile(lead, copyPath);
      const turns = getTurns(lead.db, interviewOf(lead.db, 'D08_S1_client.vtt'));
      expect(turns[0]!.timePoints).toEqual(expected);
      expect(turns[1]!.timePoints).toBeUndefined();
    } finally {
      lead.close();
    }
  });

  it('survive a .qdpx round trip (in Dyad’s own dyad.json)', async () => {
    const source = Project.open(copyPath);
    const qdpx = study.path('ann.qdpx');
    let original;
    try {
      original = readSnapshot(source.db);
      await exportQdpx(source.db, qdpx);
    } finally {
      source.close();
    }
    const read = await readQdpx(qdpx);
    const back = Project.open(study.path('back.dyad'), { create: true });
    try {
      writeSnapshotInto(back.db, read.snapshot);
      const turns = getTurns(back.db, interviewOf(back.db, 'D08_S1_client.vtt'));
      expect(turns[0]!.timePoints).toEqual(expected);
      expect(turns[1]!.timePoints).toBeUndefined();
      const again = readSnapshot(back.db).interviews.find((i) => i.sourceName === 'D08_S1_client.vtt')!;
      expect(again.turns).toEqual(original.interviews.find((i) => i.sourceName === 'D08_S1_client.vtt')!.turns);
    } finally {
      back.close();
    }
  });
});

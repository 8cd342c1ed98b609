import { describe, expect, it } from 'vitest';
import { mediaPathParts, syncPointsToTurns } from '../../../shared/refi/media';
import type { SnapshotInterview } from '../../../shared/snapshot/types';

const TEXT = 'Notes before.\nI: So you paused there.\nC: I did. It felt heavy.\nAnd then lighter.\n';
const at = (s: string) => TEXT.indexOf(s);
const interview = (): SnapshotInterview => ({
  id: 'i',
  dyad: '1',
  session: 1,
  role: 'client',
  sourceName: 'x',
  text: TEXT,
  moments: [],
  turns: [
    { id: 'a', seq: 0, speaker: 'I', speakerRole: 'interviewer', start: at('So you'), end: at('C: I did') - 1, interviewTime: null },
    // A time the parser read from the text, which the other program's sync point replaces.
    { id: 'b', seq: 1, speaker: 'C', speakerRole: 'participant', start: at('I did'), end: TEXT.length - 1, interviewTime: 3 },
  ],
});

describe('sync points → turn times', () => {
  it('gives a point on a speaker label to the turn it introduces, and later points become times inside the turn', () => {
    const i = interview();
    const left = syncPointsToTurns(i, [
      { offset: at('I: So'), seconds: 1 },
      { offset: at('C: I did'), seconds: 4.5 },
      { offset: at('It felt'), seconds: 6 },
      { offset: at('And then'), seconds: 9 },
    ]);
    expect(left).toBe(0);
    expect(i.turns.map((t) => [t.interviewTime, t.timePoints ?? []])).toEqual([
      [1, []],
      [4.5, [[at('It felt') - at('I did'), 6], [at('And then') - at('I did'), 9]]],
    ]);
  });

  it('counts points after the last turn as not kept', () => {
    const i = interview();
    expect(syncPointsToTurns(i, [{ offset: TEXT.length, seconds: 20 }])).toBe(1);
  });
});

describe('media paths as other programs write them', () => {
  it('reads the scheme, and a bare path as relative unless it is absolute', () => {
    expect(mediaPathParts('relative://rec/a.mp4')).toEqual({ scheme: 'relative', rest: 'rec/a.mp4' });
    expect(mediaPathParts('absolute:///srv/a.mp4')).toEqual({ scheme: 'absolute', rest: '/srv/a.mp4' });
    expect(mediaPathParts('rec\\a.mp4')).toEqual({ scheme: 'relative', rest: 'rec\\a.mp4' });
    expect(mediaPathParts('C:\\rec\\a.mp4')).toEqual({ scheme: 'absolute', rest: 'C:\\rec\\a.mp4' });
  });
});

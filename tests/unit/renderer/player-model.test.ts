/**
 * The player's pure models, checked without a browser: which words are being said at an interview time (cue by
 * cue where the transcript timed them), which row the session recording is at, where a turn's Play starts, and
 * which keys the player takes.
 */
import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../shared/domain/types';
import { rowAtSessionTime, spokenStretches, stretchAt, turnTimeAt } from '../../../renderer/src/model/spoken';
import { playerActionOf } from '../../../renderer/src/components/player/playerKeys';
import { RESERVED, shortcutProblem } from '../../../renderer/src/components/coding/model/shortcuts';

const turn = (id: string, start: number, end: number, interviewTime: number | null, timePoints?: Turn['timePoints']): Turn => ({
  id,
  seq: 0,
  speaker: 'C',
  speakerRole: 'participant',
  start,
  end,
  interviewTime,
  ...(timePoints ? { timePoints } : {}),
});

describe('the words being said', () => {
  // A short timed turn, an untimed one, and a long turn of three cues.
  const iv = {
    id: 'iv',
    turns: [
      turn('a', 0, 20, 5),
      turn('b', 22, 40, null),
      turn('c', 42, 120, 30, [
        { offset: 42, interviewTime: 30 },
        { offset: 70, interviewTime: 36.5 },
        { offset: 95, interviewTime: 44 },
      ]),
    ],
  };

  it('cuts a long turn at its cues and leaves untimed turns out', () => {
    expect(spokenStretches(iv).map((s) => [s.start, s.end, s.time])).toEqual([
      [0, 20, 5],
      [42, 70, 30],
      [70, 95, 36.5],
      [95, 120, 44],
    ]);
  });

  it('finds the cue started last by the playhead; nothing before the first', () => {
    const st = spokenStretches(iv);
    expect(stretchAt(st, 4)).toBeNull();
    expect(stretchAt(st, 5)?.start).toBe(0);
    expect(stretchAt(st, 29.9)?.start).toBe(0);
    expect(stretchAt(st, 40)?.start).toBe(70);
    expect(stretchAt(st, 500)?.start).toBe(95);
  });

  it("starts a turn's Play at the cue its visible part begins in, else at the turn's own time", () => {
    const [, , long] = iv.turns;
    expect(turnTimeAt(long!, 42)).toBe(30);
    expect(turnTimeAt(long!, 80)).toBe(36.5); // a turn continued from the row above
    expect(turnTimeAt(iv.turns[0]!, 0)).toBe(5);
    expect(turnTimeAt(iv.turns[1]!, 22)).toBeNull();
  });
});

describe('the row at the playhead', () => {
  it('is the last row whose time has been reached; untimed rows are passed over', () => {
    const times = [0, 192, null, 520, 754];
    expect(rowAtSessionTime(times, 0)).toBe(0);
    expect(rowAtSessionTime(times, 191)).toBe(0);
    expect(rowAtSessionTime(times, 192)).toBe(1);
    expect(rowAtSessionTime(times, 600)).toBe(3);
    expect(rowAtSessionTime(times, 9999)).toBe(4);
    expect(rowAtSessionTime([null, 30], 10)).toBe(-1);
  });
});

describe("the player's keys", () => {
  const key = (k: string, code: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) =>
    playerActionOf({ key: k, code, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });

  it('are Ctrl+Space and Alt+←/→ only: plain Space, arrows and coding chords stay with the view', () => {
    expect(key(' ', 'Space', { ctrlKey: true })).toBe('toggle');
    expect(key('ArrowLeft', 'ArrowLeft', { altKey: true })).toBe('back');
    expect(key('ArrowRight', 'ArrowRight', { altKey: true })).toBe('forward');
    expect(key(' ', 'Space')).toBeNull();
    expect(key('ArrowLeft', 'ArrowLeft')).toBeNull();
    expect(key('ArrowLeft', 'ArrowLeft', { altKey: true, shiftKey: true })).toBeNull();
    expect(key('ArrowDown', 'ArrowDown', { altKey: true })).toBeNull();
    expect(key('k', 'KeyK', { ctrlKey: true })).toBeNull();
  });

  it('are listed among the keys a code cannot take', () => {
    expect(RESERVED['ctrl+space']).toMatch(/plays or pauses/);
    expect(shortcutProblem('Ctrl+Space', new Map())).not.toBeNull();
  });
});

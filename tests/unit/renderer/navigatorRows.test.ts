/**
 * What the navigator says of each dyad and session, shared by the first screen drawn before React and React's
 * navigator (renderer/src/model/navigatorRows.ts), and where a project opens.
 */
import { describe, expect, it } from 'vitest';
import { dyadRow, openingPlace, projectCounts, toleranceHint } from '../../../renderer/src/model/navigatorRows';
import type { DyadTree, ProjectInfo } from '../../../renderer/src/model/types';

const interview = (id: string, role: 'client' | 'therapist' | 'other') => ({ id, role, sourceName: `${id}.docx`, wordCount: 12034, momentCount: 7 });

const tree: DyadTree = [
  {
    id: 'd1',
    name: '1',
    attributes: { modality: 'CBT', clinic: 'North' },
    sessions: [
      { id: 's1', number: 1, date: '2026-03-02', recordingPath: null, interviews: [interview('c1', 'client'), interview('t1', 'therapist')] },
      { id: 's2', number: 2, date: null, recordingPath: null, interviews: [interview('t2', 'therapist'), interview('o2', 'other')] },
    ],
  },
  { id: 'd2', name: 'dyad 10', attributes: {}, sessions: [{ id: 's3', number: 1, date: null, recordingPath: null, interviews: [] }] },
];

describe("the navigator's rows", () => {
  it('names a dyad, counts its sessions and lists its attributes one a line for the tooltip', () => {
    const row = dyadRow(tree[0]!);
    expect(row).toMatchObject({ id: 'd1', name: '1', title: 'Dyad 1', sessionCount: '2 sessions', hover: 'modality: CBT\nclinic: North' });
    expect(row.attributes).toEqual([
      ['modality', 'CBT'],
      ['clinic', 'North'],
    ]);
    expect(dyadRow(tree[1]!)).toMatchObject({ title: 'Dyad 10', sessionCount: '1 session', hover: undefined, attributes: [] });
  });

  it("says where each session is and which of the client's and therapist's interviews it has", () => {
    const [first, second] = dyadRow(tree[0]!).sessions;
    expect(first).toMatchObject({ id: 's1', number: 1, date: '2026-03-02', where: 'Dyad 1, session 1' });
    expect(first!.badges.map((b) => [b.role, b.interview?.id])).toEqual([
      ['client', 'c1'],
      ['therapist', 't1'],
    ]);
    // An interview in another role is not a client's: the client's badge shows it missing.
    expect(second!.badges.map((b) => [b.role, b.interview?.id])).toEqual([
      ['client', undefined],
      ['therapist', 't2'],
    ]);
  });

  it("writes the project's counts and the pairing hint", () => {
    const info = { path: '/s.dyad', name: 'S', counts: { dyads: 1, sessions: 2, interviews: 1204 }, settings: { alignToleranceSeconds: 15 } } as unknown as ProjectInfo;
    expect(projectCounts(info)).toBe(`1 dyad · 2 sessions · ${(1204).toLocaleString()} interviews`);
    expect(toleranceHint(info)).toBe('pairing within ±15 s');
    expect(toleranceHint(null)).toBeNull();
  });
});

describe('where the project opens', () => {
  it("unfolds the remembered session's dyad and opens that session", () => {
    expect(openingPlace(tree, 's3')).toEqual({ unfold: 'd2', remembered: 's3' });
  });

  it('unfolds the first dyad on a fresh start, or when the remembered session has left the project', () => {
    expect(openingPlace(tree, null)).toEqual({ unfold: 'd1', remembered: null });
    expect(openingPlace(tree, 'gone')).toEqual({ unfold: 'd1', remembered: null });
    expect(openingPlace([], 'gone')).toEqual({ unfold: undefined, remembered: null });
  });
});

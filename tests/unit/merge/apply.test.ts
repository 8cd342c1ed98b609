/**
 * applyToSnapshot: what the project looks like after the merge's operations, written out by hand here, so that each
 * kind of operation is checked on its own (the database writer is compared with it, tests/integration/team).
 */
import { describe, expect, it } from 'vitest';
import type { MergeOperations } from '../../../shared/merge';
import { applyToSnapshot } from '../../../shared/merge';
import { CLIENT_TEXT, code, coding, interview, memo, project } from './build';

const none = (): MergeOperations => ({
  coders: [],
  codebooks: [],
  codesAdded: [],
  codesUpdated: [],
  dyadsAdded: [],
  dyadsUpdated: [],
  sessionsAdded: [],
  sessionRecordings: [],
  interviewRecordings: [],
  interviewsAdded: [],
  codingsAdded: [],
  memosAdded: [],
  memosUpdated: [],
  linksAdded: [],
});

describe('applying a merge to a snapshot', () => {
  it('no operations: the project as it was', () => {
    const p = project({ codes: [code('a', 'Shame', null, { position: 3 })], memos: [memo('m', 'project', '', 'Note.')] });
    expect(applyToSnapshot(p, none())).toEqual(p);
  });

  it('a code update sets each field it names and leaves the others', () => {
    const before = code('shame', 'Shame', null, { definition: 'About the self.', inclusion: 'i', exclusion: 'e', example: 'x', shortcut: 's', position: 0 });
    const p = project({ codes: [code('r', 'Rupture'), before] });
    const set = { name: 'Embarrassment', parentId: 'r', position: 4, color: '#112233', definition: 'D', inclusion: 'I', exclusion: 'E', example: 'X', shortcut: 'q' };
    const after = applyToSnapshot(p, { ...none(), codesUpdated: [{ id: 'shame', set }] }).codes.find((c) => c.id === 'shame');
    // The moved code takes the position planned under its new parent; only its old siblings are renumbered.
    expect(after).toEqual({ ...before, ...set });
    for (const [field, value] of Object.entries(set)) {
      if (field === 'parentId' || field === 'position') continue;
      const one = applyToSnapshot(p, { ...none(), codesUpdated: [{ id: 'shame', set: { [field]: value } }] }).codes.find((c) => c.id === 'shame');
      expect(one, field).toEqual({ ...before, [field]: value });
    }
    // Position alone (no move): taken as given.
    expect(applyToSnapshot(p, { ...none(), codesUpdated: [{ id: 'shame', set: { position: 7 } }] }).codes.find((c) => c.id === 'shame')!.position).toBe(7);
  });

  it('a code moved away: its old siblings close the gap (position, then name with ASCII case ignored); other places keep theirs', () => {
    const p = project({
      codes: [
        code('r', 'Rupture', null, { position: 0 }),
        code('moved', 'Anger', null, { position: 1 }),
        code('b', 'beta', null, { position: 5 }),
        code('a', 'Alpha', null, { position: 5 }),
        code('z', 'Zeal', null, { position: 2 }),
        code('w', 'Withdrawal', 'r', { position: 0 }),
        code('v', 'Avoid', 'r', { position: 4 }),
      ],
    });
    const moved = applyToSnapshot(p, { ...none(), codesUpdated: [{ id: 'moved', set: { parentId: 'r', position: 1 } }] });
    const pos = Object.fromEntries(moved.codes.map((c) => [c.name, [c.parentId, c.position]]));
    expect(pos).toEqual({
      Rupture: [null, 0],
      Zeal: [null, 1],
      Alpha: [null, 2],
      beta: [null, 3],
      Anger: ['r', 1],
      Withdrawal: ['r', 0],
      Avoid: ['r', 4],
    });
    // A rename alone leaves every position as it was.
    const renamed = applyToSnapshot(p, { ...none(), codesUpdated: [{ id: 'moved', set: { name: 'Fury' } }] });
    expect(renamed.codes.map((c) => c.position)).toEqual(p.codes.map((c) => c.position));
  });

  it('ASCII case only is folded when ordering siblings, as SQLite’s NOCASE does', () => {
    const p = project({
      codes: [code('m', 'Moved', null, { position: 0 }), code('e1', 'émotion', null, { position: 1 }), code('e2', 'Zed', null, { position: 1 }), code('e3', 'Émotion', null, { position: 1 })],
    });
    const r = applyToSnapshot(p, { ...none(), codesAdded: [code('p', 'Parent', null, { position: 9 })], codesUpdated: [{ id: 'm', set: { parentId: 'p', position: 0 } }] });
    // "Zed" < "Émotion" < "émotion" under NOCASE (É and é are not folded); "Parent" was after them.
    expect(r.codes.filter((c) => c.parentId === null).sort((a, b) => a.position - b.position).map((c) => c.name)).toEqual(['Zed', 'Émotion', 'émotion', 'Parent']);
  });

  it('siblings of one position are ordered by name as the writer orders them: ASCII case folded down, so "_" comes before letters', () => {
    const names = ['Self_blame', 'selfish', 'Zeal', 'anger', 'Awe', 'BLAME', 'calm', 'Sadness'];
    const p = project({ codes: [code('m', 'Moved', null, { position: 0 }), ...names.map((n, i) => code(`c${i}`, n, null, { position: 2 }))] });
    const r = applyToSnapshot(p, { ...none(), codesAdded: [code('p', 'Parent', null, { position: 1 })], codesUpdated: [{ id: 'm', set: { parentId: 'p', position: 0 } }] });
    const order = r.codes.filter((c) => c.parentId === null).sort((a, b) => a.position - b.position);
    expect(order.map((c) => [c.name, c.position])).toEqual([
      ['Parent', 0],
      ['anger', 1],
      ['Awe', 2],
      ['BLAME', 3],
      ['calm', 4],
      ['Sadness', 5],
      ['Self_blame', 6],
      ['selfish', 7],
      ['Zeal', 8],
    ]);
  });

  it('coders, codebooks, codes and codings are added after this project’s', () => {
    const p = project({ codes: [code('a', 'Shame')], codings: [coding('k1', 'iv-client', 'a', 'ann', 0, 3)] });
    const r = applyToSnapshot(p, {
      ...none(),
      coders: [{ id: 'bea', name: 'Bea' }],
      codebooks: [{ id: 'cb2', name: 'Team' }],
      codesAdded: [code('b', 'Guilt', null, { codebookId: 'cb2' })],
      codingsAdded: [coding('k2', 'iv-client', 'b', 'bea', 3, 6)],
    });
    expect(r.coders.map((c) => c.id)).toEqual(['ann', 'ben', 'bea']);
    expect(r.codebooks.map((c) => c.id)).toEqual(['cb', 'cb2']);
    expect(r.codes.map((c) => c.id)).toEqual(['a', 'b']);
    expect(r.codings.map((c) => c.id)).toEqual(['k1', 'k2']);
    expect(r.name).toBe('study');
  });

  it('dyads: attributes replaced as planned, new dyads with their attributes, sessions added where they belong', () => {
    const p = project({ dyads: [{ id: 'dyad-4', name: 'D4', attributes: { age: '34' }, sessions: [{ id: 'session-4-1', number: 1, date: null, recordingPath: 'mine.mp4' }] }] });
    const attrs = { age: '35' };
    const r = applyToSnapshot(p, {
      ...none(),
      dyadsUpdated: [{ id: 'dyad-4', attributes: { age: '35', modality: 'online' }, before: { age: '34' } }],
      dyadsAdded: [{ id: 'dyad-5', name: 'D5', attributes: attrs }],
      sessionsAdded: [
        { id: 's-5-1', dyadId: 'dyad-5', number: 1, date: '2025-02-01', recordingPath: 'd5.mp4' },
        { id: 's-4-2', dyadId: 'dyad-4', number: 2, date: null, recordingPath: null },
        { id: 's-x', dyadId: 'no-such-dyad', number: 1, date: null, recordingPath: null },
      ],
    });
    expect(r.dyads).toEqual([
      {
        id: 'dyad-4',
        name: 'D4',
        attributes: { age: '35', modality: 'online' },
        sessions: [
          { id: 'session-4-1', number: 1, date: null, recordingPath: 'mine.mp4' },
          { id: 's-4-2', number: 2, date: null },
        ],
      },
      { id: 'dyad-5', name: 'D5', attributes: { age: '35' }, sessions: [{ id: 's-5-1', number: 1, date: '2025-02-01', recordingPath: 'd5.mp4' }] },
    ]);
    // The added dyad's attributes are its own copy.
    expect(r.dyads[1]!.attributes).not.toBe(attrs);
  });

  it('recordings: a session or an interview takes the one planned; others keep theirs', () => {
    const p = project({
      dyads: [{ id: 'dyad-4', name: 'D4', attributes: {}, sessions: [{ id: 's1', number: 1, date: null }, { id: 's2', number: 2, date: null, recordingPath: 'two.mp4' }] }],
      interviews: [interview('iv-client', CLIENT_TEXT), { ...interview('iv-t', 'T: Yes.', 'D4', 1, 'therapist'), audioPath: 'mine.wav' }],
    });
    const r = applyToSnapshot(p, {
      ...none(),
      sessionRecordings: [{ id: 's1', recordingPath: 'theirs.mp4', before: null }],
      interviewRecordings: [{ id: 'iv-client', audioPath: 'theirs.wav', before: null }],
    });
    expect(r.dyads[0]!.sessions.map((s) => s.recordingPath)).toEqual(['theirs.mp4', 'two.mp4']);
    expect(r.interviews.map((i) => i.audioPath)).toEqual(['theirs.wav', 'mine.wav']);
  });

  it('an added interview is placed by its session: dyad name and number, and its role', () => {
    const p = project();
    const r = applyToSnapshot(p, {
      ...none(),
      dyadsAdded: [{ id: 'dyad-9', name: 'D9', attributes: {} }],
      sessionsAdded: [{ id: 's-9-3', dyadId: 'dyad-9', number: 3, date: null, recordingPath: null }],
      interviewsAdded: [
        { id: 'iv-new', sessionId: 's-9-3', role: 'therapist', sourceName: 'new.txt', text: 'T: Hm.', turns: [], moments: [] },
        { id: 'iv-lost', sessionId: 'nowhere', role: 'other', sourceName: 'lost.txt', text: 'C: ?', turns: [], moments: [] },
      ],
    });
    expect(r.interviews.slice(1).map((i) => [i.id, i.dyad, i.session, i.role, i.sourceName])).toEqual([
      ['iv-new', 'D9', 3, 'therapist', 'new.txt'],
      ['iv-lost', null, null, 'other', 'lost.txt'],
    ]);
    expect('sessionId' in r.interviews[1]!).toBe(false);
  });

  it('memos: an update replaces title and text of that memo only; added memos come after', () => {
    const p = project({ memos: [memo('m1', 'project', '', 'Old.', { title: 'T' }), memo('m2', 'project', '', 'Other.')] });
    const r = applyToSnapshot(p, { ...none(), memosUpdated: [{ id: 'm1', title: 'New title', text: 'New.' }], memosAdded: [memo('m3', 'project', '', 'Added.')] });
    expect(r.memos.map((m) => [m.id, m.title, m.text])).toEqual([
      ['m1', 'New title', 'New.'],
      ['m2', '', 'Other.'],
      ['m3', '', 'Added.'],
    ]);
  });

  it('links are added after the session’s own, per session, in the planned order', () => {
    const l = (id: string) => ({ id, clientUnitId: `c-${id}`, therapistUnitId: `t-${id}`, kind: 'link' as const, createdAt: '2025-03-01T10:00:00.000Z' });
    const p = project({ dyads: [{ id: 'dyad-4', name: 'D4', attributes: {}, sessions: [{ id: 's1', number: 1, date: null, links: [l('a')] }, { id: 's2', number: 2, date: null }] }] });
    const r = applyToSnapshot(p, {
      ...none(),
      sessionsAdded: [{ id: 's3', dyadId: 'dyad-4', number: 3, date: null, recordingPath: null }],
      linksAdded: [
        { ...l('b'), sessionId: 's1' },
        { ...l('c'), sessionId: 's2' },
        { ...l('d'), sessionId: 's1' },
        { ...l('e'), sessionId: 's3' },
      ],
    });
    expect(r.dyads[0]!.sessions.map((s) => [s.id, (s.links ?? []).map((x) => x.id)])).toEqual([
      ['s1', ['a', 'b', 'd']],
      ['s2', ['c']],
      ['s3', ['e']],
    ]);
    expect('sessionId' in r.dyads[0]!.sessions[0]!.links![1]!).toBe(false);
  });
});

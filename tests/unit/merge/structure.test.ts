/** Coders, dyads, sessions and interviews of the incoming copy matched to this project, on small hand-made projects. */
import { describe, expect, it } from 'vitest';
import type { ProjectSnapshot, SnapshotDyad } from '../../../shared/snapshot/types';
import { applyToSnapshot, planMerge } from '../../../shared/merge';
import { CLIENT_TEXT, code, coding, interview, project } from './build';

const OPTS = { fromLabel: 'bea.dyad' };
const dyad = (id: string, name: string, sessions: SnapshotDyad['sessions'] = [{ id: `${id}-s1`, number: 1, date: null }], attributes: Record<string, string> = {}): SnapshotDyad => ({
  id,
  name,
  attributes,
  sessions,
});
const OTHER_TEXT = 'I: And afterwards?\nC: I went quiet and waited for it to pass.\n';

describe('coders', () => {
  it('a new coder is added once, even when the copy names them twice; the summary counts the matched ones', () => {
    const from = project({ coders: [{ id: 'ann', name: 'Ann' }, { id: 'bea', name: ' Bea ' }, { id: 'bea-laptop', name: 'bea' }] });
    const plan = planMerge(project(), from, OPTS);
    expect(plan.operations.coders).toEqual([{ id: 'bea', name: 'Bea' }]);
    expect([...plan.ids.coders]).toEqual([
      ['ann', 'ann'],
      ['bea', 'bea'],
      ['bea-laptop', 'bea'],
    ]);
    expect(plan.summary.coders).toEqual({ added: ['Bea'], matched: 2 });
  });

  it('a coder is matched by id even under another name', () => {
    const plan = planMerge(project(), project({ coders: [{ id: 'ann', name: 'Annie' }] }), OPTS);
    expect(plan.ids.coders.get('ann')).toBe('ann');
    expect(plan.operations.coders).toEqual([]);
  });

  it('the codings a new coder brings are counted under their name', () => {
    const codes = [code('shame', 'Shame')];
    const from = project({ codes, coders: [{ id: 'bea', name: 'Bea' }, { id: 'ann', name: 'Ann' }], codings: [coding('k1', 'iv-client', 'shame', 'bea', 0, 2), coding('k2', 'iv-client', 'shame', 'bea', 3, 5), coding('k3', 'iv-client', 'shame', 'ann', 3, 5)] });
    expect(planMerge(project({ codes }), from, OPTS).summary.codings.byCoder).toEqual([
      { coder: 'Bea', added: 2 },
      { coder: 'Ann', added: 1 },
    ]);
  });
});

describe('dyads and sessions', () => {
  it('a dyad of the same id keeps its name here (with a warning when the copy calls it otherwise)', () => {
    const into = project({ dyads: [dyad('dyad-4', 'D4')] });
    const renamed = planMerge(into, project({ dyads: [dyad('dyad-4', 'Dyad four')] }), OPTS);
    expect(renamed.operations.dyadsAdded).toEqual([]);
    expect(renamed.summary.warnings).toEqual(['Dyad "D4" is called "Dyad four" in bea.dyad; it keeps its name here.']);
    expect(planMerge(into, project({ dyads: [dyad('dyad-4', ' d4')] }), OPTS).summary.warnings).toEqual([]);
  });

  it('a new dyad comes with its attributes and sessions; a dyad of the same name is the same dyad', () => {
    const into = project({ dyads: [dyad('dyad-4', 'D4')] });
    const from = project({
      dyads: [
        dyad('dyad-4-elsewhere', 'd4', [{ id: 'their-s2', number: 2, date: '2025-02-03', recordingPath: '  ' }]),
        dyad('dyad-7', ' D7 ', [{ id: 'dyad-4-s1', number: 1, date: null, recordingPath: 'd7.mp4' }], { age: '40' }),
      ],
      interviews: [],
    });
    const plan = planMerge(into, from, OPTS);
    expect(plan.operations.dyadsAdded).toEqual([{ id: 'dyad-7', name: 'D7', attributes: { age: '40' } }]);
    expect(plan.ids.dyads.get('dyad-4-elsewhere')).toBe('dyad-4');
    const [s2, s7] = plan.operations.sessionsAdded;
    // A blank recording is no recording; a session id already taken here gets one of its own.
    expect(s2).toEqual({ id: 'their-s2', dyadId: 'dyad-4', number: 2, date: '2025-02-03', recordingPath: null });
    expect(s7).toMatchObject({ dyadId: 'dyad-7', number: 1, recordingPath: 'd7.mp4' });
    expect(s7!.id).not.toBe('dyad-4-s1');
    expect(plan.ids.sessions.get('dyad-4-s1')).toBe(s7!.id);
    expect(plan.summary.dyads).toEqual({ added: ['D7'], updated: [] });
    expect(plan.summary.sessions).toEqual({ added: 2, recordings: 0 });
  });

  it('attributes: unchanged ones are no update; a value taken from the copy is one, named in the summary', () => {
    const into = project({ dyads: [dyad('dyad-4', 'D4', undefined, { age: '34', modality: 'online' })] });
    const same = planMerge(into, project({ dyads: [dyad('dyad-4', 'D4', undefined, { modality: 'online' })] }), OPTS);
    expect(same.operations.dyadsUpdated).toEqual([]);
    expect(same.summary.nothingToDo).toBe(true);
    const from = project({ dyads: [dyad('dyad-4', 'D4', undefined, { age: '35', modality: 'online' })] });
    const def = planMerge(into, from, OPTS);
    const c = def.summary.conflicts[0]!;
    expect([c.id, c.kind, c.description, c.mine, c.theirs, c.subjectId]).toEqual([
      'dyad-attribute:dyad-4:age',
      'dyad-attribute',
      'Dyad "D4" has age = "35" in bea.dyad, "34" here.',
      '34',
      '35',
      'dyad-4',
    ]);
    expect(c.options.map((o) => o.label)).toEqual(['Keep "34"', 'Use "35"']);
    expect(def.operations.dyadsUpdated).toEqual([]);
    const theirs = planMerge(into, from, OPTS, { [c.id]: 'take-theirs' });
    expect(theirs.operations.dyadsUpdated).toEqual([{ id: 'dyad-4', attributes: { age: '35', modality: 'online' }, before: { age: '34', modality: 'online' } }]);
    expect(theirs.summary.dyads.updated).toEqual(['D4']);
  });

  it('a memo on a dyad follows it, found by id or else by the dyad’s name', () => {
    const into = project({ dyads: [dyad('dyad-4', 'D4'), dyad('dyad-5', 'D5')] });
    const memo = (id: string, targetId: string, targetName?: string) => ({
      id,
      targetKind: 'dyad' as const,
      targetId,
      ...(targetName ? { targetName } : {}),
      coderId: null,
      title: '',
      text: `About ${id}.`,
      createdAt: '2025-03-01T10:00:00.000Z',
      updatedAt: '2025-03-01T10:00:00.000Z',
    });
    const from = project({ dyads: [dyad('their-4', 'D4')], memos: [memo('m1', 'their-4'), memo('m2', 'gone', 'd5'), memo('m3', 'gone', 'D9'), memo('m4', 'gone')] });
    const plan = planMerge(into, from, OPTS);
    expect(plan.operations.memosAdded.map((m) => [m.id, m.targetKind, m.targetId])).toEqual([
      ['m1', 'dyad', 'dyad-4'],
      ['m2', 'dyad', 'dyad-5'],
      ['m3', 'project', ''],
      ['m4', 'project', ''],
    ]);
    expect(plan.summary.warnings).toEqual(['2 memos from bea.dyad were written on something left out of the merge; they are kept as memos on the project.']);
  });
});

describe('interviews', () => {
  it('the same text here twice: the copy’s interview goes to the one in its own session and role', () => {
    const into = project({
      dyads: [dyad('dyad-4', 'D4'), dyad('dyad-5', 'D5')],
      interviews: [interview('a', CLIENT_TEXT, 'D4', 1, 'client'), interview('b', CLIENT_TEXT, 'D5', 1, 'therapist')],
    });
    const codes = [code('shame', 'Shame')];
    const from = project({ codes, dyads: [dyad('dyad-5', 'D5')], interviews: [interview('x', CLIENT_TEXT, 'D5', 1, 'therapist')], codings: [coding('k', 'x', 'shame', 'ann', 0, 4)] });
    const plan = planMerge({ ...into, codes }, from, OPTS);
    expect(plan.ids.interviews.get('x')).toBe('b');
    expect(plan.operations.codingsAdded.map((k) => k.interviewId)).toEqual(['b']);
    // Without a place of its own, the first one with that text.
    const unplaced = planMerge({ ...into, codes }, { ...from, interviews: [interview('x', CLIENT_TEXT, null, null, null)] }, OPTS);
    expect(unplaced.ids.interviews.get('x')).toBe('a');
    expect(unplaced.summary.conflicts).toEqual([]);
  });

  it('a new interview goes where the copy says, making its dyad and session; the summary says where', () => {
    const from = project({ interviews: [interview('iv-client', CLIENT_TEXT), interview('new', OTHER_TEXT, ' D6 ', 2, 'therapist')] });
    const plan = planMerge(project(), from, OPTS);
    expect(plan.operations.dyadsAdded.map((d) => d.name)).toEqual(['D6']);
    const [s] = plan.operations.sessionsAdded;
    expect(s).toMatchObject({ dyadId: plan.operations.dyadsAdded[0]!.id, number: 2, date: null, recordingPath: null });
    expect(plan.operations.interviewsAdded.map((i) => [i.id, i.sessionId, i.role, i.sourceName])).toEqual([['new', s!.id, 'therapist', 'new.txt']]);
    expect(plan.summary.interviews).toEqual({ added: [{ id: 'new', sourceName: 'new.txt', dyad: 'D6', session: 2, role: 'therapist' }], matchedById: 1, matchedByText: 0, skipped: [] });
    const result = applyToSnapshot(project(), plan.operations);
    expect(result.interviews.map((i) => [i.id, i.dyad, i.session, i.role])).toEqual([
      ['iv-client', 'D4', 1, 'client'],
      ['new', 'D6', 2, 'therapist'],
    ]);
    // Two new interviews naming one new dyad share it.
    const two = planMerge(project(), project({ interviews: [interview('n1', OTHER_TEXT, 'D6', 1, 'client'), interview('n2', 'T: Yes.\n', 'd6', 1, 'therapist')] }), OPTS);
    expect(two.operations.dyadsAdded).toHaveLength(1);
    expect(two.operations.sessionsAdded).toHaveLength(1);
    expect(two.summary.conflicts).toEqual([]);
  });

  it('an interview whose id is taken here by another text gets an id of its own', () => {
    const into = project({ interviews: [interview('iv-client', CLIENT_TEXT)] });
    const from = project({ dyads: [dyad('dyad-4', 'D4'), dyad('dyad-8', 'D8')], interviews: [{ ...interview('iv-client', OTHER_TEXT, 'D8', 1, 'client') }] });
    const plan = planMerge(into, from, OPTS, { 'interview-text:iv-client': 'add-separately' });
    const [added] = plan.operations.interviewsAdded;
    expect(added!.id).not.toBe('iv-client');
    expect(added!.sourceName).toBe('iv-client.txt (bea.dyad)');
    // The version goes beside the interview it is a version of, as "other".
    expect(plan.summary.interviews.added[0]).toMatchObject({ dyad: 'D4', session: 1, role: 'other' });
  });

  it('a corrected version added beside an interview with no place goes to an "Unassigned" dyad; merging again finds it', () => {
    const into = project({ interviews: [interview('iv', CLIENT_TEXT, null, null, null)] });
    const corrected = CLIENT_TEXT.replace('small', 'tiny');
    const from = project({ interviews: [interview('iv', corrected, null, null, null)] });
    const plan = planMerge(into, from, OPTS);
    expect(plan.summary.interviews.added).toEqual([expect.objectContaining({ sourceName: 'iv.txt (bea.dyad)', dyad: 'Unassigned (bea.dyad)', session: 1, role: 'other' })]);
    const once = applyToSnapshot(into, plan.operations);
    const again = planMerge(once, from, OPTS);
    expect(again.summary.nothingToDo).toBe(true);
    expect(again.summary.interviews).toMatchObject({ matchedByText: 1, added: [] });
    expect(again.summary.conflicts).toEqual([]);
  });

  it('a same-id interview with another text is not matched to some other interview that has that text', () => {
    const corrected = CLIENT_TEXT.replace('small', 'tiny');
    const into = project({ dyads: [dyad('dyad-4', 'D4', [{ id: 's1', number: 1, date: null }, { id: 's2', number: 2, date: null }])], interviews: [interview('iv', CLIENT_TEXT), interview('copy', corrected, 'D4', 2)] });
    const plan = planMerge(into, project({ interviews: [interview('iv', corrected)] }), OPTS);
    expect(plan.summary.conflicts.map((c) => c.id)).toEqual(['interview-text:iv']);
    expect(plan.summary.interviews.matchedByText).toBe(0);
  });

  it('transcripts that fit where the copy says come first: an unplaced one with the same text then joins them, unasked', () => {
    const from = project({ interviews: [interview('unplaced', OTHER_TEXT, null, null, null), interview('placed', OTHER_TEXT, 'D4', 2, 'client')] });
    const plan = planMerge(project(), from, OPTS);
    expect(plan.summary.conflicts).toEqual([]);
    expect(plan.summary.interviews.added.map((i) => [i.id, i.dyad, i.session])).toEqual([['placed', 'D4', 2]]);
    expect(plan.ids.interviews.get('unplaced')).toBe('placed');
    expect(plan.summary.interviews.matchedByText).toBe(1);
  });

  it('a transcript for a slot already taken here waits for one with its text that fits: it joins that one, unasked', () => {
    const from = project({ interviews: [interview('iv-client', CLIENT_TEXT), interview('late', OTHER_TEXT, 'D4', 1, 'client'), interview('fits', OTHER_TEXT, 'D4', 2, 'client')] });
    const plan = planMerge(project(), from, OPTS);
    expect(plan.summary.conflicts).toEqual([]);
    expect(plan.summary.interviews.added.map((i) => [i.id, i.dyad, i.session, i.role])).toEqual([['fits', 'D4', 2, 'client']]);
    expect(plan.ids.interviews.get('late')).toBe('fits');
  });

  it('an "other" transcript here does not take the client’s or therapist’s slot of its session', () => {
    const into = project({ dyads: [dyad('dyad-4', 'D4', [{ id: 'session-4-1', number: 1, date: null }, { id: 's2', number: 2, date: null }])], interviews: [interview('iv-client', CLIENT_TEXT), interview('notes', 'I: Notes.\n', 'D4', 2, 'other')] });
    const from = project({ interviews: [interview('c2', OTHER_TEXT, 'D4', 2, 'client')] });
    const plan = planMerge(into, from, OPTS);
    expect(plan.summary.conflicts).toEqual([]);
    expect(plan.summary.interviews.added.map((i) => [i.id, i.session, i.role])).toEqual([['c2', 2, 'client']]);
  });

  it('a transcript the lead leaves out whose text came in under another name has its codings go there', () => {
    const codes = [code('shame', 'Shame')];
    const from = project({
      codes,
      interviews: [interview('iv-client', CLIENT_TEXT), interview('second', OTHER_TEXT, 'D4', 1, 'client'), interview('refi', OTHER_TEXT, null, null, null)],
      codings: [coding('k', 'second', 'shame', 'ben', 3, 9)],
    });
    const plan = planMerge(project({ codes }), from, OPTS, { 'interview-slot:second': 'skip' });
    expect(plan.summary.interviews.skipped).toEqual([]);
    expect(plan.summary.interviews.added.map((i) => i.id)).toEqual(['refi']);
    expect(plan.operations.codingsAdded.map((k) => k.interviewId)).toEqual(['refi']);
  });

  it('left out: the interview and its codings are counted in the summary; what is unplaced is asked about', () => {
    const codes = [code('shame', 'Shame')];
    const from = project({
      codes,
      interviews: [interview('iv-client', CLIENT_TEXT), interview('second', OTHER_TEXT, 'D4', 1, 'client'), interview('blank', 'C: Hm.\n', '  ', 1, 'client'), interview('nosession', 'C: No.\n', 'D4', null, 'client'), interview('norole', 'C: Yes.\n', 'D4', 1, null)],
      codings: [coding('k1', 'second', 'shame', 'ben', 3, 9), coding('k2', 'second', 'shame', 'ben', 10, 12)],
    });
    const plan = planMerge(project({ codes }), from, OPTS, { 'interview-slot:second': 'skip' });
    expect(plan.summary.interviews.skipped).toEqual([{ id: 'second', sourceName: 'second.txt', codings: 2 }]);
    expect(plan.operations.codingsAdded).toEqual([]);
    const slot = plan.summary.conflicts.find((c) => c.kind === 'interview-slot')!;
    expect(slot.description).toBe('Dyad D4, session 1 already has a client interview; bea.dyad has another one ("second.txt").');
    expect(slot.theirs).toBe('second.txt');
    const unplaced = plan.summary.conflicts.filter((c) => c.kind === 'interview-unplaced');
    expect(unplaced.map((c) => c.id)).toEqual(['interview-unplaced:blank', 'interview-unplaced:nosession', 'interview-unplaced:norole']);
    expect(unplaced[0]!.description).toBe('bea.dyad has the transcript "blank.txt" without a dyad, session and role.');
    expect(plan.summary.interviews.added.map((i) => [i.id, i.dyad, i.session, i.role])).toEqual([
      ['blank', 'Unassigned (bea.dyad)', 1, 'other'],
      ['nosession', 'Unassigned (bea.dyad)', 1, 'other'],
      ['norole', 'Unassigned (bea.dyad)', 1, 'other'],
    ]);
  });

  it('an "other" interview never takes a slot: two of them in one session are both added unasked', () => {
    const from = project({ interviews: [interview('iv-client', CLIENT_TEXT), interview('o1', OTHER_TEXT, 'D4', 1, 'other'), interview('o2', 'C: Again.\n', 'D4', 1, 'other')] });
    const plan = planMerge(project({ interviews: [interview('iv-client', CLIENT_TEXT), interview('o0', 'I: Notes.\n', 'D4', 1, 'other')] }), from, OPTS);
    expect(plan.summary.conflicts).toEqual([]);
    expect(plan.summary.interviews.added.map((i) => [i.id, i.role])).toEqual([
      ['o1', 'other'],
      ['o2', 'other'],
    ]);
  });

  it('a client interview added by the merge takes its slot: a second one for that slot is asked about', () => {
    const from = project({ interviews: [interview('iv-client', CLIENT_TEXT), interview('c1', OTHER_TEXT, 'D4', 2, 'client'), interview('c2', 'C: Again.\n', 'D4', 2, 'client')] });
    const plan = planMerge(project(), from, OPTS);
    expect(plan.summary.conflicts.map((c) => c.id)).toEqual(['interview-slot:c2']);
    expect(plan.summary.interviews.added.map((i) => [i.id, i.role])).toEqual([
      ['c1', 'client'],
      ['c2', 'other'],
    ]);
  });

  it('an interview’s own recording: taken where this project has none, kept (with a warning) where it has another', () => {
    const into = project({
      interviews: [{ ...interview('iv-client', CLIENT_TEXT), audioPath: null }, { ...interview('iv-t', OTHER_TEXT, 'D4', 1, 'therapist'), audioPath: 'mine.wav' }],
    });
    const from = project({
      interviews: [
        { ...interview('iv-client', CLIENT_TEXT), audioPath: 'theirs.wav' },
        { ...interview('iv-t', OTHER_TEXT, 'D4', 1, 'therapist'), audioPath: 'theirs-t.wav' },
        { ...interview('new', 'C: New.\n', 'D4', 2, 'client'), audioPath: 'new.wav' },
        { ...interview('new-blank', 'C: Blank.\n', 'D4', 2, 'therapist'), audioPath: ' ' },
      ],
    });
    const plan = planMerge(into, from, OPTS);
    expect(plan.operations.interviewRecordings).toEqual([{ id: 'iv-client', audioPath: 'theirs.wav', before: null }]);
    expect(plan.summary.warnings).toEqual(['The interview "iv-t.txt" has the recording "mine.wav" here and "theirs-t.wav" in bea.dyad; it keeps "mine.wav".']);
    expect(plan.operations.interviewsAdded.map((i) => [i.id, i.audioPath])).toEqual([
      ['new', 'new.wav'],
      ['new-blank', undefined],
    ]);
    expect('audioPath' in plan.operations.interviewsAdded[1]!).toBe(false);
    // The same recording on both sides is nothing to say.
    const same = planMerge(applyToSnapshot(into, plan.operations), from, OPTS);
    expect(same.operations.interviewRecordings).toEqual([]);
    expect(same.summary.warnings).toEqual(plan.summary.warnings);
  });

  it('a corrected version’s turns and moments get ids of their own; a new interview keeps its own', () => {
    const turn = { id: 't1', seq: 0, speaker: 'C', speakerRole: 'participant' as const, start: 0, end: 5, interviewTime: null };
    const moment = { id: 'm1', sessionTime: 70, offset: 0, label: '[01:10]' };
    const into = project({ interviews: [{ ...interview('iv-client', CLIENT_TEXT), turns: [turn], moments: [moment] }] });
    const from = project({
      interviews: [
        { ...interview('iv-client', CLIENT_TEXT.replace('small', 'tiny')), turns: [turn], moments: [moment] },
        { ...interview('new', OTHER_TEXT, 'D4', 2, 'client'), turns: [{ ...turn, id: 't9' }], moments: [{ ...moment, id: 'm9' }] },
      ],
    });
    const [version, fresh] = planMerge(into, from, OPTS).operations.interviewsAdded;
    expect(version!.turns[0]!.id).not.toBe('t1');
    expect(version!.moments[0]!.id).not.toBe('m1');
    expect(version!.turns[0]).toEqual({ ...turn, id: version!.turns[0]!.id });
    expect(fresh!.turns.map((t) => t.id)).toEqual(['t9']);
    expect(fresh!.moments.map((m) => m.id)).toEqual(['m9']);
  });
});

describe('the summary', () => {
  it('nothing to do only when no operation of any kind is planned', () => {
    const base: ProjectSnapshot = project();
    expect(planMerge(base, project(), OPTS).summary.nothingToDo).toBe(true);
    expect(planMerge(base, project({ coders: [{ id: 'zoe', name: 'Zoe' }] }), OPTS).summary.nothingToDo).toBe(false);
    expect(planMerge(base, project({ dyads: [dyad('dyad-4', 'D4', [{ id: 'session-4-1', number: 1, date: null }, { id: 's2', number: 2, date: null }])] }), OPTS).summary.nothingToDo).toBe(false);
  });
});

// What the mutation run of shared/merge/structure.ts found unguarded (docs/mutation.md, its section).
describe('what the lead is shown and what lands where', () => {
  const TINY = CLIENT_TEXT.replace('small', 'tiny');
  const ALONE = CLIENT_TEXT.replace('small', 'alone');
  // The id the first merge that added a corrected version of "iv" gave it (shared/merge/ids.ts), as written in
  // projects merged since: a later merge must find the version under it.
  const FIRST_VERSION_OF_IV = '90fbae5c-8a6b-8f1a-93e7-16e2d12f7410';

  it('a corrected copy of an interview: the lead is told which one and asked, in words; keeping this text counts as matched', () => {
    const into = project({ interviews: [interview('iv', CLIENT_TEXT)] });
    const from = project({ interviews: [interview('iv', TINY)] });
    const plan = planMerge(into, from, OPTS);
    const c = plan.summary.conflicts[0]!;
    expect([c.id, c.kind, c.description, c.defaultOption, c.subjectId]).toEqual([
      'interview-text:iv',
      'interview-text',
      'The interview "iv.txt" has a different text in bea.dyad (one of the copies was corrected).',
      'add-separately',
      'iv',
    ]);
    expect(c.options).toEqual([
      { id: 'add-separately', label: 'Add the version from bea.dyad beside it, with its codings' },
      { id: 'keep-mine', label: "Keep this project's text and carry the codings over" },
    ]);
    const kept = planMerge(into, from, OPTS, { 'interview-text:iv': 'keep-mine' });
    expect(kept.operations.interviewsAdded).toEqual([]);
    expect(kept.summary.interviews).toMatchObject({ matchedById: 1, matchedByText: 0 });
  });

  it('a version an earlier merge added is found again under its id; a second correction is asked about, added once, and found again too', () => {
    const into = project({ interviews: [interview('iv', CLIENT_TEXT), { ...interview(FIRST_VERSION_OF_IV, TINY, 'D4', 1, 'other'), sourceName: 'iv.txt (bea.dyad)' }] });
    const again = planMerge(into, project({ interviews: [interview('iv', TINY)] }), OPTS);
    expect(again.summary.conflicts).toEqual([]);
    expect(again.ids.interviews.get('iv')).toBe(FIRST_VERSION_OF_IV);
    // A copy corrected otherwise is no copy of that version: asked about, and added beside both.
    const second = project({ interviews: [interview('iv', ALONE)] });
    const plan = planMerge(into, second, { fromLabel: 'cem.dyad' });
    expect(plan.summary.conflicts.map((c) => c.id)).toEqual(['interview-text:iv']);
    const [added] = plan.operations.interviewsAdded;
    expect(added).toMatchObject({ text: ALONE, sourceName: 'iv.txt (cem.dyad)', role: 'other' });
    expect(['iv', FIRST_VERSION_OF_IV]).not.toContain(added!.id);
    const merged = applyToSnapshot(into, plan.operations);
    expect(merged.interviews.map((i) => i.text)).toEqual([CLIENT_TEXT, TINY, ALONE]);
    // Merging the same copy again: nothing to do, not a fourth transcript (the bug this test was written for).
    const twice = planMerge(merged, second, { fromLabel: 'cem.dyad' });
    expect(twice.summary.conflicts).toEqual([]);
    expect(twice.summary.nothingToDo).toBe(true);
    expect(twice.ids.interviews.get('iv')).toBe(added!.id);
    // And a third correction, from a third coder, the same way.
    const third = project({ interviews: [interview('iv', CLIENT_TEXT.replace('small', 'unseen'))] });
    const thrice = applyToSnapshot(merged, planMerge(merged, third, { fromLabel: 'dan.dyad' }).operations);
    expect(thrice.interviews).toHaveLength(4);
    expect(planMerge(thrice, third, { fromLabel: 'dan.dyad' }).summary.nothingToDo).toBe(true);
  });

  it('a transcript naming a dyad only this project has, or that the copy calls by another name, goes to that dyad', () => {
    const into = project({ dyads: [dyad('dyad-4', 'D4'), dyad('dyad-5', 'D5')] });
    const renamed = project({ dyads: [dyad('dyad-4', 'Dyad four')], interviews: [interview('iv-client', CLIENT_TEXT), interview('n', OTHER_TEXT, 'Dyad four', 2, 'client'), interview('m', 'C: Hm.\n', 'D5', 1, 'therapist')] });
    const plan = planMerge(into, renamed, OPTS);
    expect(plan.operations.dyadsAdded).toEqual([]);
    expect(plan.summary.warnings).toEqual(['Dyad "D4" is called "Dyad four" in bea.dyad; it keeps its name here.']);
    expect(plan.summary.interviews.added.map((i) => [i.id, i.dyad, i.session, i.role])).toEqual([
      ['n', 'D4', 2, 'client'],
      ['m', 'D5', 1, 'therapist'],
    ]);
  });

  it('a dyad made for a transcript gets an id of its own, not that of a dyad here renamed since', () => {
    const into = project({ dyads: [dyad('dyad-4', 'D4'), dyad('dyad:d6', 'D6 (pilot)')] });
    const plan = planMerge(into, project({ interviews: [interview('iv-client', CLIENT_TEXT), interview('n', OTHER_TEXT, 'D6', 1, 'client')] }), OPTS);
    const [d6] = plan.operations.dyadsAdded;
    expect(d6!.name).toBe('D6');
    expect(['', 'dyad-4', 'dyad:d6']).not.toContain(d6!.id);
    const merged = applyToSnapshot(into, plan.operations);
    expect(merged.dyads.map((d) => [d.name, d.sessions.length])).toEqual([
      ['D4', 1],
      ['D6 (pilot)', 1],
      ['D6', 1],
    ]);
    expect(merged.interviews.find((i) => i.id === 'n')).toMatchObject({ dyad: 'D6', session: 1 });
  });

  it('attributes of a dyad here go to that dyad, even after the copy brought a new dyad', () => {
    const into = project({ dyads: [dyad('dyad-4', 'D4')] });
    const from = project({ dyads: [dyad('dyad-7', 'D7', undefined, { age: '40' }), dyad('dyad-4', 'D4', undefined, { modality: 'online' })], interviews: [] });
    const plan = planMerge(into, from, OPTS);
    expect(plan.operations.dyadsAdded).toEqual([{ id: 'dyad-7', name: 'D7', attributes: { age: '40' } }]);
    expect(plan.operations.dyadsUpdated).toEqual([{ id: 'dyad-4', attributes: { modality: 'online' }, before: {} }]);
    // The same value on both sides is nothing to ask about; a different one offers "keep mine" first, by that id.
    const same = planMerge(project({ dyads: [dyad('dyad-4', 'D4', undefined, { age: '34' })] }), project({ dyads: [dyad('dyad-4', 'D4', undefined, { age: '34' })] }), OPTS);
    expect(same.summary.conflicts).toEqual([]);
    const other = planMerge(project({ dyads: [dyad('dyad-4', 'D4', undefined, { age: '34' })] }), project({ dyads: [dyad('dyad-4', 'D4', undefined, { age: '35' })] }), OPTS);
    expect(other.summary.conflicts.map((c) => [c.defaultOption, c.options.map((o) => o.id)])).toEqual([['keep-mine', ['keep-mine', 'take-theirs']]]);
  });

  it('a session recording the same on both sides is nothing to say; another one is kept here, with a warning', () => {
    const withRecording = (path: string) => [dyad('dyad-4', 'D4', [{ id: 'session-4-1', number: 1, date: null, recordingPath: path }])];
    const into = project({ dyads: withRecording('s1.mp4') });
    const same = planMerge(into, project({ dyads: withRecording('s1.mp4') }), OPTS);
    expect(same.summary.warnings).toEqual([]);
    expect(same.summary.nothingToDo).toBe(true);
    const other = planMerge(into, project({ dyads: withRecording('other.mp4') }), OPTS);
    expect(other.operations.sessionRecordings).toEqual([]);
    expect(other.summary.warnings).toEqual(['Dyad D4, session 1 has the recording "s1.mp4" here and "other.mp4" in bea.dyad; it keeps "s1.mp4".']);
  });

  it('a transcript already here under another id is matched by its text without making the dyad the copy names', () => {
    const plan = planMerge(project(), project({ interviews: [interview('elsewhere', CLIENT_TEXT, 'D9', 1, 'client')] }), OPTS);
    expect(plan.ids.interviews.get('elsewhere')).toBe('iv-client');
    expect(plan.operations.dyadsAdded).toEqual([]);
    expect(plan.summary.nothingToDo).toBe(true);
    // Nor when it is a second transcript with the text of one the merge adds.
    const two = planMerge(project(), project({ interviews: [interview('a', OTHER_TEXT, 'D4', 2, 'client'), interview('b', OTHER_TEXT, 'D9', 1, 'client')] }), OPTS);
    expect(two.operations.dyadsAdded).toEqual([]);
    expect(two.summary.interviews.added.map((i) => [i.id, i.dyad, i.session])).toEqual([['a', 'D4', 2]]);
    expect(two.ids.interviews.get('b')).toBe('a');
  });

  it('one text here in several places: the copy’s transcript goes to the one of its own session, or of its own role', () => {
    const into = project({
      dyads: [dyad('dyad-4', 'D4'), dyad('dyad-5', 'D5')],
      interviews: [interview('d4-client', CLIENT_TEXT, 'D4', 1, 'client'), interview('d4-therapist', CLIENT_TEXT, 'D4', 1, 'therapist'), interview('d5-client', CLIENT_TEXT, 'D5', 1, 'client')],
    });
    const plan = planMerge(into, project({ dyads: [], interviews: [interview('x', CLIENT_TEXT, 'D5', 1, 'client'), interview('y', CLIENT_TEXT, 'D4', 1, 'therapist')] }), OPTS);
    expect(plan.ids.interviews.get('x')).toBe('d5-client');
    expect(plan.ids.interviews.get('y')).toBe('d4-therapist');
  });

  it('a version added beside an interview does not hide the interview here that already had its text', () => {
    const into = project({
      dyads: [dyad('dyad-4', 'D4', [{ id: 's1', number: 1, date: null }, { id: 's2', number: 2, date: null }])],
      interviews: [interview('iv', CLIENT_TEXT), interview('copy', TINY, 'D4', 2, 'client')],
    });
    const plan = planMerge(into, project({ interviews: [interview('iv', TINY), interview('x', TINY, 'D4', 2, 'client')] }), OPTS);
    expect(plan.operations.interviewsAdded).toHaveLength(1);
    expect(plan.ids.interviews.get('x')).toBe('copy');
  });

  it('transcripts that fit come first, in the copy’s order; a free slot of a session here fits', () => {
    const from = project({ interviews: [interview('iv-client', CLIENT_TEXT), interview('a', OTHER_TEXT, 'D4', 1, 'therapist'), interview('b', OTHER_TEXT, 'D4', 3, 'client')] });
    const plan = planMerge(project(), from, OPTS);
    expect(plan.summary.conflicts).toEqual([]);
    expect(plan.summary.interviews.added.map((i) => [i.id, i.session, i.role])).toEqual([['a', 1, 'therapist']]);
    expect(plan.ids.interviews.get('b')).toBe('a');
    // A therapist interview here takes its slot as a client one does.
    const into = project({ interviews: [interview('iv-client', CLIENT_TEXT), interview('t', 'T: Yes.\n', 'D4', 1, 'therapist')] });
    expect(planMerge(into, project({ interviews: [interview('t2', OTHER_TEXT, 'D4', 1, 'therapist')] }), OPTS).summary.conflicts.map((c) => c.id)).toEqual(['interview-slot:t2']);
  });

  it('the questions about a transcript without a place or for a taken slot offer their choices in words', () => {
    const from = project({ interviews: [interview('iv-client', CLIENT_TEXT), interview('loose', OTHER_TEXT, null, null, null), interview('second', 'C: Again.\n', 'D4', 1, 'client')] });
    const plan = planMerge(project(), from, OPTS);
    expect(plan.summary.conflicts.map((c) => [c.id, c.options.map((o) => [o.id, o.label])])).toEqual([
      ['interview-slot:second', [['add-as-other', 'Add it to the session as "other"'], ['skip', 'Leave it out, with its codings']]],
      ['interview-unplaced:loose', [['add-unassigned', 'Add it to dyad "Unassigned (bea.dyad)" as "other", to assign later'], ['skip', 'Leave it out, with its codings']]],
    ]);
  });

  it('a transcript left out whose text came in under another name counts as matched by text', () => {
    const from = project({ interviews: [interview('iv-client', CLIENT_TEXT), interview('second', OTHER_TEXT, 'D4', 1, 'client'), interview('refi', OTHER_TEXT, null, null, null)] });
    const plan = planMerge(project(), from, OPTS, { 'interview-slot:second': 'skip' });
    expect(plan.ids.interviews.get('second')).toBe('refi');
    expect(plan.summary.interviews).toMatchObject({ matchedById: 1, matchedByText: 1, skipped: [] });
  });
});

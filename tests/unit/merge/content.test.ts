/** Codings and memos of the incoming copy, carried over under their matched code, interview and coder. */
import { describe, expect, it } from 'vitest';
import { applyToSnapshot, planMerge } from '../../../shared/merge';
import { CLIENT_TEXT, code, coding, interview, memo, project } from './build';

const OPTS = { fromLabel: 'bea.dyad' };
const codes = [code('shame', 'Shame'), code('guilt', 'Guilt')];

describe('codings', () => {
  it('one coding differing in any one of interview, start, end, code or coder is another coding', () => {
    const other = interview('iv-t', 'T: I could not look at her either.\n', 'D4', 1, 'therapist');
    const base = coding('k0', 'iv-client', 'shame', 'ann', 3, 9);
    const into = project({ codes, interviews: [interview('iv-client', CLIENT_TEXT), other], codings: [base] });
    const variants = [
      { ...base, id: 'k1', interviewId: 'iv-t' },
      { ...base, id: 'k2', start: 4 },
      { ...base, id: 'k3', end: 10 },
      { ...base, id: 'k4', codeId: 'guilt' },
      { ...base, id: 'k5', coderId: 'ben' },
      { ...base, id: 'k6' },
    ];
    const plan = planMerge(into, { ...into, codings: variants }, OPTS);
    expect(plan.operations.codingsAdded.map((k) => k.id)).toEqual(['k1', 'k2', 'k3', 'k4', 'k5']);
    expect(plan.summary.codings).toMatchObject({ added: 5, alreadyThere: 1 });
    expect(plan.ids.codings.get('k6')).toBe('k0');
  });

  it('a coding keeps its date, and gets an id of its own when its id is taken here by another coding', () => {
    const into = project({ codes, codings: [coding('k1', 'iv-client', 'shame', 'ann', 0, 3)] });
    const theirs = { ...coding('k1', 'iv-client', 'guilt', 'ben', 5, 9), createdAt: '2024-12-24T08:00:00.000Z' };
    const plan = planMerge(into, project({ codes, codings: [theirs] }), OPTS);
    const [added] = plan.operations.codingsAdded;
    expect(added).toEqual({ ...theirs, id: added!.id });
    expect(added!.id).not.toBe('k1');
    expect(plan.ids.codings.get('k1')).toBe(added!.id);
    // Merging again finds it.
    expect(planMerge(applyToSnapshot(into, plan.operations), project({ codes, codings: [theirs] }), OPTS).summary.nothingToDo).toBe(true);
  });

  it('codings of a corrected transcript kept here: moved with the text, those on deleted text counted and named', () => {
    const corrected = CLIENT_TEXT.replace('I could not look at her. ', '');
    const from = project({
      codes,
      interviews: [interview('iv-client', corrected)],
      codings: [coding('k1', 'iv-client', 'shame', 'ben', corrected.indexOf('small'), corrected.indexOf('small') + 5)],
    });
    const into = project({ codes });
    // Here the text still has the sentence the copy deleted: every coding finds its words.
    const kept = planMerge(into, from, OPTS, { 'interview-text:iv-client': 'keep-mine' });
    expect(kept.operations.codingsAdded.map((k) => CLIENT_TEXT.slice(k.start, k.end))).toEqual(['small']);
    expect(kept.summary.codings.unplaced).toBe(0);

    // The other way round: this project has the shorter text, the copy's codings on the deleted sentence have nowhere to go.
    const look = CLIENT_TEXT.indexOf('I could not');
    const longFrom = project({
      codes,
      interviews: [interview('iv-client', CLIENT_TEXT)],
      codings: [coding('k1', 'iv-client', 'shame', 'ben', look + 2, look + 11), coding('k2', 'iv-client', 'guilt', 'ben', look + 8, look + 16), coding('k3', 'iv-client', 'shame', 'ben', CLIENT_TEXT.indexOf('small'), CLIENT_TEXT.indexOf('small') + 5)],
    });
    const shortInto = project({ codes, interviews: [interview('iv-first', 'C: Another session.\n', 'D4', 2), interview('iv-client', corrected)] });
    const plan = planMerge(shortInto, longFrom, OPTS, { 'interview-text:iv-client': 'keep-mine' });
    expect(plan.summary.codings).toMatchObject({ added: 1, unplaced: 2 });
    expect(plan.operations.codingsAdded.map((k) => corrected.slice(k.start, k.end))).toEqual(['small']);
    expect(plan.summary.warnings).toEqual(['2 codings from bea.dyad lay wholly in text that "iv-client.txt" no longer has here; they are not carried over.']);
    const one = planMerge(shortInto, { ...longFrom, codings: longFrom.codings.slice(0, 1) }, OPTS, { 'interview-text:iv-client': 'keep-mine' });
    expect(one.summary.warnings).toEqual(['1 coding from bea.dyad lay wholly in text that "iv-client.txt" no longer has here; they are not carried over.']);
  });
});

describe('memos', () => {
  it('each kind of target follows what it is attached to', () => {
    const into = project({ codes: [code('shame-here', 'Shame')], codings: [coding('k-here', 'iv-client', 'shame-here', 'ann', 0, 3)] });
    const from = project({
      codes: [code('shame', 'Shame')],
      dyads: [{ id: 'their-dyad', name: 'D4', attributes: {}, sessions: [{ id: 'their-session', number: 1, date: null }] }],
      interviews: [interview('their-iv', CLIENT_TEXT)],
      codings: [coding('k', 'their-iv', 'shame', 'ann', 0, 3)],
      memos: [
        memo('m-project', 'project', '', 'On the study.'),
        memo('m-code', 'code', 'shame', 'On the code.'),
        memo('m-coding', 'coding', 'k', 'On the coding.'),
        memo('m-interview', 'interview', 'their-iv', 'On the interview.'),
        memo('m-session', 'session', 'their-session', 'On the session.'),
        memo('m-dyad', 'dyad', 'their-dyad', 'On the dyad.'),
        memo('m-coder', 'code', 'shame', 'By Bea.', { coderId: 'ben' }),
      ],
    });
    const plan = planMerge(into, from, OPTS);
    expect(plan.operations.memosAdded.map((m) => [m.id, m.targetKind, m.targetId, m.coderId])).toEqual([
      ['m-project', 'project', '', null],
      ['m-code', 'code', 'shame-here', null],
      ['m-coding', 'coding', 'k-here', null],
      ['m-interview', 'interview', 'iv-client', null],
      ['m-session', 'session', 'session-4-1', null],
      ['m-dyad', 'dyad', 'dyad-4', null],
      ['m-coder', 'code', 'shame-here', 'ben'],
    ]);
    expect(plan.summary.memos).toEqual({ added: 7, matched: 0, updated: 0 });
    expect(plan.summary.warnings).toEqual([]);
    // Title, text and dates as written; each incoming memo is found under its id in the merged project.
    expect(plan.operations.memosAdded[0]).toEqual(from.memos[0]);
    expect(from.memos.map((m) => plan.ids.memos.get(m.id))).toEqual(from.memos.map((m) => m.id));
  });

  it('the same memo under another id (same target, coder and text, spacing aside) is matched; another coder’s is not', () => {
    const into = project({ codes, memos: [memo('mine', 'code', 'shame', 'About the self.', { coderId: 'ann' })] });
    const from = project({
      codes,
      memos: [memo('theirs', 'code', 'shame', '  About the self.\r\n', { coderId: 'ann' }), memo('bens', 'code', 'shame', 'About the self.', { coderId: 'ben' }), memo('nobody', 'code', 'shame', 'About the self.')],
    });
    const plan = planMerge(into, from, OPTS);
    expect(plan.ids.memos.get('theirs')).toBe('mine');
    expect(plan.operations.memosAdded.map((m) => m.id)).toEqual(['bens', 'nobody']);
    expect(plan.summary.memos).toEqual({ added: 2, matched: 1, updated: 0 });
    // A memo by a coder the merge does not know keeps no coder.
    const unknownCoder = planMerge(project({ codes }), project({ codes, coders: [], memos: [memo('m', 'code', 'shame', 'x', { coderId: 'ghost' })] }), OPTS);
    expect(unknownCoder.operations.memosAdded[0]!.coderId).toBeNull();
  });

  it('the same memo edited in both copies: keep mine, take theirs (title and text) or keep both; merging again asks nothing new', () => {
    const into = project({ codes, memos: [memo('m1', 'code', 'shame', 'About the self.', { title: 'Shame' })] });
    const theirs = memo('m1', 'code', 'shame', 'About being seen.', { title: 'Shame, seen' });
    const from = project({ codes, memos: [theirs] });
    const def = planMerge(into, from, OPTS);
    const c = def.summary.conflicts[0]!;
    expect([c.id, c.kind, c.description, c.defaultOption, c.mine, c.theirs, c.subjectId]).toEqual([
      'memo-text:m1',
      'memo-text',
      'The memo "Shame" was edited differently in bea.dyad.',
      'keep-mine',
      'About the self.',
      'About being seen.',
      'm1',
    ]);
    expect(c.options.map((o) => o.label)).toEqual(["Keep this project's memo", 'Use the one from bea.dyad', 'Keep both memos']);
    expect(def.operations.memosAdded).toEqual([]);
    expect(def.operations.memosUpdated).toEqual([]);
    expect(def.summary.memos).toEqual({ added: 0, matched: 1, updated: 0 });

    const took = planMerge(into, from, OPTS, { 'memo-text:m1': 'take-theirs' });
    expect(took.operations.memosUpdated).toEqual([{ id: 'm1', title: 'Shame, seen', text: 'About being seen.' }]);
    expect(took.operations.memosAdded).toEqual([]);
    expect(took.summary.memos).toEqual({ added: 0, matched: 1, updated: 1 });
    expect(applyToSnapshot(into, took.operations).memos.map((m) => [m.title, m.text])).toEqual([['Shame, seen', 'About being seen.']]);

    const both = planMerge(into, from, OPTS, { 'memo-text:m1': 'keep-both' });
    expect(both.operations.memosUpdated).toEqual([]);
    expect(both.operations.memosAdded.map((m) => [m.targetKind, m.targetId, m.title, m.text])).toEqual([['code', 'shame', 'Shame, seen', 'About being seen.']]);
    expect(both.operations.memosAdded[0]!.id).not.toBe('m1');
    expect(both.ids.memos.get('m1')).toBe('m1');
    const again = planMerge(applyToSnapshot(into, both.operations), from, OPTS, { 'memo-text:m1': 'keep-both' });
    expect(again.operations.memosAdded).toEqual([]);
  });

  it('only the title edited is an edit too; a memo without a title is named by its first 60 characters', () => {
    const into = project({ memos: [memo('m1', 'project', '', 'Call the team about the second session of D4 before the meeting on Friday, please.', { title: '' })] });
    const retitled = planMerge(into, project({ memos: [{ ...into.memos[0]!, title: 'To do' }] }), OPTS);
    expect(retitled.summary.conflicts[0]!.description).toBe('The memo "Call the team about the second session of D4 before the meet" was edited differently in bea.dyad.');
    // Blank space around a title or text is no edit.
    const spaced = planMerge(into, project({ memos: [{ ...into.memos[0]!, title: '  ', text: `\n${into.memos[0]!.text}  ` }] }), OPTS);
    expect(spaced.summary.conflicts).toEqual([]);
    const spacedHere = planMerge(project({ memos: [{ ...into.memos[0]!, title: ' To do ' }] }), project({ memos: [{ ...into.memos[0]!, title: 'To do' }] }), OPTS);
    expect(spacedHere.summary.conflicts).toEqual([]);
    expect(spaced.summary.memos).toEqual({ added: 0, matched: 1, updated: 0 });
  });

  it('a memo on a transcript left out is kept on the project; one such memo is named in the singular', () => {
    const from = project({ interviews: [interview('iv-client', CLIENT_TEXT), interview('refi', 'C: Elsewhere.\n', null, null, null)], memos: [memo('m', 'interview', 'refi', 'Check.')] });
    const plan = planMerge(project(), from, OPTS, { 'interview-unplaced:refi': 'skip' });
    expect(plan.operations.memosAdded.map((m) => [m.targetKind, m.targetId])).toEqual([['project', '']]);
    expect(plan.summary.warnings).toEqual(['1 memo from bea.dyad were written on something left out of the merge; they are kept as memos on the project.']);
  });
});

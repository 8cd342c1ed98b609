/**
 * Transcript corrections as a researcher checks them (electron/core/coding/corrections.ts): what the correction
 * reports, what it refuses (naming the file), and that every coding, recall moment and turn still reads the words
 * it read. On the seeded fixture in memory, to run fast against every mutant of the module.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import type { Db } from '../../../electron/core/database';
import { dump, spanOf, textOf, type Seed } from './fixture';
import { openSeededMemoryFixture, type MemoryFixture } from './memoryFixture';

let fx: MemoryFixture;
let s: Seed;
beforeEach(() => ({ fx, s } = openSeededMemoryFixture()));
afterEach(() => fx.close());

const correct = (interviewId: string, start: number, end: number, replacement: string) => C.correctInterview(fx.db, { interviewId, start, end, replacement });
const reads = (db: Db, codingId: string) => {
  const c = db.prepare('SELECT interview_id, start, "end" FROM codings WHERE id = ?').get(codingId) as { interview_id: string; start: number; end: number };
  return textOf(db, c.interview_id).slice(c.start, c.end);
};
const markers = (db: Db, interviewId: string) =>
  (db.prepare('SELECT label, "offset" FROM moments WHERE interview_id = ? ORDER BY "offset"').all(interviewId) as { label: string; offset: number }[]).map((m) =>
    textOf(db, interviewId).slice(m.offset, m.offset + m.label.length),
  );

describe('what a correction reports', () => {
  it('the edit as applied, the new length, and each coding removed with its code, coder and former words', () => {
    const text = textOf(fx.db, fx.clientId);
    const { start, end } = spanOf(fx.db, fx.clientId, 'I could not look at her. ');
    const r = correct(fx.clientId, start, end, '');
    expect(r.edit).toEqual({ start, end, replacementLength: 0, delta: start - end });
    expect(r.textLength).toBe(text.length - (end - start));
    expect(r.interviewId).toBe(fx.clientId);
    const byCode = [...r.removedCodings].sort((a, b) => a.codeName.localeCompare(b.codeName));
    expect(byCode).toEqual([
      { id: s.codings['emb:ana:look'], codeId: s.embarrassment, codeName: 'Embarrassment', coderName: 'Ana', text: 'I could not look at her', reason: 'deleted-text' },
      { id: s.codings['shame:ana:look'], codeId: s.shame, codeName: 'Shame', coderName: 'Ana', text: 'I could not look at her', reason: 'deleted-text' },
    ]);
    expect(r.deletedMemos).toBe(1);
    expect(C.listMemos(fx.db).map((m) => m.text)).not.toContain('Eye contact avoided.');
  });

  it('a word swapped for one of the same length moves and resizes nothing', () => {
    const before = fx.db.prepare('SELECT id, start, "end" FROM codings ORDER BY id').all();
    const r = correct(fx.clientId, ...(Object.values(spanOf(fx.db, fx.clientId, 'look at her')) as [number, number]), 'look at him');
    expect(r).toMatchObject({ shiftedCodings: 0, resizedCodings: 0, changedTurns: 0, changedMoments: 0, removedCodings: [] });
    // Only the changed letters count as the edit: "er" → "im".
    expect(r.edit).toEqual({ start: spanOf(fx.db, fx.clientId, 'him').start + 1, end: spanOf(fx.db, fx.clientId, 'him').end, replacementLength: 2, delta: 0 });
    expect(fx.db.prepare('SELECT id, start, "end" FROM codings ORDER BY id').all()).toEqual(before);
    expect(reads(fx.db, s.codings['shame:ana:look']!)).toBe('I could not look at him');
  });

  it('a correction as long as the text it replaces, over a coding’s first letters, stretches the coding back to its start', () => {
    // ". I f" → "! I F": five characters for five, the coding "I felt small" starting inside them.
    const { start } = spanOf(fx.db, fx.clientId, '. I felt small');
    const r = correct(fx.clientId, start, start + 5, '! I F');
    expect(r).toMatchObject({ resizedCodings: 2, shiftedCodings: 0, changedMoments: 0 });
    expect(reads(fx.db, s.codings['emb:ben:small']!)).toBe('! I Felt small');
    expect(reads(fx.db, s.codings['shame:ben:small']!)).toBe('! I Felt small, like a child caught out');
  });

  it('nothing to change: the interview’s own length, no step in the history', () => {
    const before = dump(fx.db);
    const r = correct(fx.clientId, 5, 5, '');
    expect(r).toEqual({
      interviewId: fx.clientId,
      edit: null,
      textLength: textOf(fx.db, fx.clientId).length,
      shiftedCodings: 0,
      resizedCodings: 0,
      removedCodings: [],
      deletedMemos: 0,
      changedTurns: 0,
      changedMoments: 0,
    });
    expect(dump(fx.db)).toEqual(before);
    expect(C.undoState(fx.db).undoLabel).toBe('Write memo on the project');
  });
});

describe('what follows a correction', () => {
  it('text typed just before a recall-moment marker moves the marker with its label', () => {
    const at = spanOf(fx.db, fx.clientId, '[video 03:05]').start;
    const r = correct(fx.clientId, at, at, '(long pause)\n');
    expect(r.changedMoments).toBe(2);
    expect(markers(fx.db, fx.clientId)).toEqual(['[video 01:10]', '[video 03:05]', '[video 06:42]']);
  });

  it('two codings side by side of the same code and coder both move when text is typed before them', () => {
    // "sit " and "back", four characters each: typing four characters before the first moves it exactly onto the
    // place the second leaves, which the database's uniqueness of codings would refuse if they moved one by one.
    const first = spanOf(fx.db, fx.therapistId, 'sit ');
    const second = spanOf(fx.db, fx.therapistId, 'back and');
    second.end = second.start + 4;
    const a = C.addCoding(fx.db, { interviewId: fx.therapistId, ...first, codeId: s.confrontation, coderId: s.ben }).coding;
    const b = C.addCoding(fx.db, { interviewId: fx.therapistId, ...second, codeId: s.confrontation, coderId: s.ben }).coding;
    const r = correct(fx.therapistId, first.start, first.start, 'now ');
    expect(r).toMatchObject({ shiftedCodings: 2, resizedCodings: 1 });
    expect([reads(fx.db, a.id), reads(fx.db, b.id)]).toEqual(['sit ', 'back']);
    // Ben's Repair around both takes the typed words in.
    expect(reads(fx.db, s.codings['repair:ben:sit']!)).toBe('I decided to now sit back');
  });

  it('a correction across the end of one turn and the start of the next goes to the first; the second keeps its end', () => {
    const turns = () =>
      (fx.db.prepare('SELECT start, "end" FROM turns WHERE interview_id = ? ORDER BY seq').all(fx.therapistId) as { start: number; end: number }[]).map((t) =>
        textOf(fx.db, fx.therapistId).slice(t.start, t.end),
      );
    // "…in yourself here?" / "T: I sensed…": the question mark, the line break, the speaker and the "I", as long again.
    const { start, end } = spanOf(fx.db, fx.therapistId, '?\nT: I');
    const r = correct(fx.therapistId, start, end, '!\nT: i');
    expect(r.changedTurns).toBe(2);
    expect(turns().slice(0, 2)).toEqual(['What do you notice in yourself here!\nT: i', ' sensed her pulling away and I pressed harder, which I regret.']);
  });

  it('codings, turns and markers read the same words after an edit inside a turn that ends a coding', () => {
    const passagesBefore = Object.fromEntries(Object.entries(s.codings).map(([k, id]) => [k, reads(fx.db, id)]));
    const r = correct(fx.clientId, ...(Object.values(spanOf(fx.db, fx.clientId, 'honestly')) as [number, number]), 'to be honest');
    expect(r).toMatchObject({ resizedCodings: 0, removedCodings: [] });
    expect(r.shiftedCodings).toBe(2); // "breathe 🙂 again" and "wanted to leave the room" come after it
    for (const [k, words] of Object.entries(passagesBefore)) expect(reads(fx.db, s.codings[k]!)).toBe(words);
    expect(markers(fx.db, fx.clientId)).toEqual(['[video 01:10]', '[video 03:05]', '[video 06:42]']);
  });
});

describe('what a correction refuses, naming the file and changing nothing', () => {
  const refused = (interviewId: string, start: number, end: number, message: string | RegExp) => {
    const before = dump(fx.db);
    expect(() => correct(interviewId, start, end, 'x')).toThrow(message);
    expect(() => correct(interviewId, start, end, 'x')).toThrow(expect.objectContaining({ kind: 'invalid-input' }));
    expect(dump(fx.db)).toEqual(before);
  };
  it.each([
    ['a start before the text', -1, 3],
    ['an end before the start', 9, 4],
    ['a start between two characters’ halves of nothing (not a whole number)', 2.5, 4],
    ['an end that is not a whole number', 2, 4.5],
  ])('%s', (_what, start, end) => {
    const len = textOf(fx.db, fx.therapistId).length;
    refused(fx.therapistId, start, end, `Cannot correct ${start}–${end} in D07_S1_therapist.txt: its text runs from 0 to ${len}.`);
  });

  it('an end past the text, by one', () => {
    const len = textOf(fx.db, fx.therapistId).length;
    refused(fx.therapistId, len - 1, len + 1, `Cannot correct ${len - 1}–${len + 1} in D07_S1_therapist.txt: its text runs from 0 to ${len}.`);
    expect(correct(fx.therapistId, len, len, 'End of session.').textLength).toBe(len + 'End of session.'.length);
  });

  it('an end that cuts an emoji in half', () => {
    const e = textOf(fx.db, fx.clientId).indexOf('🙂');
    refused(fx.clientId, e, e + 1, `Cannot correct ${e}–${e + 1} in D07_S1_client.txt: that would cut a character (an emoji or similar) in half.`);
  });

  it('an interview that is not in the project', () => {
    expect(() => correct('no-such-interview', 0, 0, 'x')).toThrow('No interview with id no-such-interview in this project.');
    expect(() => correct('no-such-interview', 0, 0, 'x')).toThrow(expect.objectContaining({ kind: 'not-found' }));
  });
});

describe('line endings', () => {
  it('stores old Mac line endings (\\r alone) as \\n too', () => {
    correct(fx.therapistId, 0, 0, 'Session 1\rTranscribed by R.\r\n');
    expect(textOf(fx.db, fx.therapistId).startsWith('Session 1\nTranscribed by R.\n[video 01:12]')).toBe(true);
  });
});

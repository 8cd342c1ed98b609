import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { countWords } from '../../../shared/import';
import { dump, openFixture, seed, spanOf, textOf, type Fixture, type Seed } from './fixture';

let fx: Fixture;
let s: Seed;
beforeEach(() => {
  fx = openFixture();
  s = seed(fx);
});
afterEach(() => fx.close());

/** What each coding reads, by key, so that a correction's effect shows as text. */
function codedTexts(interviewId: string): Record<string, string> {
  const text = textOf(fx.db, interviewId);
  const out: Record<string, string> = {};
  for (const [k, id] of Object.entries(s.codings)) {
    const r = fx.db.prepare('SELECT interview_id, start, "end" FROM codings WHERE id = ?').get(id) as { interview_id: string; start: number; end: number } | undefined;
    if (r?.interview_id === interviewId) out[k] = text.slice(r.start, r.end);
  }
  return out;
}

function turnTexts(interviewId: string): string[] {
  const text = textOf(fx.db, interviewId);
  return (fx.db.prepare('SELECT start, "end" FROM turns WHERE interview_id = ? ORDER BY seq').all(interviewId) as { start: number; end: number }[]).map((t) =>
    text.slice(t.start, t.end),
  );
}

const ftsTexts = (interviewId: string) =>
  (fx.db.prepare('SELECT f.text FROM turns_fts f JOIN turns t ON t.id = f.turn_id WHERE f.interview_id = ? ORDER BY t.seq').all(interviewId) as { text: string }[]).map(
    (r) => r.text,
  );

describe('correcting a transcript', () => {
  it('a typo fix inside a coding stretches it; codings after it move and still read the same', () => {
    const before = codedTexts(fx.clientId);
    const words = () => (fx.db.prepare('SELECT word_count FROM interviews WHERE id = ?').get(fx.clientId) as { word_count: number }).word_count;
    const wordsBefore = words();
    const r = C.correctInterview(fx.db, { interviewId: fx.clientId, ...spanOf(fx.db, fx.clientId, 'look at her'), replacement: 'look at my therapist' });
    const after = codedTexts(fx.clientId);
    expect(after['shame:ana:look']).toBe('I could not look at my therapist');
    for (const k of ['emb:ben:small', 'shame:ben:small', 'withdrawal:ana:leave', 'repair:ana:breathe']) expect(after[k]).toBe(before[k]);
    expect(words()).toBe(wordsBefore + 1);
    expect(r).toMatchObject({ resizedCodings: 2, shiftedCodings: 4, removedCodings: [], changedTurns: 4, changedMoments: 2 });
    // Only the changed characters count as the edit ("her" → "my therapist").
    expect(r.edit).toMatchObject({ replacementLength: 'my therapist'.length, delta: 'my therapist'.length - 3 });
  });

  it('turns, recall moments and the search index follow', () => {
    const markersBefore = (fx.db.prepare('SELECT label, "offset" FROM moments WHERE interview_id = ? ORDER BY "offset"').all(fx.clientId) as { label: string; offset: number }[]);
    C.correctInterview(fx.db, { interviewId: fx.clientId, ...spanOf(fx.db, fx.clientId, 'Shall we start'), replacement: 'Shall we begin' });
    const text = textOf(fx.db, fx.clientId);
    const markers = fx.db.prepare('SELECT label, "offset" FROM moments WHERE interview_id = ? ORDER BY "offset"').all(fx.clientId) as { label: string; offset: number }[];
    expect(markers.map((m) => text.startsWith(m.label, m.offset))).toEqual(markersBefore.map(() => true));
    expect(turnTexts(fx.clientId)[0]).toBe('Shall we begin the recording from the beginning?');
    expect(ftsTexts(fx.clientId)).toEqual(turnTexts(fx.clientId));
    expect(fx.db.prepare("SELECT count(*) AS n FROM turns_fts WHERE turns_fts MATCH 'begin'").get()).toEqual({ n: 1 });
    expect(fx.db.prepare("SELECT count(*) AS n FROM turns_fts WHERE turns_fts MATCH 'start'").get()).toEqual({ n: 0 });
    const wc = fx.db.prepare('SELECT word_count FROM interviews WHERE id = ?').get(fx.clientId) as { word_count: number };
    expect(wc.word_count).toBe(countWords(text));
  });

  it('deleting the text of whole codings removes them, reports them, and undo brings them back', () => {
    const before = dump(fx.db);
    const r = C.correctInterview(fx.db, { interviewId: fx.clientId, ...spanOf(fx.db, fx.clientId, 'I could not look at her. '), replacement: '' });
    expect(r.removedCodings.map((c) => [c.codeName, c.coderName, c.text, c.reason]).sort()).toEqual([
      ['Embarrassment', 'Ana', 'I could not look at her', 'deleted-text'],
      ['Shame', 'Ana', 'I could not look at her', 'deleted-text'],
    ]);
    expect(r.deletedMemos).toBe(1);
    expect(codedTexts(fx.clientId)['shame:ben:small']).toBe('I felt small, like a child caught out');
    C.undo(fx.db);
    expect(dump(fx.db)).toEqual(before);
  });

  it('an insertion at a coding’s end does not extend it; at its start it shifts it', () => {
    const look = spanOf(fx.db, fx.clientId, 'I could not look at her');
    C.correctInterview(fx.db, { interviewId: fx.clientId, start: look.end, end: look.end, replacement: ' (pause)' });
    expect(codedTexts(fx.clientId)['shame:ana:look']).toBe('I could not look at her');
    C.correctInterview(fx.db, { interviewId: fx.clientId, start: look.start, end: look.start, replacement: 'Well, ' });
    expect(codedTexts(fx.clientId)['shame:ana:look']).toBe('I could not look at her');
    expect(textOf(fx.db, fx.clientId)).toContain('Well, I could not look at her (pause).');
    // The turn grew with both: typing at a turn's start or end belongs to the turn.
    expect(turnTexts(fx.clientId)[2]).toBe('Well, I could not look at her (pause). I felt small, like a child caught out.');
  });

  it('codings that become identical collapse into one, keeping its memos', () => {
    const small = spanOf(fx.db, fx.clientId, 'I felt small');
    const longer = spanOf(fx.db, fx.clientId, 'I felt small, like');
    const a = C.addCoding(fx.db, { interviewId: fx.clientId, ...small, codeId: s.repair }).coding;
    const b = C.addCoding(fx.db, { interviewId: fx.clientId, ...longer, codeId: s.repair }).coding;
    C.createMemo(fx.db, { targetKind: 'coding', targetId: b.id, text: 'on the longer one' });
    const r = C.correctInterview(fx.db, { interviewId: fx.clientId, start: small.end, end: longer.end, replacement: '' });
    expect(r.removedCodings.filter((c) => c.reason === 'duplicate').map((c) => c.id)).toEqual([b.id]);
    expect(C.listMemos(fx.db, { targetKind: 'coding', targetId: a.id }).map((m) => m.text)).toEqual(['on the longer one']);
  });

  it('is one undoable step; redo applies it again', () => {
    const before = dump(fx.db);
    C.correctInterview(fx.db, { interviewId: fx.therapistId, ...spanOf(fx.db, fx.therapistId, 'which I regret'), replacement: 'which I now regret' });
    const after = dump(fx.db);
    expect(C.undoState(fx.db).undoLabel).toBe('Correct the transcript D07_S1_therapist.txt');
    C.undo(fx.db);
    expect(dump(fx.db)).toEqual(before);
    C.redo(fx.db);
    expect(dump(fx.db)).toEqual(after);
    expect(ftsTexts(fx.therapistId)).toEqual(turnTexts(fx.therapistId));
  });

  it('changes nothing when the replacement equals the text', () => {
    const before = dump(fx.db);
    const r = C.correctInterview(fx.db, { interviewId: fx.clientId, ...spanOf(fx.db, fx.clientId, 'Relief'), replacement: 'Relief' });
    expect(r.edit).toBeNull();
    expect(dump(fx.db)).toEqual(before);
    expect(C.undoState(fx.db).undoLabel).toBe('Write memo on the project');
  });

  it('refuses edits outside the text or cutting an emoji, naming the file', () => {
    const len = textOf(fx.db, fx.clientId).length;
    expect(() => C.correctInterview(fx.db, { interviewId: fx.clientId, start: len, end: len + 1, replacement: '' })).toThrow(
      `Cannot correct ${len}–${len + 1} in D07_S1_client.txt: its text runs from 0 to ${len}.`,
    );
    const e = textOf(fx.db, fx.clientId).indexOf('🙂');
    expect(() => C.correctInterview(fx.db, { interviewId: fx.clientId, start: e + 1, end: e + 2, replacement: 'x' })).toThrow(/in half/);
  });

  it('stores Windows line endings in a replacement as \\n', () => {
    C.correctInterview(fx.db, { interviewId: fx.clientId, start: 0, end: 0, replacement: 'Note\r\n' });
    expect(textOf(fx.db, fx.clientId).startsWith('Note\nI: ')).toBe(true);
  });
});

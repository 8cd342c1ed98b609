import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { openFixture, seed, spanOf, textOf, type Fixture, type Seed } from './fixture';

let fx: Fixture;
let s: Seed;
beforeEach(() => {
  fx = openFixture();
  s = seed(fx);
});
afterEach(() => fx.close());

describe('coders', () => {
  it('the current coder is stored in the project and is who codes by default', () => {
    expect(C.currentCoder(fx.db)?.name).toBe('Ana');
    const stored = fx.db.prepare("SELECT value FROM project_settings WHERE key = 'currentCoder'").get() as { value: string };
    expect(JSON.parse(stored.value)).toBe(s.ana);
    fx.reopen();
    const { coding } = C.addCoding(fx.db, { interviewId: fx.clientId, ...spanOf(fx.db, fx.clientId, 'Relief'), codeId: s.repair });
    expect(coding.coderName).toBe('Ana');
  });

  it('choosing a new name adds a coder; an existing name (any case) is the same coder', () => {
    expect(C.setCurrentCoder(fx.db, 'ben').id).toBe(s.ben);
    const cleo = C.setCurrentCoder(fx.db, 'Cleo');
    expect(C.listCoders(fx.db).map((c) => [c.name, c.codingCount, c.isCurrent])).toEqual([
      ['Ana', 5, false],
      ['Ben', 4, false],
      ['Cleo', 0, true],
    ]);
    expect(C.currentCoder(fx.db)?.id).toBe(cleo.id);
  });

  it('without a current coder, coding is refused with a message saying what to do', () => {
    fx.db.prepare("DELETE FROM project_settings WHERE key = 'currentCoder'").run();
    expect(() => C.addCoding(fx.db, { interviewId: fx.clientId, start: 0, end: 5, codeId: s.repair })).toThrow('Choose who you are (the coder) first');
    // Naming the coder explicitly still works.
    expect(C.addCoding(fx.db, { interviewId: fx.clientId, start: 0, end: 5, codeId: s.repair, coderId: s.ben }).created).toBe(true);
  });
});

describe('codings', () => {
  it('records code, coder, span and time; overlapping codings are fine', () => {
    const span = spanOf(fx.db, fx.clientId, 'I felt small, like a child');
    const { coding, created } = C.addCoding(fx.db, { interviewId: fx.clientId, ...span, codeId: s.embarrassment });
    expect(created).toBe(true);
    expect(coding).toMatchObject({ ...span, codeId: s.embarrassment, coderId: s.ana, codeName: 'Embarrassment', coderName: 'Ana' });
    expect(Date.parse(coding.createdAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('the same code, coder and passage again returns the existing coding and adds nothing', () => {
    const span = spanOf(fx.db, fx.clientId, 'I could not look at her');
    const again = C.addCoding(fx.db, { interviewId: fx.clientId, ...span, codeId: s.shame });
    expect(again).toMatchObject({ created: false, coding: { id: s.codings['shame:ana:look'] } });
    // Another coder's coding of the same passage is a coding of its own.
    expect(C.addCoding(fx.db, { interviewId: fx.clientId, ...span, codeId: s.shame, coderId: s.ben }).created).toBe(true);
  });

  it('refuses passages outside the text, empty or reversed, or cutting an emoji in half', () => {
    const len = textOf(fx.db, fx.clientId).length;
    const add = (start: number, end: number) => () => C.addCoding(fx.db, { interviewId: fx.clientId, start, end, codeId: s.repair });
    expect(add(len - 3, len + 1)).toThrow(`The passage ${len - 3}–${len + 1} is not within D07_S1_client.txt, whose text runs from 0 to ${len}`);
    expect(add(10, 10)).toThrow(/not within/);
    expect(add(12, 10)).toThrow(/not within/);
    expect(add(-1, 3)).toThrow(/not within/);
    const emoji = textOf(fx.db, fx.clientId).indexOf('🙂');
    expect(add(emoji + 1, emoji + 5)).toThrow(/cut a character \(an emoji or similar\) in half/);
    expect(add(emoji - 3, emoji + 1)).toThrow(/in half/);
    expect(add(emoji, emoji + 2)().created).toBe(true);
    expect(add(len - 1, len)().created).toBe(true);
  });

  it('lists an interview’s codings in text order with what is needed to draw them', () => {
    const list = C.codingsForInterview(fx.db, fx.clientId);
    expect(list).toHaveLength(6);
    expect(list.map((c) => c.start)).toEqual([...list.map((c) => c.start)].sort((a, b) => a - b));
    const w = list.find((c) => c.id === s.codings['withdrawal:ana:leave'])!;
    expect(w).toMatchObject({ codeName: 'Withdrawal', codePath: 'Rupture/Withdrawal', color: C.getCode(fx.db, s.withdrawal).color, coderName: 'Ana' });
    expect(C.codingsForInterview(fx.db, fx.clientId, { coderId: s.ben }).map((c) => c.coderName)).toEqual(['Ben', 'Ben']);
    expect(C.codingsForInterview(fx.db, fx.clientId, { codeId: s.shame })).toHaveLength(2);
  });

  it('lists both interviews of a session', () => {
    const r = C.codingsForSession(fx.db, fx.sessionId);
    expect(r.map((i) => [i.role, i.codings.length])).toEqual([
      ['client', 6],
      ['therapist', 3],
    ]);
  });

  it('removes a coding with the memos on it', () => {
    const r = C.removeCoding(fx.db, s.codings['shame:ana:look']!);
    expect(r).toMatchObject({ deletedMemos: 1, coding: { codeName: 'Shame' } });
    expect(C.codingsForInterview(fx.db, fx.clientId)).toHaveLength(5);
    expect(() => C.removeCoding(fx.db, s.codings['shame:ana:look']!)).toThrow(/No coding/);
  });

  it('resizes and recodes a coding, refusing to duplicate another', () => {
    const id = s.codings['emb:ben:small']!;
    const wider = spanOf(fx.db, fx.clientId, 'I felt small, like a child caught out');
    expect(C.updateCoding(fx.db, id, { end: wider.end })).toMatchObject({ ...wider, codeName: 'Embarrassment', coderName: 'Ben' });
    expect(() => C.updateCoding(fx.db, id, { codeId: s.shame })).toThrow('Ben already coded this passage as "Shame".');
    expect(C.updateCoding(fx.db, id, { codeId: s.repair }).codeName).toBe('Repair');
  });

  it('codes a whole turn and a whole recall moment', () => {
    const turn = fx.db.prepare("SELECT id, start, \"end\" FROM turns WHERE interview_id = ? AND speaker = 'C' ORDER BY seq").get(fx.clientId) as {
      id: string;
      start: number;
      end: number;
    };
    const t = C.codeTurn(fx.db, { turnId: turn.id, codeId: s.shame });
    expect(textOf(fx.db, fx.clientId).slice(t.coding.start, t.coding.end)).toBe('I could not look at her. I felt small, like a child caught out.');
    const moments = fx.db.prepare('SELECT id, "offset" FROM moments WHERE interview_id = ? ORDER BY "offset"').all(fx.clientId) as { id: string; offset: number }[];
    const m = C.codeMoment(fx.db, { momentId: moments[1]!.id, codeId: s.repair });
    expect([m.coding.start, m.coding.end]).toEqual([moments[1]!.offset, moments[2]!.offset]);
    const last = C.codeMoment(fx.db, { momentId: moments[2]!.id, codeId: s.repair });
    expect(last.coding.end).toBe(textOf(fx.db, fx.clientId).length);
    expect(textOf(fx.db, fx.clientId).slice(last.coding.start, last.coding.end)).toBe('[video 06:42]\nC: This is where I wanted to leave the room.\n');
  });
});

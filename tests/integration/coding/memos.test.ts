import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { openFixture, seed, type Fixture, type Seed } from './fixture';

let fx: Fixture;
let s: Seed;
beforeEach(() => {
  fx = openFixture();
  s = seed(fx);
});
afterEach(() => fx.close());

describe('memos', () => {
  it('on every kind of target, each labelled in words and signed by the current coder', () => {
    const labels = Object.fromEntries(C.listMemos(fx.db).map((m) => [m.targetKind, m.targetLabel]));
    expect(labels).toEqual({
      project: 'The project',
      code: 'Code Shame',
      coding: expect.stringMatching(/^Coding 'Shame', dyad 7, session 1, client( at \d\d:\d\d:\d\d)?$/),
      interview: 'Interview D07_S1_client.txt (client)',
      session: 'Dyad 7, session 1',
      dyad: 'Dyad 7',
    });
    expect(new Set(C.listMemos(fx.db).map((m) => m.coderName))).toEqual(new Set(['Ana']));
    expect(C.listMemos(fx.db, { targetKind: 'project' })[0]).toMatchObject({ targetId: null, text: 'Codebook version 2 from here.' });
  });

  it('refuses a memo on something that does not exist', () => {
    expect(() => C.createMemo(fx.db, { targetKind: 'dyad', targetId: 'no-such-dyad', text: 'x' })).toThrow('No dyad with id no-such-dyad to write a memo on.');
    expect(() => C.createMemo(fx.db, { targetKind: 'code', text: 'x' })).toThrow(/needs the code's id/);
  });

  it('updates and deletes; filters by target', () => {
    const m = C.createMemo(fx.db, { targetKind: 'code', targetId: s.repair, title: 'Repair', text: 'First thoughts' });
    expect(C.updateMemo(fx.db, m.id, { text: 'Second thoughts' })).toMatchObject({ title: 'Repair', text: 'Second thoughts' });
    expect(C.listMemos(fx.db, { targetKind: 'code', targetId: s.repair }).map((x) => x.id)).toEqual([m.id]);
    expect(C.listMemos(fx.db, { targetKind: 'code' })).toHaveLength(2);
    C.deleteMemo(fx.db, m.id);
    expect(() => C.deleteMemo(fx.db, m.id)).toThrow(/No memo/);
    expect(C.listMemos(fx.db)).toHaveLength(6);
  });

  it('search finds every word, ignoring case and accents', () => {
    C.createMemo(fx.db, { targetKind: 'project', title: 'Résumé of meeting', text: 'We agreed on the Rupture definitions.' });
    expect(C.searchMemos(fx.db, 'resume').map((m) => m.title)).toEqual(['Résumé of meeting']);
    expect(C.searchMemos(fx.db, 'RUPTURE agreed')).toHaveLength(1);
    expect(C.searchMemos(fx.db, 'rupture shame')).toHaveLength(0);
    expect(C.searchMemos(fx.db, 'self', { targetKind: 'code' }).map((m) => m.targetLabel)).toEqual(['Code Shame']);
    expect(C.searchMemos(fx.db, '  ')).toEqual([]);
  });

  it('a memo keeps its target label when the code is renamed', () => {
    C.updateCode(fx.db, s.shame, { name: 'Shame (self)' });
    expect(C.listMemos(fx.db, { targetKind: 'code' })[0]!.targetLabel).toBe('Code Shame (self)');
  });
});

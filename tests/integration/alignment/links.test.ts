/**
 * The side-by-side view of a session and the researcher's hand decisions on it (electron/core/alignment.ts), on a
 * real `.dyad`: which units each side shows, the rows they pair into, and what drawing, forbidding and clearing a
 * link leaves in the file. Mutation testing (docs/mutation.md) found "clear" and the replacement of a unit's old
 * link unguarded: removing either DELETE passed every test.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alignSession, getLinks, setLink } from '../../../electron/core/alignment';
import { insertInterview } from '../../../electron/core/interviews';
import { DyadError } from '../../../shared/domain/errors';
import { tempDir } from '../../helpers/tmp';
import { createStudy, type Study } from '../analysis/fixture';

const tmp = tempDir('dyad-alignment-');
let s: Study;
const TOLERANCE = 15;

beforeAll(() => {
  // Session 1 of dyad 1: client stops at 1:00, 2:00, 5:00; therapist at 1:02, 2:05, 3:20. Within 15 s, 1:00↔1:02
  // and 2:00↔2:05 pair by themselves; 5:00 and 3:20 stay alone. Dyad 2's transcripts mark no session times.
  s = createStudy(tmp.path('links.dyad'), {
    interviews: [
      { dyad: '1', session: 1, role: 'client', turns: [
        { speaker: 'I', text: 'What was happening here?', at: 60 },
        { speaker: 'C', text: 'I felt unseen.' },
        { speaker: 'I', text: 'And here?', at: 120 },
        { speaker: 'C', text: 'She came back to me.' },
        { speaker: 'I', text: 'Later on?', at: 300 },
        { speaker: 'C', text: 'I was tired.' },
      ] },
      { dyad: '1', session: 1, role: 'therapist', turns: [
        { speaker: 'I', text: 'What do you notice?', at: 62 },
        { speaker: 'T', text: 'I lost her for a moment.' },
        { speaker: 'I', text: 'Here?', at: 125 },
        { speaker: 'T', text: 'I tried to repair it.' },
        { speaker: 'I', text: 'And now?', at: 200 },
        { speaker: 'T', text: 'Calmer.' },
      ] },
      { dyad: '2', session: 1, role: 'client', turns: [{ speaker: 'I', text: 'How was it?' }, { speaker: 'C', text: 'Fine.' }] },
      { dyad: '2', session: 1, role: 'therapist', turns: [{ speaker: 'I', text: 'And for you?' }, { speaker: 'T', text: 'Hard.' }] },
    ],
  });
});
afterAll(() => {
  s.close();
  tmp.cleanup();
});

const db = () => s.project.db;
const session1 = () => s.session('1', 1);
afterEach(() => {
  db().prepare('DELETE FROM moment_links').run();
});

/** The session's rows as a researcher reads them: "client label ↔ therapist label (match)". */
function rows(sessionId = session1()): string[] {
  return alignSession(db(), sessionId, TOLERANCE).rows.map((r) => `${r.client?.label ?? '—'} ↔ ${r.therapist?.label ?? '—'} (${r.match})`);
}
/** The unit id of the moment labelled with this session time on one side. */
function unit(role: 'client' | 'therapist', label: string): string {
  const a = alignSession(db(), session1(), TOLERANCE);
  const side = a.rows.map((r) => r[role]).find((x) => x?.label === label);
  if (!side) throw new Error(`no ${role} unit ${label}`);
  return side.unitId;
}
const linksInFile = () => db().prepare('SELECT client_unit_id AS c, therapist_unit_id AS t, kind FROM moment_links ORDER BY rowid').all();

describe('the units and rows of a session', () => {
  it('pairs recall moments within the tolerance, after an opening row for the text before the first stop', () => {
    const a = alignSession(db(), session1(), TOLERANCE);
    expect(a.toleranceSeconds).toBe(TOLERANCE);
    expect(a.clientInterviewId).toBe(s.interview('1', 1, 'client'));
    expect(a.therapistInterviewId).toBe(s.interview('1', 1, 'therapist'));
    expect(rows()).toEqual([
      'Before the first stop ↔ Before the first stop (none)',
      '[video 00:01:00] ↔ [video 00:01:02] (auto)',
      '[video 00:02:00] ↔ [video 00:02:05] (auto)',
      '— ↔ [video 00:03:20] (none)',
      '[video 00:05:00] ↔ — (none)',
    ]);
    expect(a.rows.map((r) => [r.sessionTime, r.delta])).toEqual([[null, null], [61, 2], [122.5, 5], [200, null], [300, null]]);
  });

  it('a moment runs from its marker to the next one, the last to the end of the text; the opening from 0 to the first', () => {
    const id = s.interview('1', 1, 'client');
    const text = s.text(id);
    const sides = alignSession(db(), session1(), TOLERANCE).rows.map((r) => r.client).filter((x) => x !== null);
    const at = (label: string) => text.indexOf(label);
    expect(sides.map((x) => [x.kind, x.interviewId, x.sessionTime, x.start, x.end])).toEqual([
      ['opening', id, null, 0, at('[video 00:01:00]')],
      ['moment', id, 60, at('[video 00:01:00]'), at('[video 00:02:00]')],
      ['moment', id, 120, at('[video 00:02:00]'), at('[video 00:05:00]')],
      ['moment', id, 300, at('[video 00:05:00]'), text.length],
    ]);
    expect(text.slice(sides[1]!.start, sides[1]!.end)).toContain('I felt unseen.');
  });

  it('no opening row when only blank space comes before the first stop; a side without an interview is empty', () => {
    const file = createStudy(tmp.path('no-opening.dyad'), { interviews: [] });
    try {
      const text = '\n  [video 00:00:10] I: Here.\n\nC: Yes.';
      const parsed = () => ({
        text, format: 'txt' as const, warnings: [],
        turns: [{ speaker: 'I', start: 20, end: 25, interviewTime: null }, { speaker: 'C', start: 30, end: text.length, interviewTime: null }],
        moments: [{ sessionTime: 10, offset: 3, label: '[video 00:00:10]' }],
      });
      const clientId = insertInterview(file.project.db, 'client.txt', parsed(), { dyad: '9', session: 1, role: 'client', speakerRoles: {} });
      const therapistId = insertInterview(file.project.db, 'therapist.txt', parsed(), { dyad: '8', session: 1, role: 'therapist', speakerRoles: {} });
      const onlyClient = alignSession(file.project.db, file.session('9', 1), TOLERANCE);
      expect(onlyClient.rows.map((r) => [r.client?.kind, r.client?.start, r.client?.end, r.therapist])).toEqual([['moment', 3, text.length, null]]);
      expect([onlyClient.clientInterviewId, onlyClient.therapistInterviewId]).toEqual([clientId, null]);
      const onlyTherapist = alignSession(file.project.db, file.session('8', 1), TOLERANCE);
      expect(onlyTherapist.rows.map((r) => [r.client, r.therapist?.kind, r.therapist?.sessionTime])).toEqual([[null, 'moment', 10]]);
      expect([onlyTherapist.clientInterviewId, onlyTherapist.therapistInterviewId]).toEqual([null, therapistId]);
    } finally {
      file.close();
    }
  });

  it("each side's opening is a unit of its own interview", () => {
    const [opening] = alignSession(db(), session1(), TOLERANCE).rows;
    expect(opening!.client!.unitId).toBe(`open:${s.interview('1', 1, 'client')}`);
    expect(opening!.therapist!.unitId).toBe(`open:${s.interview('1', 1, 'therapist')}`);
  });

  it('without session-time markers the units are speaker turns, named by speaker and number, paired only by hand', () => {
    const a = alignSession(db(), s.session('2', 1), TOLERANCE);
    const client = s.interview('2', 1, 'client');
    expect(rows(s.session('2', 1))).toEqual(['I (turn 1) ↔ — (none)', '— ↔ I (turn 1) (none)', 'C (turn 2) ↔ — (none)', '— ↔ T (turn 2) (none)']);
    const clientSides = a.rows.map((r) => r.client).filter((x) => x !== null);
    expect(clientSides.map((x) => [x.kind, x.sessionTime, x.interviewId])).toEqual([['turn', null, client], ['turn', null, client]]);
    expect(s.text(client).slice(clientSides[1]!.start, clientSides[1]!.end)).toBe('Fine.');
    setLink(db(), s.session('2', 1), clientSides[1]!.unitId, a.rows[3]!.therapist!.unitId, 'link');
    expect(rows(s.session('2', 1))).toContain('C (turn 2) ↔ T (turn 2) (manual)');
  });
});

describe('drawing, forbidding and clearing links', () => {
  it('a link pairs two moments the tolerance keeps apart, and clearing it puts them back as they were', () => {
    const before = rows();
    const links = setLink(db(), session1(), unit('client', '[video 00:05:00]'), unit('therapist', '[video 00:03:20]'), 'link');
    expect(links.map((l) => [l.sessionId, l.kind])).toEqual([[session1(), 'link']]);
    expect(rows()).toContain('[video 00:05:00] ↔ [video 00:03:20] (manual)');
    expect(setLink(db(), session1(), unit('client', '[video 00:05:00]'), unit('therapist', '[video 00:03:20]'), 'clear')).toEqual([]);
    expect(linksInFile()).toEqual([]);
    expect(rows()).toEqual(before);
  });

  it('forbidding an automatic pair keeps the two apart until it is cleared', () => {
    const c = unit('client', '[video 00:01:00]');
    const t = unit('therapist', '[video 00:01:02]');
    setLink(db(), session1(), c, t, 'unlink');
    expect(rows()).not.toContain('[video 00:01:00] ↔ [video 00:01:02] (auto)');
    expect(linksInFile()).toEqual([{ c, t, kind: 'unlink' }]);
    setLink(db(), session1(), c, t, 'clear');
    expect(rows()).toContain('[video 00:01:00] ↔ [video 00:01:02] (auto)');
    expect(linksInFile()).toEqual([]);
  });

  it('a unit sits in one link at a time: a new link of either unit replaces its old one, and only that', () => {
    const c300 = unit('client', '[video 00:05:00]');
    const c120 = unit('client', '[video 00:02:00]');
    const t200 = unit('therapist', '[video 00:03:20]');
    const t125 = unit('therapist', '[video 00:02:05]');
    const c60 = unit('client', '[video 00:01:00]');
    const t62 = unit('therapist', '[video 00:01:02]');
    setLink(db(), session1(), c60, t62, 'unlink');
    setLink(db(), session1(), c300, t200, 'link');
    // The same client moment to another therapist moment: the first link goes.
    setLink(db(), session1(), c300, t125, 'link');
    expect(linksInFile()).toEqual([{ c: c60, t: t62, kind: 'unlink' }, { c: c300, t: t125, kind: 'link' }]);
    // Another client moment to that therapist moment: the link goes again, by its therapist side.
    const links = setLink(db(), session1(), c120, t125, 'link');
    expect(links.map((l) => [l.clientUnitId, l.therapistUnitId, l.kind])).toEqual([[c60, t62, 'unlink'], [c120, t125, 'link']]);
    // A new unlink of a linked unit leaves its link; the same two units decided again keep only the last word.
    setLink(db(), session1(), c120, t200, 'unlink');
    setLink(db(), session1(), c60, t62, 'link');
    expect(linksInFile()).toEqual([{ c: c120, t: t125, kind: 'link' }, { c: c120, t: t200, kind: 'unlink' }, { c: c60, t: t62, kind: 'link' }]);
    // Clearing one pair leaves the others.
    setLink(db(), session1(), c120, t200, 'clear');
    expect(linksInFile()).toEqual([{ c: c120, t: t125, kind: 'link' }, { c: c60, t: t62, kind: 'link' }]);
  });

  it('refuses a unit that is not on its side of the session, naming it, and writes nothing', () => {
    const c = unit('client', '[video 00:01:00]');
    const t = unit('therapist', '[video 00:01:02]');
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof DyadError ? { kind: e.kind, message: e.message } : e;
      }
      return 'accepted';
    };
    expect(refused(() => setLink(db(), session1(), t, t, 'link'))).toEqual({ kind: 'not-found', message: `No client recall moment or turn ${t} in this session.` });
    expect(refused(() => setLink(db(), session1(), c, c, 'link'))).toEqual({ kind: 'not-found', message: `No therapist recall moment or turn ${c} in this session.` });
    const otherSession = s.interview('2', 1, 'client');
    expect(refused(() => setLink(db(), s.session('2', 1), c, t, 'unlink'))).toMatchObject({ kind: 'not-found' });
    expect(otherSession).toBeTruthy();
    expect(linksInFile()).toEqual([]);
  });

  it('a link left naming a unit that is gone (a re-import removed it) is listed but changes no row', () => {
    const before = rows();
    db().prepare("INSERT INTO moment_links (id, session_id, client_unit_id, therapist_unit_id, kind, created_at) VALUES ('stale', ?, 'gone', ?, 'link', '2026-01-01T00:00:00.000Z')")
      .run(session1(), unit('therapist', '[video 00:03:20]'));
    const a = alignSession(db(), session1(), TOLERANCE);
    expect(a.links.map((l) => [l.id, l.clientUnitId, l.kind])).toEqual([['stale', 'gone', 'link']]);
    expect(getLinks(db(), session1())).toEqual(a.links);
    expect(rows()).toEqual(before);
  });
});

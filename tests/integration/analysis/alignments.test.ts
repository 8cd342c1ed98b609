/**
 * The batched alignment of analysis (electron/core/analysis/alignments.ts) must give the rows alignSession gives,
 * session by session: same units, same pairs, same order — including hand links and unlinks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alignSession, setLink } from '../../../electron/core/alignment';
import { alignSessions } from '../../../electron/core/analysis/alignments';
import { resolveScope } from '../../../electron/core/analysis/scope';
import { loadUnits } from '../../../electron/core/analysis/units';
import { tempDir } from '../../helpers/tmp';
import { createStudy, smallStudy, type FixtureTurn, type Study } from './fixture';

const tmp = tempDir('dyad-alignments-');
let small: Study;
let random: Study;

/** A session's stops: mostly shared, some the other side skipped, times jittered by up to 20 s. */
function turns(seed: number, role: 'client' | 'therapist', marked: boolean): FixtureTurn[] {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const out: FixtureTurn[] = [];
  let t = 20;
  for (let k = 0; k < 12; k++) {
    t += 10 + Math.floor(next() * 40);
    if (next() < 0.15) continue;
    const at = marked ? t + Math.floor(next() * 20) : undefined;
    out.push({ speaker: 'I', text: `Question ${k}?`, ...(at === undefined ? {} : { at }) });
    out.push({ speaker: role === 'client' ? 'C' : 'T', text: `Answer ${k} from the ${role}.` });
  }
  return out;
}

beforeAll(() => {
  small = smallStudy(tmp.path('small.dyad'));
  random = createStudy(tmp.path('random.dyad'), {
    interviews: [1, 2, 3, 4, 5, 6].flatMap((d) => [
      { dyad: String(d), session: 1, role: 'client' as const, turns: turns(d * 7, 'client', d !== 5) },
      { dyad: String(d), session: 1, role: 'therapist' as const, turns: turns(d * 7, 'therapist', d !== 6) },
    ]),
  });
  // Hand decisions: a link far outside the tolerance, an unlink of an automatic pair, a link on unmarked turns.
  const db = random.project.db;
  for (const d of ['1', '2', '5']) {
    const sid = random.session(d, 1);
    const a = alignSession(db, sid, 15);
    const cs = a.rows.filter((r) => r.client && r.client.kind !== 'opening').map((r) => r.client!.unitId);
    const ts = a.rows.filter((r) => r.therapist && r.therapist.kind !== 'opening').map((r) => r.therapist!.unitId);
    setLink(db, sid, cs[1]!, ts[ts.length - 2]!, 'link');
    const paired = a.rows.find((r) => r.match === 'auto');
    if (paired) setLink(db, sid, paired.client!.unitId, paired.therapist!.unitId, 'unlink');
  }
});
afterAll(() => {
  small.close();
  random.close();
  tmp.cleanup();
});

function compare(s: Study, tolerance: number) {
  const db = s.project.db;
  const scope = resolveScope(db, { roles: ['client', 'therapist'] });
  const sessions = [...new Set(scope.interviews.map((i) => i.sessionId))].map((sessionId) => ({
    sessionId,
    clientInterviewId: scope.interviews.find((i) => i.sessionId === sessionId && i.role === 'client')?.interviewId ?? null,
    therapistInterviewId: scope.interviews.find((i) => i.sessionId === sessionId && i.role === 'therapist')?.interviewId ?? null,
  }));
  const batch = alignSessions(db, sessions, loadUnits(db, scope.interviews), tolerance);
  expect(batch.length).toBe(sessions.length);
  for (const b of batch) {
    const one = alignSession(db, b.sessionId, tolerance);
    expect(b.rows).toEqual(one.rows.map(({ sessionTime, client, therapist, match }) => ({ sessionTime, client, therapist, match })));
  }
  // Not a vacuous comparison: most sessions pair moments.
  const paired = batch.filter((b) => b.rows.some((r) => r.client && r.therapist && r.client.kind !== 'opening'));
  expect(paired.length).toBeGreaterThanOrEqual(batch.length / 2);
}

describe('batched alignment', () => {
  it('equals alignSession on the hand-checked study', () => compare(small, 15));
  it('equals alignSession with hand links, unlinks and unmarked sides', () => {
    compare(random, 15);
    compare(random, 3);
  });
});

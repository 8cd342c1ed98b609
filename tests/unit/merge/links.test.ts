/** Moment links drawn by hand, carried over by the planner: each unit found again by what it is, not by its id. */
import { describe, expect, it } from 'vitest';
import type { ProjectSnapshot, SnapshotInterview, SnapshotLink, SnapshotSession } from '../../../shared/snapshot/types';
import { applyToSnapshot, planMerge } from '../../../shared/merge';
import type { PartsReader } from '../../../shared/merge';
import { interview, project } from './build';

const OPTS = { fromLabel: 'bea.dyad' };

const CLIENT = 'I: Before we play it, how was it?\n[video 01:10]\nC: I felt small.\n[video 03:05]\nC: Relief, honestly.\n';
const THERAPIST = '[video 01:12]\nT: I pressed harder.\n[video 03:10]\nT: I sat back.\n';

/** An interview whose "[video mm:ss]" lines are recall moments, named `<prefix>-<seconds>`. */
function timed(id: string, text: string, prefix: string, role: 'client' | 'therapist', dyad = 'D4'): SnapshotInterview {
  const moments = [...text.matchAll(/\[video (\d\d):(\d\d)\]/g)].map((m) => {
    const sessionTime = Number(m[1]) * 60 + Number(m[2]);
    return { id: `${prefix}-${sessionTime}`, sessionTime, offset: m.index, label: m[0] };
  });
  return { ...interview(id, text, dyad, 1, role), moments };
}

/** An interview without session times: its "X: words" lines are turns, named `<prefix>-<seq>`. */
function untimed(id: string, text: string, prefix: string, role: 'client' | 'therapist'): SnapshotInterview {
  const turns = [...text.matchAll(/^(\w): (.*)$/gm)].map((m, seq) => ({
    id: `${prefix}-${seq}`,
    seq,
    speaker: m[1]!,
    speakerRole: 'participant' as const,
    start: m.index + 3,
    end: m.index + m[0].length,
    interviewTime: null,
  }));
  return { ...interview(id, text, 'D4', 1, role), turns };
}

const link = (id: string, clientUnitId: string, therapistUnitId: string, kind: SnapshotLink['kind'] = 'link', createdAt = '2025-03-01T10:00:00.000Z'): SnapshotLink => ({
  id,
  clientUnitId,
  therapistUnitId,
  kind,
  createdAt,
});

function withSession(interviews: SnapshotInterview[], session: Partial<SnapshotSession> = {}, sessionId = 'session-4-1'): ProjectSnapshot {
  return project({ dyads: [{ id: 'dyad-4', name: 'D4', attributes: {}, sessions: [{ id: sessionId, number: 1, date: null, ...session }] }], interviews });
}

const sessionLinks = (s: ProjectSnapshot) => s.dyads.flatMap((d) => d.sessions.flatMap((x) => (x.links ?? []).map((l) => [l.clientUnitId, l.therapistUnitId, l.kind])));

describe('moment links', () => {
  it('transcripts imported separately: a link joins the moments here at the same place and time, the opening included', () => {
    const into = withSession([timed('iv-c', CLIENT, 'mine-c', 'client'), timed('iv-t', THERAPIST, 'mine-t', 'therapist')]);
    const from = withSession(
      [timed('their-c', CLIENT, 'their-c', 'client'), timed('their-t', THERAPIST, 'their-t', 'therapist')],
      { links: [link('l1', 'their-c-185', 'their-t-190', 'unlink'), link('l2', 'open:their-c', 'their-t-72')] },
      'their-session',
    );
    const plan = planMerge(into, from, OPTS);
    expect(plan.summary.interviews.matchedByText).toBe(2);
    expect(plan.operations.linksAdded.map((l) => [l.sessionId, l.clientUnitId, l.therapistUnitId, l.kind])).toEqual([
      ['session-4-1', 'mine-c-185', 'mine-t-190', 'unlink'],
      ['session-4-1', 'open:iv-c', 'mine-t-72', 'link'],
    ]);
    expect(plan.summary.links).toEqual({ added: 2, alreadyThere: 0, skipped: 0 });
    expect(sessionLinks(applyToSnapshot(into, plan.operations))).toEqual([
      ['mine-c-185', 'mine-t-190', 'unlink'],
      ['open:iv-c', 'mine-t-72', 'link'],
    ]);
  });

  it('a corrected transcript kept as it is here: moments after the correction are found at their moved offsets', () => {
    const corrected = CLIENT.replace('I felt small.', 'I felt very small, like a child.');
    const into = withSession([timed('iv-c', CLIENT, 'mine-c', 'client'), timed('iv-t', THERAPIST, 'mine-t', 'therapist')]);
    const from = withSession([timed('iv-c', corrected, 'their-c', 'client'), timed('iv-t', THERAPIST, 'their-t', 'therapist')], {
      links: [link('l1', 'their-c-185', 'their-t-72')],
    });
    const plan = planMerge(into, from, OPTS, { 'interview-text:iv-c': 'keep-mine' });
    expect(plan.operations.linksAdded.map((l) => [l.clientUnitId, l.therapistUnitId])).toEqual([['mine-c-185', 'mine-t-72']]);
  });

  it('sides without session times: a link joins the turns here over the same passage', () => {
    const client = 'I: How was it?\nC: Hard to say.\nC: I wanted to go.\n';
    const therapist = 'I: And you?\nT: I pushed.\nT: I waited.\n';
    const into = withSession([untimed('iv-c', client, 'mine-c', 'client'), untimed('iv-t', therapist, 'mine-t', 'therapist')]);
    const from = withSession([untimed('their-c', client.replaceAll('\n', '\r\n'), 'their-c', 'client'), untimed('their-t', therapist, 'their-t', 'therapist')], {
      links: [link('l1', 'their-c-2', 'their-t-1')],
    });
    expect(planMerge(into, from, OPTS).operations.linksAdded.map((l) => [l.clientUnitId, l.therapistUnitId])).toEqual([['mine-c-2', 'mine-t-1']]);
  });

  it("the session's own decisions come first: the same pair is not added again, and an added link is dated after the latest here", () => {
    const later = '2025-06-01T09:00:00.000Z';
    const into = withSession([timed('iv-c', CLIENT, 'm-c', 'client'), timed('iv-t', THERAPIST, 'm-t', 'therapist')], {
      links: [link('l1', 'm-c-70', 'm-t-72', 'unlink', later)],
    });
    const from = withSession([timed('iv-c', CLIENT, 'm-c', 'client'), timed('iv-t', THERAPIST, 'm-t', 'therapist')], {
      links: [link('l0', 'm-c-70', 'm-t-72', 'link'), link('l1', 'm-c-185', 'm-t-190', 'link', '2025-03-02T10:00:00.000Z'), link('l2', 'm-c-70', 'm-t-190', 'unlink', '2025-07-01T10:00:00.000Z')],
    });
    const plan = planMerge(into, from, OPTS);
    expect(plan.summary.links).toEqual({ added: 2, alreadyThere: 1, skipped: 0 });
    const [first, second] = plan.operations.linksAdded;
    expect([first!.clientUnitId, first!.createdAt]).toEqual(['m-c-185', later]);
    expect([second!.clientUnitId, second!.createdAt]).toEqual(['m-c-70', '2025-07-01T10:00:00.000Z']);
    // l1 is taken here by another link: the carried one gets an id of its own, the same every time.
    expect(first!.id).not.toBe('l1');
    expect(planMerge(into, from, OPTS).operations.linksAdded[0]!.id).toBe(first!.id);
  });

  it('links whose transcripts are not the client and therapist of one session here are left out and named', () => {
    const into = project({
      dyads: [
        { id: 'dyad-4', name: 'D4', attributes: {}, sessions: [{ id: 'session-4-1', number: 1, date: null }] },
        { id: 'dyad-5', name: 'D5', attributes: {}, sessions: [{ id: 'session-5-1', number: 1, date: null }] },
      ],
      interviews: [timed('iv-c', CLIENT, 'm-c', 'client'), timed('iv-t', THERAPIST, 'm-t', 'therapist', 'D5')],
    });
    const from = withSession([timed('c', CLIENT, 'c', 'client'), timed('t', THERAPIST, 't', 'therapist')], { links: [link('l1', 'c-70', 't-72')] });
    const plan = planMerge(into, from, OPTS);
    expect(plan.summary.links).toEqual({ added: 0, alreadyThere: 0, skipped: 1 });
    expect(plan.summary.warnings).toContain(
      "1 of the 1 links drawn by hand in dyad D4, session 1 of bea.dyad was left out: the session's client and therapist transcripts are not the two interviews of one session here.",
    );
  });

  it('reads the parts of interviews here only for the transcripts links land on', () => {
    const full = [timed('iv-c', CLIENT, 'm-c', 'client'), timed('iv-t', THERAPIST, 'm-t', 'therapist'), { ...interview('other', 'C: Something else entirely.\n', 'D4', 2) }];
    const into = { ...withSession(full.map((i) => ({ ...i, turns: [], moments: [] }))) };
    const asked: string[][] = [];
    const readParts: PartsReader = (ids) => {
      asked.push([...ids].sort());
      return new Map(full.filter((i) => ids.includes(i.id)).map((i) => [i.id, { turns: i.turns, moments: i.moments }]));
    };
    const from = withSession([timed('c', CLIENT, 'c', 'client'), timed('t', THERAPIST, 't', 'therapist')], { links: [link('l1', 'c-185', 't-190')] });
    const plan = planMerge(into, from, OPTS, {}, readParts);
    expect(asked).toEqual([['iv-c', 'iv-t']]);
    expect(plan.operations.linksAdded.map((l) => [l.clientUnitId, l.therapistUnitId])).toEqual([['m-c-185', 'm-t-190']]);
    // Without links nothing is read.
    planMerge(into, withSession(from.interviews), OPTS, {}, readParts);
    expect(asked).toHaveLength(1);
  });

  it("recordings: a session without one takes the copy's, a session with one keeps it", () => {
    const into = project({
      dyads: [
        {
          id: 'dyad-4',
          name: 'D4',
          attributes: {},
          sessions: [
            { id: 's1', number: 1, date: null, recordingPath: '' },
            { id: 's2', number: 2, date: null, recordingPath: 'mine.mp4' },
          ],
        },
      ],
    });
    const from = project({
      dyads: [
        {
          id: 'dyad-4',
          name: 'D4',
          attributes: {},
          sessions: [
            { id: 's1', number: 1, date: null, recordingPath: 'theirs-1.mp4' },
            { id: 's2', number: 2, date: null, recordingPath: 'theirs-2.mp4' },
            { id: 's3', number: 3, date: null, recordingPath: 'theirs-3.mp4' },
          ],
        },
      ],
    });
    const plan = planMerge(into, from, OPTS);
    expect(plan.operations.sessionRecordings).toEqual([{ id: 's1', recordingPath: 'theirs-1.mp4', before: '' }]);
    expect(plan.operations.sessionsAdded).toEqual([{ id: 's3', dyadId: 'dyad-4', number: 3, date: null, recordingPath: 'theirs-3.mp4' }]);
    expect(plan.summary.sessions).toEqual({ added: 1, recordings: 1 });
    expect(plan.summary.warnings).toEqual(['Dyad D4, session 2 has the recording "mine.mp4" here and "theirs-2.mp4" in bea.dyad; it keeps "mine.mp4".']);
    const after = applyToSnapshot(into, plan.operations).dyads[0]!.sessions.map((s) => s.recordingPath);
    expect(after).toEqual(['theirs-1.mp4', 'mine.mp4', 'theirs-3.mp4']);
  });
});

describe('moment links: which units a link can name', () => {
  it('the opening stretch is a unit only when words come before the first moment', () => {
    const spaced = `  \n${THERAPIST}`;
    const into = withSession([timed('iv-c', CLIENT, 'm-c', 'client'), timed('iv-t', spaced, 'm-t', 'therapist')]);
    const from = withSession([timed('iv-c', CLIENT, 'm-c', 'client'), timed('iv-t', spaced, 'm-t', 'therapist')], {
      links: [link('l1', 'm-c-70', 'open:iv-t'), link('l2', 'open:iv-c', 'm-t-72')],
    });
    const plan = planMerge(withSession([]), from, OPTS);
    // Into a project without these transcripts: both come in with the session's links, the unit that is no unit left out.
    expect(plan.operations.linksAdded.map((l) => [l.clientUnitId, l.therapistUnitId])).toEqual([['open:iv-c', 'm-t-72']]);
    expect(plan.summary.links).toEqual({ added: 1, alreadyThere: 0, skipped: 1 });
    expect(plan.summary.warnings).toEqual([
      "1 of the 2 links drawn by hand in dyad D4, session 1 of bea.dyad was left out: the recall moments or turns they join are not in this project's transcripts.",
    ]);
    expect(planMerge(into, from, OPTS).summary.links).toEqual({ added: 1, alreadyThere: 0, skipped: 1 });
  });

  it('links of a session the merge adds come with it, naming its units as they arrive', () => {
    const from = project({
      dyads: [{ id: 'd9', name: 'D9', attributes: {}, sessions: [{ id: 's9', number: 1, date: null, links: [link('l1', 'c-185', 't-190'), link('l2', 'open:c', 't-72', 'unlink')] }] }],
      interviews: [timed('c', CLIENT, 'c', 'client', 'D9'), timed('t', THERAPIST, 't', 'therapist', 'D9')],
    });
    const plan = planMerge(project(), from, OPTS);
    const sessionId = plan.operations.sessionsAdded[0]!.id;
    expect(plan.operations.linksAdded.map((l) => [l.id, l.sessionId, l.clientUnitId, l.therapistUnitId, l.kind])).toEqual([
      ['l1', sessionId, 'c-185', 't-190', 'link'],
      ['l2', sessionId, 'open:c', 't-72', 'unlink'],
    ]);
    // Two links of one pair in the copy: the second is already there once the first is carried.
    const twice = { ...from, dyads: [{ ...from.dyads[0]!, sessions: [{ ...from.dyads[0]!.sessions[0]!, links: [link('l1', 'c-185', 't-190'), link('l3', 'c-185', 't-190', 'unlink')] }] }] };
    expect(planMerge(project(), twice, OPTS).summary.links).toEqual({ added: 1, alreadyThere: 1, skipped: 0 });
  });

  it('two moments at one place and time: a link lands on the first of them here', () => {
    const twin = (i: SnapshotInterview) => ({ ...i, moments: [...i.moments, { ...i.moments[0]!, id: `${i.moments[0]!.id}-twin` }] });
    const into = withSession([timed('iv-c', CLIENT, 'm-c', 'client'), twin(timed('iv-t', THERAPIST, 'm-t', 'therapist'))]);
    const from = withSession([timed('c', CLIENT, 'c', 'client'), timed('t', THERAPIST, 't', 'therapist')], { links: [link('l1', 'c-185', 't-72')] });
    expect(planMerge(into, from, OPTS).operations.linksAdded.map((l) => l.therapistUnitId)).toEqual(['m-t-72']);
  });

  it('the first client and therapist transcript of a session are its sides; "other" transcripts are not', () => {
    const into = withSession([timed('iv-c', CLIENT, 'm-c', 'client'), timed('iv-t', THERAPIST, 'm-t', 'therapist')]);
    const from = withSession(
      [{ ...timed('o', THERAPIST, 'o', 'therapist'), role: 'other' }, timed('c', CLIENT, 'c', 'client'), timed('t', THERAPIST, 't', 'therapist'), timed('t2', THERAPIST.replace('sat back', 'leaned in'), 't2', 'therapist')],
      { links: [link('l1', 'c-185', 't-190')] },
    );
    const plan = planMerge(into, from, OPTS, { 'interview-slot:t2': 'skip' });
    expect(plan.operations.linksAdded.map((l) => [l.clientUnitId, l.therapistUnitId])).toEqual([['m-c-185', 'm-t-190']]);
  });

  it('a turn on text the copy corrected away has no counterpart: its links are left out, in the plural when several', () => {
    const client = 'I: How was it?\nC: Hard to say.\nC: I wanted to go.\n';
    const therapist = 'I: And you?\nT: I pushed.\nT: I waited.\n';
    const into = withSession([untimed('iv-c', client.replace('C: Hard to say.\n', ''), 'mine-c', 'client'), untimed('iv-t', therapist, 'mine-t', 'therapist')]);
    const from = withSession([untimed('iv-c', client, 'their-c', 'client'), untimed('iv-t', therapist, 'their-t', 'therapist')], {
      links: [link('l1', 'their-c-1', 'their-t-1'), link('l2', 'their-c-1', 'their-t-2'), link('l3', 'their-c-2', 'their-t-2')],
    });
    const plan = planMerge(into, from, OPTS, { 'interview-text:iv-c': 'keep-mine' });
    expect(plan.operations.linksAdded.map((l) => [l.clientUnitId, l.therapistUnitId])).toEqual([['mine-c-1', 'mine-t-2']]);
    expect(plan.summary.warnings).toContain(
      "2 of the 3 links drawn by hand in dyad D4, session 1 of bea.dyad were left out: the recall moments or turns they join are not in this project's transcripts.",
    );
  });

  it('a transcript here without a place in a session of this project does not take links', () => {
    const into = project({ interviews: [timed('iv-c', CLIENT, 'm-c', 'client', 'D9'), timed('iv-t', THERAPIST, 'm-t', 'therapist')] });
    const from = withSession([timed('c', CLIENT, 'c', 'client'), timed('t', THERAPIST, 't', 'therapist')], { links: [link('l1', 'c-185', 't-190')] });
    expect(planMerge(into, from, OPTS).summary.links).toEqual({ added: 0, alreadyThere: 0, skipped: 1 });
  });
});

// Found unguarded by mutation testing (docs/mutation.md, `shared/merge/links.ts`).
describe('moment links: dates, reading and transcripts, more cases', () => {
  it('a carried link into a session without links here keeps its own date, and nothing left out means no warning', () => {
    const into = withSession([timed('iv-c', CLIENT, 'm-c', 'client'), timed('iv-t', THERAPIST, 'm-t', 'therapist')]);
    const from = withSession([timed('c', CLIENT, 'c', 'client'), timed('t', THERAPIST, 't', 'therapist')], { links: [link('l1', 'c-185', 't-190', 'link', '2025-03-04T08:30:00.000Z')] });
    const plan = planMerge(into, from, OPTS);
    expect(plan.operations.linksAdded.map((l) => [l.clientUnitId, l.therapistUnitId, l.createdAt])).toEqual([['m-c-185', 'm-t-190', '2025-03-04T08:30:00.000Z']]);
    expect(plan.summary.warnings).toEqual([]);
  });

  it('a carried link is dated after the latest link here, wherever that one is listed', () => {
    const latest = '2025-06-01T09:00:00.000Z';
    const into = withSession([timed('iv-c', CLIENT, 'm-c', 'client'), timed('iv-t', THERAPIST, 'm-t', 'therapist')], {
      links: [link('h1', 'm-c-70', 'm-t-72', 'link', latest), link('h2', 'm-c-70', 'm-t-190', 'unlink', '2025-02-01T09:00:00.000Z')],
    });
    const from = withSession([timed('c', CLIENT, 'c', 'client'), timed('t', THERAPIST, 't', 'therapist')], { links: [link('l1', 'c-185', 't-190', 'link', '2025-03-04T08:30:00.000Z')] });
    expect(planMerge(into, from, OPTS).operations.linksAdded.map((l) => l.createdAt)).toEqual([latest]);
  });

  it('links that land only on transcripts the merge adds read nothing here', () => {
    const from = project({
      dyads: [{ id: 'd9', name: 'D9', attributes: {}, sessions: [{ id: 's9', number: 1, date: null, links: [link('l1', 'c-185', 't-190')] }] }],
      interviews: [timed('c', CLIENT, 'c', 'client', 'D9'), timed('t', THERAPIST, 't', 'therapist', 'D9')],
    });
    const asked: string[][] = [];
    const plan = planMerge(project(), from, OPTS, {}, (ids) => {
      asked.push([...ids]);
      return new Map();
    });
    expect(plan.summary.links).toEqual({ added: 1, alreadyThere: 0, skipped: 0 });
    expect(asked).toEqual([]);
  });

  it('a transcript here whose turns and moments cannot be read takes no links: they are left out and named', () => {
    const into = withSession([timed('iv-c', CLIENT, 'm-c', 'client'), timed('iv-t', THERAPIST, 'm-t', 'therapist')].map((i) => ({ ...i, moments: [] })));
    const from = withSession([timed('c', CLIENT, 'c', 'client'), timed('t', THERAPIST, 't', 'therapist')], { links: [link('l1', 'c-185', 't-190')] });
    const plan = planMerge(into, from, OPTS, {}, () => new Map());
    expect(plan.summary.links).toEqual({ added: 0, alreadyThere: 0, skipped: 1 });
    expect(plan.summary.warnings).toEqual([
      "1 of the 1 links drawn by hand in dyad D4, session 1 of bea.dyad was left out: the recall moments or turns they join are not in this project's transcripts.",
    ]);
  });

  it.each([
    ['client', CLIENT],
    ['therapist', THERAPIST],
  ] as const)("a copy whose two sides both hold this project's %s transcript: its links are left out, never drawn within one transcript", (_, text) => {
    const into = withSession([timed('iv-c', CLIENT, 'm-c', 'client'), timed('iv-t', THERAPIST, 'm-t', 'therapist')]);
    const prefix = text === CLIENT ? 'c' : 't';
    const from = withSession([timed('c', text, 'x', 'client'), timed('t', text, 'y', 'therapist')], {
      links: [link('l1', `x-${prefix === 'c' ? 185 : 190}`, `y-${prefix === 'c' ? 185 : 190}`)],
    });
    const plan = planMerge(into, from, OPTS, { 'interview-slot:t': 'skip', 'interview-slot:c': 'skip' });
    expect(plan.operations.linksAdded).toEqual([]);
    expect(plan.summary.links.skipped).toBe(1);
  });
});

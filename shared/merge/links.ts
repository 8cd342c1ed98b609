/**
 * Moment links and unlinks drawn by hand in the incoming file, carried over to the sessions of this project.
 *
 * A link names two units of a session by id (SnapshotLink). Here the same moments may have other ids (transcripts
 * imported separately get ids of their own) and other offsets (a corrected transcript), so each unit is found again
 * by what it is, in the interview the merge matched or added for its transcript (shared/merge/structure.ts):
 * - a recall moment: the moment here at the same place (its offset carried over by the interview's TextMap) with
 *   the same session time;
 * - a speaker turn (on a side that marks no session times, where turns are the units): the turn over the same passage;
 * - the stretch before the first recall moment (`open:<interviewId>`): that stretch of the interview here.
 * A link is carried only when both units are found, in the client and the therapist interview of one session here
 * (the only links the side-by-side view reads), and that session has no link or unlink between the same two units
 * yet: the lead's own decision on a pair stands. The others are counted, and named per session in the warnings.
 *
 * Order: alignment replays a session's links by `createdAt` (shared/align/decisions.ts), a later one taking its units
 * from an earlier one. This project's links come first: a carried link is dated no earlier than the latest link of
 * its session here, and links of one date replay in the order they are written, which is the order they were drawn.
 */
import type { Role } from '../domain/types';
import type { ProjectSnapshot, SnapshotInterview, SnapshotLink } from '../snapshot/types';
import type { ConflictLog } from './conflicts';
import { freeId } from './ids';
import type { InterviewTarget } from './structure';
import type { InterviewToAdd, LinkToAdd, PartsReader } from './types';

/** The unit id of the stretch before an interview's first recall moment (as electron/core/alignment.ts names it). */
const openingUnit = (interviewId: string) => `open:${interviewId}`;

type Parts = Pick<SnapshotInterview, 'turns' | 'moments'>;

/** What a unit is, independent of ids: where it lies in its interview's text. */
type Unit = { kind: 'opening' } | { kind: 'moment'; offset: number; sessionTime: number } | { kind: 'turn'; start: number; end: number };

const momentKey = (offset: number, sessionTime: number) => `m\u0000${offset}\u0000${sessionTime}`;
const turnKey = (start: number, end: number) => `t\u0000${start}\u0000${end}`;
const OPENING_KEY = 'open';

/**
 * The units of one interview the side-by-side view shows (as electron/core/alignment.ts sideUnits makes them):
 * its recall moments, with the opening stretch when text comes before the first one; else its speaker turns.
 */
function unitsOf(interviewId: string, text: string, parts: Parts): { byId: Map<string, Unit>; byKey: Map<string, string> } {
  const byId = new Map<string, Unit>();
  const byKey = new Map<string, string>();
  const add = (id: string, key: string, unit: Unit) => {
    byId.set(id, unit);
    if (!byKey.has(key)) byKey.set(key, id);
  };
  if (parts.moments.length) {
    const first = Math.min(...parts.moments.map((m) => m.offset));
    if (text.slice(0, first).trim()) add(openingUnit(interviewId), OPENING_KEY, { kind: 'opening' });
    for (const m of parts.moments) add(m.id, momentKey(m.offset, m.sessionTime), { kind: 'moment', offset: m.offset, sessionTime: m.sessionTime });
  } else {
    for (const t of parts.turns) add(t.id, turnKey(t.start, t.end), { kind: 'turn', start: t.start, end: t.end });
  }
  return { byId, byKey };
}

/** The key of `unit` in the interview here that `target` names, or null when the place has no counterpart. */
function keyHere(unit: Unit, target: InterviewTarget): string | null {
  const map = target.textMap;
  if (unit.kind === 'opening') return OPENING_KEY;
  if (unit.kind === 'moment') return momentKey(map ? map.at(unit.offset) : unit.offset, unit.sessionTime);
  const passage = map ? map.map(unit.start, unit.end) : unit;
  return passage ? turnKey(passage.start, passage.end) : null;
}

interface LinkOutcome {
  added: LinkToAdd[];
  alreadyThere: number;
  skipped: number;
}

interface Here {
  sessionId: string;
  role: Role;
  text: string;
  /** Read on demand: only interviews that carried links need them. */
  parts: Parts | null;
}

type Reason = 'transcripts' | 'units';

export function mergeLinks(
  into: ProjectSnapshot,
  from: ProjectSnapshot,
  structure: { interviews: Map<string, InterviewTarget>; interviewsAdded: InterviewToAdd[] },
  readParts: PartsReader,
  label: string,
  log: ConflictLog,
): LinkOutcome {
  const out: LinkOutcome = { added: [], alreadyThere: 0, skipped: 0 };
  const linked = from.dyads.flatMap((d) => d.sessions.filter((s) => s.links?.length).map((s) => ({ dyad: d.name, session: s, links: s.links as SnapshotLink[] })));
  if (!linked.length) return out;

  // The incoming side: each linked session's client and therapist interview (the first of its role, as the view takes it).
  const place = (dyad: string | null, session: number | null) => `${dyad}\u0000${session}`;
  const wanted = new Set(linked.map((l) => place(l.dyad, l.session.number)));
  const sides = new Map<string, { client?: SnapshotInterview; therapist?: SnapshotInterview }>();
  for (const i of from.interviews) {
    const k = place(i.dyad, i.session);
    if (!wanted.has(k) || (i.role !== 'client' && i.role !== 'therapist')) continue;
    const s = sides.get(k) ?? {};
    s[i.role] ??= i;
    sides.set(k, s);
  }

  // This side: where each interview is, and its units (read for those that links land on).
  const sessionHere = new Map<string, string>();
  for (const d of into.dyads) for (const s of d.sessions) sessionHere.set(place(d.name, s.number), s.id);
  const here = new Map<string, Here>();
  for (const i of into.interviews) {
    const sessionId = sessionHere.get(place(i.dyad, i.session));
    if (sessionId && i.role) here.set(i.id, { sessionId, role: i.role, text: i.text, parts: null });
  }
  for (const i of structure.interviewsAdded) here.set(i.id, { sessionId: i.sessionId, role: i.role, text: i.text, parts: i });
  const toRead = new Set<string>();
  for (const s of sides.values()) {
    for (const f of [s.client, s.therapist]) {
      const t = f && structure.interviews.get(f.id);
      if (t && here.get(t.id)?.parts === null) toRead.add(t.id);
    }
  }
  if (toRead.size) for (const [id, parts] of readParts([...toRead])) (here.get(id) as Here).parts = parts;
  const unitsHere = new Map<string, ReturnType<typeof unitsOf>>();
  const unitsOfHere = (id: string) => {
    let u = unitsHere.get(id);
    if (!u) {
      const h = here.get(id) as Here;
      unitsHere.set(id, (u = unitsOf(id, h.text, h.parts ?? { turns: [], moments: [] })));
    }
    return u;
  };

  // The links here, for pairs already decided, their ids, and each session's latest date.
  const linkIds = new Set<string>();
  const pairsHere = new Map<string, Set<string>>();
  const latestHere = new Map<string, string>();
  const pair = (c: string, t: string) => `${c}\u0000${t}`;
  for (const d of into.dyads) {
    for (const s of d.sessions) {
      const pairs = new Set<string>();
      for (const l of s.links ?? []) {
        linkIds.add(l.id);
        pairs.add(pair(l.clientUnitId, l.therapistUnitId));
        if (l.createdAt > (latestHere.get(s.id) ?? '')) latestHere.set(s.id, l.createdAt);
      }
      pairsHere.set(s.id, pairs);
    }
  }

  for (const { dyad, session, links } of linked) {
    const side = sides.get(place(dyad, session.number)) ?? {};
    const skipped = new Map<Reason, number>();
    const skip = (why: Reason) => {
      skipped.set(why, (skipped.get(why) ?? 0) + 1);
      out.skipped++;
    };
    const fc = side.client;
    const ft = side.therapist;
    const tc = fc && structure.interviews.get(fc.id);
    const tt = ft && structure.interviews.get(ft.id);
    const hc = tc && here.get(tc.id);
    const ht = tt && here.get(tt.id);
    // Both transcripts must be the client and the therapist interview of one session here.
    const sessionId = hc && ht && hc.role === 'client' && ht.role === 'therapist' && hc.sessionId === ht.sessionId ? hc.sessionId : null;
    const unitsThere = sessionId ? { client: unitsOf(fc!.id, fc!.text, fc!), therapist: unitsOf(ft!.id, ft!.text, ft!) } : null;
    for (const l of links) {
      if (!sessionId || !unitsThere) {
        skip('transcripts');
        continue;
      }
      const unitHere = (side: 'client' | 'therapist', unitId: string): string | null => {
        const unit = unitsThere[side].byId.get(unitId);
        const target = (side === 'client' ? tc : tt) as InterviewTarget;
        const key = unit ? keyHere(unit, target) : null;
        return key === null ? null : (unitsOfHere(target.id).byKey.get(key) ?? null);
      };
      const c = unitHere('client', l.clientUnitId);
      const t = unitHere('therapist', l.therapistUnitId);
      if (c === null || t === null) {
        skip('units');
        continue;
      }
      let pairs = pairsHere.get(sessionId);
      if (!pairs) pairsHere.set(sessionId, (pairs = new Set()));
      if (pairs.has(pair(c, t))) {
        out.alreadyThere++;
        continue;
      }
      pairs.add(pair(c, t));
      const id = freeId(l.id, (x) => linkIds.has(x), 'moment-link');
      linkIds.add(id);
      const latest = latestHere.get(sessionId) ?? '';
      out.added.push({ id, sessionId, clientUnitId: c, therapistUnitId: t, kind: l.kind, createdAt: l.createdAt < latest ? latest : l.createdAt });
    }
    const n = [...skipped.values()].reduce((a, b) => a + b, 0);
    if (n) {
      const why = [
        skipped.has('transcripts') ? 'the session\'s client and therapist transcripts are not the two interviews of one session here' : '',
        skipped.has('units') ? "the recall moments or turns they join are not in this project's transcripts" : '',
      ]
        .filter(Boolean)
        .join('; ');
      log.warn(`${n} of the ${links.length} links drawn by hand in dyad ${dyad}, session ${session.number} of ${label} ${n === 1 ? 'was' : 'were'} left out: ${why}.`);
    }
  }
  return out;
}

/**
 * Coders, dyads, sessions and interviews of the incoming project matched to this one.
 *
 * - Coders: same id, else same name. Dyads: same id, else same name. Sessions: same dyad and number.
 * - Interviews: same id (when the texts agree), else the same text (line endings ignored) anywhere in the
 *   project, else added where the file says (dyad, session, role). Two copies of one interview with different
 *   texts (one was corrected) are a conflict: add the other version beside it, or keep this project's text and
 *   carry the codings over (shared/merge/textMap.ts).
 * - Dyad attributes: the union; a key with two values is a conflict.
 * - A session's recording: a session here keeps its own; one without takes the incoming file's (a different one is
 *   only mentioned: the recording is a path on someone's machine, and either may be the one that still opens).
 */
import type { Role } from '../domain/types';
import type { ProjectSnapshot, SnapshotCoder, SnapshotInterview } from '../snapshot/types';
import { ConflictLog, quote } from './conflicts';
import { derivedId, firstDerivedId, freeId } from './ids';
import { collapseSpaces, normaliseName, normaliseText } from './normalise';
import { TextMap } from './textMap';
import type { InterviewToAdd, MergeOperations } from './types';

interface CoderOutcome {
  map: Map<string, string>;
  added: SnapshotCoder[];
  matched: number;
}

const hasRecording = (path: string | null | undefined): path is string => typeof path === 'string' && path.trim() !== '';

export function matchCoders(into: ProjectSnapshot, from: ProjectSnapshot): CoderOutcome {
  const byId = new Map(into.coders.map((c) => [c.id, c.id]));
  const byName = new Map(into.coders.map((c) => [normaliseName(c.name), c.id]));
  const map = new Map<string, string>();
  const added: SnapshotCoder[] = [];
  let matched = 0;
  for (const c of from.coders) {
    const same = byId.get(c.id) ?? byName.get(normaliseName(c.name));
    if (same) {
      map.set(c.id, same);
      matched++;
      continue;
    }
    const coder = { id: freeId(c.id, (x) => byId.has(x), 'coder'), name: collapseSpaces(c.name) };
    added.push(coder);
    byId.set(coder.id, coder.id);
    byName.set(normaliseName(coder.name), coder.id);
    map.set(c.id, coder.id);
  }
  return { map, added, matched };
}

/** Where an incoming interview's codings go: an interview of the merged project, through a text map when needed. */
export interface InterviewTarget {
  id: string;
  textMap: TextMap | null;
}

interface StructureOutcome {
  dyads: Map<string, string>;
  /** Incoming dyad names (normalised) → dyad id here, for memos that name their dyad. */
  dyadByName: Map<string, string>;
  sessions: Map<string, string>;
  interviews: Map<string, InterviewTarget>;
  skipped: { id: string; sourceName: string }[];
  ops: Pick<MergeOperations, 'dyadsAdded' | 'dyadsUpdated' | 'sessionsAdded' | 'sessionRecordings' | 'interviewRecordings' | 'interviewsAdded'>;
  matchedById: number;
  matchedByText: number;
  /** The place of every interview added: for the summary. */
  placed: Map<string, { dyad: string; session: number; role: Role }>;
}

export function matchStructure(into: ProjectSnapshot, from: ProjectSnapshot, label: string, log: ConflictLog): StructureOutcome {
  const ops: StructureOutcome['ops'] = { dyadsAdded: [], dyadsUpdated: [], sessionsAdded: [], sessionRecordings: [], interviewRecordings: [], interviewsAdded: [] };

  // Dyads and their sessions, as they are here; the merge adds to these as it goes.
  const dyadIds = new Set(into.dyads.map((d) => d.id));
  const dyadName = new Map<string, string>(into.dyads.map((d) => [d.id, d.name]));
  const dyadByName = new Map<string, string>(into.dyads.map((d) => [normaliseName(d.name), d.id]));
  const sessionIds = new Set<string>();
  const sessionOf = new Map<string, string>(); // dyadId \0 number → session id
  const sessionPlace = new Map<string, { dyadId: string; number: number }>();
  const recordingHere = new Map<string, string | null>();
  for (const d of into.dyads) {
    for (const s of d.sessions) {
      recordingHere.set(s.id, s.recordingPath ?? null);
      sessionIds.add(s.id);
      sessionOf.set(`${d.id}\u0000${s.number}`, s.id);
      sessionPlace.set(s.id, { dyadId: d.id, number: s.number });
    }
  }
  const attributes = new Map(into.dyads.map((d) => [d.id, { before: d.attributes, now: { ...d.attributes } }]));

  const ensureDyad = (name: string, snapshotId: string | null): string => {
    const n = normaliseName(name);
    const known = dyadByName.get(n);
    if (known) return known;
    const id = freeId(snapshotId ?? `dyad:${n}`, (x) => dyadIds.has(x), 'dyad');
    dyadIds.add(id);
    dyadName.set(id, collapseSpaces(name));
    dyadByName.set(n, id);
    ops.dyadsAdded.push({ id, name: collapseSpaces(name), attributes: {} });
    return id;
  };
  const ensureSession = (dyadId: string, number: number, snapshotId: string | null, date: string | null, recordingPath: string | null = null): string => {
    const key = `${dyadId}\u0000${number}`;
    const known = sessionOf.get(key);
    if (known) return known;
    const id = freeId(snapshotId ?? `session:${dyadId}:${number}`, (x) => sessionIds.has(x), 'session');
    sessionIds.add(id);
    sessionOf.set(key, id);
    sessionPlace.set(id, { dyadId, number });
    ops.sessionsAdded.push({ id, dyadId, number, date, recordingPath: hasRecording(recordingPath) ? recordingPath : null });
    return id;
  };
  const carryRecording = (sessionId: string, theirs: string | null | undefined) => {
    if (!hasRecording(theirs) || !recordingHere.has(sessionId)) return;
    const mine = recordingHere.get(sessionId) ?? null;
    const place = sessionPlace.get(sessionId) as { dyadId: string; number: number };
    if (!hasRecording(mine)) {
      ops.sessionRecordings.push({ id: sessionId, recordingPath: theirs, before: mine });
      recordingHere.set(sessionId, theirs);
    } else if (mine !== theirs) {
      log.warn(`Dyad ${dyadName.get(place.dyadId)}, session ${place.number} has the recording ${quote(mine)} here and ${quote(theirs)} in ${label}; it keeps ${quote(mine)}.`);
    }
  };

  const dyads = new Map<string, string>();
  const sessions = new Map<string, string>();
  const fromDyadByName = new Map<string, string>();
  for (const d of from.dyads) {
    const sameId = into.dyads.some((x) => x.id === d.id) ? d.id : undefined;
    const id = sameId ?? ensureDyad(d.name, d.id);
    if (sameId && normaliseName(dyadName.get(sameId) as string) !== normaliseName(d.name)) {
      log.warn(`Dyad ${quote(dyadName.get(sameId) as string)} is called ${quote(d.name)} in ${label}; it keeps its name here.`);
    }
    dyads.set(d.id, id);
    fromDyadByName.set(normaliseName(d.name), id);
    const added = ops.dyadsAdded.find((a) => a.id === id);
    if (added) Object.assign(added.attributes, d.attributes);
    else {
      const attrs = attributes.get(id) as { before: Record<string, string>; now: Record<string, string> };
      for (const [key, value] of Object.entries(d.attributes)) {
        const mine = attrs.now[key];
        if (mine === undefined) attrs.now[key] = value;
        else if (mine !== value) {
          const choice = log.decide({
            id: `dyad-attribute:${id}:${key}`,
            kind: 'dyad-attribute',
            description: `Dyad ${quote(dyadName.get(id) as string)} has ${key} = ${quote(value)} in ${label}, ${quote(mine)} here.`,
            options: [
              { id: 'keep-mine', label: `Keep ${quote(mine)}` },
              { id: 'take-theirs', label: `Use ${quote(value)}` },
            ],
            mine,
            theirs: value,
            subjectId: id,
          });
          if (choice === 'take-theirs') attrs.now[key] = value;
        }
      }
    }
    for (const s of d.sessions) {
      const sessionId = ensureSession(id, s.number, s.id, s.date, s.recordingPath ?? null);
      sessions.set(s.id, sessionId);
      carryRecording(sessionId, s.recordingPath);
    }
  }
  for (const [id, attrs] of attributes) {
    // `now` holds every key of `before`: a key added shows as one whose value was undefined before.
    const changed = Object.entries(attrs.now).some(([k, v]) => attrs.before[k] !== v);
    if (changed) ops.dyadsUpdated.push({ id, attributes: attrs.now, before: attrs.before });
  }
  const dyadOfName = (name: string, create: boolean): string | null => {
    const n = normaliseName(name);
    return fromDyadByName.get(n) ?? dyadByName.get(n) ?? (create ? ensureDyad(name, null) : null);
  };

  // Interviews.
  const intoById = new Map(into.interviews.map((i) => [i.id, i]));
  // session \0 role of the client and therapist interviews here and added so far ("other" ones take no slot).
  // Keys with a missing part ("undefined \0 client", "dyad-4 \0 null") are no session's: they find nothing.
  const taken = new Set<string>();
  const sessionOfInterview = (i: SnapshotInterview): string | null => {
    if (i.dyad === null) return null;
    const d = dyadByName.get(normaliseName(i.dyad));
    return d ? (sessionOf.get(`${d}\u0000${i.session}`) ?? null) : null;
  };
  for (const i of into.interviews) {
    const s = sessionOfInterview(i);
    if (s && (i.role === 'client' || i.role === 'therapist')) taken.add(`${s}\u0000${i.role}`);
  }
  let byText: Map<string, { id: string; text: string; session: string | null; role: Role | null }[]> | null = null;
  const textIndex = () => {
    if (!byText) {
      byText = new Map();
      for (const i of into.interviews) {
        const k = normaliseText(i.text);
        const list = byText.get(k);
        const entry = { id: i.id, text: i.text, session: sessionOfInterview(i), role: i.role };
        if (list) list.push(entry);
        else byText.set(k, [entry]);
      }
    }
    return byText;
  };
  const sameText = (f: SnapshotInterview) => {
    const list = textIndex().get(normaliseText(f.text));
    if (!list?.length) return null;
    const d = f.dyad === null ? null : dyadOfName(f.dyad, false);
    const s = sessionOf.get(`${d}\u0000${f.session}`);
    return list.find((x) => x.session === s && x.role === f.role) ?? list[0]!;
  };
  const target = (f: SnapshotInterview, id: string, text: string): InterviewTarget => {
    carryAudio(id, f);
    return { id, textMap: f.text === text ? null : new TextMap(f.text, text) };
  };
  // An interview's own recording travels as the session's does: taken where this project has none, else a warning.
  const audioHere = new Map(into.interviews.map((i) => [i.id, i.audioPath ?? null]));
  const carryAudio = (id: string, f: SnapshotInterview) => {
    const theirs = f.audioPath;
    if (!hasRecording(theirs) || !audioHere.has(id)) return;
    const mine = audioHere.get(id) ?? null;
    if (!hasRecording(mine)) {
      ops.interviewRecordings.push({ id, audioPath: theirs, before: mine });
      audioHere.set(id, theirs);
    } else if (mine !== theirs) {
      log.warn(`The interview ${quote(f.sourceName)} has the recording ${quote(mine)} here and ${quote(theirs)} in ${label}; it keeps ${quote(mine)}.`);
    }
  };

  const interviews = new Map<string, InterviewTarget>();
  const skipped: StructureOutcome['skipped'] = [];
  const placed: StructureOutcome['placed'] = new Map();
  let matchedById = 0;
  let matchedByText = 0;
  const addInterview = (f: SnapshotInterview, id: string, sessionId: string, role: Role, sourceName: string, freshParts: boolean) => {
    const partId = (x: string, kind: string) => (freshParts ? firstDerivedId(x, kind, id) : x);
    const iv: InterviewToAdd = {
      id,
      sessionId,
      role,
      sourceName,
      ...(hasRecording(f.audioPath) ? { audioPath: f.audioPath } : {}),
      text: f.text,
      turns: f.turns.map((t) => ({ ...t, id: partId(t.id, 'turn') })),
      moments: f.moments.map((m) => ({ ...m, id: partId(m.id, 'moment') })),
    };
    ops.interviewsAdded.push(iv);
    if (role !== 'other') taken.add(`${sessionId}\u0000${role}`);
    const place = sessionPlace.get(sessionId) as { dyadId: string; number: number };
    placed.set(id, { dyad: dyadName.get(place.dyadId) as string, session: place.number, role });
    const k = normaliseText(f.text);
    const list = textIndex().get(k);
    const entry = { id, text: f.text, session: sessionId, role };
    if (list) list.push(entry);
    else textIndex().set(k, [entry]);
    interviews.set(f.id, { id, textMap: null });
  };

  // First what is already here (by id, or by text); then the new ones, those that fit where the file says first,
  // so that a transcript the lead is asked about is not one that arrives anyway under another name.
  const rest: SnapshotInterview[] = [];
  // The versions earlier merges added beside an interview: `derived`, then the ids freeId derived from it (below).
  const versionsOf = (derived: string): SnapshotInterview[] => {
    const found: SnapshotInterview[] = [];
    for (let id = derived, n = 0; intoById.has(id); id = derivedId(derived, 'interview-version', String(n++))) found.push(intoById.get(id) as SnapshotInterview);
    return found;
  };
  for (const f of from.interviews) {
    const derived = firstDerivedId(f.id, 'interview-version');
    const m = intoById.get(f.id);
    if (m && normaliseText(m.text) === normaliseText(f.text)) {
      interviews.set(f.id, target(f, m.id, m.text));
      matchedById++;
      continue;
    }
    // An interview with the same id but another text is that interview, corrected: only a version a previous
    // merge added beside it stands in for it (any of them: a second correction is a second version); any other
    // interview with its text is left to the lead's choice.
    const same = m ? (versionsOf(derived).find((v) => normaliseText(v.text) === normaliseText(f.text)) ?? null) : sameText(f);
    if (same) {
      interviews.set(f.id, target(f, same.id, same.text));
      matchedByText++;
      continue;
    }
    if (m) {
      const choice = log.decide({
        id: `interview-text:${m.id}`,
        kind: 'interview-text',
        description: `The interview ${quote(m.sourceName)} has a different text in ${label} (one of the copies was corrected).`,
        options: [
          { id: 'add-separately', label: `Add the version from ${label} beside it, with its codings` },
          { id: 'keep-mine', label: "Keep this project's text and carry the codings over" },
        ],
        mine: m.text,
        theirs: f.text,
        subjectId: m.id,
      });
      if (choice === 'keep-mine') {
        interviews.set(f.id, target(f, m.id, m.text));
        matchedById++;
        continue;
      }
      const sessionId = sessionOfInterview(m) ?? ensureSession(ensureDyad(`Unassigned (${label})`, null), 1, null, null);
      addInterview(f, freeId(derived, (x) => intoById.has(x), 'interview-version'), sessionId, 'other', `${f.sourceName} (${label})`, true);
      continue;
    }
    rest.push(f);
  }
  type Place = { dyad: string; session: number; role: Role };
  /** Where the copy files a transcript; null when it does not say (no dyad, session or role). */
  const placeOf = (f: SnapshotInterview): Place | null =>
    f.dyad === null || !f.dyad.trim() || f.session === null || f.role === null ? null : { dyad: f.dyad, session: f.session, role: f.role };
  /** Whether that session is here (or added by now) with an interview in that role already. */
  const slotTaken = (p: Place) => {
    const s = sessionOf.get(`${dyadOfName(p.dyad, false)}\u0000${p.session}`);
    return taken.has(`${s}\u0000${p.role}`);
  };
  const rank = (f: SnapshotInterview) => {
    const p = placeOf(f);
    return p === null ? 2 : slotTaken(p) ? 1 : 0;
  };
  // Array.prototype.sort is stable: within a rank, the copy's order.
  const ranked = rest.map((f) => ({ f, r: rank(f) })).sort((a, b) => a.r - b.r);

  for (const { f } of ranked) {
    const same = sameText(f);
    if (same) {
      interviews.set(f.id, target(f, same.id, same.text));
      matchedByText++;
      continue;
    }
    let place = placeOf(f);
    if (place === null) {
      const choice = log.decide({
        id: `interview-unplaced:${f.id}`,
        kind: 'interview-unplaced',
        description: `${label} has the transcript ${quote(f.sourceName)} without a dyad, session and role.`,
        options: [
          { id: 'add-unassigned', label: `Add it to dyad ${quote(`Unassigned (${label})`)} as "other", to assign later` },
          { id: 'skip', label: 'Leave it out, with its codings' },
        ],
        theirs: f.sourceName,
      });
      if (choice === 'skip') {
        skipped.push({ id: f.id, sourceName: f.sourceName });
        continue;
      }
      place = { dyad: `Unassigned (${label})`, session: 1, role: 'other' };
    }
    const { dyad, session } = place;
    let role = place.role;
    if (slotTaken(place)) {
      const choice = log.decide({
        id: `interview-slot:${f.id}`,
        kind: 'interview-slot',
        description: `Dyad ${dyad}, session ${session} already has a ${role} interview; ${label} has another one (${quote(f.sourceName)}).`,
        options: [
          { id: 'add-as-other', label: 'Add it to the session as "other"' },
          { id: 'skip', label: 'Leave it out, with its codings' },
        ],
        theirs: f.sourceName,
      });
      if (choice === 'skip') {
        skipped.push({ id: f.id, sourceName: f.sourceName });
        continue;
      }
      role = 'other';
    }
    const dyadId = dyadOfName(dyad, true) as string;
    const sessionId = ensureSession(dyadId, session, null, null);
    // Its id is free: an interview with that id here went the way of the first loop.
    addInterview(f, f.id, sessionId, role, f.sourceName, false);
  }

  // A transcript left out whose very text came in under another name has its codings go there after all.
  for (const s of [...skipped]) {
    const f = from.interviews.find((i) => i.id === s.id) as SnapshotInterview;
    const same = sameText(f);
    if (!same) continue;
    interviews.set(f.id, target(f, same.id, same.text));
    matchedByText++;
    skipped.splice(skipped.indexOf(s), 1);
  }
  return { dyads, dyadByName: new Map([...dyadByName, ...fromDyadByName]), sessions, interviews, skipped, ops, matchedById, matchedByText, placed };
}

/**
 * A merge applied to a snapshot in memory: what the project will look like. The database writer
 * (electron/team/write.ts) does the same to the file; tests check the two against each other, and the
 * planner's promises (nothing lost, merging twice adds nothing) are checked here on random projects.
 */
import type { ProjectSnapshot, SnapshotCode, SnapshotDyad, SnapshotLink, SnapshotSession } from '../snapshot/types';
import type { MergeOperations } from './types';

export function applyToSnapshot(into: ProjectSnapshot, ops: MergeOperations): ProjectSnapshot {
  const updates = new Map(ops.codesUpdated.map((u) => [u.id, u.set]));
  const codes = into.codes.map((c) => {
    const set = updates.get(c.id);
    if (!set) return c;
    return {
      ...c,
      ...(set.name !== undefined ? { name: set.name } : {}),
      ...(set.parentId !== undefined ? { parentId: set.parentId } : {}),
      ...(set.position !== undefined ? { position: set.position } : {}),
      ...(set.color !== undefined ? { color: set.color } : {}),
      ...(set.definition !== undefined ? { definition: set.definition } : {}),
      ...(set.inclusion !== undefined ? { inclusion: set.inclusion } : {}),
      ...(set.exclusion !== undefined ? { exclusion: set.exclusion } : {}),
      ...(set.example !== undefined ? { example: set.example } : {}),
      ...(set.shortcut !== undefined ? { shortcut: set.shortcut } : {}),
    };
  });

  const attributes = new Map(ops.dyadsUpdated.map((d) => [d.id, d.attributes]));
  const recordings = new Map(ops.sessionRecordings.map((r) => [r.id, r.recordingPath]));
  const audio = new Map(ops.interviewRecordings.map((r) => [r.id, r.audioPath]));
  const linksOf = new Map<string, SnapshotLink[]>();
  for (const { sessionId, ...link } of ops.linksAdded) linksOf.set(sessionId, [...(linksOf.get(sessionId) ?? []), link]);
  // Links here first, then those added: the order they replay in (shared/merge/links.ts).
  const withAdded = (s: SnapshotSession): SnapshotSession => {
    const added = linksOf.get(s.id);
    const recordingPath = recordings.get(s.id);
    return { ...s, ...(recordingPath !== undefined ? { recordingPath } : {}), ...(added ? { links: [...(s.links ?? []), ...added] } : {}) };
  };
  const dyads: SnapshotDyad[] = [
    ...into.dyads.map((d) => ({ ...d, attributes: attributes.get(d.id) ?? d.attributes, sessions: d.sessions.map(withAdded) })),
    ...ops.dyadsAdded.map((d) => ({ id: d.id, name: d.name, attributes: { ...d.attributes }, sessions: [] })),
  ];
  const dyadById = new Map(dyads.map((d) => [d.id, d]));
  for (const s of ops.sessionsAdded) {
    dyadById.get(s.dyadId)?.sessions.push(withAdded({ id: s.id, number: s.number, date: s.date, ...(s.recordingPath !== null ? { recordingPath: s.recordingPath } : {}) }));
  }
  const sessionPlace = new Map<string, { dyad: string; number: number }>();
  for (const d of dyads) for (const s of d.sessions) sessionPlace.set(s.id, { dyad: d.name, number: s.number });

  const memoUpdates = new Map(ops.memosUpdated.map((m) => [m.id, m]));
  return {
    name: into.name,
    coders: [...into.coders, ...ops.coders],
    codebooks: [...into.codebooks, ...ops.codebooks],
    codes: renumberEmptied(into, ops, [...codes, ...ops.codesAdded]),
    dyads,
    interviews: [
      ...into.interviews.map((i) => (audio.has(i.id) ? { ...i, audioPath: audio.get(i.id)! } : i)),
      ...ops.interviewsAdded.map(({ sessionId, role, ...i }) => {
        const place = sessionPlace.get(sessionId);
        return { ...i, dyad: place?.dyad ?? null, session: place?.number ?? null, role };
      }),
    ],
    codings: [...into.codings, ...ops.codingsAdded],
    memos: [
      ...into.memos.map((m) => {
        const u = memoUpdates.get(m.id);
        return u ? { ...m, title: u.title, text: u.text } : m;
      }),
      ...ops.memosAdded,
    ],
  };
}

/** SQLite's NOCASE: ASCII letters folded, everything else compared as is. */
const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * Codes moved away leave a gap among their old siblings, which the writer closes (positions 0..n-1, in position
 * then name order, as electron/core/coding/codes.ts renumberSiblings does): the same here.
 */
function renumberEmptied(into: ProjectSnapshot, ops: MergeOperations, codes: SnapshotCode[]): SnapshotCode[] {
  const before = new Map(into.codes.map((c) => [c.id, c]));
  const places = new Set<string>();
  for (const u of ops.codesUpdated) {
    const was = before.get(u.id);
    if (was && u.set.parentId !== undefined && Object.keys(u.set).length) places.add(`${was.codebookId}|${was.parentId ?? ''}`);
  }
  if (!places.size) return codes;
  const out = codes.map((c) => ({ ...c }));
  for (const place of places) {
    const siblings = out
      .filter((c) => `${c.codebookId}|${c.parentId ?? ''}` === place)
      .sort((a, b) => a.position - b.position || (nocase(a.name) < nocase(b.name) ? -1 : nocase(a.name) > nocase(b.name) ? 1 : 0));
    siblings.forEach((c, i) => (c.position = i));
  }
  return out;
}

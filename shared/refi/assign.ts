/**
 * Imported sources become interviews once the researcher says whose they are: dyad, session and role. Dyad's
 * own exports say so in their data; for other tools' files the source name is read with the project's
 * file-name pattern ("D04_S1_client.docx", "D4 S1 client"), and whatever remains is the researcher's to assign.
 */
import { DyadError } from '../domain/errors';
import type { Role } from '../domain/types';
import type { ProjectSnapshot, SnapshotInterview, SnapshotMemo } from '../snapshot/types';
import { parseFileName } from '../import/fileName';

export type SourceAssignment = { sourceId: string; dyad: string; session: number; role: Role } | { sourceId: string; skip: true };

export interface ProposedAssignment {
  dyad: string;
  session: number;
  role: Role;
}

export function proposeAssignment(i: SnapshotInterview, fileNamePattern: string): ProposedAssignment | null {
  if (i.dyad !== null && i.session !== null && i.role !== null) return { dyad: i.dyad, session: i.session, role: i.role };
  try {
    return parseFileName(i.sourceName, fileNamePattern);
  } catch {
    return null; // a broken pattern proposes nothing; the researcher assigns by hand
  }
}

const listNames = (names: string[]) => names.slice(0, 12).map((n) => `"${n}"`).join(', ') + (names.length > 12 ? `, and ${names.length - 12} more` : '');

/**
 * The snapshot with every source assigned (or left out, when the researcher chose to skip it). Every source must
 * be named, so that nothing coded is dropped by oversight. Memos on what is left out stay, as project memos.
 */
export function applyAssignments(snapshot: ProjectSnapshot, assignments: readonly SourceAssignment[], fileLabel: string): ProjectSnapshot {
  const byId = new Map<string, SourceAssignment>();
  const known = new Set(snapshot.interviews.map((i) => i.id));
  for (const a of assignments) {
    const id = a.sourceId.trim().toLowerCase().replace(/^\{|\}$/g, '');
    if (!known.has(id)) throw new DyadError('invalid-input', `${fileLabel} has no source with id ${a.sourceId}.`);
    if (byId.has(id)) throw new DyadError('invalid-input', `The source ${a.sourceId} is assigned twice.`);
    byId.set(id, a);
  }
  const unassigned = snapshot.interviews.filter((i) => !byId.has(i.id)).map((i) => i.sourceName);
  if (unassigned.length) {
    throw new DyadError('invalid-input', `Say which dyad, session and role each source of ${fileLabel} belongs to (or skip it): ${listNames(unassigned)}. Nothing was imported.`);
  }

  const interviews: SnapshotInterview[] = [];
  const dropped = new Set<string>();
  const seen = new Map<string, string>();
  for (const i of snapshot.interviews) {
    const a = byId.get(i.id)!;
    if ('skip' in a) {
      dropped.add(i.id);
      continue;
    }
    const dyad = a.dyad.trim();
    if (!dyad || !Number.isSafeInteger(a.session) || a.session < 1) throw new DyadError('invalid-input', `"${i.sourceName}": give a dyad name and a session number from 1.`);
    if (a.role !== 'other') {
      const key = `${dyad.toLowerCase()}\u0000${a.session}\u0000${a.role}`;
      const other = seen.get(key);
      if (other) {
        throw new DyadError('conflict', `"${other}" and "${i.sourceName}" are both assigned as the ${a.role} interview of dyad ${dyad}, session ${a.session}. Nothing was imported.`);
      }
      seen.set(key, i.sourceName);
    }
    interviews.push({ ...i, dyad, session: a.session, role: a.role });
  }
  const codings = snapshot.codings.filter((c) => !dropped.has(c.interviewId));
  const droppedCodings = new Set(snapshot.codings.filter((c) => dropped.has(c.interviewId)).map((c) => c.id));
  const memos: SnapshotMemo[] = snapshot.memos.map((m) => {
    const orphan = (m.targetKind === 'interview' && dropped.has(m.targetId)) || (m.targetKind === 'coding' && droppedCodings.has(m.targetId));
    if (!orphan) return m;
    const { targetName: _, ...rest } = m;
    return { ...rest, targetKind: 'project', targetId: '' };
  });
  return { ...snapshot, interviews, codings, memos };
}

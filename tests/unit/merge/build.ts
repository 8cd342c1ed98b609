/** Small hand-made projects for the merge examples: a codebook, interviews and codings written out in full. */
import type { ProjectSnapshot, SnapshotCode, SnapshotCoding, SnapshotInterview, SnapshotMemo } from '../../../shared/snapshot/types';

export function code(id: string, name: string, parentId: string | null = null, more: Partial<SnapshotCode> = {}): SnapshotCode {
  return { id, codebookId: 'cb', parentId, name, color: '#E69F00', definition: '', inclusion: '', exclusion: '', example: '', shortcut: null, position: 0, ...more };
}

export function interview(id: string, text: string, dyad: string | null = 'D4', session: number | null = 1, role: SnapshotInterview['role'] = 'client'): SnapshotInterview {
  return { id, dyad, session, role, sourceName: `${id}.txt`, text, turns: [], moments: [] };
}

export function coding(id: string, interviewId: string, codeId: string, coderId: string, start: number, end: number): SnapshotCoding {
  return { id, interviewId, codeId, coderId, start, end, createdAt: '2025-03-01T10:00:00.000Z' };
}

export function memo(id: string, targetKind: SnapshotMemo['targetKind'], targetId: string, text: string, more: Partial<SnapshotMemo> = {}): SnapshotMemo {
  return { id, targetKind, targetId, coderId: null, title: '', text, createdAt: '2025-03-01T10:00:00.000Z', updatedAt: '2025-03-01T10:00:00.000Z', ...more };
}

export const CLIENT_TEXT = 'I: What was happening here?\nC: I could not look at her. I felt small.\n';

export function project(parts: Partial<ProjectSnapshot> = {}): ProjectSnapshot {
  return {
    name: 'study',
    coders: [
      { id: 'ann', name: 'Ann' },
      { id: 'ben', name: 'Ben' },
    ],
    codebooks: [{ id: 'cb', name: 'Codebook' }],
    codes: [],
    dyads: [{ id: 'dyad-4', name: 'D4', attributes: {}, sessions: [{ id: 'session-4-1', number: 1, date: null }] }],
    interviews: [interview('iv-client', CLIENT_TEXT)],
    codings: [],
    memos: [],
    ...parts,
  };
}

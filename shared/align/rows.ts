import { DyadError } from '../domain/errors';
import type { AlignmentRow, AlignUnit } from './types';

export function pairRow(client: AlignUnit, therapist: AlignUnit, match: 'auto' | 'manual'): AlignmentRow {
  const both = client.time !== null && therapist.time !== null;
  return {
    sessionTime: both ? ((client.time as number) + (therapist.time as number)) / 2 : (client.time ?? therapist.time),
    client: client.id,
    therapist: therapist.id,
    match,
    delta: both ? Math.abs((client.time as number) - (therapist.time as number)) : null,
  };
}

function singleRow(unit: AlignUnit, side: 'client' | 'therapist'): AlignmentRow {
  return {
    sessionTime: unit.time,
    client: side === 'client' ? unit.id : null,
    therapist: side === 'therapist' ? unit.id : null,
    match: 'none',
    delta: null,
  };
}

/**
 * Lays out one stretch between two links (or before the first / after the last).
 *
 * Pairs are fixed points; the units between consecutive pairs sit alone and are merged by `key`, the client's
 * first on a tie. With times as keys this keeps rows in session-time order. Where a side has no times the keys
 * are relative positions within the stretch (rank / count), so the two columns advance together: 3 client
 * turns against 6 therapist turns read c t t c t t c t t rather than all of one side first.
 */
export function layoutStretch(
  client: readonly AlignUnit[],
  therapist: readonly AlignUnit[],
  match: Int32Array,
  keyOf: (side: 'client' | 'therapist', index: number) => number,
): AlignmentRow[] {
  const n = client.length;
  const m = therapist.length;
  const partner = new Int32Array(m).fill(-1);
  match.forEach((j, i) => {
    if (j >= 0) partner[j] = i;
  });
  const rows: AlignmentRow[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && match[i] === j) {
      rows.push(pairRow(client[i] as AlignUnit, therapist[j] as AlignUnit, 'auto'));
      i++;
      j++;
      continue;
    }
    const clientAlone = i < n && match[i] === -1;
    const therapistAlone = j < m && partner[j] === -1;
    if (clientAlone && (!therapistAlone || keyOf('client', i) <= keyOf('therapist', j))) {
      rows.push(singleRow(client[i] as AlignUnit, 'client'));
      i++;
    } else if (therapistAlone) {
      rows.push(singleRow(therapist[j] as AlignUnit, 'therapist'));
      j++;
    } else {
      // Both heads wait for a partner further on: the matching crosses, which matchWithinTolerance never yields.
      throw new DyadError('internal', 'Moment alignment produced crossing pairs; please report this.');
    }
  }
  return rows;
}

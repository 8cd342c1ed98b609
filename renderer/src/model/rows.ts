import type { Interview, MomentLink } from '../../../shared/domain/types';
import { passageSegments, type PassageSegment } from './passage';
import type { AlignedRow, AlignedSide, SessionAlignment, Side } from './types';

export interface CellModel {
  side: Side;
  unit: AlignedSide;
  interview: Interview;
  segments: PassageSegment[];
}

export interface RowModel {
  index: number;
  /** Stable across refetches so React and the virtualizer keep each row's measured height. */
  key: string;
  row: AlignedRow;
  client: CellModel | null;
  therapist: CellModel | null;
  /** An automatic pairing the researcher undid that involves this row's unit ("Restore pairing" undoes it). */
  keptApart: MomentLink | null;
}

export function buildRows(alignment: SessionAlignment, interviews: readonly Interview[]): RowModel[] {
  const byId = new Map(interviews.map((iv) => [iv.id, iv]));
  const cell = (side: Side, unit: AlignedSide | null): CellModel | null => {
    if (!unit) return null;
    const interview = byId.get(unit.interviewId);
    if (!interview) return null;
    return { side, unit, interview, segments: passageSegments(interview, unit.start, unit.end) };
  };
  const unlinked = new Map<string, MomentLink>();
  for (const l of alignment.links) {
    if (l.kind !== 'unlink') continue;
    unlinked.set(`c:${l.clientUnitId}`, l);
    unlinked.set(`t:${l.therapistUnitId}`, l);
  }
  return alignment.rows.map((row, index) => ({
    index,
    key: `${row.client?.unitId ?? '-'}|${row.therapist?.unitId ?? '-'}`,
    row,
    client: cell('client', row.client),
    therapist: cell('therapist', row.therapist),
    keptApart:
      row.match === 'none' ? (unlinked.get(`c:${row.client?.unitId}`) ?? unlinked.get(`t:${row.therapist?.unitId}`) ?? null) : null,
  }));
}

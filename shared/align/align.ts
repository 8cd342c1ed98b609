import { DyadError } from '../domain/errors';
import { resolveDecisions } from './decisions';
import { matchWithinTolerance, settleTies } from './match';
import { layoutStretch, pairRow } from './rows';
import { toSide } from './sequence';
import type { AlignmentReport, AlignmentRow, AlignUnit, ManualDecision } from './types';

/**
 * Lines up a session's client and therapist units (recall moments, or speaker turns when an interview marks
 * no session times) into the rows of the side-by-side view, and reports the manual decisions it could not honour.
 *
 * - Each side is read in session-time order (ties: transcript order), or transcript order when untimed;
 *   every unit appears in exactly one row and each column keeps that order (see sequence.ts).
 * - Manual links come first (decisions.ts): they share a row whatever the times, and they cut both sides
 *   into stretches: a unit before a link on one side can only pair with a unit before it on the other.
 * - Within a stretch where both sides are timed, units within `toleranceSeconds` of each other (inclusive)
 *   pair automatically without crossings: the most pairs, then the smallest total |difference| (match.ts),
 *   never a pair the researcher unlinked.
 * - Unpaired units get rows of their own between the pairs, by time (client first on a tie); untimed stretches
 *   interleave by relative position (rows.ts).
 * Rows are therefore in session-time order when both sides are timed, except where a manual link or unlink
 * forces otherwise (a link far outside the tolerance is shown where the researcher put it).
 */
export function alignWithReport(
  client: readonly AlignUnit[],
  therapist: readonly AlignUnit[],
  decisions: readonly ManualDecision[],
  toleranceSeconds: number,
): AlignmentReport {
  if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
    throw new DyadError('invalid-input', `The alignment tolerance must be zero or more seconds (got ${String(toleranceSeconds)}).`);
  }
  const c = toSide('client', client);
  const t = toSide('therapist', therapist);
  const { links, forbidden, ignored } = resolveDecisions(decisions, c, t);
  const autoPairs = c.timed && t.timed;
  const m = t.units.length;

  const rows: AlignmentRow[] = [];
  let cFrom = 0;
  let tFrom = 0;
  for (let k = 0; k <= links.length; k++) {
    const link = links[k];
    const cTo = link ? link.client : c.units.length;
    const tTo = link ? link.therapist : m;
    const cs = c.units.slice(cFrom, cTo);
    const ts = t.units.slice(tFrom, tTo);
    const cOffset = cFrom;
    const tOffset = tFrom;
    let match: Int32Array = new Int32Array(cs.length).fill(-1);
    if (autoPairs && cs.length > 0 && ts.length > 0) {
      const ct = Float64Array.from(cs, (u) => u.time as number);
      const tt = Float64Array.from(ts, (u) => u.time as number);
      const allowed = (i: number, j: number) => !forbidden.has((cOffset + i) * m + (tOffset + j));
      match = matchWithinTolerance(ct, tt, toleranceSeconds, allowed);
      settleTies(match, ct, tt, allowed);
    }
    const keyOf = autoPairs
      ? (side: 'client' | 'therapist', i: number) => ((side === 'client' ? cs[i] : ts[i]) as AlignUnit).time as number
      : (side: 'client' | 'therapist', i: number) => i / (side === 'client' ? cs.length : ts.length);
    for (const row of layoutStretch(cs, ts, match, keyOf)) rows.push(row);
    if (link) {
      rows.push(pairRow(c.units[link.client] as AlignUnit, t.units[link.therapist] as AlignUnit, 'manual'));
      cFrom = link.client + 1;
      tFrom = link.therapist + 1;
    }
  }
  return { rows, ignored };
}

/** The rows of the side-by-side view; see alignWithReport for the rules and for the decisions left out. */
export function alignUnits(
  client: AlignUnit[],
  therapist: AlignUnit[],
  decisions: ManualDecision[],
  toleranceSeconds: number,
): AlignmentRow[] {
  return alignWithReport(client, therapist, decisions, toleranceSeconds).rows;
}

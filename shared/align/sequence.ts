import { DyadError } from '../domain/errors';
import type { AlignUnit } from './types';

type SideName = 'client' | 'therapist';

/** One side's units in the order the rows show them, with each unit's place in that order. */
export interface Side {
  name: SideName;
  /** Units in reading order: by (session time, transcript order) when timed, else transcript order. */
  units: AlignUnit[];
  /** True when every unit carries a session time: only then can the side be paired automatically. */
  timed: boolean;
  position: Map<string, number>;
}

/**
 * Puts a side in reading order.
 *
 * A participant may ask to go back ("can we see that bit again?"), so a transcript's session times are not
 * always increasing. The side-by-side view is about the recording, so a timed side is read in session-time
 * order; units at the same time keep their transcript order (a stable sort). A side where any unit lacks a
 * time (speaker turns, or a mix that the import should not produce) keeps transcript order and is never
 * paired automatically: mixing the two orders would make rows jump about.
 */
export function toSide(name: SideName, units: readonly AlignUnit[]): Side {
  const seen = new Set<string>();
  let timed = true;
  for (const u of units) {
    if (seen.has(u.id)) {
      throw new DyadError('invalid-input', `The ${name} interview lists the unit "${u.id}" twice; each recall moment or turn must appear once.`);
    }
    seen.add(u.id);
    if (u.time === null) timed = false;
    else if (!Number.isFinite(u.time)) {
      throw new DyadError('invalid-input', `The ${name} unit "${u.id}" has an unusable session time (${String(u.time)}).`);
    }
  }
  const ordered = timed
    ? units
        .map((u, i) => ({ u, i }))
        .sort((x, y) => (x.u.time as number) - (y.u.time as number) || x.i - y.i)
        .map((x) => x.u)
    : units.slice();
  const position = new Map<string, number>();
  ordered.forEach((u, i) => position.set(u.id, i));
  return { name, units: ordered, timed, position };
}

/** Slack for times that went through decimal parsing: 12.3 and 27.3 are 15 s apart, not 15.000000000000002. */
export const TIME_EPSILON = 1e-9;

/** Whether two session times may share a row automatically (inclusive tolerance). */
export function withinTolerance(a: number, b: number, toleranceSeconds: number): boolean {
  return Math.abs(a - b) <= toleranceSeconds + TIME_EPSILON;
}

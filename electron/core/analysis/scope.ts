/**
 * Which interviews an analysis looks at: the dyads, sessions, roles and dyad attributes a researcher filtered by,
 * resolved once into a list in reading order (dyad, session, client before therapist before other).
 */
import { DyadError } from '../../../shared/api/errors';
import type { Role } from '../../../shared/domain/types';
import type { Db } from '../database';
import { cachedMany } from './cache';

export interface ScopeFilter {
  dyadIds?: string[] | undefined;
  sessionIds?: string[] | undefined;
  roles?: Role[] | undefined;
  attributes?: Record<string, string[]> | undefined;
}

export interface InterviewMeta {
  interviewId: string;
  role: Role;
  sessionId: string;
  sessionNumber: number;
  dyadId: string;
  dyadName: string;
  /** Position in reading order; sorting by it sorts by dyad, session, role. */
  order: number;
}

export interface Scope {
  interviews: InterviewMeta[];
  byId: Map<string, InterviewMeta>;
  /** False when no filter applies: every interview is in scope and queries need not say which. */
  restricted: boolean;
}

const ROLE_ORDER: Record<Role, number> = { client: 0, therapist: 1, other: 2 };
const fold = (s: string) => s.trim().toLocaleLowerCase();

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
/** Dyads sort by their name's number when they have one ("dyad 2" before "dyad 10"). */
export const dyadOrder = (a: string, b: string) => collator.compare(a, b);

interface Row {
  interview_id: string;
  role: Role;
  session_id: string;
  number: number;
  dyad_id: string;
  name: string;
  attributes: string;
}

export function resolveScope(db: Db, f: ScopeFilter): Scope {
  const rows = cachedMany(db, 'scope', ['all'], () => {
    const all = db
      .prepare(
        `SELECT i.id AS interview_id, i.role, s.id AS session_id, s.number, d.id AS dyad_id, d.name, d.attributes
         FROM interviews i JOIN sessions s ON s.id = i.session_id JOIN dyads d ON d.id = s.dyad_id`,
      )
      .all() as Row[];
    // Sorted once: reading order is dyad, session, client before therapist before other.
    all.sort((a, b) => dyadOrder(a.name, b.name) || a.number - b.number || ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || (a.interview_id < b.interview_id ? -1 : 1));
    return new Map([['all', all]]);
  }).get('all')!;
  const dyads = new Set(f.dyadIds ?? []);
  const sessions = new Set(f.sessionIds ?? []);
  if (f.dyadIds?.length) {
    const known = new Set((db.prepare('SELECT id FROM dyads').pluck().all() as string[]));
    const missing = f.dyadIds.filter((d) => !known.has(d));
    if (missing.length) throw new DyadError('not-found', `There is no dyad with id ${missing.join(', ')} in this project.`);
  }
  if (f.sessionIds?.length) {
    const known = new Set((db.prepare('SELECT id FROM sessions').pluck().all() as string[]));
    const missing = f.sessionIds.filter((d) => !known.has(d));
    if (missing.length) throw new DyadError('not-found', `There is no session with id ${missing.join(', ')} in this project.`);
  }
  const attrs = Object.entries(f.attributes ?? {}).map(([k, vs]) => [fold(k), new Set(vs.map(fold))] as const);
  const attrCache = new Map<string, boolean>();
  const attrsMatch = (dyadId: string, json: string) => {
    let ok = attrCache.get(dyadId);
    if (ok === undefined) {
      const own = new Map(Object.entries(JSON.parse(json) as Record<string, string>).map(([k, v]) => [fold(k), fold(String(v))]));
      ok = attrs.every(([k, allowed]) => own.has(k) && allowed.has(own.get(k)!));
      attrCache.set(dyadId, ok);
    }
    return ok;
  };
  const roles = f.roles?.length ? new Set(f.roles) : null;
  const restricted = dyads.size > 0 || sessions.size > 0 || roles !== null || attrs.length > 0;
  // The whole study, asked for by every unfiltered search and retrieval: built once until the structure changes
  // (a search over 400 interviews spent more on building this than on anything else Dyad adds to the index's answer).
  // Callers read a scope and never change it.
  if (!restricted) return cachedMany(db, 'scope', ['whole'], () => new Map([['whole', scopeOf(rows, false)]])).get('whole')!;
  const kept = rows.filter(
    (r) =>
      (!dyads.size || dyads.has(r.dyad_id)) &&
      (!sessions.size || sessions.has(r.session_id)) &&
      (!roles || roles.has(r.role)) &&
      (!attrs.length || attrsMatch(r.dyad_id, r.attributes)),
  );
  return scopeOf(kept, restricted);
}

function scopeOf(kept: readonly Row[], restricted: boolean): Scope {
  const interviews = kept.map((r, order) => ({
    interviewId: r.interview_id,
    role: r.role,
    sessionId: r.session_id,
    sessionNumber: r.number,
    dyadId: r.dyad_id,
    dyadName: r.name,
    order,
  }));
  return { interviews, byId: new Map(interviews.map((m) => [m.interviewId, m])), restricted };
}

/** Checks coder ids and returns them as a set (null: every coder). */
export function coderFilter(db: Db, coderIds: string[] | undefined): Set<string> | null {
  if (!coderIds?.length) return null;
  const known = new Set(db.prepare('SELECT id FROM coders').pluck().all() as string[]);
  const missing = coderIds.filter((c) => !known.has(c));
  if (missing.length) throw new DyadError('not-found', `There is no coder with id ${missing.join(', ')} in this project.`);
  return new Set(coderIds);
}

export function coderNames(db: Db): Map<string, string> {
  return new Map((db.prepare('SELECT id, name FROM coders').raw().all() as [string, string][]));
}

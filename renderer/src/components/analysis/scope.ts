import type { DyadTree } from '../../model/types';

type Role = 'client' | 'therapist' | 'other';
type SpeakerRole = 'interviewer' | 'participant' | 'unknown';

/** Which part of the study a page looks at, as the researcher chose it (sessions by number across dyads). */
export interface Scope {
  dyadIds: string[];
  sessionNumbers: number[];
  roles: Role[];
  speakerRoles: SpeakerRole[];
  coderIds: string[];
  /** Dyad attribute → allowed values. */
  attributes: Record<string, string[]>;
}

export const EMPTY_SCOPE: Scope = { dyadIds: [], sessionNumbers: [], roles: [], speakerRoles: [], coderIds: [], attributes: {} };

/** The API's filter fields for a scope; an empty choice is left out (it means all). */
export function scopeInput(scope: Scope, tree: DyadTree) {
  const inDyads = tree.filter((d) => scope.dyadIds.length === 0 || scope.dyadIds.includes(d.id));
  const sessionIds = scope.sessionNumbers.length ? inDyads.flatMap((d) => d.sessions.filter((s) => scope.sessionNumbers.includes(s.number)).map((s) => s.id)) : undefined;
  const attributes = Object.fromEntries(Object.entries(scope.attributes).filter(([, v]) => v.length > 0));
  return {
    ...(scope.dyadIds.length ? { dyadIds: scope.dyadIds } : {}),
    // No session of that number in the chosen dyads: an impossible id keeps the answer empty rather than "all".
    ...(sessionIds ? { sessionIds: sessionIds.length ? sessionIds : ['none'] } : {}),
    ...(Object.keys(attributes).length ? { attributes } : {}),
    ...(scope.roles.length ? { roles: scope.roles } : {}),
    ...(scope.coderIds.length ? { coderIds: scope.coderIds } : {}),
  };
}

/** Each dyad attribute of the project with the values it takes. */
export function attributeValues(tree: DyadTree): [string, string[]][] {
  const by = new Map<string, Set<string>>();
  for (const d of tree) for (const [k, v] of Object.entries(d.attributes)) if (v.trim()) (by.get(k) ?? by.set(k, new Set()).get(k)!).add(v);
  return [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))]);
}

export function scopeSummary(scope: Scope, parts: { roles?: boolean; coders?: boolean; speakerRoles?: boolean }): string {
  const n = (k: number, one: string) => `${k} ${one}${k === 1 ? '' : 's'}`;
  return [
    scope.dyadIds.length ? n(scope.dyadIds.length, 'dyad') : 'every dyad',
    scope.sessionNumbers.length ? `session ${scope.sessionNumbers.join(', ')}` : 'every session',
    parts.roles ? (scope.roles.length ? scope.roles.join(' + ') + ' interviews' : 'every interview') : '',
    parts.speakerRoles && scope.speakerRoles.length ? scope.speakerRoles.join(' + ') + ' turns' : '',
    parts.coders ? (scope.coderIds.length ? n(scope.coderIds.length, 'coder') : 'every coder') : '',
    ...Object.entries(scope.attributes)
      .filter(([, v]) => v.length)
      .map(([k, v]) => `${k}: ${v.join(' or ')}`),
  ]
    .filter(Boolean)
    .join(' · ');
}

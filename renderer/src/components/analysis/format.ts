import { formatTime } from '../../util/time';

export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export const ROLE_LABEL: Record<string, string> = { client: 'client', therapist: 'therapist', other: 'other' };

/** "Dyad 4 · session 1 · client · 00:12:34": where a passage is, as the researcher reads it. */
export function placeLabel(p: { dyadName: string; sessionNumber: number; role?: string; sessionTime?: number | null }): string {
  return [`Dyad ${p.dyadName}`, `session ${p.sessionNumber}`, p.role ? (ROLE_LABEL[p.role] ?? p.role) : '', p.sessionTime != null ? formatTime(p.sessionTime) : '']
    .filter(Boolean)
    .join(' · ');
}

export const toggle = <T,>(list: readonly T[], v: T): T[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

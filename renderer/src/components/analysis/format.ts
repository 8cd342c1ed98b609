export { plural } from '../../util/plural';

export const ROLE_LABEL: Record<string, string> = { client: 'client', therapist: 'therapist', other: 'other' };

export const toggle = <T,>(list: readonly T[], v: T): T[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

/**
 * What the navigator writes for the project and each dyad and session, as data: the one source for both drawings of
 * it, the plain-DOM first screen drawn before React has loaded (firstScreen/draw.ts) and the React navigator that
 * takes over from it (components/navigator). The two must read alike to the letter, or the researcher sees the list
 * change under the pointer when React takes over (issue 17: page load → navigator shown ≤ 150 ms).
 */
import { dyadTitle } from '../util/names';
import { plural } from '../util/plural';
import type { DyadTree, ProjectInfo } from './types';

type TreeDyad = DyadTree[number];
type TreeSession = TreeDyad['sessions'][number];
export type TreeInterview = TreeSession['interviews'][number];

export interface SessionRow {
  id: string;
  number: number;
  date: string | null;
  /** "Dyad 1, session 2": the session in words, for labels. */
  where: string;
  /** The client's and the therapist's interview, in that order; `interview` is undefined while one is missing. */
  badges: { role: 'client' | 'therapist'; interview: TreeInterview | undefined }[];
}

export interface DyadRow {
  id: string;
  name: string;
  /** "Dyad 1". */
  title: string;
  /** "1 session", "4 sessions". */
  sessionCount: string;
  /** The dyad's attributes, one "key: value" a line, for its tooltip; undefined when it has none. */
  hover: string | undefined;
  attributes: [string, string][];
  sessions: SessionRow[];
}

export function dyadRow(dyad: TreeDyad): DyadRow {
  const title = dyadTitle(dyad.name);
  const attributes = Object.entries(dyad.attributes);
  return {
    id: dyad.id,
    name: dyad.name,
    title,
    sessionCount: dyad.sessions.length === 1 ? '1 session' : `${dyad.sessions.length} sessions`,
    hover: attributes.map(([k, v]) => `${k}: ${v}`).join('\n') || undefined,
    attributes,
    sessions: dyad.sessions.map((s) => ({
      id: s.id,
      number: s.number,
      date: s.date,
      where: `${title}, session ${s.number}`,
      badges: (['client', 'therapist'] as const).map((role) => ({ role, interview: s.interviews.find((i) => i.role === role) })),
    })),
  };
}

/** "5 dyads · 10 sessions · 20 interviews", under the project's name. */
export const projectCounts = (info: ProjectInfo): string =>
  `${plural(info.counts.dyads, 'dyad')} · ${plural(info.counts.sessions, 'session')} · ${plural(info.counts.interviews, 'interview')}`;

/** The hint beside Settings: how far apart two moments may be and still be paired. */
export const toleranceHint = (info: ProjectInfo | null): string | null =>
  info ? `pairing within ±${info.settings.alignToleranceSeconds} s` : null;

/**
 * Where the project opens: the dyad of the session the address remembers (a reload, the app restarting its window),
 * or else the first dyad, unfolded so that a session is one click away. `remembered` is that session when it is
 * still in the project.
 */
export function openingPlace(tree: DyadTree, rememberedSessionId: string | null): { unfold: string | undefined; remembered: string | null } {
  const home = rememberedSessionId ? tree.find((d) => d.sessions.some((s) => s.id === rememberedSessionId)) : undefined;
  return { unfold: (home ?? tree[0])?.id, remembered: home ? rememberedSessionId : null };
}

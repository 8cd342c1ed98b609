/**
 * What an export contains, as plain data: built once from the project (electron/export/gather.ts), de-identified
 * as a whole (deidentifyDocument), then rendered by each format's writer. Writers only lay out what is here, so
 * every format says the same thing and nothing reaches a file without passing de-identification.
 */
import type { Role } from '../domain/types';
import { formatTime } from '../import/time';
import type { Deidentifier } from './deidentify';

export type ExcerptFormat = 'docx' | 'md' | 'html' | 'csv' | 'xlsx';
export type DialogueFormat = 'docx' | 'md' | 'html';
export const EXCERPT_FORMATS: readonly ExcerptFormat[] = ['docx', 'md', 'html', 'csv', 'xlsx'];
export const DIALOGUE_FORMATS: readonly DialogueFormat[] = ['docx', 'md', 'html'];

export interface ExportExcerpt {
  /** The coding(s) the excerpt comes from (one, unless codings were combined). */
  codingIds: string[];
  interviewId: string;
  codePath: string;
  dyad: string;
  session: number;
  /** ISO date of the session, when known. */
  sessionDate: string | null;
  role: Role;
  speaker: string | null;
  /** Seconds into the session recording (the recall moment the excerpt starts in). */
  sessionTime: number | null;
  /** The interview's own clock at the excerpt's turn. */
  interviewTime: number | null;
  /** UTF-16 offsets into the interview's text. */
  start: number;
  end: number;
  /** Coder names, joined. */
  coder: string;
  /** The interview's file name as imported. */
  sourceName: string;
  /** Memos on the excerpt's coding(s) (only when memos were asked for). */
  memos: string[];
  text: string;
  /** Rendered from the project's attribution template. */
  attribution: string;
}

export interface ExcerptSection {
  codeId: string;
  codePath: string;
  definition: string;
  /** Memos on the code (only when memos were asked for). */
  memos: string[];
  excerpts: ExportExcerpt[];
}

export interface ExcerptDocument {
  kind: 'excerpts';
  title: string;
  /** The filters in words ("Role: client · Dyad: 4"), or '' for the whole study. */
  filters: string;
  includeMemos: boolean;
  sections: ExcerptSection[];
}

/** One aligned moment where the theme was coded on at least one side. */
export interface DialogueMoment {
  dyad: string;
  session: number;
  /** Session time of the aligned row (null: before the first stop, or a side without time markers). */
  sessionTime: number | null;
  /** Unit labels as the side-by-side view shows them, for rows without a session time. */
  clientLabel: string | null;
  therapistLabel: string | null;
  client: ExportExcerpt[];
  therapist: ExportExcerpt[];
}

/**
 * What stands in a dialogue's empty column: the side has no recall moment on this row at all (the other side
 * recalls a moment it has no partner for), or it has one that is not coded with the theme. Two different findings.
 */
export function emptySideNote(m: DialogueMoment, role: 'client' | 'therapist'): string {
  const hasMoment = (role === 'client' ? m.clientLabel : m.therapistLabel) !== null;
  return hasMoment ? 'Not coded on this side.' : `No ${role} moment here.`;
}

interface DialogueTheme {
  codeId: string;
  codePath: string;
  definition: string;
  moments: DialogueMoment[];
}

export interface DialogueDocument {
  kind: 'dialogue';
  title: string;
  filters: string;
  themes: DialogueTheme[];
}

type ExportDocument = ExcerptDocument | DialogueDocument;

/** Keys whose values are ids or offsets, not words: never de-identified (a name could look like part of an id). */
const UNTOUCHED = new Set(['codingIds', 'interviewId', 'codeId', 'kind', 'role', 'start', 'end', 'sessionTime', 'interviewTime', 'session']);

function mapStrings<T>(value: T, fn: Deidentifier): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, fn)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = UNTOUCHED.has(k) ? v : mapStrings(v, fn);
    return out as T;
  }
  return value;
}

/** A copy of the document with the de-identification applied to every string in it (the original is unchanged). */
export function deidentifyDocument<D extends ExportDocument>(doc: D, fn: Deidentifier): D {
  return mapStrings(doc, fn);
}

/** "Dyad 4 · Session 1 · 00:12:34", the heading of a dialogue moment. */
export function momentHeading(m: DialogueMoment): string {
  const parts = [`Dyad ${m.dyad}`, `Session ${m.session}`];
  if (m.sessionTime !== null) parts.push(formatTime(m.sessionTime));
  else {
    const label = m.clientLabel ?? m.therapistLabel;
    if (label) parts.push(label);
  }
  return parts.join(' · ');
}

export function excerptCount(doc: ExportDocument): number {
  if (doc.kind === 'excerpts') return doc.sections.reduce((n, s) => n + s.excerpts.length, 0);
  return doc.themes.reduce((n, t) => n + t.moments.reduce((k, m) => k + m.client.length + m.therapist.length, 0), 0);
}

/**
 * The sub-code an excerpt of a theme carries, below the theme ("Rupture" in the theme "Alliance"), or null when it
 * carries the theme's own code. A dialogue of a parent code gathers its sub-codes' excerpts; each says which.
 */
export function subCodeOf(themePath: string, excerptPath: string): string | null {
  const below = excerptPath
    .split('; ')
    .filter((p) => p.startsWith(`${themePath}/`))
    .map((p) => p.slice(themePath.length + 1));
  return below.length ? below.join('; ') : null;
}

/** Codes whose sub-codes follow in the same document: a heading for them, with no "No excerpts." of their own. */
export function parentSections(sections: readonly { codePath: string }[]): Set<string> {
  return new Set(sections.filter((s) => sections.some((o) => o.codePath.startsWith(`${s.codePath}/`))).map((s) => s.codePath));
}

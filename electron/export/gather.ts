/**
 * Builds the export documents (shared/export/model.ts) from a project: the excerpts come from analysis retrieval
 * (electron/core/analysis/retrieve.ts), so an export holds exactly what the retrieval view shows; attributions are
 * rendered from the project's template and the whole document is de-identified before any writer sees it.
 * Reads only.
 */
import type { z } from 'zod';
import { DyadError } from '../../shared/api/errors';
import type { exportFilters } from '../../shared/api/methods/export';
import { parseTemplate, renderAttribution, type ParsedTemplate } from '../../shared/export/attribution';
import { makeDeidentifier } from '../../shared/export/deidentify';
import {
  deidentifyDocument,
  type DialogueDocument,
  type DialogueMoment,
  type ExcerptDocument,
  type ExcerptSection,
  type ExportExcerpt,
} from '../../shared/export/model';
import { describeFilters } from '../../shared/export/naming';
import { combineNearlyTheSame, widenToWords } from '../../shared/export/readable';
import type { ExportSettings } from '../../shared/export/settings';
import { formatTime } from '../../shared/import/time';
import { loadCodeTree } from '../core/analysis/codes';
import { retrieve, type Excerpt } from '../core/analysis/retrieve';
import { alignSessions, type AlignedRowLite } from '../core/analysis/alignments';
import { readConsistently } from '../core/analysis/cache';
import { loadTexts, loadUnits } from '../core/analysis/units';
import type { Db } from '../core/database';

type ExportFilters = z.input<typeof exportFilters>;

export interface JobOptions {
  signal?: AbortSignal | undefined;
  progress?: ((done: number, total: number, message: string) => void) | undefined;
}

export interface ExcerptRequest {
  codeIds: readonly string[];
  filters?: ExportFilters | undefined;
  includeMemos?: boolean | undefined;
  title?: string | undefined;
  /**
   * Made for reading (documents): passages cut mid-word widened to whole words, and nearly the same passage coded
   * by several coders shown once with their names (shared/export/readable.ts). run.ts turns it off for CSV and
   * Excel unless asked, which keep every coding's exact offsets. Default here: on.
   */
  wholeWords?: boolean | undefined;
}

export type DialogueRequest = Omit<ExcerptRequest, 'includeMemos'>;

/** Lets a cancel request (an IPC or HTTP message) in between steps of work that is otherwise synchronous. */
export async function checkpoint(signal: AbortSignal | undefined, what: string): Promise<void> {
  await new Promise((r) => setImmediate(r));
  checkCancel(signal, what);
}

export function checkCancel(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new DyadError('cancelled', `${what} was cancelled; no file was written.`);
}

/** What attributions and memos need beyond what retrieval returns, read once per export. */
interface Lookup {
  sessionDates: Map<string, string | null>;
  dyadAttributes: Map<string, Record<string, string>>;
  sourceNames: Map<string, string>;
  codingMemos: Map<string, string[]>;
  codeMemos: Map<string, string[]>;
  definitions: Map<string, string>;
}

const memoText = (title: string, text: string) => (title.trim() ? `${title.trim()}: ${text}` : text);

function memosBy(db: Db, kind: 'coding' | 'code'): Map<string, string[]> {
  const rows = db
    .prepare('SELECT target_id, title, text FROM memos WHERE target_kind = ? ORDER BY created_at, rowid')
    .raw()
    .all(kind) as [string, string, string][];
  const out = new Map<string, string[]>();
  for (const [target, title, text] of rows) {
    const list = out.get(target) ?? [];
    list.push(memoText(title, text));
    out.set(target, list);
  }
  return out;
}

function lookup(db: Db, withMemos: boolean): Lookup {
  const pairs = <T>(sql: string) => new Map(db.prepare(sql).raw().all() as [string, T][]);
  const attrs = pairs<string>('SELECT id, attributes FROM dyads');
  return {
    sessionDates: pairs<string | null>('SELECT id, date FROM sessions'),
    dyadAttributes: new Map([...attrs].map(([k, v]) => [k, JSON.parse(v) as Record<string, string>])),
    sourceNames: pairs<string>('SELECT id, source_name FROM interviews'),
    codingMemos: withMemos ? memosBy(db, 'coding') : new Map(),
    codeMemos: withMemos ? memosBy(db, 'code') : new Map(),
    definitions: pairs<string>('SELECT id, definition FROM codes'),
  };
}

function toExportExcerpt(e: Excerpt, template: ParsedTemplate, look: Lookup, withMemos: boolean): ExportExcerpt {
  const coder = e.coders.join(', ');
  const sessionDate = look.sessionDates.get(e.sessionId) ?? null;
  const time = (s: number | null) => (s === null ? null : formatTime(s));
  const attribution = renderAttribution(template, {
    role: e.role,
    dyad: e.dyadName,
    session: String(e.sessionNumber),
    sessionTime: time(e.sessionTime),
    interviewTime: time(e.interviewTime),
    speaker: e.speaker,
    coder,
    date: sessionDate,
    attributes: look.dyadAttributes.get(e.dyadId) ?? {},
  });
  const ownCodings = e.codings.filter((c) => c.of === 'code');
  return {
    codingIds: ownCodings.map((c) => c.id),
    interviewId: e.interviewId,
    codePath: e.codePath,
    dyad: e.dyadName,
    session: e.sessionNumber,
    sessionDate,
    role: e.role,
    speaker: e.speaker,
    sessionTime: e.sessionTime,
    interviewTime: e.interviewTime,
    start: e.start,
    end: e.end,
    coder,
    sourceName: look.sourceNames.get(e.interviewId) ?? '',
    memos: withMemos ? ownCodings.flatMap((c) => look.codingMemos.get(c.id) ?? []) : [],
    text: e.text,
    attribution,
  };
}

/** The filters in the researcher's words, with names rather than ids. */
function filterWords(db: Db, f: ExportFilters | undefined): string {
  if (!f) return '';
  const names = (table: string, ids: readonly string[] | undefined) => {
    if (!ids?.length) return undefined;
    const m = new Map(db.prepare(`SELECT id, name FROM ${table}`).raw().all() as [string, string][]);
    return ids.map((i) => m.get(i) ?? i);
  };
  const sessions = f.sessionIds?.length
    ? (() => {
        const m = new Map(
          db
            .prepare('SELECT s.id, d.name, s.number FROM sessions s JOIN dyads d ON d.id = s.dyad_id')
            .raw()
            .all()
            .map((r) => {
              const [id, dyad, n] = r as [string, string, number];
              return [id, `dyad ${dyad} session ${n}`] as const;
            }),
        );
        return f.sessionIds.map((i) => m.get(i) ?? i);
      })()
    : undefined;
  return describeFilters({
    roles: f.roles,
    dyads: names('dyads', f.dyadIds),
    sessions,
    coders: names('coders', f.coderIds),
    attributes: f.attributes,
    includeSubcodes: f.includeSubcodes,
  });
}

function uniqueCodes(db: Db, codeIds: readonly string[]): { id: string; path: string }[] {
  const tree = loadCodeTree(db);
  const seen = new Set<string>();
  const out: { id: string; path: string }[] = [];
  for (const id of codeIds) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id: tree.get(id).id, path: tree.path(id) });
  }
  return out;
}

/** The interviews' texts, for widening passages to whole words: those retrieval has just read (loadTexts keeps them). */
function textReader(db: Db): (interviewId: string) => string {
  const texts = new Map<string, string>();
  return (id) => {
    let t = texts.get(id);
    if (t === undefined) texts.set(id, (t = loadTexts(db, [id]).get(id) ?? ''));
    return t;
  };
}

/** Excerpts as a reader should see them (ExcerptRequest.wholeWords). */
function readable(excerpts: Excerpt[], textOf: (interviewId: string) => string): Excerpt[] {
  const whole = excerpts.map((e) => {
    const text = textOf(e.interviewId);
    const w = widenToWords(text, e.start, e.end);
    return w.start === e.start && w.end === e.end ? e : { ...e, ...w, text: text.slice(w.start, w.end) };
  });
  return combineNearlyTheSame(whole, (a, b) => {
    const start = Math.min(a.start, b.start);
    const end = Math.max(a.end, b.end);
    const first = a.start <= b.start ? a : b;
    return {
      ...first,
      start,
      end,
      text: textOf(a.interviewId).slice(start, end),
      codePath: a.codePath === b.codePath ? a.codePath : [...new Set([...a.codePath.split('; '), ...b.codePath.split('; ')])].join('; '),
      codingIds: [...a.codingIds, ...b.codingIds],
      codings: [...a.codings, ...b.codings],
      coders: [...a.coders, ...b.coders.filter((c) => !a.coders.includes(c))],
    };
  });
}

function retrieveAll(db: Db, code: string, f: ExportFilters | undefined, toleranceSeconds: number, roles?: ('client' | 'therapist')[], includeSubcodes?: boolean) {
  return retrieve(
    db,
    {
      code,
      dyadIds: f?.dyadIds,
      sessionIds: f?.sessionIds,
      roles: roles ?? f?.roles,
      attributes: f?.attributes,
      coderIds: f?.coderIds,
      includeSubcodes: includeSubcodes ?? f?.includeSubcodes ?? false,
      limit: Number.MAX_SAFE_INTEGER,
    },
    toleranceSeconds,
  ).excerpts;
}

/**
 * The excerpt document. Read in one transaction, so that an export is a consistent picture of the project even
 * while coding goes on in another window (readConsistently: the five retrievals of five codes read the transcripts once).
 */
export function buildExcerptDocument(db: Db, toleranceSeconds: number, settings: ExportSettings, req: ExcerptRequest, job: JobOptions = {}): ExcerptDocument {
  return readConsistently(db, () => excerptDocument(db, toleranceSeconds, settings, req, job));
}

function excerptDocument(db: Db, toleranceSeconds: number, settings: ExportSettings, req: ExcerptRequest, job: JobOptions): ExcerptDocument {
  const codes = uniqueCodes(db, req.codeIds);
  const template = parseTemplate(settings.attributionTemplate);
  const withMemos = req.includeMemos ?? false;
  const look = lookup(db, withMemos);
  const textOf = textReader(db);
  const sections: ExcerptSection[] = [];
  for (const [k, code] of codes.entries()) {
    checkCancel(job.signal, 'The export');
    job.progress?.(k, codes.length, `Gathering the excerpts of ${code.path}`);
    const found = retrieveAll(db, code.id, req.filters, toleranceSeconds);
    const excerpts = (req.wholeWords === false ? found : readable(found, textOf)).map((e) => toExportExcerpt(e, template, look, withMemos));
    sections.push({
      codeId: code.id,
      codePath: code.path,
      definition: look.definitions.get(code.id) ?? '',
      memos: withMemos ? (look.codeMemos.get(code.id) ?? []) : [],
      excerpts,
    });
  }
  const doc: ExcerptDocument = {
    kind: 'excerpts',
    title: req.title?.trim() || `Excerpts: ${codes.map((c) => c.path).join(', ')}`,
    filters: filterWords(db, req.filters),
    includeMemos: withMemos,
    sections,
  };
  return deidentifyDocument(doc, makeDeidentifier(settings.deidentify));
}

/**
 * The aligned rows of the sessions, as the side-by-side view shows them (alignSession's rows), loaded in a few
 * queries for all sessions at once rather than reading every interview whole once per session.
 */
function alignedRows(db: Db, sessionIds: readonly string[], toleranceSeconds: number): Map<string, AlignedRowLite[]> {
  const ivs = db
    .prepare(
      `SELECT id, session_id, role FROM interviews
       WHERE session_id IN (SELECT value FROM json_each(?)) AND role IN ('client', 'therapist') ORDER BY rowid`,
    )
    .raw()
    .all(JSON.stringify(sessionIds)) as [string, string, 'client' | 'therapist'][];
  const sessions = new Map(sessionIds.map((id) => [id, { sessionId: id, clientInterviewId: null as string | null, therapistInterviewId: null as string | null }]));
  for (const [id, sessionId, role] of ivs) {
    const s = sessions.get(sessionId)!;
    if (role === 'client') s.clientInterviewId ??= id;
    else s.therapistInterviewId ??= id;
  }
  const units = loadUnits(
    db,
    ivs.map(([interviewId, sessionId, role]) => ({ interviewId, sessionId, role })),
  );
  return new Map(alignSessions(db, [...sessions.values()], units, toleranceSeconds).map((s) => [s.sessionId, s.rows]));
}

/**
 * The time a dialogue moment is headed with: the earlier of the two sides' stops. The alignment's own row time
 * is their mean, a time neither transcript marks, which a reader could not find in either interview.
 */
function momentTime(row: { sessionTime: number | null; client: { sessionTime: number | null } | null; therapist: { sessionTime: number | null } | null }): number | null {
  const times = [row.client?.sessionTime, row.therapist?.sessionTime].filter((t): t is number => typeof t === 'number');
  return times.length ? Math.min(...times) : row.sessionTime;
}

const overlaps = (e: ExportExcerpt, u: { interviewId: string; start: number; end: number } | null) =>
  !!u && e.interviewId === u.interviewId && e.start < u.end && e.end > u.start;

/**
 * For each session where the theme was coded in the client or therapist interview, the aligned rows (as the
 * side-by-side view pairs them) where it was coded on either side, with each side's excerpts overlapping that
 * side's unit. An excerpt that runs over the end of its recall moment belongs to both moments it touches.
 */
export function buildDialogueDocument(db: Db, toleranceSeconds: number, settings: ExportSettings, req: DialogueRequest, job: JobOptions = {}): DialogueDocument {
  return readConsistently(db, () => dialogueDocument(db, toleranceSeconds, settings, req, job));
}

function dialogueDocument(db: Db, toleranceSeconds: number, settings: ExportSettings, req: DialogueRequest, job: JobOptions): DialogueDocument {
  const codes = uniqueCodes(db, req.codeIds);
  const template = parseTemplate(settings.attributionTemplate);
  const look = lookup(db, false);
  const textOf = textReader(db);
  const themes: DialogueDocument['themes'] = [];
  for (const [k, code] of codes.entries()) {
    checkCancel(job.signal, 'The export');
    job.progress?.(k, codes.length, `Pairing the moments of ${code.path}`);
    // A theme is a code with its sub-codes, unless the filters say otherwise: each excerpt says which it carries.
    const found = retrieveAll(db, code.id, req.filters, toleranceSeconds, ['client', 'therapist'], req.filters?.includeSubcodes ?? true);
    const excerpts = req.wholeWords === false ? found : readable(found, textOf);
    // Sessions in reading order (retrieval sorts by dyad, session, role).
    const bySession = new Map<string, { dyad: string; session: number; list: ExportExcerpt[] }>();
    for (const e of excerpts) {
      const s = bySession.get(e.sessionId) ?? { dyad: e.dyadName, session: e.sessionNumber, list: [] };
      s.list.push(toExportExcerpt(e, template, look, false));
      bySession.set(e.sessionId, s);
    }
    const moments: DialogueMoment[] = [];
    const rows = alignedRows(db, [...bySession.keys()], toleranceSeconds);
    for (const [sessionId, s] of bySession) {
      const client = s.list.filter((e) => e.role === 'client');
      const therapist = s.list.filter((e) => e.role === 'therapist');
      for (const row of rows.get(sessionId) ?? []) {
        const c = client.filter((e) => overlaps(e, row.client));
        const t = therapist.filter((e) => overlaps(e, row.therapist));
        if (!c.length && !t.length) continue;
        moments.push({
          dyad: s.dyad,
          session: s.session,
          sessionTime: momentTime(row),
          clientLabel: row.client?.label ?? null,
          therapistLabel: row.therapist?.label ?? null,
          client: c,
          therapist: t,
        });
      }
    }
    themes.push({ codeId: code.id, codePath: code.path, definition: look.definitions.get(code.id) ?? '', moments });
  }
  const doc: DialogueDocument = {
    kind: 'dialogue',
    title: req.title?.trim() || `Dialogue: ${codes.map((c) => c.path).join(', ')}`,
    filters: filterWords(db, req.filters),
    themes,
  };
  return deidentifyDocument(doc, makeDeidentifier(settings.deidentify));
}

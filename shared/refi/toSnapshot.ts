/**
 * A REFI-QDA project (as read by readXml.ts, with its texts resolved) → a Dyad ProjectSnapshot.
 *
 * - Positions: the file's unit is decided from its selections (positions.ts) and converted to UTF-16.
 * - A selection outside its text, or a coding of a code the codebook does not have, is an error: the import
 *   stops and nothing is written. A selection on a source whose text is missing is skipped with a warning.
 * - Dyad's own data (dyadData.ts) restores what REFI has no place for; without it, interviews arrive with no
 *   dyad, session or role (the researcher assigns them) and their turns are found by the transcript parser.
 */
import { DyadError } from '../domain/errors';
import type { Role } from '../domain/types';
import type {
  ProjectSnapshot,
  SnapshotCode,
  SnapshotCodebook,
  SnapshotCoder,
  SnapshotCoding,
  SnapshotDyad,
  SnapshotInterview,
  SnapshotMemo,
} from '../snapshot/types';
import { validTimePoints } from '../snapshot/types';
import { parseCodeDescription } from './codeDescription';
import { type DyadExtras, dyadDataOf, parseExtras, textFingerprint } from './dyadData';
import { deriveId, normaliseGuid } from './guid';
import type { RefiCode, RefiCodebook, RefiCoding, RefiProject, RefiTextSource } from './model';
import { notImported } from './notImported';
import { choosePositionUnit, emptyEvidence, gatherEvidence, OffsetMap, type PositionUnit } from './positions';
import { dyadRecordingOf, isInternalMedia, matchTranscripts, mediaPathParts, type ResolveMedia, syncPointsToTurns } from './media';
import { findTurns } from './turns';
import { codingGuid } from './writeProject';
import { isXsdDateTime } from './xmlText';

interface RefiToSnapshotOptions {
  /** Names the file in messages, e.g. "study.qdpx (project.qde)". */
  where: string;
  /** Texts of sources and notes, by normalised GUID, as found in the archive or inline. */
  texts: ReadonlyMap<string, string>;
  /** Why a source's text could not be read, by GUID (for the warning). */
  missingTexts?: ReadonlyMap<string, string>;
  /** The project's name when the file gives none (the file's own name). */
  fallbackName: string;
  now: string;
  /** Find speaker turns in texts that come without Dyad's data (default true). */
  findTurns?: boolean;
  customMarkerPatterns?: readonly string[];
  /** Dyad's data from the archive's dyad.json, when Dyad wrote the file (else the old form in descriptions is read). */
  extras?: DyadExtras | null;
  /** Where audio and video sources' recordings are on this machine; without it their paths are kept as written. */
  resolveMedia?: ResolveMedia;
}

export interface RefiSnapshot {
  snapshot: ProjectSnapshot;
  positionUnit: PositionUnit;
  warnings: string[];
  origin: string | null;
  /** Interviews whose dyad, session and role come from Dyad's own data in the file. */
  fromDyad: string[];
  /** Text sources read, sources whose text is missing, and non-text sources (not imported). */
  sourceCount: { text: number; missing: number; other: number };
}

const ROLES: readonly Role[] = ['client', 'therapist', 'other'];
const DEFAULT_COLOR = '#888888';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function normaliseColor(c: string | null): string {
  if (!c) return DEFAULT_COLOR;
  if (/^#[0-9a-fA-F]{6}$/.test(c)) return c;
  const m = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(c);
  return m ? `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}` : DEFAULT_COLOR;
}

/** Makes names unique case-insensitively within one scope, as Dyad's tables require ("Trust", "Trust (2)"). */
class UniqueNames {
  private readonly taken = new Set<string>();
  renamed = 0;
  take(name: string): string {
    let n = name;
    for (let k = 2; this.taken.has(n.toLowerCase()); k++) n = `${name} (${k})`;
    if (n !== name) this.renamed++;
    this.taken.add(n.toLowerCase());
    return n;
  }
}

/** Codes of a file (or a .qdc) → Dyad codes of one or more codebooks. */
function codesFromRefi(
  roots: readonly RefiCode[],
  codebookOf: (rootGuid: string) => string,
  where: string,
  warnings: string[],
  extras: DyadExtras | null = null,
): SnapshotCode[] {
  const out: SnapshotCode[] = [];
  const seen = new Set<string>();
  let unnamed = 0;
  let renamed = 0;
  const walk = (list: readonly RefiCode[], parentId: string | null, codebookId: string) => {
    const names = new UniqueNames();
    list.forEach((c, position) => {
      if (seen.has(c.guid)) throw new DyadError('bad-file', `${where}: the code GUID ${c.guid} ("${c.name}") occurs twice in the codebook. Nothing was imported.`);
      seen.add(c.guid);
      let name = c.name.trim();
      if (!name) {
        unnamed++;
        name = 'Unnamed code';
      }
      const unique = names.take(name);
      if (unique !== name) renamed++;
      const d = parseCodeDescription(c.description);
      const shortcut = extras?.elements.get(c.guid)?.shortcut;
      if (typeof shortcut === 'string' && shortcut.trim()) d.shortcut = shortcut.trim();
      out.push({ id: c.guid, codebookId, parentId, name: unique, color: normaliseColor(c.color), ...d, position });
      walk(c.children, c.guid, codebookId);
    });
  };
  // Roots are grouped by codebook so that names are unique among the roots of each codebook.
  const byBook = new Map<string, RefiCode[]>();
  for (const r of roots) {
    const b = codebookOf(r.guid);
    byBook.set(b, [...(byBook.get(b) ?? []), r]);
  }
  for (const [book, list] of byBook) walk(list, null, book);
  if (unnamed) warnings.push(`${where}: ${plural(unnamed, 'code')} had no name and ${unnamed === 1 ? 'is' : 'are'} called "Unnamed code".`);
  if (renamed) warnings.push(`${where}: ${plural(renamed, 'code')} shared a name with a sibling and got a number added ("Name (2)").`);
  return out;
}

/** A .qdc's codes as one Dyad codebook. */
export function codebookToSnapshot(cb: RefiCodebook, opts: { where: string; name: string; codebookId?: string }) {
  const warnings: string[] = [];
  const codebook: SnapshotCodebook = { id: opts.codebookId ?? deriveId('refi-codebook', ...cb.codes.map((c) => c.guid)), name: opts.name };
  const extras = cb.dyadData === null ? null : parseExtras(cb.dyadData, normaliseGuid);
  const codes = codesFromRefi(cb.codes, () => codebook.id, opts.where, warnings, extras);
  if (cb.sets.length) warnings.push(`${opts.where}: ${plural(cb.sets.length, 'code set')} ${cb.sets.length === 1 ? 'was' : 'were'} not imported (Dyad has no code sets).`);
  return { codebook, codes, warnings, origin: cb.origin };
}

function flattenCodes(roots: readonly RefiCode[]): RefiCode[] {
  const out: RefiCode[] = [];
  const walk = (l: readonly RefiCode[]) => {
    for (const c of l) {
      out.push(c);
      walk(c.children);
    }
  };
  walk(roots);
  return out;
}

interface DyadInterviewData {
  dyad: string;
  session: number;
  role: Role;
  sourceName: string;
  text: string;
  turns: unknown[];
  moments: unknown[];
}

function interviewData(d: Record<string, unknown> | null): DyadInterviewData | null {
  if (!d || d.kind !== 'interview') return null;
  const { dyad, session, role, sourceName } = d;
  if (typeof dyad !== 'string' || !dyad.trim() || !Number.isSafeInteger(session) || (session as number) < 1) return null;
  if (!ROLES.includes(role as Role) || typeof sourceName !== 'string') return null;
  return {
    dyad,
    session: session as number,
    role: role as Role,
    sourceName,
    text: typeof d.text === 'string' ? d.text : '',
    turns: Array.isArray(d.turns) ? d.turns : [],
    moments: Array.isArray(d.moments) ? d.moments : [],
  };
}

const SPEAKER_ROLES = new Set(['interviewer', 'participant', 'unknown']);

/** Turns and moments from Dyad's data, when they fit the text; null when anything is off. */
function dyadTurns(data: DyadInterviewData, text: string): Pick<SnapshotInterview, 'turns' | 'moments'> | null {
  if (data.text !== textFingerprint(text)) return null;
  const turns: SnapshotInterview['turns'] = [];
  for (const t of data.turns) {
    if (!Array.isArray(t) || t.length < 7) return null;
    const [id, seq, speaker, speakerRole, start, end, interviewTime, points] = t as unknown[];
    if (typeof id !== 'string' || !Number.isSafeInteger(seq) || typeof speaker !== 'string' || !SPEAKER_ROLES.has(speakerRole as string)) return null;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || (start as number) < 0 || (end as number) < (start as number) || (end as number) > text.length) return null;
    if (interviewTime !== null && typeof interviewTime !== 'number') return null;
    const timePoints = points === undefined ? [] : validTimePoints(points);
    if (!timePoints) return null;
    turns.push({
      ...{ id, seq: seq as number, speaker, speakerRole: speakerRole as 'interviewer', start: start as number, end: end as number, interviewTime: interviewTime as number | null },
      ...(timePoints.length ? { timePoints } : {}),
    });
  }
  const moments: SnapshotInterview['moments'] = [];
  for (const m of data.moments) {
    if (!Array.isArray(m) || m.length < 4) return null;
    const [id, sessionTime, offset, label] = m as unknown[];
    if (typeof id !== 'string' || typeof sessionTime !== 'number' || !Number.isSafeInteger(offset) || typeof label !== 'string') return null;
    if ((offset as number) < 0 || (offset as number) > text.length) return null;
    moments.push({ id, sessionTime, offset: offset as number, label });
  }
  return { turns, moments };
}

/** The first line of a memo on a passage that carries no code: the passage itself, so it is not lost. */
function quotePassage(passage: string): string {
  return `On the passage “${passage.replace(/\s+/g, ' ').trim()}”:`;
}

function fileNameOf(path: string | null): string {
  if (!path) return '';
  return path.replace(/^[a-z]+:\/\//i, '').replace(/^.*[\\/]/, '');
}

export function refiToSnapshot(p: RefiProject, opts: RefiToSnapshotOptions): RefiSnapshot {
  const { where } = opts;
  const warnings: string[] = [];
  const fail = (message: string): never => {
    throw new DyadError('bad-file', `${where}: ${message}. Nothing was imported.`);
  };
  const extras = opts.extras ?? null;
  const projectData = extras?.project ?? dyadDataOf(null, '', p.description).data;

  // Coders
  const coders: SnapshotCoder[] = [];
  const coderIds = new Set<string>();
  const coderNames = new UniqueNames();
  for (const u of p.users) {
    if (coderIds.has(u.guid)) continue;
    coderIds.add(u.guid);
    coders.push({ id: u.guid, name: coderNames.take(u.name.trim() || `Coder ${u.guid.slice(0, 8)}`) });
  }
  let undeclaredUsers = 0;
  const coderFor = (...candidates: (string | null)[]): string => {
    const g = candidates.find((c) => c) ?? null;
    if (g === null) {
      const id = deriveId('refi-unknown-coder');
      if (!coderIds.has(id)) {
        coderIds.add(id);
        coders.push({ id, name: coderNames.take('Unknown coder') });
        warnings.push(`${where}: some codings do not say who made them; they are attributed to a coder called "Unknown coder".`);
      }
      return id;
    }
    if (!coderIds.has(g)) {
      coderIds.add(g);
      undeclaredUsers++;
      coders.push({ id: g, name: coderNames.take(`Coder ${g.slice(0, 8)}`) });
    }
    return g;
  };

  // Codebooks and codes
  const codebooks: SnapshotCodebook[] = [];
  const bookOfRoot = new Map<string, string>();
  const bookData = Array.isArray(projectData?.codebooks) ? (projectData.codebooks as unknown[]) : [];
  for (const b of bookData) {
    const book = b as { id?: unknown; name?: unknown; roots?: unknown };
    if (typeof book.id !== 'string' || typeof book.name !== 'string' || !Array.isArray(book.roots)) continue;
    codebooks.push({ id: book.id, name: book.name });
    for (const r of book.roots) if (typeof r === 'string') bookOfRoot.set(normaliseGuid(r) ?? r, book.id);
  }
  const uncovered = p.codes.filter((c) => !bookOfRoot.has(c.guid));
  if (uncovered.length) {
    const id = deriveId('refi-codebook', ...uncovered.map((c) => c.guid));
    codebooks.push({ id, name: p.name.trim() || opts.fallbackName });
    for (const c of uncovered) bookOfRoot.set(c.guid, id);
  }
  const codes = codesFromRefi(p.codes, (g) => bookOfRoot.get(g)!, where, warnings, extras);
  const codeIds = new Set(codes.map((c) => c.id));
  const usedBooks = new Set(codes.map((c) => c.codebookId));
  // A Dyad codebook with no codes still counts; an empty fallback one does not exist.
  const keptBooks = codebooks.filter((b) => usedBooks.has(b.id) || bookData.some((d) => (d as { id?: unknown }).id === b.id));

  // Sources: text, Dyad data, and the evidence for the position unit.
  interface Src {
    refi: RefiTextSource;
    text: string;
    map: OffsetMap;
    data: DyadInterviewData | null;
  }
  const sources: Src[] = [];
  const missing: string[] = [];
  let skippedSelections = 0;
  const evidence = emptyEvidence();
  const sourceIds = new Set<string>();
  // Transcripts of audio and video sources that repeat no text source are interviews of their own.
  const transcripts = matchTranscripts(p, (s) => opts.texts.get(s.guid) ?? s.plainTextContent);
  for (const s of [...p.sources, ...transcripts.extra]) {
    if (sourceIds.has(s.guid)) fail(`the source GUID ${s.guid} ("${s.name}") occurs twice`);
    sourceIds.add(s.guid);
    const text = opts.texts.get(s.guid) ?? s.plainTextContent;
    if (text === null || text === undefined) {
      missing.push(`"${s.name || s.guid}"${opts.missingTexts?.get(s.guid) ? ` (${opts.missingTexts.get(s.guid)})` : ''}`);
      skippedSelections += s.selections.length + s.codings.length;
      continue;
    }
    const map = new OffsetMap(text);
    gatherEvidence(map, s.selections, evidence);
    sources.push({ refi: s, text, map, data: interviewData(dyadDataOf(extras, s.guid, s.description).data) });
  }
  if (missing.length) {
    warnings.push(
      `${where}: the text of ${plural(missing.length, 'source')} is not in the file, so ${missing.length === 1 ? 'it was' : 'they were'} not imported: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}` +
        (skippedSelections ? `; ${plural(skippedSelections, 'coded passage')} on ${missing.length === 1 ? 'it' : 'them'} could not be imported.` : '.'),
    );
  }
  notImported(p, sources.map((x) => x.refi), where, warnings);
  const decision = choosePositionUnit(evidence, p.origin);
  const unit = decision.unit;
  // Dyad writes code points, as the standard says: no need to tell the researcher how its own file was read.
  if (decision.reason && !(unit === 'code-points' && /^Dyad\b/.test(p.origin ?? ''))) {
    warnings.push(
      `${where}: positions were read as ${unit === 'utf16' ? 'UTF-16 code units (as NVivo writes them)' : 'code points (as the REFI-QDA standard says)'}, because ${decision.reason}.`,
    );
  }

  // Interviews, codings
  const interviews: SnapshotInterview[] = [];
  const codings: SnapshotCoding[] = [];
  const fromDyad: string[] = [];
  /** Interviews whose turns (and their times) came whole from Dyad's data: sync points add nothing to them. */
  const timedByDyad = new Set<string>();
  const codingIds = new Set<string>();
  const codingKeys = new Set<string>();
  /**
   * Memo targets found through NoteRefs, by note GUID; the first reference wins. A note on a passage that carries
   * no code becomes a memo on the interview that quotes the passage (`passage`), so the passage is not lost.
   */
  const noteTarget = new Map<string, { kind: SnapshotMemo['targetKind']; id: string; passage?: string }>();
  const refNote = (noteGuid: string, kind: SnapshotMemo['targetKind'], id: string, passage?: string) => {
    if (!noteTarget.has(noteGuid)) noteTarget.set(noteGuid, { kind, id, ...(passage !== undefined ? { passage } : {}) });
  };
  /** Memos written as a selection's Description (QualCoder's coding memos), made into memos once notes are read. */
  const selectionMemos: { id: string; text: string; target: { kind: SnapshotMemo['targetKind']; id: string; passage?: string }; refs: string[]; title: string; coder: string | null; when: string | null }[] = [];
  let swapped = 0;
  let empty = 0;
  let duplicates = 0;
  let wholeSource = 0;
  let noTurns = 0;
  let textChanged = 0;
  let orphanNoteTargets = 0;
  const skippedNoteTargets = new Set<string>();

  const addCoding = (src: Src, c: RefiCoding, selGuid: string | null, start: number, end: number, selUser: string | null, selWhen: string | null, context: string) => {
    if (!codeIds.has(c.codeGuid)) fail(`Coding ${c.guid} ${context} refers to the code ${c.codeGuid}, which is not in the codebook`);
    const coderId = coderFor(c.creatingUser, selUser, src.refi.creatingUser, p.creatingUser);
    let id = selGuid && c.guid === codingGuid(selGuid) ? selGuid : c.guid;
    if (codingIds.has(id)) id = deriveId('refi-coding-copy', id, selGuid ?? src.refi.guid, String(codings.length));
    const key = `${src.refi.guid}\u0000${c.codeGuid}\u0000${coderId}\u0000${start}\u0000${end}`;
    if (codingKeys.has(key)) {
      duplicates++;
      for (const n of c.noteRefs) skippedNoteTargets.add(n);
      return null;
    }
    codingKeys.add(key);
    codingIds.add(id);
    const createdAt = isXsdDateTime(c.creationDateTime) ? c.creationDateTime : isXsdDateTime(selWhen) ? selWhen : opts.now;
    codings.push({ id, interviewId: src.refi.guid, codeId: c.codeGuid, coderId, start, end, createdAt });
    for (const n of c.noteRefs) refNote(n, 'coding', id);
    return id;
  };

  for (const src of sources) {
    const s = src.refi;
    const label = `source "${s.name || s.guid}"`;
    let turnsAndMoments: Pick<SnapshotInterview, 'turns' | 'moments'> | null = null;
    if (src.data) {
      turnsAndMoments = dyadTurns(src.data, src.text);
      if (!turnsAndMoments) textChanged++;
      else timedByDyad.add(s.guid);
      fromDyad.push(s.guid);
    }
    if (!turnsAndMoments && opts.findTurns !== false) {
      turnsAndMoments = findTurns(src.text, { sourceId: s.guid, sourceName: s.name, customMarkerPatterns: opts.customMarkerPatterns });
    }
    if (!turnsAndMoments) noTurns++;
    interviews.push({
      id: s.guid,
      dyad: src.data?.dyad ?? null,
      session: src.data?.session ?? null,
      role: src.data?.role ?? null,
      sourceName: src.data?.sourceName || s.name.trim() || fileNameOf(s.plainTextPath) || `Source ${s.guid.slice(0, 8)}`,
      text: src.text,
      turns: turnsAndMoments?.turns ?? [],
      moments: turnsAndMoments?.moments ?? [],
    });
    for (const n of s.noteRefs) refNote(n, 'interview', s.guid);

    const length = unit === 'utf16' ? src.map.utf16Length : src.map.codePointLength;
    const unitName = unit === 'utf16' ? 'UTF-16 code units' : 'characters';
    for (const sel of s.selections) {
      let { start, end } = sel;
      if (start > end) {
        [start, end] = [end, start];
        swapped++;
      }
      if (start < 0 || end > length) {
        fail(
          `PlainTextSelection ${sel.guid} of ${label} runs from position ${sel.start} to ${sel.end}, ` +
            `outside the source's text (${length} ${unitName})`,
        );
      }
      let u0: number;
      let u1: number;
      if (unit === 'utf16') {
        // A selection that splits an emoji in two is widened to the whole character.
        u0 = src.map.splitsPair(start) ? start - 1 : start;
        u1 = src.map.splitsPair(end) ? end + 1 : end;
      } else {
        u0 = src.map.toUtf16(start);
        u1 = src.map.toUtf16(end);
      }
      const context = `in PlainTextSelection ${sel.guid} of ${label}`;
      if (u1 <= u0) {
        empty++;
        // Still check the references, so a broken file is not half-accepted.
        for (const c of sel.codings) if (!codeIds.has(c.codeGuid)) fail(`Coding ${c.guid} ${context} refers to the code ${c.codeGuid}, which is not in the codebook`);
        for (const n of sel.noteRefs) skippedNoteTargets.add(n);
        for (const c of sel.codings) for (const n of c.noteRefs) skippedNoteTargets.add(n);
        continue;
      }
      let first: string | null = null;
      for (const c of sel.codings) {
        const id = addCoding(src, c, sel.guid, u0, u1, sel.creatingUser, sel.creationDateTime, context);
        first ??= id;
      }
      const passage = first ? undefined : src.text.slice(u0, u1);
      for (const n of sel.noteRefs) {
        if (first) refNote(n, 'coding', first);
        else refNote(n, 'interview', s.guid, passage);
      }
      if (sel.description?.trim()) {
        const code = sel.codings.length ? codes.find((x) => x.id === sel.codings[0]!.codeGuid)?.name : undefined;
        selectionMemos.push({
          id: deriveId('refi-selection-memo', sel.guid),
          text: sel.description,
          target: first ? { kind: 'coding', id: first } : { kind: 'interview', id: s.guid, passage: passage! },
          refs: [...sel.noteRefs, ...sel.codings.flatMap((c) => c.noteRefs)],
          title: code ? `Memo on a passage coded ${code}` : 'Memo on a passage',
          coder: sel.creatingUser && coderIds.has(sel.creatingUser) ? sel.creatingUser : null,
          when: sel.creationDateTime,
        });
      }
    }
    for (const c of s.codings) {
      if (!src.text.length) continue;
      wholeSource++;
      addCoding(src, c, null, 0, src.text.length, null, null, `of ${label}`);
    }
  }
  if (undeclaredUsers) warnings.push(`${where}: ${plural(undeclaredUsers, 'coder')} named in codings ${undeclaredUsers === 1 ? 'is' : 'are'} not listed among the users and ${undeclaredUsers === 1 ? 'was' : 'were'} given a name from the GUID.`);
  if (swapped) warnings.push(`${where}: ${plural(swapped, 'selection')} ended before ${swapped === 1 ? 'it' : 'they'} started; start and end were swapped.`);
  if (empty) warnings.push(`${where}: ${plural(empty, 'empty selection')} (no characters) ${empty === 1 ? 'was' : 'were'} skipped.`);
  if (duplicates) warnings.push(`${where}: ${plural(duplicates, 'coding')} repeated another one exactly (same passage, code and coder) and ${duplicates === 1 ? 'was' : 'were'} imported once.`);
  if (wholeSource) warnings.push(`${where}: ${plural(wholeSource, 'coding')} of a whole source ${wholeSource === 1 ? 'was' : 'were'} imported as coding the whole text.`);
  if (textChanged) warnings.push(`${where}: the text of ${plural(textChanged, 'interview')} was changed after Dyad exported it; speaker turns and recall moments were found again.`);
  if (noTurns && opts.findTurns !== false) warnings.push(`${where}: no speaker turns were recognised in ${plural(noTurns, 'source')}; ${noTurns === 1 ? 'it is' : 'they are'} imported as plain text.`);

  /**
   * Recordings: attached where they are found (relative paths against the file's folder or its basePath), kept as
   * written with a warning naming the file where they are not, so the researcher can relink them.
   */
  function attachMedia() {
    const interviewById = new Map(interviews.map((i) => [i.id, i]));
    const srcById = new Map(sources.map((x) => [x.refi.guid, x]));
    const sessionById = new Map(dyads.flatMap((d) => d.sessions.map((x) => [x.id, x] as const)));
    const notFound: string[] = [];
    const inside: string[] = [];
    let noPath = 0;
    let unplaced = 0;
    let untimed = 0;
    let otherTimeline = 0;
    const timeline = new Map<string, string>();
    for (const m of p.mediaSources) {
      const label = m.name.trim() || m.guid;
      let path: string | null = null;
      if (!m.path) noPath++;
      else if (isInternalMedia(m)) inside.push(`"${label}"`);
      else {
        const r = opts.resolveMedia?.(m.path, p.basePath) ?? { path: mediaPathParts(m.path).rest, found: true };
        path = r.path;
        if (!r.found) notFound.push(`"${label}" (looked for ${r.path})`);
      }
      const dyadsOwn = dyadRecordingOf(extras?.elements.get(m.guid));
      if (dyadsOwn && 'session' in dyadsOwn) {
        const session = sessionById.get(dyadsOwn.session);
        if (session && path) session.recordingPath = path;
        continue;
      }
      if (dyadsOwn && 'interview' in dyadsOwn) {
        const i = interviewById.get(dyadsOwn.interview);
        if (i && path) i.audioPath = path;
        continue;
      }
      for (const t of m.transcripts) {
        const id = transcripts.matched.get(t.guid);
        const i = id === undefined ? undefined : interviewById.get(id);
        const src = id === undefined ? undefined : srcById.get(id);
        if (!i || !src) continue;
        // An interview has one timeline, its own recording's: the first media source that transcribes it.
        const own = timeline.get(i.id);
        if (own === undefined) {
          timeline.set(i.id, m.guid);
          if (path) i.audioPath = path;
        }
        if (timedByDyad.has(i.id) || !t.syncPoints.length) continue;
        if (own !== undefined && own !== m.guid) {
          otherTimeline += t.syncPoints.length;
          continue;
        }
        if (!i.turns.length) {
          untimed += t.syncPoints.length;
          continue;
        }
        const length = unit === 'utf16' ? src.map.utf16Length : src.map.codePointLength;
        const points = t.syncPoints
          .filter((x) => x.timeStamp >= 0 && x.position >= 0 && x.position <= length)
          .map((x) => ({ offset: unit === 'utf16' ? x.position : src.map.toUtf16(x.position), seconds: x.timeStamp / 1000 }));
        unplaced += t.syncPoints.length - points.length + syncPointsToTurns(i, points);
      }
    }
    if (notFound.length) {
      warnings.push(
        `${where}: ${plural(notFound.length, 'recording')} ${notFound.length === 1 ? 'is' : 'are'} not where the file says: ${notFound.slice(0, 5).join(', ')}${notFound.length > 5 ? ', …' : ''}. ` +
          `${notFound.length === 1 ? 'It is' : 'They are'} attached as written; relink ${notFound.length === 1 ? 'it' : 'them'} in the session view.`,
      );
    }
    if (inside.length) warnings.push(`${where}: not imported: ${plural(inside.length, 'recording')} stored inside the file (${inside.slice(0, 5).join(', ')}${inside.length > 5 ? ', …' : ''}); Dyad attaches recordings from a folder, not from an archive.`);
    if (noPath) warnings.push(`${where}: ${plural(noPath, 'audio or video source')} named no file; ${noPath === 1 ? 'its' : 'their'} transcripts were read without a recording.`);
    if (otherTimeline) {
      warnings.push(`${where}: ${plural(otherTimeline, 'sync point')} of a second recording of the same transcript ${otherTimeline === 1 ? 'was' : 'were'} not kept; an interview keeps the times of its own recording (the first one).`);
    }
    if (untimed) warnings.push(`${where}: ${plural(untimed, 'sync point')} of transcripts without speaker turns could not be kept (Dyad keeps times on turns).`);
    if (unplaced) warnings.push(`${where}: ${plural(unplaced, 'sync point')} fell after the last speaker turn or outside the transcript and ${unplaced === 1 ? 'was' : 'were'} not kept.`);
  }

  // Code memos
  for (const c of flattenCodes(p.codes)) for (const n of c.noteRefs) refNote(n, 'code', c.guid);

  // Dyads: Cases that carry Dyad's data; others are not Dyad's unit of analysis.
  const variableName = new Map(p.variables.map((v) => [v.guid, v.name]));
  const dyads: SnapshotDyad[] = [];
  const dyadByName = new Map<string, SnapshotDyad>();
  let foreignCases = 0;
  for (const c of p.cases) {
    const data = dyadDataOf(extras, c.guid, c.description).data;
    if (!data || data.kind !== 'dyad' || !c.name.trim()) {
      foreignCases++;
      continue;
    }
    if (dyadByName.has(c.name.trim().toLowerCase())) continue;
    const attributes: Record<string, string> = {};
    for (const v of c.variableValues) {
      const n = variableName.get(v.variableGuid);
      if (n) attributes[n] = v.value;
    }
    const sessions = (Array.isArray(data.sessions) ? data.sessions : [])
      .map((x) => x as { id?: unknown; number?: unknown; date?: unknown })
      .filter((x) => typeof x.id === 'string' && Number.isSafeInteger(x.number))
      .map((x) => ({ id: x.id as string, number: x.number as number, date: typeof x.date === 'string' ? x.date : null }));
    const d: SnapshotDyad = { id: c.guid, name: c.name.trim(), attributes, sessions };
    dyads.push(d);
    dyadByName.set(d.name.toLowerCase(), d);
  }
  if (foreignCases) {
    warnings.push(`${where}: ${plural(foreignCases, 'case')} and ${foreignCases === 1 ? 'its' : 'their'} variables were not imported; in Dyad, attributes belong to dyads, which you assign below.`);
  }
  // Interviews name their dyad and session; make sure both exist even when the file lost the Case.
  for (const i of interviews) {
    if (i.dyad === null || i.session === null) continue;
    let d = dyadByName.get(i.dyad.trim().toLowerCase());
    if (!d) {
      d = { id: deriveId('refi-dyad', i.dyad.trim().toLowerCase()), name: i.dyad.trim(), attributes: {}, sessions: [] };
      dyads.push(d);
      dyadByName.set(d.name.toLowerCase(), d);
    }
    if (!d.sessions.some((x) => x.number === i.session)) d.sessions.push({ id: deriveId('refi-session', d.id, String(i.session)), number: i.session, date: null });
  }
  attachMedia();
  const sessionIds = new Set(dyads.flatMap((d) => d.sessions.map((x) => x.id)));
  const dyadIds = new Map(dyads.map((d) => [d.id, d]));
  // Dyad links a memo on a dyad to the dyad's Case; other links (between codes, sources, memos) are not imported.
  let otherLinks = 0;
  for (const l of p.links) {
    if (l.originGuid && l.targetGuid && dyadIds.has(l.targetGuid)) refNote(l.originGuid, 'dyad', l.targetGuid);
    else otherLinks++;
  }
  if (otherLinks) warnings.push(`${where}: not imported: ${plural(otherLinks, 'link')} between items (Dyad has no links of this kind).`);
  for (const n of p.noteRefs) refNote(n, 'project', '');

  // Memos
  const memos: SnapshotMemo[] = [];
  const interviewIds = new Set(interviews.map((i) => i.id));
  const exists = (kind: SnapshotMemo['targetKind'], id: string) =>
    kind === 'project' ||
    (kind === 'code' && codeIds.has(id)) ||
    (kind === 'coding' && codingIds.has(id)) ||
    (kind === 'interview' && interviewIds.has(id)) ||
    (kind === 'session' && sessionIds.has(id)) ||
    (kind === 'dyad' && dyadIds.has(id));
  const KINDS = new Set(['project', 'code', 'coding', 'interview', 'session', 'dyad']);
  const noteIds = new Set<string>();
  const noteText = new Map<string, string>();
  for (const n of p.notes) {
    if (noteIds.has(n.guid)) continue;
    noteIds.add(n.guid);
    const { human, data } = dyadDataOf(extras, n.guid, n.description);
    const t = data && data.kind === 'memo' ? (data.target as { kind?: unknown; id?: unknown; name?: unknown } | undefined) : undefined;
    let target: { kind: SnapshotMemo['targetKind']; id: string; name?: string; passage?: string };
    if (t && KINDS.has(t.kind as string) && typeof t.id === 'string') {
      target = { kind: t.kind as SnapshotMemo['targetKind'], id: t.id, ...(typeof t.name === 'string' ? { name: t.name } : {}) };
    } else {
      target = noteTarget.get(n.guid) ?? { kind: 'project', id: '' };
      if (skippedNoteTargets.has(n.guid) && !noteTarget.has(n.guid)) orphanNoteTargets++;
      if (target.kind !== 'project' && !exists(target.kind, target.id)) {
        orphanNoteTargets++;
        target = { kind: 'project', id: '' };
      }
      if (target.kind === 'dyad') target.name = dyadIds.get(target.id)!.name;
    }
    const body = opts.texts.get(n.guid) ?? n.plainTextContent ?? '';
    noteText.set(n.guid, body);
    // Another tool's note may say what it has to say in its Description (Dyad's own sentence there is not a memo).
    const said = data ? '' : human.trim();
    const text = [target.passage !== undefined ? quotePassage(target.passage) : '', said, body].filter((x) => x.trim()).join('\n\n');
    const createdAt = isXsdDateTime(n.creationDateTime) ? n.creationDateTime : opts.now;
    memos.push({
      id: n.guid,
      targetKind: target.kind,
      targetId: target.id,
      ...(target.name !== undefined ? { targetName: target.name } : {}),
      coderId: n.creatingUser && coderIds.has(n.creatingUser) ? n.creatingUser : null,
      title: n.name,
      text,
      createdAt,
      updatedAt: isXsdDateTime(n.modifiedDateTime) ? n.modifiedDateTime : createdAt,
    });
  }
  // A selection's Description is a memo of its own unless it repeats the notes the selection refers to (Dyad
  // writes a coding's memos both ways, so that every tool finds them).
  const memoIds = new Set(memos.map((m) => m.id));
  for (const sm of selectionMemos) {
    const referred = sm.refs.map((g) => noteText.get(g)).filter((x): x is string => !!x?.trim());
    const same = (x: string) => x.trim() === sm.text.trim();
    if (referred.some(same) || (referred.length && same(referred.join('\n\n')))) continue;
    if (memoIds.has(sm.id)) continue;
    memoIds.add(sm.id);
    const createdAt = isXsdDateTime(sm.when) ? sm.when : opts.now;
    memos.push({
      id: sm.id,
      targetKind: sm.target.kind,
      targetId: sm.target.id,
      coderId: sm.coder,
      title: sm.title,
      text: sm.target.passage !== undefined ? `${quotePassage(sm.target.passage)}\n\n${sm.text}` : sm.text,
      createdAt,
      updatedAt: createdAt,
    });
  }
  if (orphanNoteTargets) warnings.push(`${where}: ${plural(orphanNoteTargets, 'memo')} belonged to something that was not imported and ${orphanNoteTargets === 1 ? 'is' : 'are'} kept as project memos.`);

  return {
    snapshot: {
      name: p.name.trim() || opts.fallbackName,
      coders,
      codebooks: keptBooks,
      codes,
      dyads,
      interviews,
      codings,
      memos,
    },
    positionUnit: unit,
    warnings,
    origin: p.origin,
    fromDyad,
    sourceCount: { text: interviews.length, missing: missing.length, other: p.otherSources.length },
  };
}

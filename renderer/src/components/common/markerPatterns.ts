/**
 * The project's own session-time marker patterns as the Settings dialog edits them: one regular expression per
 * line, checked as they are typed the way the core checks them on saving (compileMarkerPatterns), and tried on a
 * line of transcript with the very function the import uses, so what the dialog shows is what an import finds.
 */
import {
  compileMarkerPatterns,
  findSessionMarkers,
  markerPatternMatchAt,
  markerPatternProblem,
  unsupportedReason,
  type MarkerPattern,
} from '../../../../shared/import/markers';

/** What the core's settings schema accepts (shared/api/schemas.ts projectSettings). */
const MAX_PATTERNS = 50;
const MAX_PATTERN_LENGTH = 500;

export interface PatternLine {
  /** 1-based, as the researcher counts the lines of the field. */
  line: number;
  source: string;
  problem: string | null;
}

/** Why a pattern cannot be used, in the researcher's words; null when it can. */
export function patternProblem(source: string): string | null {
  if (source.length > MAX_PATTERN_LENGTH) return `is longer than ${MAX_PATTERN_LENGTH} characters.`;
  const problem = markerPatternProblem(source);
  if (problem?.kind === 'syntax') return `is not a valid regular expression: ${regExpReason(problem.message)}.`;
  if (problem?.kind === 'unsupported') return unsupportedReason(problem.message);
  if (problem?.kind === 'no-group') return 'has no group for the time: put the time in parentheses, e.g. <<(\\d+:\\d\\d)>>.';
  return null;
}

/** "Invalid regular expression: /(\d+/gim: Unterminated group" → "unterminated group". */
function regExpReason(message: string): string {
  const m = /^Invalid regular expression: \/[\s\S]*\/[a-z]*: ([\s\S]+)$/.exec(message);
  const reason = (m?.[1] ?? message).replace(/\.$/, '');
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}

/** The field's lines that hold a pattern (blank lines are spacing; blanks around a pattern are dropped). */
export function readPatternLines(text: string): PatternLine[] {
  const out: PatternLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const source = raw.trim();
    if (source) out.push({ line: i + 1, source, problem: patternProblem(source) });
  });
  return out;
}

/** Every reason the field cannot be saved, one sentence each; empty when it can. */
export function fieldProblems(lines: readonly PatternLine[]): string[] {
  const out = lines.filter((l) => l.problem).map((l) => `Line ${l.line} ${l.problem}`);
  if (patternsToSave(lines).length > MAX_PATTERNS) out.push(`A project can have at most ${MAX_PATTERNS} patterns.`);
  return out;
}

/** The patterns as the project keeps them: in the field's order, each once. */
export function patternsToSave(lines: readonly PatternLine[]): string[] {
  return [...new Set(lines.map((l) => l.source))];
}

/** Whether the saved patterns include one the project did not have: only then can a rescan find anything new. */
export function addsPatterns(before: readonly string[], after: readonly string[]): boolean {
  const had = new Set(before);
  return after.some((p) => !had.has(p));
}

interface TriedMarker {
  label: string;
  sessionTime: number;
  /** The field line of the pattern that found it, or null for a form Dyad recognises by itself. */
  patternLine: number | null;
}

/**
 * The markers the import would find in one line of transcript: built-in forms and the field's valid patterns
 * (invalid lines are left out until they are fixed), with the warnings the import would give.
 */
export function tryLine(text: string, lines: readonly PatternLine[]): { markers: TriedMarker[]; warnings: string[] } {
  const valid = lines.filter((l) => !l.problem);
  const warnings: string[] = [];
  // The import's own engine (linear time), so a pattern being typed cannot freeze the dialog either.
  const compiled = compileMarkerPatterns(valid.map((l) => l.source));
  const found = findSessionMarkers(text, compiled, warnings);
  const builtIn = new Set(findSessionMarkers(text, [], []).map((m) => `${m.offset}:${m.end}`));
  const markers = found.map((m) => ({
    label: m.label,
    sessionTime: m.sessionTime,
    patternLine: builtIn.has(`${m.offset}:${m.end}`) ? null : whichPattern(text, m.offset, m.end, valid, compiled),
  }));
  return { markers, warnings };
}

function whichPattern(text: string, offset: number, end: number, lines: readonly PatternLine[], compiled: readonly MarkerPattern[]): number | null {
  for (const [i, l] of lines.entries()) if (markerPatternMatchAt(compiled[i]!, text, offset) === end) return l.line;
  return null;
}

const count = (k: number, one: string, many: string) => `${k.toLocaleString('en')} ${k === 1 ? one : many}`;

/** What a rescan would add, before adding it. */
export function foundSentence(r: { moments: number; interviews: number }): string {
  if (r.moments === 0) return 'Your patterns find no new recall moments in the imported transcripts.';
  return `Your patterns find ${count(r.moments, 'new recall moment', 'new recall moments')} in ${count(r.interviews, 'interview', 'interviews')}.`;
}

/** What a rescan added. */
export function addedSentence(r: { moments: number; interviews: number }, undoKey: string): string {
  if (r.moments === 0) return 'No new recall moments were found, so nothing was added.';
  return (
    `Added ${count(r.moments, 'recall moment', 'recall moments')} in ${count(r.interviews, 'interview', 'interviews')}. ` +
    `Undo (${undoKey}, or Undo in the toolbar) takes ${r.moments === 1 ? 'it' : 'them'} away again.`
  );
}

/**
 * Who is who in an IPR interview: the interviewer who stops the tape, or the participant (client or therapist)
 * recalling. The import preview proposes these roles; the researcher confirms or changes them.
 *
 * The heuristic, in order:
 *  1. Known labels. Interviewer: I, Int, Intv, Interviewer, Researcher, Investigator, Q, Moderator, Facilitator, IR.
 *     Participant: P, Client, Therapist, Participant, Respondent, Resp, Interviewee, IE, Patient, Counsellor, C, Cl, T,
 *     Th, Pt, A (answer to Q), B (German "Befragte/r"). The same roles in German, Dutch, French and Spanish. A
 *     number, glued on or apart, is ignored ("Interviewer 2", "Interviewee1", "P1"). Interpreters, observers and
 *     supervisors stay 'unknown'.
 *  2. "R" is ambiguous: in IPR transcripts it usually means Respondent (the person recalling), so it is a
 *     participant — except when no other label names the interviewer and another label already names the
 *     participant ("R" with "P", "C", "Client", …), where it can only be the Researcher.
 *  3. Any other label (a name, "Speaker 1"): when no interviewer is known yet, the one that asks most
 *     (share of its turns containing a "?") and talks least (words per turn, against the most talkative
 *     speaker) is the interviewer; score = questionShare + ½·(1 − wordsPerTurn / maxWordsPerTurn). Without
 *     those counts, a single unnamed speaker next to a known participant is the interviewer, else 'unknown'.
 *     All other labels are participants.
 */
import type { SpeakerRole } from '../domain/types';
import type { ParsedTranscript } from './types';

const INTERVIEWER_LABELS: ReadonlySet<string> = new Set([
  'i', 'int', 'intv', 'interviewer', 'researcher', 'investigator', 'q', 'moderator', 'facilitator',
  // "IR:"/"IE:" (interviewer/interviewee) is a convention of its own.
  'ir',
  // German (f4/MAXQDA convention "I:"/"B:"), Dutch, French, Spanish.
  'iv', 'interviewerin', 'forscher', 'forscherin', 'onderzoeker', 'intervieweur', 'enquêteur', 'enquêtrice',
  'chercheur', 'chercheuse', 'entrevistador', 'entrevistadora', 'investigador', 'investigadora',
]);
const PARTICIPANT_LABELS: ReadonlySet<string> = new Set([
  'p', 'client', 'therapist', 'participant', 'respondent', 'interviewee', 'patient', 'counsellor', 'counselor',
  'ie', 'resp',
  'psychotherapist', 'c', 'cl', 't', 'th', 'pt', 'a', 'r',
  'b', 'ip', 'befragte', 'befragter', 'klient', 'klientin', 'therapeut', 'therapeutin', 'patientin', 'cliënt',
  'cliente', 'thérapeute', 'patiente', 'terapeuta', 'paciente', 'participante', 'entrevistado', 'entrevistada',
]);
/** Speakers who are neither the interviewer nor the person recalling, and generic labels. */
const OTHER_LABELS: ReadonlySet<string> = new Set([
  'interpreter', 'translator', 'observer', 'supervisor', 'speaker', 'unknown', 'unidentified', 'other',
]);

export interface SpeakerCount {
  label: string;
  turns: number;
  /** Turns of this speaker that contain a question mark. */
  questions?: number;
  /** Words this speaker says in all. */
  words?: number;
}

/** The role word of a label: lower case, without a trailing number ("Interviewer 2" → "interviewer"). */
export function labelBase(label: string): string {
  return label
    .toLowerCase()
    .replace(/[\s._-]*\d+$/, '')
    .replace(/[.:]+$/, '')
    .trim();
}

/** True for labels whose word alone says they are a speaker ("I", "Client", "Speaker 2"). */
export function isKnownSpeakerLabel(label: string): boolean {
  const b = labelBase(label);
  return INTERVIEWER_LABELS.has(b) || PARTICIPANT_LABELS.has(b) || OTHER_LABELS.has(b);
}

export function defaultSpeakerRoles(labels: readonly SpeakerCount[]): Record<string, SpeakerRole> {
  const roles: Record<string, SpeakerRole> = {};
  const named: SpeakerCount[] = [];
  let interviewerKnown = false;
  let participantKnown = false;
  for (const l of labels) {
    const b = labelBase(l.label);
    if (INTERVIEWER_LABELS.has(b)) interviewerKnown = true;
    else if (PARTICIPANT_LABELS.has(b) && b !== 'r') participantKnown = true;
  }

  for (const l of labels) {
    const b = labelBase(l.label);
    if (INTERVIEWER_LABELS.has(b)) roles[l.label] = 'interviewer';
    else if (b === 'r') roles[l.label] = !interviewerKnown && participantKnown ? 'interviewer' : 'participant';
    else if (PARTICIPANT_LABELS.has(b)) roles[l.label] = 'participant';
    else if (OTHER_LABELS.has(b) && b !== 'speaker') roles[l.label] = 'unknown';
    else named.push(l);
  }
  if (named.length === 0) return roles;
  if (Object.values(roles).includes('interviewer')) {
    for (const l of named) roles[l.label] = 'participant';
    return roles;
  }

  const withStats = named.filter((l) => l.turns > 0 && l.questions !== undefined && l.words !== undefined);
  let interviewer: string | null = null;
  if (labels.length < 2) {
    // One voice only: nothing to compare it with.
  } else if (withStats.length === named.length) {
    const maxWpt = Math.max(1, ...labels.map((l) => (l.turns > 0 && l.words !== undefined ? l.words / l.turns : 0)));
    let best = -Infinity;
    for (const l of withStats) {
      const score = l.questions! / l.turns + 0.5 * (1 - l.words! / l.turns / maxWpt);
      if (score > best) {
        best = score;
        interviewer = l.label;
      }
    }
  } else if (named.length === 1 && participantKnown) {
    interviewer = named[0]!.label;
  }
  for (const l of named) {
    roles[l.label] = interviewer === null ? 'unknown' : l.label === interviewer ? 'interviewer' : 'participant';
  }
  return roles;
}

/** Turn, question and word counts per speaker label, in order of first appearance: the input of defaultSpeakerRoles. */
export function speakerCounts(parsed: Pick<ParsedTranscript, 'text' | 'turns'>): Required<SpeakerCount>[] {
  const by = new Map<string, Required<SpeakerCount>>();
  for (const t of parsed.turns) {
    let c = by.get(t.speaker);
    if (!c) {
      c = { label: t.speaker, turns: 0, questions: 0, words: 0 };
      by.set(t.speaker, c);
    }
    const said = parsed.text.slice(t.start, t.end);
    c.turns++;
    if (said.includes('?')) c.questions++;
    c.words += said.split(/\s+/).filter(Boolean).length;
  }
  return [...by.values()];
}

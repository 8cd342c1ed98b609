/**
 * What a speaker label looks like at the start of a transcript line, in every text layout.
 *
 * A label is one to four words: the first a word ("I", "Client", "Dr", "Zoë"), the others capitalised words,
 * numbers or name particles ("Dr Okafor", "Speaker 2", "Ana de Souza"), at most 40 characters. A label that
 * starts in lower case counts only when it is a known role word ("i:", "client:"). Whether a candidate really is
 * a speaker is decided later from how often it occurs across the file (see lines.ts).
 */
import { isKnownSpeakerLabel, labelBase } from './speakers';

const FIRST = String.raw`\p{L}[\p{L}\p{M}\p{N}'’.\-]{0,24}`;
const NEXT = String.raw`(?:\p{Lu}[\p{L}\p{M}\p{N}'’.\-]{0,24}|\d{1,3}|van|von|de|da|del|der|di|du|le|la|al|bin|ibn|ten|ter)`;
export const NAME = `${FIRST}(?: ${NEXT}){0,3}`;
/** An interview-clock stamp: "0:12", "12:34", "00:12:34", "1:02:03.5". */
// A 12-hour stamp's AM/PM ("11:02:09 AM", "11:02 p.m.", "11:02am") belongs to the clock (time.ts reads it); a
// spaced lower-case "am" is left alone, as it may be the turn's first word ("am Anfang").
export const CLOCK = String.raw`\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?(?:(?:[ \u00a0]?(?:AM|PM|[AaPp]\.[Mm]\.)|am|pm)(?![\p{L}\d]))?`;

/** Words that end in a colon at a line's start but head a note, not a turn. */
const NOT_SPEAKERS = new Set([
  'note', 'notes', 'nb', 'n.b.', 'ps', 'p.s.', 'date', 'time', 'duration', 'length', 'location', 'place',
  'transcriber', 'transcribed by', 'transcription', 'transcript', 'file', 'filename', 'file name', 'title',
  'subject', 're', 'http', 'https', 'www', 'email', 'e-mail', 'tel', 'phone', 'session', 'session number', 'dyad',
  'interview', 'recording', 'video', 'audio', 'tape', 'keywords', 'summary', 'comment', 'comments', 'translation',
  'example', 'eg', 'e.g.', 'i.e.', 'etc', 'edit', 'update', 'warning', 'important', 'source', 'attendees',
  'present', 'code', 'codes', 'theme', 'themes', 'memo', 'context', 'background', 'observation', 'observations',
  'aside', 'end', 'start', 'pause', 'inaudible', 'crosstalk', 'silence', 'unclear', 'key', 'legend', 'mode',
  'modality', 'age', 'gender', 'study', 'project', 'version', 'page', 'language', 'consent', 'pseudonym',
  'laughs', 'laughter', 'laughing', 'sighs', 'sigh', 'cries', 'crying', 'coughs', 'applause', 'music', 'noise',
  'break', 'interruption', 'ok', 'okay', 'yes', 'no', 'yeah', 'mhm', 'hmm', 'um', 'uh',
  // The headings of papers, reports and field notes: sources researchers import that are not interviews.
  'abstract', 'introduction', 'background', 'aim', 'aims', 'objective', 'objectives', 'purpose', 'method',
  'methods', 'methodology', 'design', 'setting', 'sample', 'sampling', 'procedure', 'procedures', 'analysis',
  'data', 'data analysis', 'results', 'findings', 'discussion', 'conclusion', 'conclusions', 'limitations',
  'implications', 'references', 'acknowledgements', 'acknowledgments', 'appendix', 'table', 'figure', 'fig',
  'rq', 'research question', 'research questions', 'hypothesis', 'hypotheses', 'reflection', 'reflections',
  'field notes', 'fieldnotes', 'agenda', 'action', 'actions', 'next steps', 'participants', 'step', 'phase',
  'part', 'chapter', 'section', 'stage', 'wave', 'round', 'quote', 'excerpt',
]);

/**
 * The key under which occurrences of one label are counted: case and spacing do not make another speaker, nor does
 * a number written apart or glued on ("Interviewee 1", "interviewee1").
 */
export function labelKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/(\p{L})[ ._-]?(\d+)$/u, '$1$2');
}

/**
 * False for labels that cannot be a speaker whatever their count. `anyCase` is for video-call display names,
 * which people type in lower case as often as not.
 */
export function mayBeSpeaker(label: string, anyCase = false): boolean {
  const key = labelKey(label);
  // "Step 2:", "Table 1:" are numbered headings; "Speaker 2:" is not in this list.
  if (NOT_SPEAKERS.has(key) || NOT_SPEAKERS.has(labelBase(label))) return false;
  // "I Think:", "Transcriber note:": a pronoun does not start a name, and a note is a note whoever writes it.
  if (label.startsWith('I ')) return false;
  if (/ (?:note|notes|comment|comments)$/.test(key)) return false;
  const first = label.charAt(0);
  if (!anyCase && first !== first.toUpperCase() && !isKnownSpeakerLabel(label)) return false;
  return true;
}

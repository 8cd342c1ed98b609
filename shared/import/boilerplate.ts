/**
 * What transcription services and word processors add to a transcript that nobody said: credits and upsells
 * ("Transcribed by https://otter.ai", "Go Unlimited to remove this message"), export banners ("This transcript was
 * exported on …"), transcription events ("Jane Doe started transcription") and page furniture ("Page 3 of 12",
 * "- 4 -", and the running header printed beside each page number).
 *
 * A line is judged as a whole, never a line that starts with a speaker label, and only short lines: a sentence in
 * which a participant mentions a service is words. Such lines are kept out of the turns (the parsers leave them in
 * the stored text, outside any turn, and say so in a warning).
 */

const SERVICE =
  /\b(?:otter|rev|temi|trint|descript|sonix|happy ?scribe|turbo ?scribe|fireflies|tactiq|notta|scribie|verbit|riverside|transkriptor|amberscript|sembly|fathom|airgram|speechmatics|assembly ?ai|deepgram|whisper|mac ?whisper|noscribe|gotranscript|transcribeme|maestra|veed|kapwing|zoom|teams|webex|f4x|f4transkript|easytranscript|microsoft word|word)\b/i;
const ADDRESS = /(?:\bhttps?:\/\/|\bwww\.)\S+|\b[\w-]+\.(?:ai|com|io|app|net|org|co|de|fr|nl|es|me)\b/i;
// "Transcribed by …", "Transcript generated with …", "Captions created using …", "Powered by …".
const CREDIT =
  /^(?:this\s+)?(?:(?:automatic\s+|auto-generated\s+)?(?:transcript(?:ion)?|captions?|subtitles?|text)\s+)?(?:was\s+|were\s+)?(?:automatically\s+)?(?:transcribed|generated|exported|created|produced|made|powered|captioned|subtitled|converted|synced|transcript)\s+(?:by|with|using|via|from|on|in)\b/i;
const UPSELL =
  /\b(?:remove this (?:message|watermark|note)|go unlimited|upgrade (?:to|now|your plan)|free (?:plan|trial|version|account)|unlimited (?:plan|transcription)|sign up (?:at|for|free))\b/i;
const EXPORT_BANNER = /^this transcript was exported on\b|\bview (?:the )?latest version here\b/i;
const EVENT = /^(?:.{1,60}?\s)?(?:started|stopped) transcription\.?$|^transcription (?:started|stopped|ended|has started|has stopped)\.?$/i;
const PAGE =
  /^(?:(?:page|pg\.?|seite|página|pagina|bladzijde|p\.)\s*\d{1,4}(?:\s*(?:of|\/|von|de|sur|di|van)\s*\d{1,4})?\.?|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*(?:\/|of)\s*\d{1,4})$/i;

/** One of the words every rule but the page number's needs. */
const HINT = /transcri|caption|subtitle|generat|export|creat|produc|made|power|convert|sync|timed|remove|unlimited|upgrade|free|sign up/i;

interface BoilerplateLine {
  /** 0-based line number in the text. */
  line: number;
  start: number;
  end: number;
  /** The line as written, trimmed. */
  text: string;
}

/** True for a line (or a subtitle cue's words) that a service or a word processor added, judged alone. */
export function isBoilerplate(s: string): boolean {
  // Most lines are words: one cheap look for what every rule below needs before trying the rules.
  if (s.length > 240) return false;
  if (s.length <= 24 && /\d/.test(s) && isPageNumber(s)) return true;
  if (!HINT.test(s)) return false;
  const t = strip(s);
  if (!t || t.length > 200) return false;
  if (EVENT.test(t) || EXPORT_BANNER.test(t)) return true;
  const words = t.split(/\s+/).length;
  if (words > 25) return false;
  if (UPSELL.test(t)) return true;
  return CREDIT.test(t) && (SERVICE.test(t) || ADDRESS.test(t));
}

/** Rules and stars around a line ("*** Page 2 ***", "— Transcribed by … —") are not part of what it says. */
const strip = (s: string) => s.trim().replace(/^[-–—*_=~#>\s]+|[-–—*_=~#<\s]+$/g, '');
const isPageNumber = (s: string) => PAGE.test(s.trim()) || PAGE.test(strip(s));

/**
 * Every boilerplate line of a text: the lines `isBoilerplate` accepts, and a running header or footer — a short line
 * printed again and again beside the page numbers of a document exported page by page.
 */
export function findBoilerplateLines(text: string): BoilerplateLine[] {
  const starts: number[] = [];
  const ends: number[] = [];
  const found = new Set<number>();
  const pages: number[] = [];
  for (let s = 0; s <= text.length; ) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    const i = starts.length;
    starts.push(s);
    ends.push(e);
    if (e > s && e - s <= 240) {
      const line = text.slice(s, e);
      if (isBoilerplate(line)) {
        found.add(i);
        if (isPageNumber(line)) pages.push(i);
      }
    }
    s = e + 1;
  }
  const lineText = (i: number) => text.slice(starts[i], ends[i]).trim();
  if (pages.length >= 2) {
    // The nearest non-blank line on either side of each page number; a text found there twice or more is a header.
    const beside = new Map<string, number>();
    const near = (i: number, step: number): number => {
      for (let j = i + step; j >= 0 && j < starts.length && Math.abs(j - i) <= 3; j += step) if (lineText(j)) return j;
      return -1;
    };
    for (const p of pages) {
      for (const j of [near(p, -1), near(p, 1)]) {
        if (j < 0 || found.has(j)) continue;
        const t = lineText(j);
        if (t.split(/\s+/).length <= 12 && !/^\S+[ \t\u00a0]*:/.test(t)) beside.set(t, (beside.get(t) ?? 0) + 1);
      }
    }
    const headers = new Set([...beside].filter(([, n]) => n >= 2).map(([t]) => t));
    if (headers.size) for (let i = 0; i < starts.length; i++) if (ends[i]! - starts[i]! <= 240 && headers.has(lineText(i))) found.add(i);
  }
  return [...found].sort((a, b) => a - b).map((i) => ({ line: i, start: starts[i]!, end: ends[i]!, text: lineText(i) }));
}

/** The warning naming what was kept out of the turns: each distinct line once, with how often and where. */
export function boilerplateWarning(found: readonly { text: string; line?: number }[], where: 'line' | 'cue' = 'line'): string | null {
  if (!found.length) return null;
  const by = new Map<string, number[]>();
  for (const f of found) {
    const list = by.get(f.text) ?? [];
    if (f.line !== undefined) list.push(f.line + 1);
    by.set(f.text, list);
  }
  const shown = [...by].slice(0, 3).map(([t, at]) => {
    const quoted = `"${t.length > 60 ? `${t.slice(0, 59)}…` : t}"`;
    if (!at.length) return quoted;
    const places = at.length > 3 ? `${where}s ${at.slice(0, 3).join(', ')} …` : `${where}${at.length > 1 ? 's' : ''} ${at.join(', ')}`;
    return `${quoted} (${places})`;
  });
  const more = by.size > 3 ? ` and ${by.size - 3} more` : '';
  return (
    `${found.length} line${found.length === 1 ? '' : 's'} added by a transcription service or word processor ` +
    `${found.length === 1 ? 'was' : 'were'} kept out of the turns: ${shown.join(', ')}${more}.`
  );
}

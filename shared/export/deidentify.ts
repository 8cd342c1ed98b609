/**
 * De-identification of exported text: every listed name is replaced, wherever it stands as a whole word, by the
 * replacement exactly as the researcher wrote it. It is applied to what leaves the project (excerpts, memos,
 * attributions, speaker labels, file names), never to the stored transcripts.
 *
 * - Matching ignores case ("anna", "ANNA") and treats ' and ’ alike, and any run of white space in a name as any
 *   run of white space in the text ("Anna Maria" across a line break).
 * - Whole words: "Ann" does not touch "Anna" or "Annabel". A name that begins or ends with punctuation
 *   ("Dr.") needs no word boundary on that side.
 * - Longer names win: with "Anna" and "Anna Maria" both listed, "Anna Maria" is replaced as one.
 * - Regular-expression characters in names are literal ("A.J.", "Smith (née Jones)").
 * - A name written with composed or decomposed accents matches either form in the text.
 */
import { z } from 'zod';

const deidentifyEntry = z.object({
  name: z.string().max(200),
  replacement: z.string().max(200),
});
export const deidentifyList = z.array(deidentifyEntry).max(2000);

type DeidentifyEntry = z.infer<typeof deidentifyEntry>;

/** A letter, digit or mark: what a word is made of when deciding where a name begins and ends. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const APOSTROPHES = /['’‘ʼ]/u;

function escapeChar(ch: string): string {
  if (APOSTROPHES.test(ch)) return "['’‘ʼ]";
  // Only the characters a `u` pattern lets be escaped: there "\-" is a syntax error, and a hyphenated name
  // ("Jean-Luc") made the whole export fail.
  return ch.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}

/** The pattern of one spelling of a name, without its boundaries. */
function spellingPattern(name: string): string {
  let out = '';
  let space = false;
  for (const ch of name) {
    if (/\s/u.test(ch)) {
      space = true;
      continue;
    }
    if (space && out) out += '\\s+';
    space = false;
    out += escapeChar(ch);
  }
  return out;
}

function namePattern(name: string): string {
  const spellings = [...new Set([name.normalize('NFC'), name.normalize('NFD')])].map(spellingPattern);
  const chars = [...name];
  const before = WORD_CHAR.test(chars[0]!) ? '(?<![\\p{L}\\p{N}\\p{M}_])' : '';
  const after = WORD_CHAR.test(chars[chars.length - 1]!) ? '(?![\\p{L}\\p{N}\\p{M}_])' : '';
  return `${before}(?:${spellings.join('|')})${after}`;
}

/** Names trimmed, empty ones dropped; for a name listed twice (in any case), the first replacement counts. */
export function cleanList(entries: readonly DeidentifyEntry[]): DeidentifyEntry[] {
  const seen = new Set<string>();
  const out: DeidentifyEntry[] = [];
  for (const e of entries) {
    const name = e.name.trim().replace(/\s+/gu, ' ');
    if (!name) continue;
    const key = name.normalize('NFC').toLocaleLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name, replacement: e.replacement });
  }
  return out;
}

export type Deidentifier = (text: string) => string;

/** A function that applies the list to a string; the identity when the list is empty. */
export function makeDeidentifier(entries: readonly DeidentifyEntry[]): Deidentifier {
  const list = cleanList(entries);
  if (!list.length) return (s) => s;
  // Longest first, so that an alternation tries "Anna Maria" before "Anna" at the same position.
  const sorted = [...list].sort((a, b) => b.name.length - a.name.length);
  const re = new RegExp(sorted.map((e) => `(${namePattern(e.name)})`).join('|'), 'giu');
  return (text) => {
    if (!text) return text;
    return text.replace(re, (...args: unknown[]) => {
      // The capture group that matched tells which name it was (the groups are in `sorted` order).
      for (let k = 0; k < sorted.length; k++) if (args[k + 1] !== undefined) return sorted[k]!.replacement;
      return String(args[0]);
    });
  };
}

/**
 * How the merge decides that two names or two texts are "the same". Stricter than the database's own uniqueness
 * (SQLite's NOCASE folds ASCII only and keeps spaces), so a merged codebook never trips the sibling-name index.
 */

/**
 * Code, codebook, coder and dyad names: Unicode-composed, trimmed, inner whitespace collapsed, case ignored under
 * full Unicode case folding ("Émotion" = "ÉMOTION", "Straße" = "STRASSE"). Also how sibling code names are kept
 * unique (electron/core/coding/codes.ts), so the merge and the codebook agree on what a clash is.
 */
export function normaliseName(name: string): string {
  return foldCase(collapseSpaces(name));
}

/** Case folding by a round trip through upper case (which expands "ß" to "SS"), composed again afterwards. */
const foldCase = (s: string): string => s.toUpperCase().toLowerCase().normalize('NFC');

/** A name as shown, with only spacing tidied: "Shame " and "Shame" are one name, "shame" is a rename. */
export function collapseSpaces(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** Interview texts are compared with line endings normalised: the same transcript saved on Windows is the same. */
export function normaliseText(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

/** Definitions, criteria, examples and memo texts: line endings and surrounding blank space do not count. */
export function normaliseLongText(text: string): string {
  return normaliseText(text).trim();
}

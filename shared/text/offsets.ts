/**
 * THE ONE PLACE that says what an offset is.
 *
 * Every offset Dyad stores or passes around (speaker turns, recall moments, codings, search hits) counts
 * **UTF-16 code units** from the start of the interview's text, start inclusive, end exclusive: the same unit as
 * JavaScript string indices, so `text.slice(start, end)` is the passage. The REFI-QDA standard counts Unicode
 * code points instead; convert only at that boundary with the functions below.
 */

/** Converts a UTF-16 offset into a code-point offset in `text`. */
export function utf16ToCodePoint(text: string, utf16Offset: number): number {
  let cp = 0;
  for (let i = 0; i < utf16Offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point: count it once.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    cp++;
  }
  return cp;
}

/** Converts a code-point offset into a UTF-16 offset in `text`. Offsets past the end clamp to `text.length`. */
export function codePointToUtf16(text: string, codePointOffset: number): number {
  let i = 0;
  for (let cp = 0; cp < codePointOffset && i < text.length; cp++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      i += d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
    } else i++;
  }
  return i;
}

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  return utf16ToCodePoint(text, text.length);
}

/** True when `offset` does not split a surrogate pair. */
export function isCodePointBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return true;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return !(before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}

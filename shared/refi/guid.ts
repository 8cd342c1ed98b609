/**
 * REFI-QDA identifies everything by GUID. Dyad's ids are lower-case UUIDs, which are valid GUIDs, so they are
 * written as they are and stay the same from one export to the next (merging exported copies relies on it).
 * Other tools write GUIDs in upper case and sometimes in braces: they are normalised on the way in.
 */

const GUID = /^\s*(\{)?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(\})?\s*$/;
const DYAD_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** "{ABCD…}" / "ABCD…" / "abcd…" → "abcd…"; null when it is not a GUID at all. */
export function normaliseGuid(raw: string | undefined | null): string | null {
  if (typeof raw !== 'string') return null;
  const m = GUID.exec(raw);
  if (!m || !!m[1] !== !!m[3]) return null;
  return m[2]!.toLowerCase();
}

/** True for an id that can go into a REFI file as it is. */
export function isGuid(id: string): boolean {
  return DYAD_GUID.test(id);
}

/**
 * A stable UUID derived from some strings: for REFI elements that Dyad has no id of its own for (the Coding
 * inside a selection, a Variable per attribute name, a Link per memo) and for ids Dyad has to invent on import,
 * so that exporting or importing the same thing twice gives the same ids. 128 bits of a non-cryptographic hash,
 * formatted as an RFC 9562 version-8 ("custom") UUID.
 */
export function deriveId(...parts: string[]): string {
  const s = parts.join('\u0000');
  let h1 = 0x6a09e667 ^ s.length;
  let h2 = 0xbb67ae85;
  let h3 = 0x3c6ef372;
  let h4 = 0xa54ff53a;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  // Final avalanche so that near-identical inputs (ids differing in one digit) spread over all 128 bits.
  for (let r = 0; r < 2; r++) {
    h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
    h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
    h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
    h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
    h1 ^= h2 ^ h3 ^ h4;
    h2 ^= h1;
    h3 ^= h1;
    h4 ^= h1;
  }
  // The 32 hex digits of h1…h4 laid out as a UUID: digit 12 becomes the version (8), digit 16 the variant (8–b).
  const b = hex8(h2);
  const c = hex8(h3);
  return `${hex8(h1)}-${b.slice(0, 4)}-8${b.slice(5)}-${HEX_DIGIT[((h3 >>> 28) & 0x3) | 0x8]}${c.slice(1, 4)}-${c.slice(4)}${hex8(h4)}`;
}

const HEX_DIGIT = '0123456789abcdef';
const HEX_BYTE = Array.from({ length: 256 }, (_, n) => HEX_DIGIT[n >>> 4]! + HEX_DIGIT[n & 15]!);

/**
 * A 32-bit word as 8 lower-case hex digits. By table: an export derives a GUID per coding (100,000 in a large
 * study), and toString(16) with padStart and slicing was most of deriveId's time.
 */
const hex8 = (h: number) => HEX_BYTE[h >>> 24]! + HEX_BYTE[(h >>> 16) & 0xff]! + HEX_BYTE[(h >>> 8) & 0xff]! + HEX_BYTE[h & 0xff]!;

/** The GUID written for a Dyad id: the id itself, or (for a non-UUID id from an old or hand-made project) a derived one. */
export function guidFor(id: string): string {
  return isGuid(id) ? id : deriveId('dyad-id', id);
}

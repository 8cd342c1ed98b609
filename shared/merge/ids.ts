/**
 * Ids the merge has to invent (an incoming id already taken by something else) are derived from the incoming
 * id, never random: planning twice gives the same plan, and merging the same file again finds what the first
 * merge added under the same derived id.
 */

/** A UUID-shaped id (version 8, "custom") from a 128-bit non-cryptographic hash of the parts. */
export function derivedId(...parts: string[]): string {
  const s = `dyad-merge\u0000${parts.join('\u0000')}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  let c = 0x9e3779b9;
  let d = 0x85ebca6b;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    a = Math.imul(a ^ k, 0x01000193);
    b = Math.imul(b ^ k, 0x5bd1e995) ^ (a >>> 13);
    c = Math.imul(c ^ k, 0xcc9e2d51) ^ (b >>> 15);
    d = Math.imul(d ^ k, 0x1b873593) ^ (c >>> 11);
  }
  for (let r = 0; r < 3; r++) {
    a = Math.imul(a ^ (d >>> 16), 0x85ebca6b);
    b = Math.imul(b ^ (a >>> 13), 0xc2b2ae35);
    c = Math.imul(c ^ (b >>> 16), 0x85ebca6b);
    d = Math.imul(d ^ (c >>> 13), 0xc2b2ae35);
  }
  const hex = [a, b, c, d].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The first id `freeId` derives when `wanted` is taken: where a previous merge put it. */
export const firstDerivedId = (wanted: string, ...salt: string[]): string => derivedId(wanted, ...salt, '0');

/** `wanted` when free, else the first derived id that is free. */
export function freeId(wanted: string, taken: (id: string) => boolean, ...salt: string[]): string {
  if (!taken(wanted)) return wanted;
  for (let n = 0; ; n++) {
    const id = derivedId(wanted, ...salt, String(n));
    if (!taken(id)) return id;
  }
}

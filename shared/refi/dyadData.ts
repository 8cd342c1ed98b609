/**
 * Dyad-specific data that REFI-QDA has no element for (an interview's dyad, session and role, its speaker turns
 * and recall moments; a dyad's sessions; a memo's target; the project's codebooks) travels in the Description
 * of the element it belongs to, as one last line:
 *
 *   dyad-data: {"v":1,…}
 *
 * after a sentence a person can read. Other tools show it as part of the description and otherwise ignore it;
 * Dyad reads it back. The JSON is on one line (JSON.stringify escapes newlines), so the marker can only be found
 * at the start of the last line.
 */

export const DYAD_DATA_VERSION = 1;
const MARKER = 'dyad-data: ';

export function withDyadData(human: string, data: object): string {
  return `${human}\n${MARKER}${JSON.stringify({ v: DYAD_DATA_VERSION, ...data })}`;
}

/** The readable part and the data; data is null when there is none or it cannot be read. */
export function splitDyadData(description: string | null | undefined): { human: string; data: Record<string, unknown> | null } {
  if (!description) return { human: '', data: null };
  const at = description.lastIndexOf(`\n${MARKER}`);
  const start = at >= 0 ? at + 1 : description.startsWith(MARKER) ? 0 : -1;
  if (start < 0) return { human: description, data: null };
  try {
    const data = JSON.parse(description.slice(start + MARKER.length)) as unknown;
    if (!data || typeof data !== 'object' || Array.isArray(data)) return { human: description, data: null };
    if ((data as { v?: unknown }).v !== DYAD_DATA_VERSION) return { human: description, data: null };
    return { human: description.slice(0, Math.max(0, start - 1)), data: data as Record<string, unknown> };
  } catch {
    return { human: description, data: null };
  }
}

/** A simple fingerprint of a text (FNV-1a over UTF-16 units), to tell whether another tool changed it. */
export function textFingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length}:${(h >>> 0).toString(16)}`;
}

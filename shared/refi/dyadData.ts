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

const DYAD_DATA_VERSION = 1;
const MARKER = 'dyad-data: ';

export function withDyadData(human: string, data: object): string {
  return `${human}\n${MARKER}${JSON.stringify({ v: DYAD_DATA_VERSION, ...data })}`;
}

/** The readable part and the data; data is null when there is none or it cannot be read. */
function splitDyadData(description: string | null | undefined): { human: string; data: Record<string, unknown> | null } {
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

/**
 * Since Dyad 0.x the same data travels out of sight instead: in a `.qdpx`, as one more archive entry,
 * `dyad.json`, which other tools do not read (they look only at the .qde and the files it names); in a `.qdc`,
 * as a processing instruction `<?dyad-data {…}?>`, which XML readers pass over. Descriptions then hold only what
 * a person should read. The old form above is still read, so projects exported by earlier versions come back
 * whole.
 */
export const DYAD_EXTRAS_ENTRY = 'dyad.json';
export const DYAD_EXTRAS_PI = 'dyad-data';
const EXTRAS_FORMAT = 'Dyad data for a REFI-QDA file';

export interface DyadExtras {
  /** The project's own data (kind "project": its name and codebooks). */
  project: Record<string, unknown> | null;
  /** Data by normalised GUID of the element it belongs to (kinds "interview", "dyad", "memo", "code"). */
  elements: Map<string, Record<string, unknown>>;
}

export const emptyExtras = (): DyadExtras => ({ project: null, elements: new Map() });

/** The JSON written to dyad.json (or the processing instruction); "<" and ">" escaped so it fits in XML. */
export function extrasJson(extras: DyadExtras): string {
  const elements: Record<string, unknown> = {};
  for (const [guid, data] of extras.elements) elements[guid] = data;
  return JSON.stringify({ format: EXTRAS_FORMAT, v: DYAD_DATA_VERSION, project: extras.project, elements }).replace(/[<>]/g, (c) => (c === '<' ? '\\u003c' : '\\u003e'));
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** dyad.json's text → its data; null when it is not Dyad's (or from a newer Dyad), so descriptions are read instead. */
export function parseExtras(text: string, normalise: (guid: string) => string | null): DyadExtras | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(raw) || raw.format !== EXTRAS_FORMAT || raw.v !== DYAD_DATA_VERSION) return null;
  const out = emptyExtras();
  if (isRecord(raw.project)) out.project = raw.project;
  if (isRecord(raw.elements)) {
    for (const [guid, data] of Object.entries(raw.elements)) {
      const g = normalise(guid);
      if (g && isRecord(data)) out.elements.set(g, data);
    }
  }
  return out;
}

/**
 * An element's Dyad data, from the extras when they have it, else from the old last line of its Description;
 * `human` is the Description without that line.
 */
export function dyadDataOf(extras: DyadExtras | null, guid: string, description: string | null | undefined): { human: string; data: Record<string, unknown> | null } {
  const old = splitDyadData(description);
  return { human: old.human, data: extras?.elements.get(guid) ?? old.data };
}

import { parseRefiXml } from '../../../electron/refi/xml';
import { projectFromXml } from '../../../shared/refi/readXml';
import { refiToSnapshot } from '../../../shared/refi/toSnapshot';

// Small REFI-QDA projects written in the test, read the way an imported .qdpx is read (the XML reader, then
// projectFromXml, then refiToSnapshot) without an archive: texts are inline (PlainTextContent) or given in `texts`.
// Child elements follow Project.xsd's order; GUIDs are written in upper case with braces, as NVivo does, so that
// their normalisation is part of what is read.

export const WHERE = 'study.qdpx';
export const NOW = '2026-03-02T12:00:00Z';

/** A GUID of the form the standard asks for, readable in a failing test: guid('c0de', 1). */
export const guid = (prefix: string, n: number) => `${prefix.padEnd(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** The same GUID as another tool may write it. */
export const written = (g: string) => `{${g.toUpperCase()}}`;

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `<Project>` around `body`, with the attributes given (name and origin by default). */
export function qde(body: string, attrs: Record<string, string> = {}): string {
  const all = { name: 'Recall study', origin: 'QualCoder 3.6', ...attrs };
  const a = Object.entries(all).map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0"${a}>\n${body}\n</Project>\n`;
}

export const users = (...list: [string, string][]) => `<Users>${list.map(([g, n]) => `<User guid="${written(g)}" name="${esc(n)}"/>`).join('')}</Users>`;

type Options = Partial<Parameters<typeof refiToSnapshot>[1]>;

/** The project document read as an import reads it; texts by GUID as found in an archive. */
export function importQde(xml: string, opts: Options = {}) {
  const project = projectFromXml(parseRefiXml(xml, WHERE), WHERE);
  return refiToSnapshot(project, { where: WHERE, texts: new Map(), fallbackName: 'study', now: NOW, ...opts });
}

/** The import's refusal message (it must refuse). */
export function refusal(xml: string, opts: Options = {}): string {
  try {
    importQde(xml, opts);
  } catch (e) {
    // A broken file is the file's fault, said as such (not an internal error).
    if ((e as { kind?: unknown }).kind !== 'bad-file') throw e;
    return (e as Error).message;
  }
  throw new Error('the import was expected to refuse the file');
}

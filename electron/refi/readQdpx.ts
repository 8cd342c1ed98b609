/**
 * A .qdpx file → ProjectSnapshot, without writing anything. What real files do (NOTES.md): "Sources/" or
 * "sources/", "project.qde" or "Project.qde" or "<name>.qde", GUIDs in any case with or without braces, text
 * sources with or without a BOM and in UTF-16, sources missing altogether, and plainTextPath in several forms.
 */
import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DyadError } from '../../shared/api/errors';
import type { ProjectSnapshot } from '../../shared/snapshot/types';
import { DYAD_EXTRAS_ENTRY, type DyadExtras, parseExtras } from '../../shared/refi/dyadData';
import { normaliseGuid } from '../../shared/refi/guid';
import type { RefiProject, RefiTextSource } from '../../shared/refi/model';
import { mediaPathParts, type ResolveMedia } from '../../shared/refi/media';
import type { PositionUnit } from '../../shared/refi/positions';
import { projectFromXml, textSourceReader } from '../../shared/refi/readXml';
import { refiToSnapshot, type RefiSnapshot } from '../../shared/refi/toSnapshot';
import { now } from '../core/ids';
import { decodeTranscriptBytes } from '../import/decode';
import { readDocxText } from '../import/docx';
import { RefiXmlReader } from './xml';
import { openSafeZip, type SafeZip } from './zipRead';

export interface RefiJob {
  signal?: AbortSignal;
  progress?: (done: number, total: number, message: string) => void;
}

export interface QdpxReadOptions extends RefiJob {
  /** Find speaker turns in sources without Dyad's data (default true; a merge that needs only codings may skip it). */
  findTurns?: boolean;
  customMarkerPatterns?: readonly string[];
  /** The folder the .qdpx is in, for recordings named relative to it (readQdpx sets it). */
  folder?: string;
}

export interface QdpxRead extends RefiSnapshot {
  snapshot: ProjectSnapshot;
  positionUnit: PositionUnit;
  warnings: string[];
  /** The file's name as messages show it. */
  fileName: string;
  /** The .qde inside it. */
  qdeName: string;
}

const cancelled = (label: string) => new DyadError('cancelled', `Reading ${label} was cancelled; nothing was imported.`);

/** The one .qde at the archive's root (any name, any case). */
function findQde(zip: SafeZip, label: string) {
  // "._x.qde" is macOS's resource-fork litter, not a second project.
  const qdes = zip.entries.filter((e) => !e.name.includes('/') && /\.qde$/i.test(e.name) && !e.name.startsWith('._'));
  if (qdes.length === 1) return qdes[0]!;
  if (!qdes.length) {
    const nested = zip.entries.find((e) => /\.qde$/i.test(e.name));
    throw new DyadError(
      'bad-file',
      `${label} is not a REFI-QDA project: it has no project.qde${nested ? ` at its top level (only "${nested.name}")` : ''}. Nothing was imported.`,
    );
  }
  const standard = qdes.find((e) => e.name.toLowerCase() === 'project.qde');
  if (standard) return standard;
  throw new DyadError('bad-file', `${label} holds several projects (${qdes.map((q) => q.name).join(', ')}); Dyad reads one .qde per file. Nothing was imported.`);
}

/** Some tools write paths URL-encoded ("my%20interview.txt"). */
function urlDecoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** A path as a source names it (`internal://x.txt`, `x.txt`, `relative://…`): its scheme and its archive path. */
function splitPath(path: string): { scheme: string; rest: string } {
  const m = /^([a-z]+):\/\/(.*)$/i.exec(path);
  return { scheme: m?.[1]?.toLowerCase() ?? 'internal', rest: (m ? m[2]! : path).replace(/\\/g, '/') };
}

/** An internal path's entry: under sources/ (any case), at the top, or URL-encoded. */
const findInternal = (zip: SafeZip, rest: string) => zip.find(`sources/${rest}`) ?? zip.find(rest) ?? zip.find(`sources/${urlDecoded(rest)}`);

/** Where a source's text is in the archive, or why it is not there; `rich` when only its Word copy is there. */
function locateText(zip: SafeZip, s: RefiTextSource): { entry: ReturnType<SafeZip['find']>; note?: string; missing?: string; rich?: boolean } {
  const path = s.plainTextPath?.trim();
  if (path) {
    const { scheme, rest } = splitPath(path);
    if (scheme === 'internal') {
      const entry = findInternal(zip, rest);
      return entry ? { entry } : { entry: undefined, missing: `${path} is not in the archive` };
    }
    // relative:// and absolute:// point outside the archive; Dyad reads nothing from outside it, but a copy of
    // the same file inside the archive is the text meant.
    const name = rest.split('/').pop() ?? '';
    const entry = name ? zip.find(`sources/${name}`) : undefined;
    if (entry) return { entry, note: path };
    return { entry: undefined, missing: `its text is outside the archive (${path})` };
  }
  if (s.plainTextContent !== null) return { entry: undefined };
  const byGuid = zip.find(`sources/${s.guid}.txt`);
  if (byGuid) return { entry: byGuid };
  // Only a Word copy: its text is the best reading of the source there is (the warning says so).
  const rich = s.richTextPath?.trim();
  if (rich && /\.docx$/iu.test(rich)) {
    const { scheme, rest } = splitPath(rich);
    const entry = scheme === 'internal' ? findInternal(zip, rest) : undefined;
    if (entry) return { entry, rich: true };
  }
  return { entry: undefined, missing: rich ? 'the file has only a rich-text copy of it, and not one Dyad can read' : 'the file gives no text for it' };
}

/** Dyad's own data beside the .qde (dyad.json), when Dyad wrote the archive; a damaged one is said and ignored. */
async function readExtras(zip: SafeZip, label: string, warnings: string[], signal?: AbortSignal): Promise<DyadExtras | null> {
  const entry = zip.entries.find((e) => e.name === DYAD_EXTRAS_ENTRY);
  if (!entry) return null;
  const extras = parseExtras(new TextDecoder().decode(await zip.read(entry, signal)), normaliseGuid);
  if (!extras) warnings.push(`${label}: its ${DYAD_EXTRAS_ENTRY} (Dyad's sessions, roles, turns and recall moments) could not be read; the project was read as another program's.`);
  return extras;
}

async function readProject(zip: SafeZip, label: string, opts: QdpxReadOptions): Promise<QdpxRead> {
  const qde = findQde(zip, label);
  const where = `${label} (${qde.name})`;
  opts.progress?.(0, 1, `Reading ${qde.name}`);
  // Parsed as it is inflated, each source read as it closes: the .qde of a large study is tens of megabytes.
  const xml = new RefiXmlReader(where, { path: ['Project', 'Sources', 'TextSource'], read: textSourceReader(where) });
  await zip.stream(qde, (chunk) => xml.write(chunk), opts.signal);
  const project: RefiProject = projectFromXml(xml.end(), where);
  const extrasWarnings: string[] = [];
  const extras = await readExtras(zip, label, extrasWarnings, opts.signal);

  const texts = new Map<string, string>();
  const missingTexts = new Map<string, string>();
  const outside: string[] = [];
  const readByEntry = new Map<string, string>();
  const fromWord: string[] = [];
  const items = [...project.sources, ...project.notes, ...project.mediaSources.flatMap((m) => m.transcripts)];
  for (const [n, s] of items.entries()) {
    if (opts.signal?.aborted) throw cancelled(label);
    if (n % 16 === 0) opts.progress?.(n, items.length, `Reading ${s.name || s.guid}`);
    const found = locateText(zip, s);
    if (found.missing) {
      missingTexts.set(s.guid, found.missing);
      continue;
    }
    if (!found.entry) continue; // inline PlainTextContent
    // A transcript names the same file as its text source (Dyad writes them so): read once.
    const already = readByEntry.get(found.entry.name);
    if (already !== undefined) {
      texts.set(s.guid, already);
      continue;
    }
    if (found.note) outside.push(found.note);
    try {
      const bytes = await zip.read(found.entry, opts.signal);
      if (found.rich) {
        texts.set(s.guid, (await readDocxText(`${label}: ${found.entry.name}`, bytes)).text);
        fromWord.push(s.name || s.guid);
      }
      // BOM stripped (positions do not count it), UTF-16 decoded.
      else texts.set(s.guid, decodeTranscriptBytes(`${label}: ${found.entry.name}`, bytes).text);
      readByEntry.set(found.entry.name, texts.get(s.guid)!);
    } catch (e) {
      if (!(e instanceof DyadError) || e.kind !== 'bad-file' || /zip bomb|damaged/.test(e.message)) throw e;
      missingTexts.set(s.guid, e.message.replace(/^.*?: /, ''));
    }
  }
  const result = refiToSnapshot(project, {
    where: label,
    texts,
    missingTexts,
    fallbackName: basename(label, extname(label)),
    now: now(),
    findTurns: opts.findTurns,
    customMarkerPatterns: opts.customMarkerPatterns,
    extras,
    resolveMedia: mediaResolver(opts.folder),
  });
  result.warnings.unshift(...extrasWarnings);
  if (outside.length) {
    result.warnings.unshift(`${label}: ${outside.length} source${outside.length === 1 ? ' points' : 's point'} outside the archive (${outside[0]}${outside.length > 1 ? ', …' : ''}); the copy inside the archive was used.`);
  }
  if (fromWord.length) {
    result.warnings.unshift(
      `${label}: ${fromWord.length} source${fromWord.length === 1 ? ' has' : 's have'} no plain-text copy (${fromWord.slice(0, 3).map((n) => `"${n}"`).join(', ')}${fromWord.length > 3 ? ', …' : ''}); the text was read from the Word copy, so check that its coded passages fall where they did in the other program.`,
    );
  }
  opts.progress?.(items.length, items.length, 'Read');
  return { ...result, fileName: label, qdeName: qde.name };
}

/**
 * Where a recording named by a media source is on this machine: `relative://` (or a bare relative path) beside
 * the .qdpx first, then under the project's basePath; `absolute://`, `file://` and plain absolute paths as they
 * are. Where no file is found the first place looked is returned, for the warning to name.
 */
function mediaResolver(folder: string | undefined): ResolveMedia {
  return (path, basePath) => {
    const { scheme, rest } = mediaPathParts(path);
    const decoded = urlDecoded(rest);
    if (scheme === 'relative') {
      const parts = decoded.split(/[\\/]/).filter((x) => x && x !== '.');
      const places = [folder, basePath?.trim() ? basePath.trim() : undefined].filter((x): x is string => !!x).map((dir) => join(dir, ...parts));
      const found = places.find(isFile);
      return { path: found ?? places[0] ?? parts.join('/'), found: !!found };
    }
    // file:///home/x.mp4 and absolute:///home/x.mp4 (or absolute://C:/x.mp4).
    const full = /^\/[a-z]:[\\/]/i.test(decoded) ? decoded.slice(1) : scheme === 'file' ? decoded.replace(/^localhost(?=\/)/, '') : decoded;
    return { path: full, found: isFile(full) };
  };
}

const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** Reads a .qdpx from disk. Errors name the file; nothing is written anywhere. */
export async function readQdpx(path: string, opts: QdpxReadOptions = {}): Promise<QdpxRead> {
  const label = basename(path);
  try {
    if (!(await stat(path)).isFile()) throw new DyadError('bad-file', `${path} is a folder, not a .qdpx file.`);
  } catch (e) {
    if (e instanceof DyadError) throw e;
    throw new DyadError('not-found', `${path} does not exist or cannot be read.`);
  }
  const zip = await openSafeZip(path, label);
  try {
    return await readProject(zip, label, { folder: dirname(resolve(path)), ...opts });
  } finally {
    zip.close();
  }
}

/** Reads a .qdpx handed over as bytes (the browser's file picker). */
export async function readQdpxBytes(bytes: Buffer, fileName: string, opts: QdpxReadOptions = {}): Promise<QdpxRead> {
  const zip = await openSafeZip(bytes, fileName);
  try {
    return await readProject(zip, fileName, opts);
  } finally {
    zip.close();
  }
}

/** Bytes of a file the caller names, refusing anything absurdly large before reading it. */
export async function readSmallFile(path: string, maxBytes: number, what: string): Promise<Buffer> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new DyadError('bad-file', `${path} is a folder, not ${what}.`);
    size = st.size;
  } catch (e) {
    if (e instanceof DyadError) throw e;
    throw new DyadError('not-found', `${path} does not exist or cannot be read.`);
  }
  if (size > maxBytes) throw new DyadError('bad-file', `${path} is too large for ${what} (${Math.round(size / 1024 / 1024)} MB).`);
  return readFile(path);
}

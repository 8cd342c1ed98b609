import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { memoryPages, validateXML } from 'xmllint-wasm';
import type { Db } from '../../../electron/core/database';
import { appRoot } from '../../../electron/core/paths';
import { openSafeZip } from '../../../electron/refi/zipRead';
import { ZipWriter } from '../../../electron/refi/zipWrite';
import type { ProjectSnapshot } from '../../../shared/snapshot/types';

export const FIXTURES = resolve(appRoot(), 'tests/fixtures/refi');
/**
 * The REFI-QDA schemas live in the shared/ folder beside the checkout, not in the repository (CI has them there
 * too); a stranger's clone has none, and the tests that validate against them say they were skipped.
 */
export const PROJECT_XSD = resolve(appRoot(), '../shared/refi-qda/Project.xsd');
export const CODEBOOK_XSD = resolve(appRoot(), '../shared/refi-qda/Codebook.xsd');

/**
 * True (and says so on the console) when material from outside the repository is absent, for `it.skipIf`.
 * CI sets DYAD_REQUIRE_OUTSIDE_FILES=1, so there a missing file fails instead of skipping.
 */
export function absent(path: string, what: string): boolean {
  if (existsSync(path)) return false;
  if (process.env.DYAD_REQUIRE_OUTSIDE_FILES === '1') throw new Error(`${path} is missing, and ${what} must run here (DYAD_REQUIRE_OUTSIDE_FILES=1)`);
  console.warn(`skipped: ${what} — ${path} is absent (it sits beside the checkout, outside the repository)`);
  return true;
}

/**
 * libxml2's verdict on a file against a schema, '' when it validates, else its complaints: the same library
 * as Debian's xmllint, compiled to WebAssembly (xmllint-wasm), so no system package is needed.
 */
export async function schemaErrors(file: string, xsd: string): Promise<string> {
  const r = await validateXML({
    xml: { fileName: basename(file).replace(/^-+/, ''), contents: readFileSync(file, 'utf8') },
    schema: { fileName: basename(xsd), contents: readFileSync(xsd, 'utf8') },
    // a whole project.qde of a study may outgrow the default 32 MiB ceiling
    maxMemoryPages: 256 * memoryPages.MiB,
  });
  return r.valid ? '' : r.errors.map((e) => e.rawMessage).join('\n');
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = join(dir, f);
    return statSync(full).isDirectory() ? filesUnder(full, `${prefix}${f}/`) : [`${prefix}${f}`];
  });
}

/** Packs a fixture folder into a .qdpx (entry names exactly as the folder has them, "Sources/" and all). */
export async function zipFolder(
  dir: string,
  out: string,
  rename: (name: string) => string | null = (n) => n,
  edit: (name: string, data: Buffer) => Buffer = (_n, d) => d,
): Promise<string> {
  const zip = await ZipWriter.create(out);
  for (const f of filesUnder(dir).sort()) {
    const name = rename(f);
    if (name !== null) await zip.addFile(name, edit(f, readFileSync(join(dir, f))));
  }
  await zip.finish();
  return out;
}

/** Rows per table: what "nothing was written" is checked against. */
export function tableCounts(db: Db): Record<string, number> {
  const tables = ['coders', 'codebooks', 'codes', 'dyads', 'sessions', 'interviews', 'turns', 'moments', 'codings', 'memos', 'turns_fts'];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
}

/** A snapshot with every list in id order, so two snapshots compare regardless of how they were read. */
export function sorted(s: ProjectSnapshot): ProjectSnapshot {
  const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    ...s,
    coders: byId(s.coders),
    codebooks: byId(s.codebooks),
    codes: byId(s.codes),
    dyads: byId(s.dyads).map((d) => ({ ...d, sessions: byId(d.sessions) })),
    interviews: byId(s.interviews).map((i) => ({ ...i, turns: byId(i.turns), moments: byId(i.moments) })),
    codings: byId(s.codings),
    memos: byId(s.memos),
  };
}

/**
 * True (and says so) where Info-ZIP's unzip, a second reader of our archives, is not installed; for `it.skipIf`
 * (`npm test` does not need it).
 */
export function noUnzip(): boolean {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'pipe' });
    return false;
  } catch {
    console.warn('skipped: reading the .qdpx with Info-ZIP unzip — no `unzip` on this machine');
    return true;
  }
}

export { existsSync };

/** One entry of a .qdpx as text (project.qde, a source), read through the same guarded reader as an import. */
export async function entryText(file: string, name: string): Promise<string> {
  const zip = await openSafeZip(file, file);
  try {
    return (await zip.read(zip.find(name)!)).toString('utf8');
  } finally {
    zip.close();
  }
}

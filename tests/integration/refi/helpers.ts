import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../../../electron/core/database';
import { appRoot } from '../../../electron/core/paths';
import { ZipWriter } from '../../../electron/refi/zipWrite';
import type { ProjectSnapshot } from '../../../shared/exchange/snapshot';

export const FIXTURES = resolve(appRoot(), 'tests/fixtures/refi');
/** The REFI-QDA schemas live in the shared/ folder beside the checkout (CI has them there too). */
export const PROJECT_XSD = resolve(appRoot(), '../shared/refi-qda/Project.xsd');
export const CODEBOOK_XSD = resolve(appRoot(), '../shared/refi-qda/Codebook.xsd');

/** xmllint's verdict on a file against a schema: '' when it validates, else its complaints. */
export function schemaErrors(file: string, xsd: string): string {
  try {
    execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
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

export const hasUnzip = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

export { existsSync };

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DyadError } from '../../../shared/api/errors';
import { ROLES, type Role } from '../../../shared/domain/types';
import { formatTime } from '../../../shared/import';
import type { Db } from '../../core/database';
import { alignSession } from '../../core/alignment';
import { findSession, getDyad, listDyadTree } from '../../core/dyads';
import { commitStaged, stageFiles } from '../../core/importer';
import { Project } from '../../core/project';
import { type CliIo, UsageError } from '../io';

export const TRANSCRIPT_EXTENSIONS = ['.txt', '.text', '.docx', '.vtt', '.srt', '.md'];

export function withProject<T>(file: string, fn: (p: Project) => T, opts: { create?: boolean } = {}): T {
  const project = Project.open(resolve(file), opts);
  try {
    return fn(project);
  } finally {
    project.close();
  }
}

export async function withProjectAsync<T>(file: string, fn: (p: Project) => Promise<T>): Promise<T> {
  const project = Project.open(resolve(file));
  try {
    return await fn(project);
  } finally {
    project.close();
  }
}

export function cmdNew(args: string[], io: CliIo): number {
  const file = args[0];
  if (!file) throw new UsageError('dyad new FILE');
  if (existsSync(file)) throw new DyadError('conflict', `${file} already exists; Dyad will not overwrite it.`);
  withProject(file, () => undefined, { create: true });
  io.out(`Created ${resolve(file)}`);
  return 0;
}

/** Files named on the command line, with folders expanded to the transcripts directly inside them. */
export function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new DyadError('not-found', `${p} does not exist.`);
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) {
        const full = join(p, f);
        if (statSync(full).isFile() && TRANSCRIPT_EXTENSIONS.some((e) => f.toLowerCase().endsWith(e))) files.push(full);
      }
    } else files.push(p);
  }
  return files;
}

export async function cmdImport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { dyad: { type: 'string' }, session: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean' } },
  });
  const [file, ...paths] = positionals;
  if (!file || !paths.length) throw new UsageError('dyad import FILE [--dyad NAME --session N --role client|therapist|other] PATH…');
  if (values.role && !ROLES.includes(values.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const session = values.session !== undefined ? Number(values.session) : undefined;
  if (session !== undefined && (!Number.isInteger(session) || session < 1)) throw new UsageError('--session must be a whole number from 1');
  const files = expandPaths(paths);
  if (!files.length) throw new DyadError('not-found', `No transcript files (${TRANSCRIPT_EXTENSIONS.join(' ')}) in ${paths.join(', ')}.`);
  return withProjectAsync(file, async (project) => {
    const staged = await stageFiles(
      files.map((f) => ({ name: basename(f), bytes: readFileSync(f) })),
      project.settings(),
    );
    const bad = staged.filter((s) => !s.parsed);
    if (bad.length) throw new DyadError('bad-file', bad.map((b) => b.error).join('\n'));
    const items = staged.map((s) => {
      const dyad = values.dyad ?? s.proposed?.dyad;
      const sess = session ?? s.proposed?.session;
      const role = (values.role as Role | undefined) ?? s.proposed?.role;
      if (!dyad || !sess || !role) {
        throw new DyadError(
          'invalid-input',
          `${s.name}: cannot tell its dyad, session and role from the file name (pattern ${project.settings().fileNamePattern}); give --dyad, --session and --role.`,
        );
      }
      return { index: s.index, dyad, session: sess, role, speakerRoles: s.speakerRoles };
    });
    const ids = await commitStaged(project, staged, items);
    if (values.json) io.out(JSON.stringify({ interviewIds: ids }, null, 2));
    else
      for (const [i, s] of staged.entries())
        io.out(
          `Imported ${s.name} → dyad ${items[i]!.dyad}, session ${items[i]!.session}, ${items[i]!.role} (${s.parsed!.turns.length} turns, ${s.parsed!.moments.length} recall moments)`,
        );
    return 0;
  });
}

export function cmdList(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const file = positionals[0];
  if (!file) throw new UsageError('dyad list FILE [--json]');
  return withProject(file, (project) => {
    const tree = listDyadTree(project.db);
    if (values.json) {
      io.out(JSON.stringify({ project: project.name, dyads: tree }, null, 2));
      return 0;
    }
    if (!tree.length) io.out('No dyads yet. Import transcripts with `dyad import`.');
    for (const d of tree) {
      const attrs = Object.entries(d.attributes)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ');
      io.out(`dyad ${d.name}${attrs ? `  (${attrs})` : ''}`);
      for (const s of d.sessions) {
        io.out(`  session ${s.number}${s.date ? ` — ${s.date}` : ''}`);
        for (const i of s.interviews)
          io.out(`    ${i.role.padEnd(9)} ${i.sourceName}  ${i.wordCount} words, ${i.turnCount} turns, ${i.momentCount} moments  [${i.id}]`);
      }
    }
    return 0;
  });
}

export function cmdAlign(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { dyad: { type: 'string' }, session: { type: 'string' }, json: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file || !values.dyad || !values.session) throw new UsageError('dyad align FILE --dyad NAME --session N [--json]');
  return withProject(file, (project) => {
    const session = findSession(project.db, values.dyad!, Number(values.session));
    if (!session) throw new DyadError('not-found', `No session ${values.session} for dyad ${values.dyad} in ${file}.${sessionsList(project.db)}`);
    const a = alignSession(project.db, session.id, project.settings().alignToleranceSeconds);
    const texts = new Map<string, string>();
    const textOf = (id: string) => {
      if (!texts.has(id)) texts.set(id, (project.db.prepare('SELECT text FROM interviews WHERE id = ?').get(id) as { text: string }).text);
      return texts.get(id)!;
    };
    const side = (s: (typeof a.rows)[number]['client']) =>
      s && {
        ...s,
        sessionTimeLabel: s.sessionTime === null ? null : formatTime(s.sessionTime),
        text: textOf(s.interviewId).slice(s.start, s.end).trim(),
      };
    const rows = a.rows.map((r) => ({
      sessionTime: r.sessionTime,
      sessionTimeLabel: r.sessionTime === null ? null : formatTime(r.sessionTime),
      match: r.match,
      delta: r.delta,
      client: side(r.client),
      therapist: side(r.therapist),
    }));
    if (values.json) {
      io.out(JSON.stringify({ dyad: getDyad(project.db, session.dyadId).name, session: session.number, toleranceSeconds: a.toleranceSeconds, rows }, null, 2));
      return 0;
    }
    for (const r of rows) {
      const c = r.client ? r.client.label : '—';
      const t = r.therapist ? r.therapist.label : '—';
      io.out(`${(r.sessionTimeLabel ?? '').padEnd(9)} ${r.match.padEnd(6)} client ${c.padEnd(24)} therapist ${t}`);
    }
    return 0;
  });
}

/** " Its sessions: dyad 4 session 1, …" — what a researcher who mistyped can ask for instead. */
function sessionsList(db: Db): string {
  const rows = db
    .prepare('SELECT d.name AS dyad, s.number AS number FROM sessions s JOIN dyads d ON d.id = s.dyad_id ORDER BY d.name, s.number LIMIT 21')
    .all() as { dyad: string; number: number }[];
  if (!rows.length) return ' It has no sessions yet.';
  const shown = rows.slice(0, 20).map((r) => `dyad ${r.dyad} session ${r.number}`);
  return ` Its sessions: ${shown.join(', ')}${rows.length > 20 ? ', …' : ''}.`;
}

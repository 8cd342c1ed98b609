/**
 * `dyad search`, `dyad retrieve`, `dyad matrix`, `dyad concordance`: the read side of coded data on the command
 * line. Names (dyads, coders, code paths) are resolved here; the work is electron/core/analysis. With --json the
 * output is the API's answer as documented in docs/cli-analysis.md.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DyadError } from '../../../shared/api/errors';
import { ROLES, type Role, type SpeakerRole } from '../../../shared/domain/types';
import { formatTime } from '../../../shared/import';
import { resolveCodePathReadOnly } from '../../core/analysis/codes';
import { concordance, concordanceRows, type ConcordanceCategory } from '../../core/analysis/concordance';
import { codeMatrix } from '../../core/analysis/matrix';
import { retrieve, type CombineOp, type SameMomentScope } from '../../core/analysis/retrieve';
import { searchText } from '../../core/analysis/search';
import { findDyadByName } from '../../core/dyads';
import type { Db } from '../../core/database';
import type { Project } from '../../core/project';
import { type CliIo, UsageError } from '../io';
import { withProject } from './basic';

const SPEAKER_ROLES: SpeakerRole[] = ['interviewer', 'participant', 'unknown'];
const CATEGORIES: ConcordanceCategory[] = ['both', 'client-only', 'therapist-only', 'unpaired-client', 'unpaired-therapist'];
const SCOPES: SameMomentScope[] = ['same-side', 'other-side', 'either-side'];

const scopeOptions = {
  dyad: { type: 'string', multiple: true },
  session: { type: 'string', multiple: true },
  attr: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

interface ScopeValues {
  dyad?: string[] | undefined;
  session?: string[] | undefined;
  attr?: string[] | undefined;
}

const fileOf = (p: Project) => basename(p.path);

function dyadIds(db: Db, file: string, names: string[] | undefined): string[] | undefined {
  if (!names?.length) return undefined;
  return names.map((n) => {
    const id = findDyadByName(db, n)?.id;
    if (!id) {
      const known = (db.prepare('SELECT name FROM dyads').pluck().all() as string[]).join(', ');
      throw new DyadError('not-found', `${file} has no dyad "${n}".${known ? ` Its dyads: ${known}.` : ''}`);
    }
    return id;
  });
}

function sessionIds(db: Db, file: string, numbers: string[] | undefined, dyads: string[] | undefined): string[] | undefined {
  if (!numbers?.length) return undefined;
  const ns = numbers.map((n) => {
    const v = Number(n);
    if (!Number.isInteger(v) || v < 1) throw new UsageError('--session must be a whole number from 1');
    return v;
  });
  const rows = db.prepare('SELECT id, dyad_id, number FROM sessions').all() as { id: string; dyad_id: string; number: number }[];
  const ids = rows.filter((r) => ns.includes(r.number) && (!dyads || dyads.includes(r.dyad_id))).map((r) => r.id);
  if (!ids.length) throw new DyadError('not-found', `${file} has no session ${ns.join(', ')}${dyads ? ' for the dyads given' : ''}.`);
  return ids;
}

function attributes(pairs: string[] | undefined): Record<string, string[]> | undefined {
  if (!pairs?.length) return undefined;
  const out: Record<string, string[]> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`--attr takes key=value (got "${p}")`);
    const k = p.slice(0, eq).trim();
    (out[k] ??= []).push(p.slice(eq + 1).trim());
  }
  return out;
}

function roles(values: string[] | undefined): Role[] | undefined {
  if (!values?.length) return undefined;
  for (const r of values) if (!ROLES.includes(r as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  return values as Role[];
}

function coderIds(db: Db, file: string, names: string[] | undefined): string[] | undefined {
  if (!names?.length) return undefined;
  const all = db.prepare('SELECT id, name FROM coders').all() as { id: string; name: string }[];
  return names.map((n) => {
    const hit = all.find((c) => c.name.toLocaleLowerCase() === n.trim().toLocaleLowerCase());
    if (!hit) throw new DyadError('not-found', `${file} has no coder "${n}".${all.length ? ` Its coders: ${all.map((c) => c.name).join(', ')}.` : ''}`);
    return hit.id;
  });
}

function scope(p: Project, v: ScopeValues) {
  const file = fileOf(p);
  const dyads = dyadIds(p.db, file, v.dyad);
  return { dyadIds: dyads, sessionIds: sessionIds(p.db, file, v.session, dyads), attributes: attributes(v.attr) };
}

function count(value: string | undefined, flag: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number from ${min}`);
  return n;
}

const time = (t: number | null) => (t === null ? '' : formatTime(t));
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function cmdSearch(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...scopeOptions,
      role: { type: 'string', multiple: true },
      'speaker-role': { type: 'string', multiple: true },
      speaker: { type: 'string', multiple: true },
      limit: { type: 'string' },
      offset: { type: 'string' },
    },
  });
  const [file, ...words] = positionals;
  if (!file || !words.length) throw new UsageError('dyad search FILE QUERY [--dyad N] [--session N] [--role R] [--speaker-role R] [--speaker S] [--limit N] [--json]');
  for (const r of values['speaker-role'] ?? []) {
    if (!SPEAKER_ROLES.includes(r as SpeakerRole)) throw new UsageError(`--speaker-role must be one of ${SPEAKER_ROLES.join(', ')}`);
  }
  return withProject(file, (p) => {
    const result = searchText(p.db, {
      query: words.join(' '),
      ...scope(p, values),
      roles: roles(values.role),
      speakerRoles: values['speaker-role'] as SpeakerRole[] | undefined,
      speakers: values.speaker,
      limit: count(values.limit, '--limit', 50),
      offset: count(values.offset, '--offset', 0, 0),
    });
    if (values.json) {
      io.out(JSON.stringify(result, null, 2));
      return 0;
    }
    io.out(`${result.total} turn${result.total === 1 ? '' : 's'} match ${result.query}`);
    for (const h of result.hits) {
      const s = h.snippet;
      let text = '';
      let at = 0;
      for (const m of s.marks) {
        text += `${s.text.slice(at, m.start)}«${s.text.slice(m.start, m.end)}»`;
        at = m.end;
      }
      text += s.text.slice(at);
      const when = h.sessionTime === null ? '' : ` ${time(h.sessionTime)}`;
      io.out(`dyad ${h.dyadName}, session ${h.sessionNumber}, ${h.role}${when} — ${h.speaker}: ${s.clippedStart ? '…' : ''}${oneLine(text)}${s.clippedEnd ? '…' : ''}`);
    }
    if (result.offset + result.hits.length < result.total) io.out(`… ${result.total - result.offset - result.hits.length} more (use --offset and --limit)`);
    return 0;
  });
}

export function cmdRetrieve(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...scopeOptions,
      code: { type: 'string' },
      and: { type: 'string' },
      'but-not': { type: 'string' },
      'same-moment': { type: 'string' },
      scope: { type: 'string' },
      role: { type: 'string', multiple: true },
      coder: { type: 'string', multiple: true },
      subcodes: { type: 'boolean' },
      context: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
    },
  });
  const file = positionals[0];
  const usage =
    'dyad retrieve FILE --code PATH [--and PATH | --but-not PATH | --same-moment PATH [--scope same-side|other-side|either-side]] ' +
    '[--role R] [--dyad N] [--session N] [--coder NAME] [--attr key=value] [--subcodes] [--context N] [--limit N] [--json]';
  if (!file || !values.code) throw new UsageError(usage);
  const ops = (['and', 'but-not', 'same-moment'] as const).filter((k) => values[k] !== undefined);
  if (ops.length > 1) throw new UsageError(`give one of --and, --but-not, --same-moment\n${usage}`);
  if (values.scope !== undefined && ops[0] !== 'same-moment') throw new UsageError('--scope goes with --same-moment');
  if (values.scope !== undefined && !SCOPES.includes(values.scope as SameMomentScope)) throw new UsageError(`--scope must be one of ${SCOPES.join(', ')}`);
  return withProject(file, (p) => {
    const where = fileOf(p);
    const code = resolveCodePathReadOnly(p.db, values.code!, where);
    const opName = ops[0];
    const combine = opName
      ? { op: (opName === 'and' ? 'and-overlap' : opName) as CombineOp, other: resolveCodePathReadOnly(p.db, values[opName]!, where) }
      : undefined;
    const result = retrieve(
      p.db,
      {
        code,
        combine,
        sameMomentScope: values.scope as SameMomentScope | undefined,
        ...scope(p, values),
        roles: roles(values.role),
        coderIds: coderIds(p.db, where, values.coder),
        includeSubcodes: values.subcodes ?? false,
        contextChars: count(values.context, '--context', 0, 0),
        limit: count(values.limit, '--limit', 1000),
        offset: count(values.offset, '--offset', 0, 0),
      },
      p.settings().alignToleranceSeconds,
    );
    if (values.json) {
      io.out(JSON.stringify(result, null, 2));
      return 0;
    }
    const what = result.other ? `${result.code.path} ${combine!.op} ${result.other.path}` : result.code.path;
    io.out(`${result.total} excerpt${result.total === 1 ? '' : 's'}: ${what}`);
    for (const e of result.excerpts) {
      const when = e.sessionTime === null ? '' : `, ${time(e.sessionTime)}`;
      const ctx = (s: string, side: 'before' | 'after') => (s ? (side === 'before' ? `${oneLine(s)} ` : ` ${oneLine(s)}`) : '');
      io.out('');
      io.out(`${ctx(e.before, 'before')}"${oneLine(e.text)}"${ctx(e.after, 'after')}`);
      io.out(`  (${e.role}, dyad ${e.dyadName}, session ${e.sessionNumber}${when}) ${e.speaker ? `${e.speaker}; ` : ''}${e.codePath}; ${e.coders.join(', ')}`);
    }
    return 0;
  });
}

export function cmdMatrix(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...scopeOptions,
      by: { type: 'string' },
      code: { type: 'string', multiple: true },
      role: { type: 'string', multiple: true },
      coder: { type: 'string', multiple: true },
      subcodes: { type: 'boolean' },
    },
  });
  const file = positionals[0];
  if (!file || (values.by !== 'role' && values.by !== 'dyad')) {
    throw new UsageError('dyad matrix FILE --by role|dyad [--code PATH]… [--subcodes] [--coder NAME] [--dyad N] [--role R] [--attr key=value] [--json]');
  }
  return withProject(file, (p) => {
    const where = fileOf(p);
    const result = codeMatrix(p.db, {
      columns: values.by as 'role' | 'dyad',
      codeIds: values.code?.map((c) => resolveCodePathReadOnly(p.db, c, where)),
      ...scope(p, values),
      roles: roles(values.role),
      coderIds: coderIds(p.db, where, values.coder),
      includeSubcodes: values.subcodes ?? false,
    });
    if (values.json) {
      io.out(JSON.stringify(result, null, 2));
      return 0;
    }
    const width = Math.max(4, ...result.rows.map((r) => r.codePath.length + 2 * r.depth)) + 2;
    const cols = [...result.columns.map((c) => (values.by === 'dyad' ? `dyad ${c.label}` : c.label)), 'total'];
    io.out(`${'code'.padEnd(width)}${cols.map((c) => c.padStart(16)).join('')}`);
    io.out(`${''.padEnd(width)}${cols.map(() => 'codings/moments'.padStart(16)).join('')}`);
    for (const r of result.rows) {
      const cells = [...r.cells, r.total].map((c) => `${c.codings}/${c.moments}`.padStart(16));
      io.out(`${`${'  '.repeat(r.depth)}${r.codePath.split('/').pop()}`.padEnd(width)}${cells.join('')}`);
    }
    return 0;
  });
}

export function cmdConcordance(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...scopeOptions,
      code: { type: 'string', multiple: true },
      coder: { type: 'string', multiple: true },
      subcodes: { type: 'boolean' },
      rows: { type: 'string' },
    },
  });
  const file = positionals[0];
  const usage = `dyad concordance FILE [--code PATH]… [--rows ${CATEGORIES.join('|')} (with one --code)] [--subcodes] [--coder NAME] [--dyad N] [--attr key=value] [--json]`;
  if (!file) throw new UsageError(usage);
  if (values.rows !== undefined && (!CATEGORIES.includes(values.rows as ConcordanceCategory) || values.code?.length !== 1)) throw new UsageError(usage);
  return withProject(file, (p) => {
    const where = fileOf(p);
    const codes = values.code?.map((c) => resolveCodePathReadOnly(p.db, c, where));
    const filter = { ...scope(p, values), coderIds: coderIds(p.db, where, values.coder), includeSubcodes: values.subcodes ?? false };
    const tolerance = p.settings().alignToleranceSeconds;
    if (values.rows !== undefined) {
      const result = concordanceRows(p.db, { ...filter, codeId: codes![0]!, category: values.rows as ConcordanceCategory }, tolerance);
      if (values.json) {
        io.out(JSON.stringify(result, null, 2));
        return 0;
      }
      io.out(`${result.rows.length} row${result.rows.length === 1 ? '' : 's'} where ${result.codePath} is ${result.category}`);
      for (const r of result.rows) {
        io.out(`dyad ${r.dyadName}, session ${r.sessionNumber}, ${time(r.sessionTime) || '(no time)'}  client ${r.client?.label ?? '—'}  therapist ${r.therapist?.label ?? '—'}  coded: ${r.side}`);
      }
      return 0;
    }
    const result = concordance(p.db, { ...filter, codeIds: codes }, tolerance);
    if (values.json) {
      io.out(JSON.stringify(result, null, 2));
      return 0;
    }
    io.out(
      `${result.sessions} sessions, ${result.pairedRows} paired moments (tolerance ${result.toleranceSeconds} s); ` +
        `${result.unpairedClientRows} client-only and ${result.unpairedTherapistRows} therapist-only moments`,
    );
    const width = Math.max(4, ...result.codes.map((c) => c.codePath.length)) + 2;
    io.out(`${'code'.padEnd(width)}${['both', 'client', 'therapist', 'neither', 'agreement', 'unpaired c/t'].map((h) => h.padStart(13)).join('')}`);
    for (const c of result.codes) {
      const agreement = c.agreement === null ? '—' : `${Math.round(c.agreement * 100)}%`;
      io.out(
        `${c.codePath.padEnd(width)}${[c.both, c.clientOnly, c.therapistOnly, c.neither, agreement, `${c.unpairedClient}/${c.unpairedTherapist}`]
          .map((v) => String(v).padStart(13))
          .join('')}`,
      );
    }
    return 0;
  });
}

/**
 * `dyad search`, `dyad retrieve`, `dyad matrix`, `dyad concordance`: the read side of coded data on the command
 * line, through the analysis methods. With --json the output is the method's answer as documented in
 * docs/cli-analysis.md.
 */
import { formatTime } from '../../../shared/import/time';
import { UsageError } from '../io';
import { withProject } from '../project';
import { attributes, checkScope, coderOption, resolveScope, roleOption, roles, scopeOptions } from '../scope';
import { command, json, whole } from '../spec';

type SpeakerRole = 'interviewer' | 'participant' | 'unknown';
const SPEAKER_ROLES: SpeakerRole[] = ['interviewer', 'participant', 'unknown'];
const CATEGORIES = ['both', 'client-only', 'therapist-only', 'unpaired-client', 'unpaired-therapist'] as const;
type Category = (typeof CATEGORIES)[number];
const ORDERS = ['relevance', 'reading'] as const;
type Order = (typeof ORDERS)[number];
const SCOPES = ['same-side', 'other-side', 'either-side'] as const;
type Scope = (typeof SCOPES)[number];

const time = (t: number | null) => (t === null ? '' : formatTime(t));
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const FILE_ARG: [string, string] = ['FILE', 'the project file (.dyad)'];
const subcodes = { type: 'boolean', help: "count a code's sub-codes' codings as the code's own" } as const;

export const cmdSearch = command({
  summary: 'full-text search of every transcript',
  usage: [
    'dyad search FILE QUERY… [--dyad N] [--session N] [--attr k=v] [--role R] [--speaker-role R] [--speaker S]',
    '                        [--order relevance|reading] [--limit N] [--page N | --offset N] [--json]',
  ],
  args: [FILE_ARG, ['QUERY', 'words, "a phrase", prefix*, NEAR(a b, N), OR, NOT, -word']],
  options: {
    ...scopeOptions,
    role: roleOption,
    'speaker-role': { type: 'string', multiple: true, arg: 'R', help: `only turns of speakers of this role (${SPEAKER_ROLES.join(', ')})` },
    speaker: { type: 'string', multiple: true, arg: 'LABEL', help: 'only turns of this speaker label, as written in the transcript' },
    order: { type: 'string', arg: 'ORDER', help: `${ORDERS.join(' (best first, the default) or ')} (as the study reads)` },
    limit: { type: 'string', arg: 'N', help: 'hits to show (default 50)' },
    page: { type: 'string', arg: 'N', help: 'the Nth page of --limit hits (default 1)' },
    offset: { type: 'string', arg: 'N', help: 'hits to skip (default 0)' },
    ...json,
  },
  examples: [
    'dyad search study.dyad "eye contact" --role client',
    'dyad search study.dyad shame* --dyad 4 --json',
    'dyad search study.dyad "NEAR(silence looked, 5)" -therapist --page 2',
  ],
  async run({ values, positionals: [file, ...words] }, io) {
    if (!file || !words.length) throw new UsageError('give FILE and a QUERY');
    for (const r of values['speaker-role'] ?? []) if (!SPEAKER_ROLES.includes(r as SpeakerRole)) throw new UsageError(`--speaker-role must be one of ${SPEAKER_ROLES.join(', ')}`);
    checkScope(values);
    if (values.order !== undefined && !ORDERS.includes(values.order as Order)) throw new UsageError(`--order must be one of ${ORDERS.join(', ')}`);
    if (values.page !== undefined && values.offset !== undefined) throw new UsageError('give --page or --offset, not both');
    const limit = whole(values.limit, '--limit', 50);
    const offset = values.page !== undefined ? (whole(values.page, '--page') - 1) * limit : whole(values.offset, '--offset', 0, 0);
    const order = (values.order ?? 'relevance') as Order;
    return withProject(file, async (p) => {
      const { dyadIds, sessionIds, attributes: attrs } = await resolveScope(p, values);
      const result = await p.call('search.text', {
        order,
        query: words.join(' '),
        dyadIds,
        sessionIds,
        attributes: attrs,
        roles: roles(values.role),
        speakerRoles: values['speaker-role'] as SpeakerRole[] | undefined,
        speakers: values.speaker,
        limit,
        offset,
      });
      if (values.json) {
        io.out(JSON.stringify(result, null, 2));
        return 0;
      }
      io.out(`${result.total} turn${result.total === 1 ? '' : 's'} match ${result.query}${order === 'relevance' && result.total > 1 ? ', best first' : ''}`);
      result.hits.forEach((h, k) => {
        const s = h.snippet;
        let text = '';
        let at = 0;
        for (const m of s.marks) {
          text += `${s.text.slice(at, m.start)}«${s.text.slice(m.start, m.end)}»`;
          at = m.end;
        }
        text += s.text.slice(at);
        const when = h.sessionTime === null ? '' : ` ${time(h.sessionTime)}`;
        const where = `dyad ${h.dyadName}, session ${h.sessionNumber}, ${h.role}${when}`;
        io.out(`${result.offset + k + 1}. ${where} — ${h.speaker}: ${s.clippedStart ? '…' : ''}${oneLine(text)}${s.clippedEnd ? '…' : ''}`);
      });
      const shown = result.offset + result.hits.length;
      if (shown < result.total && result.offset % limit === 0) {
        io.out(`… ${result.total - shown} more: --page ${result.offset / limit + 2}${values.limit !== undefined ? ` --limit ${limit}` : ''}`);
      } else if (shown < result.total) io.out(`… ${result.total - shown} more: --offset ${shown}`);
      return 0;
    }, { readOnly: true });
  },
});

export const cmdRetrieve = command({
  summary: 'the excerpts of a code, or of a combination of two codes',
  usage: [
    'dyad retrieve FILE --code PATH [--and PATH | --but-not PATH | --same-moment PATH [--scope same-side|other-side|either-side]]',
    '               [--role R] [--dyad N] [--session N] [--coder NAME] [--attr key=value] [--subcodes] [--context N] [--limit N] [--offset N] [--json]',
  ],
  args: [FILE_ARG],
  options: {
    code: { type: 'string', arg: 'PATH', help: 'the code, by path such as "Rupture/Withdrawal"' },
    and: { type: 'string', arg: 'PATH', help: 'only passages also coded with this code (overlapping)' },
    'but-not': { type: 'string', arg: 'PATH', help: 'only passages not coded with this code' },
    'same-moment': { type: 'string', arg: 'PATH', help: 'only passages in a recall moment also coded with this code' },
    scope: { type: 'string', arg: 'SCOPE', help: `with --same-moment: ${SCOPES.join(', ')} (default same-side)` },
    ...scopeOptions,
    role: roleOption,
    coder: coderOption,
    subcodes,
    context: { type: 'string', arg: 'N', help: 'characters of context before and after each excerpt' },
    limit: { type: 'string', arg: 'N', help: 'excerpts to show (default 1000)' },
    offset: { type: 'string', arg: 'N', help: 'excerpts to skip' },
    ...json,
  },
  examples: ['dyad retrieve study.dyad --code Shame --role client', 'dyad retrieve study.dyad --code "Rupture/Withdrawal" --same-moment Repair --scope other-side --json'],
  async run({ values, positionals: [file, ...more] }, io) {
    if (!file || more.length || !values.code) throw new UsageError('give FILE and --code PATH');
    const ops = (['and', 'but-not', 'same-moment'] as const).filter((k) => values[k] !== undefined);
    if (ops.length > 1) throw new UsageError('give one of --and, --but-not, --same-moment');
    if (values.scope !== undefined && ops[0] !== 'same-moment') throw new UsageError('--scope goes with --same-moment');
    if (values.scope !== undefined && !SCOPES.includes(values.scope as Scope)) throw new UsageError(`--scope must be one of ${SCOPES.join(', ')}`);
    checkScope(values);
    const contextChars = whole(values.context, '--context', 0, 0);
    const limit = whole(values.limit, '--limit', 1000);
    const offset = whole(values.offset, '--offset', 0, 0);
    return withProject(file, async (p) => {
      const opName = ops[0];
      const { codeIds, ...scope } = await resolveScope(p, values, [values.code!, ...(opName ? [values[opName]!] : [])]);
      const op = opName === 'and' ? 'and-overlap' : opName;
      const result = await p.call('analysis.retrieve', {
        code: codeIds[0]!,
        combine: op ? { op, other: codeIds[1]! } : undefined,
        sameMomentScope: values.scope as Scope | undefined,
        ...scope,
        roles: roles(values.role),
        includeSubcodes: values.subcodes ?? false,
        contextChars,
        limit,
        offset,
      });
      if (values.json) {
        io.out(JSON.stringify(result, null, 2));
        return 0;
      }
      const what = result.other ? `${result.code.path} ${op} ${result.other.path}` : result.code.path;
      io.out(`${result.total} excerpt${result.total === 1 ? '' : 's'}: ${what}`);
      for (const e of result.excerpts) {
        const when = e.sessionTime === null ? '' : `, ${time(e.sessionTime)}`;
        const ctx = (s: string, side: 'before' | 'after') => (s ? (side === 'before' ? `${oneLine(s)} ` : ` ${oneLine(s)}`) : '');
        io.out('');
        io.out(`${ctx(e.before, 'before')}"${oneLine(e.text)}"${ctx(e.after, 'after')}`);
        io.out(`  (${e.role}, dyad ${e.dyadName}, session ${e.sessionNumber}${when}) ${e.speaker ? `${e.speaker}; ` : ''}${e.codePath}; ${e.coders.join(', ')}`);
      }
      return 0;
    }, { readOnly: true });
  },
});

export const cmdMatrix = command({
  summary: 'codings and coded moments per code and role or dyad',
  usage: ['dyad matrix FILE --by role|dyad [--code PATH]… [--subcodes] [--coder NAME] [--dyad N] [--session N] [--role R] [--attr key=value] [--json]'],
  args: [FILE_ARG],
  options: {
    by: { type: 'string', arg: 'role|dyad', help: 'the columns: interview roles or dyads' },
    code: { type: 'string', multiple: true, arg: 'PATH', help: 'only this code (default: every code)' },
    ...scopeOptions,
    role: roleOption,
    coder: coderOption,
    subcodes,
    ...json,
  },
  examples: ['dyad matrix study.dyad --by role', 'dyad matrix study.dyad --by dyad --code Shame --subcodes --json'],
  async run({ values, positionals: [file, ...more] }, io) {
    if (!file || more.length || (values.by !== 'role' && values.by !== 'dyad')) throw new UsageError('give FILE and --by role or --by dyad');
    checkScope(values);
    return withProject(file, async (p) => {
      const { codeIds, ...scope } = await resolveScope(p, values, values.code);
      const result = await p.call('analysis.matrix', {
        columns: values.by as 'role' | 'dyad',
        codeIds: values.code?.length ? codeIds : undefined,
        ...scope,
        roles: roles(values.role),
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
    }, { readOnly: true });
  },
});

export const cmdConcordance = command({
  summary: 'per code, the aligned moments coded on both sides, the client’s only, the therapist’s only',
  usage: [`dyad concordance FILE [--code PATH]… [--rows ${CATEGORIES.join('|')} (with one --code)] [--subcodes] [--coder NAME] [--dyad N] [--attr key=value] [--json]`],
  args: [FILE_ARG],
  options: {
    code: { type: 'string', multiple: true, arg: 'PATH', help: 'only this code (default: every code)' },
    rows: { type: 'string', arg: 'CATEGORY', help: `with one --code: the rows behind a number (${CATEGORIES.join(', ')})` },
    ...scopeOptions,
    coder: coderOption,
    subcodes,
    ...json,
  },
  examples: ['dyad concordance study.dyad', 'dyad concordance study.dyad --code Shame --rows client-only'],
  async run({ values, positionals: [file, ...more] }, io) {
    if (!file || more.length) throw new UsageError('give one FILE');
    if (values.rows !== undefined && (!CATEGORIES.includes(values.rows as Category) || values.code?.length !== 1)) {
      throw new UsageError(`--rows takes one of ${CATEGORIES.join(', ')}, with exactly one --code`);
    }
    checkScope(values);
    attributes(values.attr);
    return withProject(file, async (p) => {
      const { codeIds, ...scope } = await resolveScope(p, values, values.code);
      const filter = { ...scope, includeSubcodes: values.subcodes ?? false };
      if (values.rows !== undefined) {
        const result = await p.call('analysis.concordanceRows', { ...filter, codeId: codeIds[0]!, category: values.rows as Category });
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
      const result = await p.call('analysis.concordance', { ...filter, codeIds: values.code?.length ? codeIds : undefined });
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
    }, { readOnly: true });
  },
});

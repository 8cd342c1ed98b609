/** `dyad memo list|show|add|edit|delete|search`: memos on the project, codes, codings, interviews, sessions and dyads. */
import { readFileSync } from 'node:fs';
import { UsageError } from '../io';
import { type CliProject, withProject } from '../project';
import { command, json } from '../spec';
import { codeAt } from './coding';

const ACTIONS = ['list', 'show', 'add', 'edit', 'delete', 'search'] as const;
type Kind = 'project' | 'code' | 'coding' | 'interview' | 'session' | 'dyad';

/** `--on code:Rupture/Withdrawal` and the like: what a memo is about, resolved to its kind and id. */
async function target(p: CliProject, on: string): Promise<{ targetKind: Kind; targetId: string | null }> {
  if (on === 'project') return { targetKind: 'project', targetId: null };
  const colon = on.indexOf(':');
  const kind = on.slice(0, colon);
  const ref = on.slice(colon + 1).trim();
  if (colon <= 0 || !ref) throw new UsageError(`--on takes project, code:PATH, dyad:NAME, session:DYAD/N, interview:ID|FILENAME or coding:ID (got "${on}")`);
  switch (kind) {
    case 'code':
      return { targetKind: 'code', targetId: await codeAt(p, ref) };
    case 'dyad':
      return { targetKind: 'dyad', targetId: (await p.call('names.resolve', { dyads: [ref] })).dyadIds[0]! };
    case 'session': {
      const m = /^(.+)\/(\d+)$/.exec(ref);
      if (!m) throw new UsageError(`--on session:DYAD/N, e.g. session:4/1 (got "${on}")`);
      return { targetKind: 'session', targetId: (await p.call('names.resolve', { dyads: [m[1]!], sessions: [Number(m[2])] })).sessionIds[0]! };
    }
    case 'interview':
      return { targetKind: 'interview', targetId: (await p.call('names.resolve', { interviews: [ref] })).interviewIds[0]! };
    case 'coding':
      return { targetKind: 'coding', targetId: (await p.call('codings.get', { codingId: ref })).id };
    default:
      throw new UsageError(`--on: a memo is on project, code, dyad, session, interview or coding (got "${kind}")`);
  }
}

/** `--text -` reads the memo from standard input, for longer memos written elsewhere. */
const textOf = (t: string | undefined) => (t === '-' ? readFileSync(0, 'utf8') : t);

export const cmdMemo = command({
  summary: 'memos on the project, codes, codings, interviews, sessions and dyads',
  usage: [
    'dyad memo list FILE [--on TARGET] [--json]',
    'dyad memo show FILE MEMO-ID [--json]',
    'dyad memo add FILE --on TARGET --text TEXT|- [--title T] [--coder NAME] [--json]',
    'dyad memo edit FILE MEMO-ID [--text TEXT|-] [--title T] [--json]',
    'dyad memo delete FILE MEMO-ID [--json]',
    'dyad memo search FILE QUERY [--json]',
  ],
  args: [
    ['FILE', 'the project file (.dyad)'],
    ['TARGET', 'project, code:PATH, dyad:NAME, session:DYAD/N, interview:ID|FILENAME or coding:ID'],
  ],
  options: {
    on: { type: 'string', arg: 'TARGET', help: 'what the memo is about (list: only memos on it)' },
    text: { type: 'string', arg: 'TEXT', help: 'the memo ("-": read it from standard input)' },
    title: { type: 'string', arg: 'T', help: "the memo's title" },
    coder: { type: 'string', arg: 'NAME', help: 'who writes it (default: the current coder, if chosen)' },
    ...json,
  },
  examples: [
    'dyad memo add study.dyad --on code:Shame --title Scope --text "Only the self, not the scene."',
    'dyad memo list study.dyad --on session:4/1',
    'dyad memo search study.dyad "eye contact"',
  ],
  async run({ values, positionals: [action, file, arg, ...rest] }, io) {
    if (!action || !(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`say what to do with memos: ${ACTIONS.join(', ')}`);
    if (!file) throw new UsageError(`give FILE (dyad memo ${action} FILE …)`);
    const needsArg = action === 'show' || action === 'edit' || action === 'delete' || action === 'search';
    if (needsArg && !arg) throw new UsageError(action === 'search' ? 'give the QUERY' : 'give the MEMO-ID (see `dyad memo list`)');
    if (!needsArg && arg) throw new UsageError(`dyad memo ${action} takes no ${arg}`);
    if (action === 'add' && (!values.on || values.text === undefined)) throw new UsageError('give --on TARGET and --text TEXT');
    return withProject(file, async (p) => {
      const print = (r: unknown, line: string) => io.out(values.json ? JSON.stringify(r, null, 2) : line);
      if (action === 'list' || action === 'search') {
        const memos =
          action === 'list'
            ? await p.call('memos.list', values.on ? await target(p, values.on) : {})
            : await p.call('memos.search', { query: [arg!, ...rest].join(' ') });
        if (values.json) {
          io.out(JSON.stringify(memos, null, 2));
          return 0;
        }
        if (!memos.length) io.out('No memos.');
        for (const m of memos) {
          io.out(`${m.title || '(untitled)'} — on ${m.targetLabel}${m.coderName ? `, by ${m.coderName}` : ''}, ${m.updatedAt.slice(0, 10)}  [${m.id}]`);
          io.out(`  ${m.text.replace(/\s+/g, ' ').slice(0, 200)}${m.text.length > 200 ? '…' : ''}`);
        }
        return 0;
      }
      if (action === 'add') {
        const coderId = values.coder ? (await p.call('coders.ensure', { name: values.coder })).id : undefined;
        const m = await p.call('memos.create', { ...(await target(p, values.on!)), title: values.title, text: textOf(values.text)!, coderId });
        print(m, `Wrote memo "${m.title || '(untitled)'}" on ${m.targetLabel}  [${m.id}]`);
      } else if (action === 'edit') {
        const m = await p.call('memos.update', { memoId: arg!, title: values.title, text: textOf(values.text) });
        print(m, `Changed memo "${m.title || '(untitled)'}" on ${m.targetLabel}`);
      } else if (action === 'delete') {
        const m = await p.call('memos.delete', { memoId: arg! });
        print(m, `Deleted memo "${m.title || '(untitled)'}" on ${m.targetLabel}. \`dyad undo ${file}\` takes it back.`);
      } else {
        const m = await p.call('memos.get', { memoId: arg! });
        print(m, `${m.title || '(untitled)'} — on ${m.targetLabel}${m.coderName ? `, by ${m.coderName}` : ''}, ${m.updatedAt}\n\n${m.text}`);
      }
      return 0;
    });
  },
});

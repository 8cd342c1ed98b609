/** `dyad codes new|rename|edit|move|merge|delete`: the codebook's codes, each change one undoable step. */
import { parseCodePath, formatCodePath } from '../../../shared/coding/paths';
import { UsageError } from '../io';
import { withProject } from '../project';
import { command, json, plural, whole } from '../spec';
import { codeAt } from './coding';

const ACTIONS = ['new', 'rename', 'edit', 'move', 'merge', 'delete'] as const;

const fields = {
  color: { type: 'string', arg: '#RRGGBB', help: "the code's colour" },
  definition: { type: 'string', arg: 'TEXT', help: 'what the code means' },
  inclusion: { type: 'string', arg: 'TEXT', help: 'when to apply it' },
  exclusion: { type: 'string', arg: 'TEXT', help: 'when not to' },
  example: { type: 'string', arg: 'TEXT', help: 'an example passage' },
  shortcut: { type: 'string', arg: 'KEY', help: 'its key in the coding view ("1", "Alt+S"; "" clears)' },
} as const;

export const cmdCodes = command({
  summary: 'add, rename, edit, move, merge and delete codes (each an undoable step)',
  usage: [
    'dyad codes new FILE PATH [--codebook NAME] [--color C] [--definition T] [--inclusion T] [--exclusion T] [--example T] [--shortcut K] [--json]',
    'dyad codes rename FILE PATH NEW-NAME [--codebook NAME] [--json]',
    'dyad codes edit FILE PATH [--color C] [--definition T] [--inclusion T] [--exclusion T] [--example T] [--shortcut K] [--json]',
    'dyad codes move FILE PATH (--to PARENT-PATH | --top) [--position N] [--json]',
    'dyad codes merge FILE PATH --into PATH [--json]',
    'dyad codes delete FILE PATH [--json]',
  ],
  args: [
    ['FILE', 'the project file (.dyad)'],
    ['PATH', 'a code path such as "Rupture/Withdrawal" (a "/" inside a name is written "\\/")'],
  ],
  options: {
    codebook: { type: 'string', arg: 'NAME', help: 'the codebook the paths are in (default: the first for new, any for the others)' },
    ...fields,
    to: { type: 'string', arg: 'PATH', help: 'move: the new parent' },
    top: { type: 'boolean', help: 'move: to the top level' },
    position: { type: 'string', arg: 'N', help: 'move: place among its siblings, from 0' },
    into: { type: 'string', arg: 'PATH', help: 'merge: the code that takes the codings, sub-codes and memos' },
    ...json,
  },
  notes: ['A new code needs its parent to exist (create it first, or use `dyad code … --create`). `dyad undo FILE` takes any of these back.'],
  examples: [
    'dyad codes new study.dyad "Rupture/Withdrawal" --color "#3366CC" --definition "Moving away from the other"',
    'dyad codes rename study.dyad "Rupture/Withdrawal" "Withdrawal rupture"',
    'dyad codes move study.dyad "Shame" --to "Emotions"',
    'dyad codes merge study.dyad "Embarrassment" --into "Shame"',
  ],
  async run({ values, positionals: [action, file, path, ...rest] }, io) {
    if (!action || !(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`say what to do with the codes: ${ACTIONS.join(', ')}`);
    if (!file || !path) throw new UsageError(`give FILE and PATH (dyad codes ${action} FILE PATH …)`);
    if (rest.length > (action === 'rename' ? 1 : 0)) throw new UsageError(`too many arguments for dyad codes ${action}`);
    if (action === 'rename' && !rest[0]) throw new UsageError('give the NEW-NAME (dyad codes rename FILE PATH NEW-NAME)');
    if (action === 'move' && !values.to === !values.top) throw new UsageError('give --to PARENT-PATH or --top');
    if (action === 'merge' && !values.into) throw new UsageError('give --into PATH');
    const position = values.position === undefined ? undefined : whole(values.position, '--position', undefined, 0);
    const patch = {
      color: values.color,
      definition: values.definition,
      inclusion: values.inclusion,
      exclusion: values.exclusion,
      example: values.example,
      shortcut: values.shortcut === undefined ? undefined : values.shortcut.trim() === '' ? null : values.shortcut,
    };
    return withProject(file, async (p) => {
      const show = (r: unknown, line: string) => io.out(values.json ? JSON.stringify(r, null, 2) : line);
      if (action === 'new') {
        const names = parseCodePath(path);
        const codebookId = values.codebook ? (await p.call('names.resolve', { codebook: values.codebook })).codebookId : null;
        const parentId = names.length > 1 ? (await p.call('codes.resolvePath', { codebookId, path: formatCodePath(names.slice(0, -1)) })).code.id : null;
        const code = await p.call('codes.create', { codebookId, parentId, name: names[names.length - 1]!, ...patch });
        show(code, `Added code "${code.path}" (${code.color})`);
        return 0;
      }
      const codeId = await codeAt(p, path, values.codebook);
      if (action === 'rename' || action === 'edit') {
        const code = await p.call('codes.update', { codeId, ...(action === 'rename' ? { name: rest[0]! } : {}), ...patch });
        show(code, action === 'rename' ? `Renamed "${path}" to "${code.path}"` : `Changed "${code.path}"`);
      } else if (action === 'move') {
        const parentId = values.to ? await codeAt(p, values.to, values.codebook) : null;
        const code = await p.call('codes.move', { codeId, parentId, position });
        show(code, `Moved "${path}" to "${code.path}"`);
      } else if (action === 'merge') {
        const targetId = await codeAt(p, values.into!, values.codebook);
        const r = await p.call('codes.merge', { sourceId: codeId, targetId });
        const dup = r.collapsedDuplicates ? ` (${plural(r.collapsedDuplicates, 'duplicate')} collapsed)` : '';
        show(r, `Merged "${path}" into "${r.code.path}": ${plural(r.movedCodings, 'coding')}${dup}, ${plural(r.movedSubCodes + r.mergedSubCodes, 'sub-code')}, ${plural(r.movedMemos, 'memo')} moved`);
      } else {
        const r = await p.call('codes.delete', { codeId });
        show(
          r,
          `Deleted "${r.code.path}" with ${plural(r.deletedCodings, 'coding')}, ${plural(r.deletedSubCodes, 'sub-code')} (${plural(r.deletedSubCodeCodings, 'coding')}) and ${plural(r.deletedMemos, 'memo')}. \`dyad undo ${file}\` takes it back.`,
        );
      }
      return 0;
    });
  },
});

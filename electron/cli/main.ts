/**
 * The `dyad` command line: a client of the same handler table as the app and `dyad serve` (electron/api/local.ts).
 * Each command parses its arguments by its own description (electron/cli/spec.ts), calls methods, prints.
 * Exit codes: 0 done, 1 failed (the message says why), 2 wrong usage, 130 cancelled with Ctrl+C.
 */
import { errorValue } from '../../shared/api/errors';
import { cmdConcordance, cmdMatrix, cmdRetrieve, cmdSearch } from './commands/analysis';
import { cmdAlign, cmdImport, cmdInterview, cmdList, cmdNew, cmdRelink, cmdSession } from './commands/basic';
import { cmdCall } from './commands/call';
import { cmdCode, cmdCodebook, cmdCoders, cmdRedo, cmdUndo } from './commands/coding';
import { cmdCodes } from './commands/codes';
import { cmdExport } from './commands/export';
import { cmdMemo } from './commands/memo';
import { cmdQdpx } from './commands/refi';
import { cmdServe } from './commands/serve';
import { cmdCompact, cmdSettings } from './commands/settings';
import { cmdTeam } from './commands/labServer';
import { cmdAgreement, cmdMerge } from './commands/team';
import { type CliIo, guardClosedPipe, Interrupted, processIo, UsageError } from './io';
import { type Command, helpText, parse, wantsHelp } from './spec';

/** Every `dyad` command, in the order `dyad help` lists them. */
export const commands: Record<string, Command> = {
  new: cmdNew,
  import: cmdImport,
  list: cmdList,
  session: cmdSession,
  relink: cmdRelink,
  interview: cmdInterview,
  settings: cmdSettings,
  compact: cmdCompact,
  align: cmdAlign,
  code: cmdCode,
  codebook: cmdCodebook,
  codes: cmdCodes,
  coders: cmdCoders,
  memo: cmdMemo,
  undo: cmdUndo,
  redo: cmdRedo,
  search: cmdSearch,
  retrieve: cmdRetrieve,
  matrix: cmdMatrix,
  concordance: cmdConcordance,
  export: cmdExport,
  qdpx: cmdQdpx,
  merge: cmdMerge,
  agreement: cmdAgreement,
  team: cmdTeam,
  serve: cmdServe,
  call: cmdCall,
} as Record<string, Command>;

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length)) + 2;
  return [
    'Dyad — side-by-side coding of IPR interviews',
    '',
    'Usage: dyad COMMAND FILE [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}${c.summary}`),
    '',
    '`dyad help COMMAND` (or `dyad COMMAND --help`) shows its options and an example.',
    'Exit codes: 0 done, 1 failed, 2 wrong usage, 130 cancelled (Ctrl+C).',
  ].join('\n');
}

/** Runs one command line; returns the exit code (0 ok, 1 failed, 2 wrong usage, 130 interrupted). Never throws. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  if (io === processIo) guardClosedPipe();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic && !commands[topic]) {
      io.err(`dyad: unknown command "${topic}"\n\n${usage()}`);
      return 2;
    }
    io.out(topic ? helpText(topic, commands[topic]!) : usage());
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    io.err(`dyad: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (wantsHelp(rest)) {
    io.out(helpText(name, cmd));
    return 0;
  }
  try {
    return await cmd.run(parse(name, cmd, rest), io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`dyad ${name}: ${e.message}\nusage: ${cmd.usage.join('\n       ')}\nRun \`dyad ${name} --help\` for every option.`);
      return 2;
    }
    if (e instanceof Interrupted) {
      io.err(`dyad ${name}: cancelled (Ctrl+C); what was under way was not written.`);
      return 130;
    }
    const v = errorValue(e);
    io.err(`dyad ${name}: ${v.message}`);
    return 1;
  }
}

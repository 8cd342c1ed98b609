import { errorValue } from '../../shared/api/errors';
import { cmdConcordance, cmdMatrix, cmdRetrieve, cmdSearch } from './commands/analysis';
import { cmdAlign, cmdImport, cmdList, cmdNew } from './commands/basic';
import { cmdCode, cmdCodebook } from './commands/coding';
import { cmdExport } from './commands/export';
import { cmdQdpx } from './commands/refi';
import { cmdServe } from './commands/serve';
import { cmdSettings } from './commands/settings';
import { cmdAgreement, cmdMerge } from './commands/team';
import { type CliIo, processIo, UsageError } from './io';

type Command = (args: string[], io: CliIo) => number | Promise<number>;

/** Every `dyad` command; each one opens the project, does its work in transactions, and closes it. */
export const commands: Record<string, { run: Command; help: string }> = {
  new: { run: cmdNew, help: 'dyad new FILE                                   create an empty project' },
  import: { run: cmdImport, help: 'dyad import FILE [--dyad N --session N --role R] PATH…   import transcripts (files or folders)' },
  list: { run: cmdList, help: 'dyad list FILE [--json]                         dyads, sessions and interviews' },
  settings: {
    run: cmdSettings,
    help: 'dyad settings FILE [--tolerance S] [--file-pattern P] [--marker-pattern REGEX]… [--no-marker-patterns] [--find-moments] [--json]   project settings; markers of your own',
  },
  align: { run: cmdAlign, help: 'dyad align FILE --dyad N --session N [--json]   the session lined up moment by moment' },
  code: { run: cmdCode, help: 'dyad code FILE --interview ID --start N --end N --code PATH [--coder NAME] [--create] [--json]   code a passage' },
  codebook: { run: cmdCodebook, help: 'dyad codebook FILE [--codebook NAME] [--json] [--export PATH.qdc | --import PATH.qdc]   the codebook tree; REFI-QDA codebook exchange' },
  search: { run: cmdSearch, help: 'dyad search FILE QUERY [--dyad N] [--role R] [--speaker-role R] [--limit N] [--json]   full-text search' },
  retrieve: {
    run: cmdRetrieve,
    help: 'dyad retrieve FILE --code PATH [--and PATH | --but-not PATH | --same-moment PATH] [--role R] [--dyad N] [--session N] [--coder NAME] [--attr k=v] [--json]   coded excerpts',
  },
  matrix: { run: cmdMatrix, help: 'dyad matrix FILE --by role|dyad [--subcodes] [--json]   codings and moments per code and role or dyad' },
  concordance: { run: cmdConcordance, help: 'dyad concordance FILE [--code PATH] [--rows CATEGORY] [--json]   client–therapist concordance per code' },
  export: {
    run: cmdExport,
    help: 'dyad export FILE --format docx|md|html|csv|xlsx [--code PATH]… [--dialogue] [--role R] [--dyad N] [--session N] [--coder NAME] [--attr k=v] [--memos] --out PATH   attributed, de-identified excerpts',
  },
  qdpx: { run: cmdQdpx, help: 'dyad qdpx FILE --export PATH | --import PATH [--json]   REFI-QDA project exchange (NVivo, ATLAS.ti, MAXQDA, QualCoder)' },
  merge: { run: cmdMerge, help: 'dyad merge INTO FROM [--dry-run] [--codebook NAME] [--json]   merge a coder’s copy (.dyad), a .qdpx or a .qdc codebook, with a backup' },
  agreement: {
    run: cmdAgreement,
    help: 'dyad agreement FILE --coders A,B[,C] [--unit char|turn|moment] [--code PATH]… [--json] [--export PATH.csv|.xlsx|.docx]   inter-coder agreement',
  },
  serve: { run: cmdServe, help: 'dyad serve FILE [--port N]                      open the project in a browser on this machine' },
};

export function usage(): string {
  return ['Dyad — side-by-side coding of IPR interviews', '', 'Usage:', ...Object.values(commands).map((c) => `  ${c.help}`)].join('\n');
}

/** Runs one command line; returns the exit code (0 ok, 1 failed, 2 wrong usage). Never throws. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    io.err(`dyad: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`usage: ${e.message}`);
      return 2;
    }
    if (e instanceof TypeError && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`dyad ${name}: ${e.message}`);
      return 2;
    }
    const v = errorValue(e);
    io.err(`dyad ${name}: ${v.message}`);
    return 1;
  }
}

/**
 * The installed app's command line (docs/shell.md): the `dyad` launcher shipped in resources/bin starts the
 * app's own executable with CLI_MARKER first, and the main process then runs that one command of the same CLI
 * as `npx dyad` (electron/cli) and exits with its code — no window, no single-instance lock (so a running
 * Dyad is neither asked to open anything nor blocks the command). Electron's RunAsNode fuse stays off: the
 * command runs in the app's main process, not in a Node started from the app's binary.
 */

/** What the launcher puts before the command's own arguments. */
export const CLI_MARKER = '--dyad-cli';

/**
 * The command line after CLI_MARKER, or null when the app was started as the app (with a project, by the OS,
 * or bare). Whatever stands before the marker (Electron's app folder when run from source, Chromium switches)
 * is not the command's.
 */
export function cliArgsFromArgv(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_MARKER);
  return at < 0 ? null : argv.slice(at + 1);
}

/** The part of Electron's `app` command-line mode uses (Electron's own fits it: electronTypes.check.ts). */
export interface CliAppLike {
  exit(code: number): void;
  dock?: { hide(): void } | undefined;
}

interface CliModeDeps {
  app: CliAppLike;
  /** electron/cli's runCli, loaded only in this mode. */
  runCli: (argv: string[]) => Promise<number>;
  /** Resolves when what the command printed has been handed to the terminal (pipes may be asynchronous). */
  flush: () => Promise<void>;
}

/** Runs one command and exits the app with its exit code (1 if the CLI itself could not be loaded). */
export async function runCommandLine(args: string[], deps: CliModeDeps): Promise<number> {
  // On macOS a started app shows in the Dock; a command should not.
  deps.app.dock?.hide();
  let code: number;
  try {
    code = await deps.runCli(args);
  } catch (e) {
    process.stderr.write(`dyad: the command line could not start: ${e instanceof Error ? e.message : String(e)}\n`);
    code = 1;
  }
  await deps.flush();
  deps.app.exit(code);
  return code;
}

/** Waits until stdout and stderr have written out everything the command printed. */
export function flushStdio(out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<void> {
  return new Promise((resolve) => out.write('', () => err.write('', () => resolve())));
}

import { resolve } from 'node:path';

/**
 * The project file named on the command line (`dyad-app path/to/study.dyad`, or what the OS passes when a
 * .dyad file is double-clicked), resolved against the directory it was given in; null when there is none.
 *
 * Switches are skipped wherever they are: Chromium reorders and appends its own when it forwards a second
 * instance's command line. Run from source (`electron . file.dyad`) the first positional is the app folder.
 */
export function projectPathFromArgv(argv: readonly string[], opts: { isPackaged: boolean; cwd: string }): string | null {
  const positional: string[] = [];
  let afterDashes = false;
  for (const arg of argv.slice(1)) {
    if (!afterDashes && arg === '--') {
      afterDashes = true;
      continue;
    }
    if (!afterDashes && arg.startsWith('-')) continue;
    if (arg.trim() === '') continue;
    positional.push(arg);
  }
  const candidates = opts.isPackaged ? positional : positional.slice(1);
  const first = candidates[0];
  return first === undefined ? null : resolve(opts.cwd, first);
}

/** Where the command line writes; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

let stdoutClosed = false;

/**
 * The real process's streams. A reader that stops early (`dyad list P | head`) closes the pipe: stdout then fails
 * with EPIPE, and the command goes on to its end (closing the project properly) without writing more.
 */
export const processIo: CliIo = {
  out: (t) => {
    if (!stdoutClosed) process.stdout.write(t.endsWith('\n') ? t : `${t}\n`);
  },
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

let guarded = false;
export function guardClosedPipe(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
      stdoutClosed = true;
      return;
    }
    throw e;
  });
}

/** Wrong usage: exit code 2, the message followed by where to find help. */
export class UsageError extends Error {}

/** The researcher pressed Ctrl+C: the work under way was cancelled; exit code 130. */
export class Interrupted extends Error {}

/**
 * `dyad serve`: the project in a browser on this machine, through the same handler table. On a checkout whose user
 * interface is not built yet, it is built first (saying so) rather than serving a page that says it is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DyadError } from '../../../shared/api/errors';
import type { CliIo } from '../io';
import { UsageError } from '../io';
import { openProject } from '../project';
import { command, whole } from '../spec';

/** Builds the user interface with the project's own build script; false when there is nothing to build it with. */
function buildUserInterface(root: string, io: CliIo): void {
  const script = join(root, 'scripts', 'build.mjs');
  if (!existsSync(script)) throw new DyadError('not-found', `The Dyad interface is not built (${join(root, 'build', 'renderer')}) and this copy of Dyad has no build script to make it.`);
  io.err('The Dyad interface is not built yet in this checkout: building it first (npm run build; this takes a minute)…');
  const r = spawnSync(process.execPath, [script, '--renderer-only'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new DyadError('internal', `Building the Dyad interface failed (exit ${r.status ?? r.signal}); see the messages above.`);
}

export const cmdServe = command({
  summary: 'open the project in a browser on this machine (127.0.0.1, with a token)',
  usage: ['dyad serve FILE [--port N]'],
  args: [['FILE', 'the project file (.dyad)']],
  options: { port: { type: 'string', arg: 'N', help: 'the port (default: any free one)' } },
  notes: ['Only this machine can connect. Press Ctrl+C to stop. A checkout without a built interface builds it first.'],
  examples: ['dyad serve study.dyad', 'dyad serve study.dyad --port 8123'],
  async run({ values, positionals: [file, ...more] }, io) {
    if (!file || more.length) throw new UsageError('give one FILE');
    const port = values.port === undefined ? 0 : whole(values.port, '--port', 0, 0);
    const { userInterface } = await import('../../api/local');
    const ui = userInterface();
    if (!ui.built) buildUserInterface(ui.root, io);
    const api = await openProject(file);
    const { startServer } = await import('../../server/server');
    const server = await startServer({ project: api.transport.project, port });
    io.out(`Dyad is serving ${api.path}`);
    io.out(`Open ${server.url}`);
    io.out('Only this machine can connect (127.0.0.1). Press Ctrl+C to stop.');
    await new Promise<void>((done) => {
      const stop = () => {
        void server.close().then(() => {
          api.close();
          done();
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
});

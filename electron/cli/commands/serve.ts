import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Project } from '../../core/project';
import { startServer } from '../../server/server';
import { type CliIo, UsageError } from '../io';

export async function cmdServe(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { port: { type: 'string' } } });
  const file = positionals[0];
  if (!file) throw new UsageError('dyad serve FILE [--port N]');
  const project = Project.open(resolve(file));
  const server = await startServer({ project, port: values.port ? Number(values.port) : 0 });
  io.out(`Dyad is serving ${project.path}`);
  io.out(`Open ${server.url}`);
  io.out('Only this machine can connect (127.0.0.1). Press Ctrl+C to stop.');
  await new Promise<void>((done) => {
    const stop = () => {
      void server.close().then(() => {
        project.close();
        done();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

/**
 * A second Dyad for the lock tests: a child process that opens, holds and closes projects when told on stdin, one
 * command a line, and answers one line each ("won", "lost <kind> <message>", "closed", "note …").
 */
import { createInterface } from 'node:readline';
import { DyadError } from '../../../shared/api/errors';
import { openForReading, Project } from '../../../electron/core/project';

let open: Project | null = null;
const say = (s: string) => process.stdout.write(`${s}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, file, arg] = line.split('\t');
  try {
    if (cmd === 'open') {
      open = Project.open(file!, arg ? { lockWaitMs: Number(arg) } : {});
      say('won');
    } else if (cmd === 'read') {
      const r = openForReading(file!);
      const n = (r.project.db.prepare('SELECT count(*) AS n FROM dyads').get() as { n: number }).n;
      r.project.close();
      say(`read ${n} ${r.note ?? ''}`);
    } else if (cmd === 'add') {
      open!.db.prepare("INSERT INTO dyads (id, name, attributes, created_at) VALUES (?, ?, '{}', 'now')").run(arg, arg);
      say('added');
    } else if (cmd === 'close') {
      open?.close();
      open = null;
      say('closed');
    } else if (cmd === 'exit') process.exit(0);
  } catch (e) {
    say(e instanceof DyadError ? `lost ${e.kind} ${e.message}` : `error ${(e as Error).message}`);
  }
});
say('ready');

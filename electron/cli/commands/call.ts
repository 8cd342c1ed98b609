/** `dyad call`: any method of the handler table, by name, with JSON input: what the app can do, a script can. */
import { readFileSync } from 'node:fs';
import { UsageError } from '../io';
import { findWarnings, printWarnings, withProject } from '../project';
import { command } from '../spec';

export const cmdCall = command({
  summary: 'call any method of the API (the one the app and `dyad serve` use) with JSON input; prints its JSON answer',
  usage: ['dyad call FILE METHOD [--input JSON|-]', 'dyad call --list'],
  args: [
    ['FILE', 'the project file (.dyad)'],
    ['METHOD', 'a method name, e.g. dyads.list, codes.create, analysis.retrieve (see --list)'],
  ],
  options: {
    input: { type: 'string', arg: 'JSON', help: 'the input object ("-": read it from standard input; default {})' },
    list: { type: 'boolean', help: 'list every method with what it does' },
  },
  notes: ['Inputs and outputs are checked against the API contract (shared/api/methods/); ids come from names.resolve or the list methods.'],
  examples: [
    'dyad call study.dyad dyads.list',
    'dyad call study.dyad names.resolve --input \'{"dyads":["D04"],"sessions":[1]}\'',
    'echo \'{"name":"Ana"}\' | dyad call study.dyad coders.setCurrent --input -',
  ],
  async run({ values, positionals: [file, method, ...more] }, io) {
    if (values.list) {
      const { contract } = await import('../../../shared/api/contract');
      const width = Math.max(...Object.keys(contract).map((k) => k.length)) + 2;
      for (const [name, def] of Object.entries(contract)) io.out(`${name.padEnd(width)}${def.summary}`);
      return 0;
    }
    if (!file || !method || more.length) throw new UsageError('give FILE and METHOD');
    const text = values.input === '-' ? readFileSync(0, 'utf8') : (values.input ?? '{}');
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`--input is not JSON: ${(e as Error).message}`);
    }
    return withProject(file, async (p) => {
      const value = await p.callUnknown(method, input);
      printWarnings(io, findWarnings(value, p.fileName));
      io.out(JSON.stringify(value ?? null, null, 2));
      return 0;
    });
  },
});

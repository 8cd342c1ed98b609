/**
 * How a `dyad` command describes itself: usage lines, every option with its meaning, examples. The same
 * description parses the arguments (an unknown option is refused, naming the real ones) and prints `--help`.
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './io';
import { UsageError } from './io';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** The value's placeholder in help ("PATH", "N"). */
  arg?: string;
  help: string;
}

type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<O extends OptionSpec> = O['type'] extends 'boolean'
  ? O['multiple'] extends true
    ? boolean[]
    : boolean
  : O['multiple'] extends true
    ? string[]
    : string;

export type Values<O extends OptionSpecs> = { [K in keyof O]?: ValueOf<O[K]> };

export interface Parsed<O extends OptionSpecs> {
  values: Values<O>;
  positionals: string[];
}

export interface Command<O extends OptionSpecs = OptionSpecs> {
  summary: string;
  usage: string[];
  options: O;
  /** What the positionals are, for help ("FILE  the project (.dyad)"). */
  args?: [string, string][];
  examples: string[];
  /** More to say below the options (sub-actions, notes). */
  notes?: string[];
  run(parsed: Parsed<O>, io: CliIo): number | Promise<number>;
}

export function command<O extends OptionSpecs>(c: Command<O>): Command<O> {
  return c;
}

const JSON_OPTION = { type: 'boolean', help: 'print the result as JSON (warnings included)' } as const;
export const json = { json: JSON_OPTION };

function optionList(name: string, c: Command): string[] {
  const rows: [string, string][] = Object.entries(c.options).map(([k, o]) => [
    `${o.short ? `-${o.short}, ` : ''}--${k}${o.type === 'string' ? ` ${o.arg ?? 'VALUE'}` : ''}${o.multiple ? ' …' : ''}`,
    `${o.help}${o.multiple ? ' (repeatable)' : ''}`,
  ]);
  rows.push(['-h, --help', `this help (also: dyad help ${name})`]);
  const width = Math.min(34, Math.max(...rows.map((r) => r[0].length)) + 2);
  return rows.map(([l, r]) => `  ${l.padEnd(width)}${l.length >= width ? `\n  ${' '.repeat(width)}` : ''}${r}`);
}

export function helpText(name: string, c: Command): string {
  const lines = [`dyad ${name} — ${c.summary}`, '', 'Usage:', ...c.usage.map((u) => `  ${u}`)];
  if (c.args?.length) {
    const width = Math.max(...c.args.map((a) => a[0].length)) + 2;
    lines.push('', 'Arguments:', ...c.args.map(([a, h]) => `  ${a.padEnd(width)}${h}`));
  }
  lines.push('', 'Options:', ...optionList(name, c));
  if (c.notes?.length) lines.push('', ...c.notes);
  lines.push('', c.examples.length > 1 ? 'Examples:' : 'Example:', ...c.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}

export function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Parses a command's arguments by its own description; wrong ones are a UsageError that names the real options. */
export function parse<O extends OptionSpecs>(name: string, c: Command<O>, args: string[]): Parsed<O> {
  const options = Object.fromEntries(
    Object.entries(c.options).map(([k, o]) => [k, { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) }]),
  );
  try {
    const r = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: r.values as Values<O>, positionals: r.positionals };
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw e;
    const real = Object.keys(c.options).map((k) => `--${k}`);
    const theirs = real.length ? `Its options: ${real.join(', ')}.` : 'It takes no options.';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const typed = /'([^']+)'/.exec((e as Error).message)?.[1] ?? '';
      throw new UsageError(`dyad ${name} has no option ${typed}. ${theirs}`);
    }
    throw new UsageError(`${(e as Error).message.split('\n')[0]} ${theirs}`);
  }
}

/** A whole number from `min`, or a usage error naming the flag. */
export function whole(value: string | undefined, flag: string, fallback?: number, min = 1): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`${flag} is needed`);
    return fallback;
  }
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number from ${min}`);
  return n;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

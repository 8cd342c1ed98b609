/** The filters several commands share (--dyad, --session, --attr, --role, --coder), resolved through names.resolve. */
import { ROLES, type Role } from '../../shared/domain/types';
import { UsageError } from './io';
import type { CliProject } from './project';
import type { OptionSpec } from './spec';

export const scopeOptions = {
  dyad: { type: 'string', multiple: true, arg: 'NAME', help: 'only this dyad ("4", "D04" and "04" are one dyad)' },
  session: { type: 'string', multiple: true, arg: 'N', help: 'only sessions with this number (in the dyads given)' },
  attr: { type: 'string', multiple: true, arg: 'KEY=VALUE', help: 'only dyads with this attribute value (e.g. modality=CBT)' },
} as const satisfies Record<string, OptionSpec>;

export const roleOption = { type: 'string', multiple: true, arg: 'ROLE', help: `only interviews of this role (${ROLES.join(', ')})` } as const satisfies OptionSpec;
export const coderOption = { type: 'string', multiple: true, arg: 'NAME', help: 'only codings of this coder' } as const satisfies OptionSpec;

export function sessionNumbers(values: string[] | undefined): number[] | undefined {
  if (!values?.length) return undefined;
  return values.map((n) => {
    const v = Number(n);
    if (!/^\s*\d+\s*$/.test(n) || !Number.isInteger(v) || v < 1) throw new UsageError('--session must be a whole number from 1');
    return v;
  });
}

export function attributes(pairs: string[] | undefined): Record<string, string[]> | undefined {
  if (!pairs?.length) return undefined;
  const out: Record<string, string[]> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`--attr takes key=value (got "${p}")`);
    (out[p.slice(0, eq).trim()] ??= []).push(p.slice(eq + 1).trim());
  }
  return out;
}

export function roles(values: string[] | undefined): Role[] | undefined {
  if (!values?.length) return undefined;
  for (const r of values) if (!ROLES.includes(r as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  return values as Role[];
}

/** Checks what can be checked before opening the project (a wrong --session or --attr is a usage error). */
export function checkScope(v: { session?: string[] | undefined; attr?: string[] | undefined; role?: string[] | undefined }): void {
  sessionNumbers(v.session);
  attributes(v.attr);
  roles(v.role);
}

interface ScopeValues {
  dyad?: string[] | undefined;
  session?: string[] | undefined;
  attr?: string[] | undefined;
  coder?: string[] | undefined;
}

/** Ids of what the filters name; undefined where a filter was not given. */
export async function resolveScope(p: CliProject, v: ScopeValues, codes?: string[]) {
  const sessions = sessionNumbers(v.session);
  const r = await p.call('names.resolve', { dyads: v.dyad, sessions, coders: v.coder, codes });
  return {
    dyadIds: v.dyad?.length ? r.dyadIds : undefined,
    sessionIds: sessions ? r.sessionIds : undefined,
    attributes: attributes(v.attr),
    coderIds: v.coder?.length ? r.coderIds : undefined,
    codeIds: r.codeIds,
  };
}

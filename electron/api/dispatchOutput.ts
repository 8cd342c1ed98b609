/**
 * The output check of dispatch, made cheap for big answers without making it weaker.
 *
 * zod checks each value through generic machinery and builds a copy of the whole answer; for 10,000 excerpts of
 * retrieval that was ~60 ms of a ~130 ms call. Here the contract's output schema is compiled once into plain
 * predicates for the kinds of schema answers are made of (objects, arrays, strings with lengths, numbers, integers,
 * enums, literals, booleans, nullable, optional). The predicate says yes only when zod would accept the value AND
 * zod's copy would equal it (no unknown keys to strip, no defaults or transforms to apply), so the handler's own
 * value can be passed on. Anything else (a refusal, keys to strip, a schema kind or check not understood here)
 * goes to zod as before, which decides and words the error: every output is still checked in full, and a
 * malformed one is refused with zod's message.
 *
 * The value passed on is the handler's own object, not a copy; every transport serializes it (structured clone
 * over IPC, JSON over HTTP and on the command line).
 */
import type { z } from 'zod';

type Check = (v: unknown) => boolean;

/** The parts of zod 4's schema definitions read here (zod's own `_zod.def`). */
interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  coerce?: boolean;
  shape?: Record<string, z.ZodType>;
  catchall?: unknown;
  element?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, unknown>;
  values?: unknown[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
}
interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  format?: string;
  value?: unknown;
  inclusive?: boolean;
}

const compiled = new WeakMap<object, Check | null>();
/** Schemas being compiled: a recursive schema (a code tree's children are codes) meets itself here. */
const compiling = new Map<object, { check: Check | null }>();

/** The compiled predicate of an output schema, or null when it uses something not understood here. */
export function exactCheck(schema: z.ZodType): Check | null {
  return compile(schema);
}

const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

function compile(schema: z.ZodType): Check | null {
  const done = compiled.get(schema);
  if (done !== undefined) return done;
  const open = compiling.get(schema);
  // Bound late: the schema's predicate exists once its outer compile finishes. Should that compile give up
  // (null), the answer is "not sure", which sends the value on to zod: never an acceptance zod would refuse.
  if (open) return (v) => open.check !== null && open.check(v);
  const cell = { check: null as Check | null };
  compiling.set(schema, cell);
  try {
    cell.check = compileNode(schema);
    compiled.set(schema, cell.check);
    return cell.check;
  } finally {
    compiling.delete(schema);
  }
}

function compileNode(schema: z.ZodType): Check | null {
  const def = defOf(schema);
  if (def.coerce) return null;
  // A check's `when` (zod gives length checks one by default) can only make zod skip the check, i.e. accept
  // more: running every check regardless can only send more answers on to zod, never pass one zod refuses.
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  switch (def.type) {
    case 'string':
      return lengths(checks, (v): v is string => typeof v === 'string');
    case 'number':
      return numberChecks(checks);
    case 'boolean':
      return checks.length ? null : (v) => typeof v === 'boolean';
    case 'enum': {
      if (checks.length || !def.entries) return null;
      const allowed = new Set(Object.values(def.entries));
      return (v) => allowed.has(v);
    }
    case 'literal': {
      if (checks.length || !def.values || def.values.some((x) => x !== null && typeof x === 'object')) return null;
      const allowed = new Set(def.values);
      return (v) => allowed.has(v);
    }
    case 'nullable': {
      const inner = checks.length || !def.innerType ? null : compile(def.innerType);
      return inner && ((v) => v === null || inner(v));
    }
    case 'optional': {
      const inner = checks.length || !def.innerType ? null : compile(def.innerType);
      return inner && ((v) => v === undefined || inner(v));
    }
    case 'array': {
      const element = def.element ? compile(def.element) : null;
      if (!element) return null;
      return lengths(checks, (v): v is unknown[] => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      });
    }
    case 'object':
      return checks.length || def.catchall !== undefined || !def.shape ? null : objectCheck(def.shape);
    case 'record':
      return checks.length || !def.keyType || !def.valueType ? null : recordCheck(def.keyType, def.valueType);
    default:
      return null;
  }
}

function lengths<T extends { length: number }>(checks: CheckDef[], is: (v: unknown) => v is T): Check | null {
  let min = 0;
  let max = Infinity;
  for (const c of checks) {
    if (c.check === 'min_length' && typeof c.minimum === 'number') min = Math.max(min, c.minimum);
    else if (c.check === 'max_length' && typeof c.maximum === 'number') max = Math.min(max, c.maximum);
    else return null;
  }
  if (min === 0 && max === Infinity) return is;
  return (v) => is(v) && v.length >= min && v.length <= max;
}

function numberChecks(checks: CheckDef[]): Check | null {
  let int = false;
  let lo = -Infinity;
  let loIn = true;
  let hi = Infinity;
  let hiIn = true;
  for (const c of checks) {
    if (c.check === 'number_format' && c.format === 'safeint') int = true;
    else if (c.check === 'greater_than' && typeof c.value === 'number' && c.value >= lo) [lo, loIn] = [c.value, c.inclusive === true];
    else if (c.check === 'less_than' && typeof c.value === 'number' && c.value <= hi) [hi, hiIn] = [c.value, c.inclusive === true];
    else return null;
  }
  return (v) =>
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (!int || Number.isSafeInteger(v)) &&
    (loIn ? v >= lo : v > lo) &&
    (hiIn ? v <= hi : v < hi);
}

function objectCheck(shape: Record<string, z.ZodType>): Check | null {
  const keys = Object.keys(shape);
  const fields: Check[] = [];
  for (const k of keys) {
    const f = compile(shape[k]!);
    if (!f) return null;
    fields.push(f);
  }
  const known = new Set(keys);
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    const o = v as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) if (!fields[i]!(o[keys[i]!])) return false;
    // A key the schema does not name would be stripped by zod: let zod make that copy.
    for (const k in o) if (!known.has(k)) return false;
    return true;
  };
}

/**
 * A record with plain string keys (a dyad's attributes: every dyad in the navigator's tree has one). zod drops a
 * `__proto__` key from its copy, and symbol keys are not what JSON or structured clone carry: both go to zod.
 */
function recordCheck(keyType: z.ZodType, valueType: z.ZodType): Check | null {
  const key = defOf(keyType);
  if (key.type !== 'string' || key.coerce || key.checks?.length) return null;
  const value = compile(valueType);
  if (!value) return null;
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    // zod's copy of a record is a plain object: one without a prototype goes to zod.
    if (Object.getPrototypeOf(v) !== Object.prototype) return false;
    if (Object.getOwnPropertySymbols(v).length) return false;
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) if (k === '__proto__' || !value(o[k])) return false;
    return true;
  };
}

/** Errors are values: a kind for code to branch on and a message written for the researcher. */
export type ErrorKind =
  | 'invalid-input' // the call's arguments do not fit the contract
  | 'not-found'
  | 'conflict' // e.g. a name already taken
  | 'bad-file' // an input file that cannot be read: corrupt, wrong encoding, too big, unsafe
  | 'newer-version' // a project written by a newer Dyad
  | 'locked' // the project is open in another Dyad
  | 'cancelled'
  | 'io' // the file system refused
  | 'forbidden' // transport-level refusal (token, origin, sender)
  | 'internal';

export interface DyadErrorValue {
  kind: ErrorKind;
  message: string;
}

/** Thrown inside the core; turned into `{ok:false,error}` at every transport boundary. */
export class DyadError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DyadError';
  }
  toValue(): DyadErrorValue {
    return { kind: this.kind, message: this.message };
  }
}

export function errorValue(e: unknown): DyadErrorValue {
  if (e instanceof DyadError) return e.toValue();
  if (e && typeof e === 'object' && 'kind' in e && 'message' in e) {
    const v = e as { kind: unknown; message: unknown };
    if (typeof v.kind === 'string' && typeof v.message === 'string') return { kind: v.kind as ErrorKind, message: v.message };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'internal', message };
}

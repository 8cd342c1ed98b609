import type { DyadErrorValue, ErrorKind } from '../../../shared/api/errors';

/** A failed call, as the renderer sees it: the core's kind and its message for the researcher. */
export class ApiError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  static from(v: DyadErrorValue): ApiError {
    return new ApiError(v.kind, v.message);
  }
}

/** The message to show for anything thrown by a call or by the renderer itself. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

export function isCancelled(e: unknown): boolean {
  return e instanceof ApiError && e.kind === 'cancelled';
}

/**
 * What a call through the API answers. Errors themselves are domain values (shared/domain/errors.ts), so that pure
 * modules need not import the API folder; they are re-exported here for the API's clients and handlers.
 */
import type { DyadErrorValue } from '../domain/errors';

export { DyadError, errorValue, type DyadErrorValue, type ErrorKind } from '../domain/errors';

export type Result<T> = { ok: true; value: T } | { ok: false; error: DyadErrorValue };

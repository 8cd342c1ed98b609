/**
 * The renderer's request for a save dialog, checked before the dialog opens: it arrives over IPC as `unknown`, and
 * what it names (a file name, the kinds of file offered) is shown to the researcher and decides the file's
 * extension. Pure, so it is unit-tested without Electron; dialogs.ts shows the dialog, ipc.ts wires it.
 */
import type { SaveFileRequest } from '../../shared/api/bridge';
import type { DyadErrorValue } from '../../shared/api/errors';

const EXTENSION = /^[a-z0-9]{1,10}$/iu;
// A bare name: no folder part (the dialog opens in the user's last folder), no control characters.
const BAD_NAME = /[\\/\u0000-\u001f]/u;

const invalid = (message: string): DyadErrorValue => ({ kind: 'invalid-input', message: `Save dialog: ${message}` });

export function parseSaveRequest(value: unknown): { ok: true; value: SaveFileRequest } | { ok: false; error: DyadErrorValue } {
  if (!value || typeof value !== 'object') return { ok: false, error: invalid('the request is not an object.') };
  const { defaultName, filters } = value as Record<string, unknown>;
  if (typeof defaultName !== 'string' || !defaultName.trim() || defaultName.length > 255 || BAD_NAME.test(defaultName)) {
    return { ok: false, error: invalid('the file name must be a plain name of at most 255 characters, without folders.') };
  }
  if (!Array.isArray(filters) || filters.length < 1 || filters.length > 10) return { ok: false, error: invalid('give one to ten kinds of file.') };
  const out: SaveFileRequest['filters'] = [];
  for (const f of filters as unknown[]) {
    const { name, extensions } = (f && typeof f === 'object' ? f : {}) as Record<string, unknown>;
    if (typeof name !== 'string' || !name.trim() || name.length > 100) return { ok: false, error: invalid('each kind of file needs a name of at most 100 characters.') };
    if (!Array.isArray(extensions) || extensions.length < 1 || extensions.length > 10 || !extensions.every((e) => typeof e === 'string' && EXTENSION.test(e))) {
      return { ok: false, error: invalid(`“${name}” needs one to ten extensions of letters and digits (without the dot).`) };
    }
    out.push({ name, extensions: (extensions as string[]).map((e) => e.toLowerCase()) });
  }
  return { ok: true, value: { defaultName, filters: out } };
}

/** The chosen path, ending in one of the offered extensions (the first added when the researcher typed none of them). */
export function withOfferedExtension(path: string, request: SaveFileRequest): string {
  const offered = request.filters.flatMap((f) => f.extensions);
  const lower = path.toLowerCase();
  return offered.some((e) => lower.endsWith(`.${e}`)) ? path : `${path}.${offered[0]}`;
}

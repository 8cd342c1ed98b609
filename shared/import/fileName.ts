/**
 * Reading dyad, session and role from a transcript's file name for folder imports, with the project's pattern
 * (ProjectSettings.fileNamePattern, default "D{dyad}_S{session}_{role}").
 *
 * - Case does not matter; the extension is ignored; "_", "-" and spaces are interchangeable separators, and a
 *   run of them counts as one. Anything after the pattern, past a separator, is ignored ("…_client_v2.docx").
 * - The dyad is the pseudonymous id as researchers say it: a number loses its leading zeros ("D04" → "4", so
 *   D4 and D04 are the same dyad); a non-numeric id is kept as written ("DA" → "A").
 * - Role words: client, cl, c, patient, pt → client; therapist, th, t, counsellor, counselor, psychotherapist →
 *   therapist; interpreter, other, observer, supervisor, session → other. Any other word: null (no proposal).
 * - A pattern without {role} proposes 'other'.
 */
import { DyadError } from '../domain/errors';
import type { Role } from '../domain/types';

const ROLE_WORDS: Record<string, Role> = {
  client: 'client', cl: 'client', c: 'client', patient: 'client', pt: 'client',
  therapist: 'therapist', th: 'therapist', t: 'therapist', counsellor: 'therapist', counselor: 'therapist',
  psychotherapist: 'therapist',
  interpreter: 'other', other: 'other', observer: 'other', supervisor: 'other', session: 'other',
};

export interface FileNameParts {
  dyad: string;
  session: number;
  role: Role;
}

const compiled = new Map<string, { re: RegExp; order: string[] }>();

export function parseFileName(name: string, pattern: string): FileNameParts | null {
  const { re, order } = compilePattern(pattern);
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '').trim();
  const m = re.exec(base);
  if (!m) return null;
  const values: Record<string, string> = {};
  order.forEach((p, i) => (values[p] = m[i + 1]!));

  const dyadRaw = values.dyad!;
  const dyad = /^\d+$/.test(dyadRaw) ? String(Number(dyadRaw)) : dyadRaw;
  const session = Number(values.session);
  if (!Number.isSafeInteger(session)) return null;
  let role: Role = 'other';
  if (values.role !== undefined) {
    const r = ROLE_WORDS[values.role.toLowerCase()];
    if (!r) return null;
    role = r;
  }
  return { dyad, session, role };
}

/** Refuses a file-name pattern that cannot be used (unknown or repeated placeholder, no {dyad} or {session}). */
export function checkFileNamePattern(pattern: string): void {
  compilePattern(pattern);
}

function compilePattern(pattern: string): { re: RegExp; order: string[] } {
  const hit = compiled.get(pattern);
  if (hit) return hit;
  const order: string[] = [];
  let src = '';
  const tokens = pattern.trim().replace(/\.[A-Za-z0-9]{1,5}$/, '').split(/(\{[^}]*\})/);
  for (const tok of tokens) {
    if (!tok) continue;
    if (tok.startsWith('{')) {
      const ph = tok.slice(1, -1).toLowerCase();
      if (ph !== 'dyad' && ph !== 'session' && ph !== 'role') {
        throw new DyadError('invalid-input', `The file-name pattern "${pattern}" has an unknown placeholder ${tok}; use {dyad}, {session} and {role}`);
      }
      if (order.includes(ph)) throw new DyadError('invalid-input', `The file-name pattern "${pattern}" uses ${tok} twice`);
      order.push(ph);
      // Lazy so that a letter after the placeholder ("D{dyad}S{session}") still ends it.
      src += ph === 'session' ? '(\\d+)' : ph === 'role' ? '(\\p{L}+)' : '([\\p{L}\\p{N}]+?)';
    } else {
      for (const ch of tok) src += /[_\- ]/.test(ch) ? (src.endsWith('[_\\- ]+') ? '' : '[_\\- ]+') : escape(ch);
    }
  }
  if (!order.includes('dyad') || !order.includes('session')) {
    throw new DyadError('invalid-input', `The file-name pattern "${pattern}" must contain {dyad} and {session}`);
  }
  const entry = { re: new RegExp(`^${src}(?:[_\\- .].*)?$`, 'iu'), order };
  compiled.set(pattern, entry);
  return entry;
}

/** Escapes only the syntax characters: the 'u' flag rejects needless escapes. */
function escape(ch: string): string {
  return /[\^$\\.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

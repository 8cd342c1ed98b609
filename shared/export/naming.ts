/** Words around an export: its title, the filters it was made with, and a file name to offer. */
import type { ExcerptFormat } from './model';

export const MIME_TYPES: Record<ExcerptFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

interface FilterWords {
  roles?: readonly string[];
  dyads?: readonly string[];
  /** "4/1" style labels: dyad name and session number. */
  sessions?: readonly string[];
  coders?: readonly string[];
  attributes?: Readonly<Record<string, readonly string[]>>;
  includeSubcodes?: boolean;
}

/** "Role: client · Dyads: 4, 7 · Coder: Ana · modality: online", or '' when nothing narrows the export. */
export function describeFilters(f: FilterWords): string {
  const parts: string[] = [];
  const list = (one: string, many: string, items: readonly string[] | undefined) => {
    if (items?.length) parts.push(`${items.length === 1 ? one : many}: ${items.join(', ')}`);
  };
  list('Role', 'Roles', f.roles);
  list('Dyad', 'Dyads', f.dyads);
  list('Session', 'Sessions', f.sessions);
  list('Coder', 'Coders', f.coders);
  for (const [k, vs] of Object.entries(f.attributes ?? {})) if (vs.length) parts.push(`${k}: ${vs.join(' or ')}`);
  if (f.includeSubcodes) parts.push('Subcodes included');
  return parts.join(' · ');
}

/** Characters no common file system accepts in a name, and control characters. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/gu;

/** A file name for the download: the title made safe, with the format's extension. */
export function exportFileName(title: string, format: string): string {
  let base = title.replace(UNSAFE, ' ').replace(/\s+/gu, ' ').trim().replace(/^\.+/u, '');
  if ([...base].length > 100) base = [...base].slice(0, 100).join('').trim();
  return `${base || 'Dyad export'}.${format}`;
}

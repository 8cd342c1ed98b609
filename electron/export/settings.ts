/**
 * The export settings of a project (attribution template, de-identification list), kept in project_settings under
 * their own keys beside the project's other settings. A stored value that does not pass its schema (edited by
 * hand, written by a future version) is ignored in favour of the default rather than breaking every export.
 */
import { DyadError } from '../../shared/api/errors';
import { ATTRIBUTION_FIELDS } from '../../shared/export/attribution';
import { cleanList } from '../../shared/export/deidentify';
import {
  ATTRIBUTION_TEMPLATE_KEY,
  attributionTemplate,
  DEFAULT_EXPORT_SETTINGS,
  DEIDENTIFY_KEY,
  type ExportSettings,
  exportSettings,
} from '../../shared/export/settings';
import type { Db } from '../core/database';

function readKey(db: Db, key: string): unknown {
  const row = db.prepare('SELECT value FROM project_settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

export function getExportSettings(db: Db): ExportSettings {
  const template = attributionTemplate.safeParse(readKey(db, ATTRIBUTION_TEMPLATE_KEY));
  const list = exportSettings.shape.deidentify.safeParse(readKey(db, DEIDENTIFY_KEY));
  return {
    attributionTemplate: template.success ? template.data : DEFAULT_EXPORT_SETTINGS.attributionTemplate,
    deidentify: list.success ? list.data : DEFAULT_EXPORT_SETTINGS.deidentify,
  };
}

/** Stores what is given (checked again here, since the command line and tests call this directly). */
export function setExportSettings(db: Db, patch: Partial<ExportSettings>): ExportSettings {
  const put = db.prepare('INSERT INTO project_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const values: [string, unknown][] = [];
  if (patch.attributionTemplate !== undefined) {
    const t = attributionTemplate.safeParse(patch.attributionTemplate);
    if (!t.success) throw new DyadError('invalid-input', t.error.issues[0]?.message ?? 'The attribution template is not valid.');
    values.push([ATTRIBUTION_TEMPLATE_KEY, t.data]);
  }
  if (patch.deidentify !== undefined) {
    const l = exportSettings.shape.deidentify.safeParse(patch.deidentify);
    if (!l.success) throw new DyadError('invalid-input', `The de-identification list is not valid: ${l.error.issues[0]?.message ?? 'invalid'}.`);
    values.push([DEIDENTIFY_KEY, cleanList(l.data)]);
  }
  db.transaction(() => {
    for (const [k, v] of values) put.run(k, JSON.stringify(v));
  })();
  return getExportSettings(db);
}

/** The fields a template may name in this project: the fixed ones, then `attributes.NAME` for each dyad attribute. */
export function availableFields(db: Db): string[] {
  const names = db
    .prepare('SELECT DISTINCT j.key FROM dyads d, json_each(d.attributes) j ORDER BY j.key COLLATE NOCASE')
    .pluck()
    .all() as string[];
  return [...ATTRIBUTION_FIELDS, ...names.map((n) => `attributes.${n}`)];
}

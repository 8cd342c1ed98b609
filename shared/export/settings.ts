/**
 * What a project remembers about exports: the attribution template and the de-identification list. Stored in
 * project_settings under their own keys (electron/export/settings.ts), checked with these schemas on the way in
 * and on the way out, so a hand-edited or damaged value falls back to the default instead of breaking exports.
 */
import { z } from 'zod';
import { DEFAULT_ATTRIBUTION_TEMPLATE, MAX_TEMPLATE_LENGTH, parseTemplate } from './attribution';
import { deidentifyList } from './deidentify';

export const ATTRIBUTION_TEMPLATE_KEY = 'attributionTemplate';
export const DEIDENTIFY_KEY = 'deidentify';

export const attributionTemplate = z
  .string()
  .max(MAX_TEMPLATE_LENGTH)
  .superRefine((s, ctx) => {
    try {
      parseTemplate(s);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
    }
  });

export const exportSettings = z.object({
  attributionTemplate,
  deidentify: deidentifyList,
});

export type ExportSettings = z.infer<typeof exportSettings>;

export const DEFAULT_EXPORT_SETTINGS: ExportSettings = { attributionTemplate: DEFAULT_ATTRIBUTION_TEMPLATE, deidentify: [] };

/**
 * Exports for writing up: the coded excerpts of chosen codes (docx, md, html, csv, xlsx) and the dyadic dialogue
 * of a theme (docx, md, html), each excerpt attributed by the project's template and everything de-identified by
 * its list of names. Exports only read the project.
 *
 * With `path` (the desktop app, after a save dialog) the file is written there, safely; without it (the browser
 * build) the bytes come back as base64 for the page to offer as a download.
 */
import { z } from 'zod';
import { method } from '../define';
import { id, role } from '../schemas';
import { deidentifyList } from '../../export/deidentify';
import { attributionTemplate } from '../../export/settings';

/** Which excerpts: every list narrows, omitted means all (the same meaning as in analysis.retrieve). */
export const exportFilters = z.object({
  dyadIds: z.array(id).max(1000).optional(),
  sessionIds: z.array(id).max(10000).optional(),
  roles: z.array(role).max(3).optional(),
  /** Dyad attributes: key → allowed values (case-insensitive); a dyad must match every key given. */
  attributes: z.record(z.string().max(200), z.array(z.string().max(2000)).min(1).max(200)).optional(),
  coderIds: z.array(id).max(1000).optional(),
  /** Export a code's subcodes' excerpts under the code's heading too. */
  includeSubcodes: z.boolean().optional(),
});

const target = {
  /** Where to write (absolute, ending in the format's extension). Omitted: the bytes are returned. */
  path: z.string().min(1).max(4096).optional(),
  /** The document's title; a default naming the codes is used when omitted. */
  title: z.string().max(300).optional(),
  jobId: z.string().max(100).optional(),
  /**
   * Made for reading: a passage cut mid-word is widened to whole words, and nearly the same passage coded by
   * several coders is one excerpt naming them. false keeps every coding as its own excerpt at its exact offsets.
   * Omitted: on for documents (docx, md, html), off for CSV and Excel (data for analysis, which must match the
   * project's codings). Its name, as the Export page's checkbox says it: "Widen passages to whole words".
   */
  wholeWords: z.boolean().optional(),
};

const exportResult = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** Excerpts in the export. */
  excerptCount: z.number().int(),
  /** Size of the file in bytes. */
  size: z.number().int(),
  /** Where it was written, or null when the bytes are returned. */
  path: z.string().nullable(),
  dataBase64: z.string().nullable(),
});

const exportSettingsView = z.object({
  attributionTemplate: z.string(),
  deidentify: deidentifyList,
  defaultAttributionTemplate: z.string(),
  /** The fields a template may name here: the fixed ones and one `attributes.NAME` per dyad attribute in the project. */
  fields: z.array(z.string()),
});

export const exportMethods = {
  'export.excerpts': method({
    summary: 'Export the excerpts of chosen codes, attributed and de-identified, as Word, Markdown, HTML, CSV or Excel.',
    job: true,
    input: z.object({
      format: z.enum(['docx', 'md', 'html', 'csv', 'xlsx']),
      codeIds: z.array(id).min(1).max(1000),
      filters: exportFilters.optional(),
      includeMemos: z.boolean().default(false),
      ...target,
    }),
    output: exportResult,
  }),
  'export.dialogue': method({
    summary: "A theme as a dyadic dialogue: per aligned moment, the client's and the therapist's excerpts side by side.",
    job: true,
    input: z.object({
      format: z.enum(['docx', 'md', 'html']),
      codeIds: z.array(id).min(1).max(1000),
      filters: exportFilters.omit({ roles: true }).optional(),
      ...target,
    }),
    output: exportResult,
  }),
  'export.settings.get': method({
    summary: "The project's attribution template and de-identification list.",
    input: z.object({}),
    output: exportSettingsView,
  }),
  'export.settings.set': method({
    summary: 'Change the attribution template and/or the de-identification list (applied to exports only).',
    input: z.object({ attributionTemplate: attributionTemplate.optional(), deidentify: deidentifyList.optional() }),
    output: exportSettingsView,
  }),
};

import { z } from 'zod';
import { method } from '../define';
import { projectSettings } from '../schemas';

const diskUse = z.object({ bytes: z.number().int(), reclaimableBytes: z.number().int(), worthCompacting: z.boolean() });

export const projectMethods = {
  'project.info': method({
    summary: 'The open project: file, name, schema version and settings.',
    input: z.object({}),
    output: z.object({
      path: z.string(),
      name: z.string(),
      schemaVersion: z.number().int(),
      settings: projectSettings,
      counts: z.object({ dyads: z.number().int(), sessions: z.number().int(), interviews: z.number().int() }),
      /** The file's size on disk, the free pages inside it, and whether compacting is worth offering. */
      disk: diskUse,
    }),
  }),
  'project.compact': method({
    summary:
      "Merge the search index's parts and rewrite the project file without the space that removals left free (SQLite's VACUUM); " +
      'sizes in bytes before and after. Seconds on a large study; needs free disk space about the size of the file.',
    input: z.object({}),
    output: z.object({ before: z.number().int(), after: z.number().int(), ms: z.number() }),
  }),
  'project.updateSettings': method({
    summary: 'Change project settings (alignment tolerance, marker patterns, file-name pattern).',
    input: projectSettings.partial(),
    output: projectSettings,
  }),
  'moments.rescan': method({
    summary:
      "Look for recall moments in the imported transcripts with the project's marker patterns (after adding one); " +
      'apply: false only counts them, apply: true adds them as one undoable step. Moments already there stay.',
    input: z.object({ apply: z.boolean() }),
    output: z.object({
      /** New moments found (or added), and in how many interviews. */
      moments: z.number().int(),
      interviews: z.number().int(),
      /** Up to ten of them, for the researcher to check. */
      sample: z.array(z.object({ sourceName: z.string(), label: z.string(), sessionTime: z.number() })),
    }),
  }),
  'jobs.cancel': method({
    summary: 'Cancel a long job by its id.',
    input: z.object({ jobId: z.string().min(1).max(100) }),
    output: z.object({ cancelled: z.boolean() }),
  }),
};

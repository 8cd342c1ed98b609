import { z } from 'zod';
import { method } from '../define';
import { projectSettings } from '../schemas';

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
    }),
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

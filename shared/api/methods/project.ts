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
  'jobs.cancel': method({
    summary: 'Cancel a long job by its id.',
    input: z.object({ jobId: z.string().min(1).max(100) }),
    output: z.object({ cancelled: z.boolean() }),
  }),
};

import { z } from 'zod';
import { method } from '../define';
import { role, speakerRole, wellFormedText } from '../schemas';

export const importFile = z.object({
  name: wellFormedText(z.string().min(1).max(1000)),
  /** The file's bytes, base64. */
  dataBase64: z.string(),
});

export const speakerSummary = z.object({ label: z.string(), turns: z.number().int(), role: speakerRole });

export const previewItem = z.object({
  index: z.number().int(),
  name: z.string(),
  ok: z.boolean(),
  error: z.string().nullable(),
  format: z.string(),
  encoding: z.string().nullable(),
  proposed: z.object({ dyad: z.string(), session: z.number().int(), role }).nullable(),
  wordCount: z.number().int(),
  speakers: z.array(speakerSummary),
  turns: z.array(
    z.object({ speaker: z.string(), text: z.string(), interviewTime: z.number().nullable(), sessionTimes: z.array(z.number()) }),
  ),
  moments: z.array(z.object({ sessionTime: z.number(), label: z.string() })),
  warnings: z.array(z.string()),
});

export const commitItem = z.object({
  index: z.number().int().min(0),
  dyad: wellFormedText(z.string().trim().min(1).max(200)),
  session: z.number().int().min(1).max(100000),
  role,
  speakerRoles: z.record(z.string(), speakerRole),
});

export const importMethods = {
  'import.preview': method({
    summary: 'Read transcript files and show the turns and moments found, before anything is written.',
    job: true,
    input: z.object({ files: z.array(importFile).min(1).max(2000), jobId: z.string().max(100).optional() }),
    output: z.object({ stagingId: z.string(), items: z.array(previewItem) }),
  }),
  'import.commit': method({
    summary: 'Write previewed transcripts into the project as interviews (all or nothing).',
    job: true,
    input: z.object({
      stagingId: z.string(),
      items: z.array(commitItem).min(1),
      jobId: z.string().max(100).optional(),
    }),
    output: z.object({ interviewIds: z.array(z.string()) }),
  }),
};

import { z } from 'zod';
import { method } from '../define';
import { oneFileSource, role, speakerRole, uploadId, wellFormedText } from '../schemas';

const importFile = z
  .object({
    name: wellFormedText(z.string().min(1).max(1000)),
    /** The file's bytes, base64 (the desktop app, the command line). */
    dataBase64: z.string().optional(),
    /** Or the file sent to `dyad serve` beforehand (the browser), which spares the server a copy in memory. */
    uploadId: uploadId.optional(),
  })
  .refine(oneFileSource, { message: 'give either dataBase64 or uploadId' });

const speakerSummary = z.object({ label: z.string(), turns: z.number().int(), role: speakerRole });

const previewItem = z.object({
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
    z.object({
      speaker: z.string(),
      text: z.string(),
      interviewTime: z.number().nullable(),
      /** Finer interview times inside the turn (each subtitle cue), in order. */
      timePoints: z.array(z.number()),
      sessionTimes: z.array(z.number()),
    }),
  ),
  moments: z.array(z.object({ sessionTime: z.number(), label: z.string() })),
  /** Everything the reading of this file noticed: words kept out of turns, times that could not be read, … */
  warnings: z.array(z.string()),
  /** The file names no speakers: its turns are one speaker's, "Speaker", for the researcher to name. */
  noSpeakerLabels: z.boolean(),
});

const commitItem = z.object({
  index: z.number().int().min(0),
  dyad: wellFormedText(z.string().trim().min(1).max(200)),
  session: z.number().int().min(1).max(100000),
  role,
  speakerRoles: z.record(z.string(), speakerRole),
  /** Names the researcher gave speakers in the preview: label as read → name to store. */
  speakerNames: z.record(z.string(), z.string().trim().min(1).max(200)).optional(),
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
    output: z.object({
      interviewIds: z.array(z.string()),
      /** The warnings of the files imported, each naming its file: what was shown in the preview, for the record. */
      warnings: z.array(z.string()),
    }),
  }),
};

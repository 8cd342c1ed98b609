import { z } from 'zod';
import { method } from '../define';
import { id, oneFileSource, role, savedFile, uploadId, wellFormedText } from '../schemas';

/** A file the core reads: by path (the app's file dialog, the command line), as bytes, or uploaded (the browser). */
const fileFields = {
  path: z.string().min(1).max(4096).optional(),
  /** The file's bytes, base64, with its name for messages. */
  dataBase64: z.string().optional(),
  /** Or the file sent to `dyad serve` beforehand (the browser). */
  uploadId: uploadId.optional(),
  name: wellFormedText(z.string().min(1).max(1000)).optional(),
};
const oneSource = oneFileSource;
const sourceMessage = { message: 'give either path or dataBase64 (with name), or uploadId' };

const assignment = z.union([
  z.object({ sourceId: id, dyad: wellFormedText(z.string().trim().min(1).max(200)), session: z.number().int().min(1).max(100000), role }),
  z.object({ sourceId: id, skip: z.literal(true) }),
]);

const proposed = z.object({ dyad: z.string(), session: z.number().int(), role }).nullable();

export const refiMethods = {
  'refi.exportQdpx': method({
    summary: 'Export the whole project as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA or QualCoder.',
    job: true,
    /** Without `path` (the browser) the file's bytes come back as base64 for the page to download. */
    input: z.object({ path: z.string().min(1).max(4096).optional(), jobId: z.string().max(100).optional() }),
    output: z.object({
      ...savedFile,
      sources: z.number().int(),
      codes: z.number().int(),
      codings: z.number().int(),
      memos: z.number().int(),
      coders: z.number().int(),
    }),
  }),
  'refi.previewQdpx': method({
    summary: 'Read a REFI-QDA project (.qdpx) and show its sources with proposed dyads, sessions and roles, before anything is written.',
    job: true,
    input: z.object({ ...fileFields, jobId: z.string().max(100).optional() }).refine(oneSource, sourceMessage),
    output: z.object({
      stagingId: z.string(),
      fileName: z.string(),
      origin: z.string().nullable(),
      /** How the file counts selection positions (decided from its selections; see docs/refi-qda.md). */
      positionUnit: z.enum(['code-points', 'utf16']),
      sources: z.array(
        z.object({
          id,
          name: z.string(),
          wordCount: z.number().int(),
          codings: z.number().int(),
          turns: z.number().int(),
          /** From Dyad's own data in the file, else from the source's name; null when neither tells. */
          proposed,
          fromDyad: z.boolean(),
        }),
      ),
      codebooks: z.array(z.object({ name: z.string(), codes: z.number().int() })),
      codes: z.number().int(),
      codings: z.number().int(),
      memos: z.number().int(),
      users: z.array(z.object({ id, name: z.string() })),
      warnings: z.array(z.string()),
    }),
  }),
  'refi.importQdpx': method({
    summary: 'Write a previewed REFI-QDA project into this project (all or nothing); every source is assigned or skipped.',
    job: true,
    input: z.object({ stagingId: z.string().min(1).max(100), assignments: z.array(assignment).max(100000), jobId: z.string().max(100).optional() }),
    output: z.object({
      interviewIds: z.array(z.string()),
      codebookIds: z.array(z.string()),
      codes: z.number().int(),
      codings: z.number().int(),
      memos: z.number().int(),
      coders: z.number().int(),
      warnings: z.array(z.string()),
    }),
  }),
  'refi.exportQdc': method({
    summary: 'Export one codebook as a REFI-QDA codebook (.qdc).',
    input: z.object({ codebookId: id, path: z.string().min(1).max(4096).optional() }),
    output: z.object({ ...savedFile, codes: z.number().int() }),
  }),
  'refi.importQdc': method({
    summary: 'Add the codes of a REFI-QDA codebook (.qdc) as a new codebook named after the file.',
    input: z.object(fileFields).refine(oneSource, sourceMessage),
    output: z.object({ codebookId: z.string(), name: z.string(), codes: z.number().int(), warnings: z.array(z.string()) }),
  }),
};

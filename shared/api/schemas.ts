/** zod schemas of the domain types that cross the API. Kept beside shared/domain/types.ts, checked against it. */
import { z } from 'zod';
import { id } from '../domain/id';
import type * as T from '../domain/types';

export { id };

/**
 * True when every surrogate in s is half of a pair. A lone half (from a paste cut in the middle of an emoji, or a
 * script) cannot be stored: SQLite keeps text as UTF-8, where it becomes U+FFFD, and every offset after it would
 * then count wrong.
 */
const isWellFormedText = (s: string): boolean => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

/** Text the project will store (corrections, memos, names, attributes): refused when it holds half a character. */
export const wellFormedText = (schema: z.ZodString = z.string()): z.ZodString =>
  schema.refine(isWellFormedText, 'This text holds half of a character (a lone UTF-16 surrogate, e.g. half an emoji) and cannot be stored; type or paste it again');
/** A file sent to `dyad serve` beforehand (POST /api/upload), named in place of its bytes; read once. */
export const uploadId = z.string().min(1).max(100);
/** Exactly one of the ways a file can reach the core. */
export const oneFileSource = (f: { path?: string | undefined; dataBase64?: string | undefined; uploadId?: string | undefined }): boolean =>
  [f.path, f.dataBase64, f.uploadId].filter((x) => x !== undefined).length === 1;

export const role = z.enum(['client', 'therapist', 'other']);
export const speakerRole = z.enum(['interviewer', 'participant', 'unknown']);

export const dyad = z.object({ id, name: z.string(), attributes: z.record(z.string(), z.string()) });
export const session = z.object({
  id,
  dyadId: id,
  number: z.number().int(),
  date: z.string().nullable(),
  recordingPath: z.string().nullable(),
});
export const interviewSummary = z.object({
  id,
  sessionId: id,
  role,
  sourceName: z.string(),
  wordCount: z.number().int(),
  turnCount: z.number().int(),
  momentCount: z.number().int(),
  audioPath: z.string().nullable(),
});
export const turn = z.object({
  id,
  seq: z.number().int(),
  speaker: z.string(),
  speakerRole,
  start: z.number().int(),
  end: z.number().int(),
  interviewTime: z.number().nullable(),
  timePoints: z.array(z.object({ offset: z.number().int(), interviewTime: z.number() })).optional(),
});
const recallMoment = z.object({ id, sessionTime: z.number(), offset: z.number().int(), label: z.string() });
export const interview = interviewSummary.extend({
  text: z.string(),
  turns: z.array(turn),
  moments: z.array(recallMoment),
});
/** Where an export went (path), or its bytes (dataBase64) when no path was given (the browser downloads them). */
export const savedFile = {
  fileName: z.string(),
  mimeType: z.string(),
  path: z.string().nullable(),
  dataBase64: z.string().nullable(),
};
export const momentLink = z.object({
  id,
  sessionId: id,
  clientUnitId: id,
  therapistUnitId: id,
  kind: z.enum(['link', 'unlink']),
});
export const projectSettings = z.object({
  alignToleranceSeconds: z.number().min(0).max(3600),
  customMarkerPatterns: z.array(wellFormedText(z.string().max(500))).max(50),
  fileNamePattern: wellFormedText(z.string().min(1).max(500)),
});

// Compile-time checks that the schemas and the domain types say the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<z.infer<typeof dyad>, T.Dyad>,
  Same<z.infer<typeof session>, T.Session>,
  Same<z.infer<typeof interview>, T.Interview>,
  Same<z.infer<typeof momentLink>, T.MomentLink>,
  Same<z.infer<typeof projectSettings>, T.ProjectSettings>,
] = [true, true, true, true, true];
void checks;

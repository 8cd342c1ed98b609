import { z } from 'zod';
import { method } from '../define';
import { id, wellFormedText } from '../schemas';

/** A recording attached to the project: a session's, or an interview's own. */
export const medium = z.object({
  kind: z.enum(['session', 'interview']),
  sessionId: id,
  interviewId: id.nullable(),
  label: z.string(),
  /** As stored: relative to the project file when the recording sits beside it. */
  storedPath: z.string(),
  /** Where Dyad looked for it. */
  resolvedPath: z.string(),
  found: z.boolean(),
});

export const mediaMethods = {
  'media.list': method({
    summary: 'Every recording attached to the project (sessions and interviews), where Dyad looks for it and whether it is there.',
    input: z.object({}),
    output: z.array(medium),
  }),
  'media.relink': method({
    summary: 'Find every missing recording in a folder (and below) by its file name and attach it, for all sessions at once (undoable).',
    input: z.object({ folder: wellFormedText(z.string().min(1).max(4000)) }),
    output: z.object({
      relinked: z.array(z.object({ label: z.string(), from: z.string(), to: z.string() })),
      missing: z.array(z.object({ label: z.string(), storedPath: z.string(), resolvedPath: z.string() })),
    }),
  }),
};

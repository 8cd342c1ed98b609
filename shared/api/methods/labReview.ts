/**
 * The lead's review on a lab server (electron/labServer/conflicts.ts): two changes to the same field of a code made
 * without either author seeing the other's. The later one in the server's order is the value for now; a lead chooses,
 * and the choice travels to everyone as a new change with the next sync.
 */
import { z } from 'zod';
import { method } from '../define';

const side = z.object({
  /** As stored: a parent code's id for the place of a code. */
  value: z.unknown(),
  /** As a researcher reads it: the parent's path, "(top level)", "(empty)". */
  shown: z.string(),
  /** The author's login on the lab server. */
  author: z.string(),
  /** The server's time of the change (ISO). */
  at: z.string().nullable(),
  seq: z.number().int(),
});

export const fieldConflict = z.object({
  id: z.number().int(),
  codeId: z.string(),
  /** The code's path now; null when it was deleted since. */
  code: z.string().nullable(),
  field: z.enum(['parent_id', 'name', 'color', 'definition', 'inclusion', 'exclusion', 'example', 'shortcut', 'position']),
  earlier: side,
  /** The value for now (the later one in the server's order). */
  later: side,
  resolved: z.object({ by: z.string(), value: z.unknown(), shown: z.string(), sent: z.boolean() }).nullable(),
});

export const labReviewMethods = {
  'team.conflicts': method({
    summary: "Changes of the same field of a code by two leads who had not seen each other's, for a lead to choose (open ones; all with `all`).",
    input: z.object({ all: z.boolean().default(false) }),
    output: z.array(fieldConflict),
  }),
  'team.resolve': method({
    summary: 'Choose one side of a conflict (lead): the field takes its value, and the choice reaches everyone with the next sync.',
    input: z.object({ id: z.number().int().positive(), keep: z.enum(['earlier', 'later']) }),
    output: fieldConflict,
  }),
};

/** zod schemas of the coding types that cross the API, checked against shared/coding/types.ts. */
import { z } from 'zod';
import { id } from '../domain/id';
import type * as T from './types';
import { COLOR_PATTERN } from './colors';

export const coder = z.object({ id, name: z.string(), createdAt: z.string() });
export const coderSummary = coder.extend({ codingCount: z.number().int(), isCurrent: z.boolean() });
export const codebook = z.object({ id, name: z.string(), createdAt: z.string() });

export const code = z.object({
  id,
  codebookId: id,
  parentId: id.nullable(),
  name: z.string(),
  color: z.string(),
  definition: z.string(),
  inclusion: z.string(),
  exclusion: z.string(),
  example: z.string(),
  shortcut: z.string().nullable(),
  position: z.number().int(),
  path: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const codeNode = code.extend({
  codingCount: z.number().int(),
  totalCodingCount: z.number().int(),
  coderCounts: z.object({ codingCount: z.number().int(), totalCodingCount: z.number().int() }).optional(),
  get children(): z.ZodArray<typeof codeNode> {
    return z.array(codeNode);
  },
});

export const codebookTree = codebook.extend({
  codeCount: z.number().int(),
  codingCount: z.number().int(),
  coderCodingCount: z.number().int().optional(),
  codes: z.array(codeNode),
});

export const coding = z.object({
  id,
  interviewId: id,
  codeId: id,
  coderId: id,
  start: z.number().int(),
  end: z.number().int(),
  createdAt: z.string(),
});
export const codingView = coding.extend({ codeName: z.string(), codePath: z.string(), color: z.string(), coderName: z.string() });

export const memoTargetKind = z.enum(['project', 'code', 'coding', 'interview', 'session', 'dyad']);
export const memo = z.object({
  id,
  targetKind: memoTargetKind,
  targetId: id.nullable(),
  targetLabel: z.string(),
  coderId: id.nullable(),
  coderName: z.string().nullable(),
  title: z.string(),
  text: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const undoState = z.object({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  undoLabel: z.string().nullable(),
  redoLabel: z.string().nullable(),
});

// Inputs shared by several methods.
export const codeName = z
  .string()
  .trim()
  .min(1, 'A code needs a name')
  .max(200)
  .refine((s) => !/[\r\n\t]/.test(s), 'A code name is one line');
export const color = z.string().regex(COLOR_PATTERN, 'A colour is written #RRGGBB');
export const longText = z.string().max(20_000);
export const shortcut = z.string().trim().min(1).max(40).nullable();
export const offset = z.number().int().min(0);

// Compile-time checks that the schemas and the types say the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<z.infer<typeof coder>, T.Coder>,
  Same<z.infer<typeof codebook>, T.Codebook>,
  Same<z.infer<typeof code>, T.Code>,
  Same<z.infer<typeof codeNode>, T.CodeNode>,
  Same<z.infer<typeof codebookTree>, T.CodebookTree>,
  Same<z.infer<typeof coding>, T.Coding>,
  Same<z.infer<typeof codingView>, T.CodingView>,
  Same<z.infer<typeof memo>, T.Memo>,
  Same<z.infer<typeof undoState>, T.UndoState>,
] = [true, true, true, true, true, true, true, true, true];
void checks;

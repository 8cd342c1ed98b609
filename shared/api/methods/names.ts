/**
 * Names as researchers type them (a dyad "D04", a code path "Rupture/Withdrawal", a coder "Ana", an interview's
 * file name), turned into the ids the other calls take. The command line and scripts go through here instead of
 * reading the project themselves; a name that matches nothing is an error naming the project file and what it
 * has instead.
 */
import { z } from 'zod';
import { method } from '../define';
import { id } from '../schemas';

const names = (max: number) => z.array(z.string().trim().min(1).max(2000)).max(max).optional();

export const nameMethods = {
  'names.resolve': method({
    summary:
      'Ids of dyads (by name, "D04" = "4"), sessions (by number, within the dyads given), coders (by name), codes (by path, ' +
      'across codebooks; allCodes: every code in codebook order), a codebook (by name or id) and interviews (by id or file name). ' +
      'Lists come back in the order asked; an unknown name is a not-found error listing the known ones.',
    input: z.object({
      dyads: names(1000),
      sessions: z.array(z.number().int().min(1).max(100000)).max(10000).optional(),
      coders: names(1000),
      codes: names(10000),
      allCodes: z.boolean().optional(),
      codebook: z.string().trim().min(1).max(2000).optional(),
      interviews: names(10000),
    }),
    output: z.object({
      dyadIds: z.array(id),
      /** The sessions with the numbers given in the dyads given (any dyad when none is given). */
      sessionIds: z.array(id),
      coderIds: z.array(id),
      codeIds: z.array(id),
      codebookId: id.nullable(),
      interviewIds: z.array(id),
    }),
  }),
};

import { z } from 'zod';

/** A stable id (a UUID, or a name-derived id from an import) as every schema checks it: never empty, never huge. */
export const id = z.string().min(1).max(100);

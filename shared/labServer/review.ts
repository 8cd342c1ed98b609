/** Words for the lead's review of conflicting changes (electron/labServer/conflicts.ts), shared by the CLI and the app. */
import type { CodeField } from './ops';

/** A code's field as a researcher names it: "place" for its parent, "colour". */
export const fieldName = (f: CodeField): string => (f === 'parent_id' ? 'place' : f === 'color' ? 'colour' : f);

/** A server time (ISO) as "2026-12-07 14:05 UTC", the same on every machine whatever its clock or zone. */
export const serverTime = (at: string | null): string => (at ? `${at.slice(0, 16).replace('T', ' ')} UTC` : 'at an unknown time');

import { randomUUID } from 'node:crypto';

/** Stable ids are lower-case UUIDs (REFI-QDA GUIDs are converted to this form on import). */
export const newId = (): string => randomUUID();
export const now = (): string => new Date().toISOString();

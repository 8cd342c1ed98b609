import type { z } from 'zod';
import type { Output } from '../../../shared/api/contract';
import type { alignedRow, alignedSide } from '../../../shared/api/methods/sessions';

export type AlignedSide = z.infer<typeof alignedSide>;
export type AlignedRow = z.infer<typeof alignedRow>;
export type SessionAlignment = Output<'sessions.align'>;
export type SessionDetail = Output<'sessions.get'>;
// The navigator's tree (dyads.navigator): what the store keeps and every page reads the study's structure from.
export type DyadTree = Output<'dyads.navigator'>;
export type ProjectInfo = Output<'project.info'>;
export type ImportPreview = Output<'import.preview'>;
export type PreviewItem = ImportPreview['items'][number];
export type Side = 'client' | 'therapist';

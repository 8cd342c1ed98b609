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

/** What a recording holds, read from its header: the container and each track's codec (core/media-sniff.ts). */
const mediaProbe = z.object({
  /** The file's name, for the message. */
  file: z.string(),
  container: z.enum(['mp4', 'mov', 'webm', 'matroska', 'wav', 'ogg', 'mp3', 'flac']).nullable(),
  tracks: z.array(z.object({ kind: z.enum(['video', 'audio']), codec: z.string(), name: z.string(), plays: z.boolean().nullable() })),
  /** "video HEVC (H.265) (hvc1), audio AAC (mp4a)", or '' when nothing could be read. */
  summary: z.string(),
});

export const mediaMethods = {
  'media.list': method({
    summary: 'Every recording attached to the project (sessions and interviews), where Dyad looks for it and whether it is there.',
    input: z.object({}),
    output: z.array(medium),
  }),
  'media.probe': method({
    summary: 'The container and codecs of an attached recording, read from its header: what to name when Chromium cannot play it.',
    input: z.object({ path: z.string().min(1).max(4000) }),
    output: mediaProbe,
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

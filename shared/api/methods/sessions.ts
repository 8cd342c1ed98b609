import { z } from 'zod';
import { method } from '../define';
import { dyad, id, interview, momentLink, session } from '../schemas';

export const alignedSide = z.object({
  unitId: id,
  kind: z.enum(['opening', 'moment', 'turn']),
  interviewId: id,
  sessionTime: z.number().nullable(),
  label: z.string(),
  /** The unit's passage in the interview text: a moment runs from its marker to the next moment. */
  start: z.number().int(),
  end: z.number().int(),
});

export const alignedRow = z.object({
  sessionTime: z.number().nullable(),
  client: alignedSide.nullable(),
  therapist: alignedSide.nullable(),
  match: z.enum(['auto', 'manual', 'none']),
  delta: z.number().nullable(),
});

export const sessionMethods = {
  'sessions.get': method({
    summary: 'A session with its dyad and every interview (text, turns, recall moments).',
    input: z.object({ sessionId: id }),
    output: z.object({ dyad, session, interviews: z.array(interview) }),
  }),
  'sessions.align': method({
    summary: "The session's client and therapist interviews lined up moment by moment.",
    input: z.object({ sessionId: id }),
    output: z.object({
      toleranceSeconds: z.number(),
      clientInterviewId: id.nullable(),
      therapistInterviewId: id.nullable(),
      rows: z.array(alignedRow),
      links: z.array(momentLink),
    }),
  }),
  'sessions.link': method({
    summary: 'Draw a link between a client unit and a therapist unit, forbid their pairing, or clear what was drawn.',
    input: z.object({
      sessionId: id,
      clientUnitId: id,
      therapistUnitId: id,
      kind: z.enum(['link', 'unlink', 'clear']),
    }),
    output: z.object({ links: z.array(momentLink) }),
  }),
};

import { z } from 'zod';
import { method } from '../define';
import { dyad, id, interview, interviewSummary, role, session, wellFormedText } from '../schemas';

const dyadTree = z.array(
  dyad.extend({
    sessions: z.array(session.extend({ interviews: z.array(interviewSummary) })),
  }),
);

/**
 * The navigator's tree: what it draws and its dialogs read, nothing more. A session or interview sits inside its
 * dyad or session, so neither repeats its parent's id; the turn count and an interview's own recording (the session
 * view reads those from sessions.get) are left out. For 400 interviews: 80 KB instead of dyads.list's 122 KB, and one
 * index seek per interview fewer (issue 17: page load → navigator shown).
 */
const navigatorTree = z.array(
  dyad.extend({
    sessions: z.array(
      session.omit({ dyadId: true }).extend({ interviews: z.array(interviewSummary.omit({ sessionId: true, turnCount: true, audioPath: true })) }),
    ),
  }),
);

export const dyadMethods = {
  'dyads.list': method({
    summary: 'Every dyad with its sessions and their interviews (navigator tree).',
    input: z.object({}),
    output: dyadTree,
  }),
  'dyads.navigator': method({
    summary: "The navigator's tree: every dyad, its sessions and their interviews, without parents' ids, turn counts or interview recordings.",
    input: z.object({}),
    output: navigatorTree,
  }),
  'dyads.update': method({
    summary: 'Rename a dyad or set its attributes (undoable).',
    input: z.object({
      dyadId: id,
      name: wellFormedText(z.string().trim().min(1).max(200)).optional(),
      attributes: z.record(wellFormedText(z.string().max(200)), wellFormedText(z.string().max(2000))).optional(),
    }),
    output: dyad,
  }),
  'sessions.update': method({
    summary: "Set a session's date or recording path (undoable). A recording beside the project file is stored relative to it.",
    input: z.object({
      sessionId: id,
      date: wellFormedText(z.string().max(100)).nullable().optional(),
      recordingPath: wellFormedText(z.string().max(4000)).nullable().optional(),
    }),
    output: session,
  }),
  'interviews.get': method({
    summary: 'One interview with its text, speaker turns and recall moments.',
    input: z.object({ interviewId: id }),
    output: interview,
  }),
  'interviews.usage': method({
    summary: 'What deleting an interview would take with it: its codings, memos and coders.',
    input: z.object({ interviewId: id }),
    output: z.object({ sourceName: z.string(), codings: z.number().int(), memos: z.number().int(), coders: z.number().int() }),
  }),
  'interviews.delete': method({
    summary: 'Delete an interview with its codings and memos (undoable); a session or dyad left empty goes too.',
    input: z.object({ interviewId: id }),
    output: z.object({
      sourceName: z.string(),
      codings: z.number().int(),
      memos: z.number().int(),
      coders: z.number().int(),
      sessionRemoved: z.boolean(),
      dyadRemoved: z.boolean(),
    }),
  }),
  'interviews.setAudio': method({
    summary: "Attach an interview's own recording, or detach it with null (undoable). Stored like a session's recording.",
    input: z.object({ interviewId: id, audioPath: wellFormedText(z.string().min(1).max(4000)).nullable() }),
    output: interviewSummary,
  }),
  'interviews.setRole': method({
    summary: "Change an interview's role (undoable).",
    input: z.object({ interviewId: id, role }),
    output: interviewSummary,
  }),
};

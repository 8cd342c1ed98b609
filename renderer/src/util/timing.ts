/**
 * Time from choosing a session to its rows on screen, as User Timing entries so the end-to-end test (and the
 * browser's performance panel) can read them: measure 'dyad:session-first-render'.
 */
const START = 'dyad:session-open';
let pending: string | null = null;

export function markSessionOpen(sessionId: string): void {
  pending = sessionId;
  performance.clearMarks(START);
  performance.mark(START);
}

/** The session's text and alignment have arrived from the core (measure 'dyad:session-fetch'). */
export function markSessionData(sessionId: string): void {
  if (pending !== sessionId) return;
  performance.measure('dyad:session-fetch', { start: START, detail: { sessionId } });
}

/** Called once the rows of `sessionId` are painted; records the measure only for the first paint after opening. */
export function markSessionRendered(sessionId: string): void {
  if (pending !== sessionId) return;
  pending = null;
  performance.measure('dyad:session-first-render', { start: START, detail: { sessionId } });
}

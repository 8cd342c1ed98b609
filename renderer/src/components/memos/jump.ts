import type { Memo } from '../../../../shared/coding/types';
import { useStore } from '../../store';

/** The session holding an interview, from the navigator's tree. */
function sessionOfInterview(interviewId: string): string | null {
  for (const d of useStore.getState().tree) for (const s of d.sessions) if (s.interviews.some((i) => i.id === interviewId)) return s.id;
  return null;
}

function dyadOfSession(sessionId: string): string | null {
  return useStore.getState().tree.find((d) => d.sessions.some((s) => s.id === sessionId))?.id ?? null;
}

/** Opens a session and unfolds its dyad in the navigator, so the researcher sees where they landed. */
async function goToSession(sessionId: string): Promise<void> {
  const s = useStore.getState();
  const dyad = dyadOfSession(sessionId);
  if (dyad) s.toggleDyad(dyad, true);
  await s.openSession(sessionId);
}

/** Goes to what a memo is about (the session it concerns, the code in the codebook, the coding in its passage)
 * and opens the memo there. */
export async function jumpToMemo(m: Memo): Promise<void> {
  const s = useStore.getState();
  const target = { kind: m.targetKind, id: m.targetId, label: m.targetLabel, memoId: m.id };
  try {
    switch (m.targetKind) {
      case 'project':
        break;
      case 'dyad': {
        const d = s.tree.find((x) => x.id === m.targetId);
        if (d) s.toggleDyad(d.id, true);
        if (d?.sessions[0]) await goToSession(d.sessions[0].id);
        break;
      }
      case 'session':
        if (m.targetId) await goToSession(m.targetId);
        break;
      case 'interview': {
        const session = m.targetId ? sessionOfInterview(m.targetId) : null;
        if (session) await goToSession(session);
        break;
      }
      case 'code': {
        const first = s.sessionId ?? s.tree.flatMap((d) => d.sessions)[0]?.id;
        if (first) await goToSession(first);
        if (m.targetId) s.focusCode(m.targetId);
        break;
      }
      case 'coding': {
        if (!m.targetId) break;
        const c = await s.codingById(m.targetId);
        const session = sessionOfInterview(c.interviewId);
        if (session) await goToSession(session);
        await useStore.getState().refreshCodings();
        useStore.getState().revealOffset(c.interviewId, c.start);
        useStore.getState().selectCoding(c.id);
        break;
      }
    }
  } catch (e) {
    s.reportError(e, `Could not go to ${m.targetLabel}`);
  }
  useStore.getState().openMemos(target);
}

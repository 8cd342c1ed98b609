import { alignSession, setLink } from '../../core/alignment';
import { getDyad, getSession } from '../../core/dyads';
import { getInterview, sessionInterviewIds } from '../../core/interviews';
import type { Handler } from '../dispatch';

export const sessionHandlers = {
  'sessions.get': ({ sessionId }, { project }) => {
    const session = getSession(project.db, sessionId);
    return {
      session,
      dyad: getDyad(project.db, session.dyadId),
      interviews: sessionInterviewIds(project.db, sessionId).map((i) => getInterview(project.db, i.id)),
    };
  },
  'sessions.align': ({ sessionId }, { project }) => alignSession(project.db, sessionId, project.settings().alignToleranceSeconds),
  'sessions.link': async ({ sessionId, clientUnitId, therapistUnitId, kind }, { project, emit }) => {
    const links = await project.writes.run(() => setLink(project.db, sessionId, clientUnitId, therapistUnitId, kind));
    emit({ type: 'changed', what: ['alignment'] });
    return { links };
  },
} satisfies { [K in 'sessions.get' | 'sessions.align' | 'sessions.link']: Handler<K> };

import { listDyadTree, updateDyad, updateSession } from '../../core/dyads';
import { getInterview, setInterviewRole } from '../../core/interviews';
import { interviewUsage, removeInterview } from '../../core/removeInterview';
import type { Handler } from '../dispatch';

export const dyadHandlers = {
  'dyads.list': ({}, { project }) => listDyadTree(project.db),
  'dyads.update': async ({ dyadId, ...patch }, { project, emit }) => {
    const d = await project.writes.run(() => updateDyad(project.db, dyadId, patch));
    emit({ type: 'changed', what: ['dyads', 'undo'] });
    return d;
  },
  'sessions.update': async ({ sessionId, ...patch }, { project, emit }) => {
    const s = await project.writes.run(() => updateSession(project.db, sessionId, patch));
    emit({ type: 'changed', what: ['dyads', 'undo'] });
    return s;
  },
  'interviews.setRole': async ({ interviewId, role }, { project, emit }) => {
    const s = await project.writes.run(() => setInterviewRole(project.db, interviewId, role));
    emit({ type: 'changed', what: ['dyads', 'alignment', 'undo'] });
    return s;
  },
  'interviews.get': ({ interviewId }, { project }) => getInterview(project.db, interviewId),
  'interviews.usage': ({ interviewId }, { project }) => interviewUsage(project.db, interviewId),
  'interviews.delete': async ({ interviewId }, { project, emit }) => {
    const removed = await project.writes.run(() => removeInterview(project.db, interviewId));
    emit({ type: 'changed', what: ['dyads', 'interviews', 'alignment', 'codings', 'codebooks', 'memos', 'search', 'undo'] });
    return removed;
  },
} satisfies {
  [K in 'dyads.list' | 'dyads.update' | 'sessions.update' | 'interviews.get' | 'interviews.setRole' | 'interviews.usage' | 'interviews.delete']: Handler<K>;
};

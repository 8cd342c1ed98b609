import { interviewSummary, listDyadTree, listNavigatorTree, updateDyad, updateSession } from '../../core/dyads';
import { getInterview, setInterviewRole } from '../../core/interviews';
import { checkMediaPath, setInterviewAudio, storedMediaPath } from '../../core/media';
import { interviewUsage, removeInterview } from '../../core/removeInterview';
import type { Handler } from '../dispatch';

export const dyadHandlers = {
  'dyads.list': ({}, { project }) => listDyadTree(project.db),
  'dyads.navigator': ({}, { project }) => listNavigatorTree(project.db),
  'dyads.update': async ({ dyadId, ...patch }, { project, emit }) => {
    const d = await project.writes.run(() => updateDyad(project.db, dyadId, patch));
    emit({ type: 'changed', what: ['dyads', 'undo'] });
    return d;
  },
  'sessions.update': async ({ sessionId, recordingPath, ...patch }, { project, emit }) => {
    if (recordingPath) checkMediaPath(recordingPath);
    const recording = recordingPath ? storedMediaPath(project.path, recordingPath) : recordingPath === '' ? null : recordingPath;
    const s = await project.writes.run(() => updateSession(project.db, sessionId, { ...patch, recordingPath: recording }));
    emit({ type: 'changed', what: ['dyads', 'undo'] });
    return s;
  },
  'interviews.setRole': async ({ interviewId, role }, { project, emit }) => {
    const s = await project.writes.run(() => setInterviewRole(project.db, interviewId, role));
    emit({ type: 'changed', what: ['dyads', 'alignment', 'undo'] });
    return s;
  },
  'interviews.setAudio': async ({ interviewId, audioPath }, { project, emit }) => {
    if (audioPath) checkMediaPath(audioPath);
    const stored = audioPath ? storedMediaPath(project.path, audioPath) : null;
    await project.writes.run(() => setInterviewAudio(project.db, interviewId, stored));
    emit({ type: 'changed', what: ['dyads', 'interviews', 'media', 'undo'] });
    return interviewSummary(project.db, interviewId);
  },
  'interviews.get': ({ interviewId }, { project }) => getInterview(project.db, interviewId),
  'interviews.usage': ({ interviewId }, { project }) => interviewUsage(project.db, interviewId),
  'interviews.delete': async ({ interviewId }, { project, emit }) => {
    const removed = await project.writes.run(() => removeInterview(project.db, interviewId));
    emit({ type: 'changed', what: ['dyads', 'interviews', 'alignment', 'codings', 'codebooks', 'memos', 'search', 'undo'] });
    return removed;
  },
} satisfies {
  [K in 'dyads.list' | 'dyads.navigator' | 'dyads.update' | 'sessions.update' | 'interviews.setAudio' | 'interviews.get' | 'interviews.setRole' | 'interviews.usage' | 'interviews.delete']: Handler<K>;
};

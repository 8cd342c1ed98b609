import { compact, diskUse } from '../../core/compact';
import { rescanMoments } from '../../core/rescanMoments';
import type { Handler } from '../dispatch';

export const projectHandlers = {
  'project.info': ({}, { project }) => {
    const count = (sql: string) => (project.db.prepare(sql).get() as { n: number }).n;
    return {
      path: project.path,
      name: project.name,
      schemaVersion: project.db.pragma('user_version', { simple: true }) as number,
      settings: project.settings(),
      counts: {
        dyads: count('SELECT count(*) AS n FROM dyads'),
        sessions: count('SELECT count(*) AS n FROM sessions'),
        interviews: count('SELECT count(*) AS n FROM interviews'),
      },
      disk: diskUse(project.db),
    };
  },
  'project.updateSettings': async (patch, { project, emit }) => {
    const settings = await project.writes.run(() => project.updateSettings(patch));
    emit({ type: 'changed', what: ['settings'] });
    return settings;
  },
  'project.compact': async ({}, { project, emit }) => {
    const done = await project.writes.run(() => compact(project.db, project.path));
    emit({ type: 'changed', what: ['settings'] });
    return done;
  },
  'moments.rescan': async ({ apply }, { project, emit }) => {
    const patterns = project.settings().customMarkerPatterns;
    if (!apply) return rescanMoments(project.db, patterns, false);
    const result = await project.writes.run(() => rescanMoments(project.db, patterns, true));
    if (result.moments) emit({ type: 'changed', what: ['dyads', 'interviews', 'alignment', 'undo'] });
    return result;
  },
  'jobs.cancel': ({ jobId }, { jobs }) => ({ cancelled: jobs.cancel(jobId) }),
} satisfies { [K in 'project.info' | 'project.updateSettings' | 'project.compact' | 'moments.rescan' | 'jobs.cancel']: Handler<K> };

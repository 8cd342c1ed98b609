import { basename } from 'node:path';
import type { labReviewMethods } from '../../../shared/api/methods/labReview';
import type { Handler } from '../dispatch';

const review = async () => {
  const [conflicts, replica] = await Promise.all([import('../../labServer/conflicts'), import('../../labServer/replica')]);
  return { ...conflicts, ...replica };
};

export const labReviewHandlers = {
  'team.conflicts': async ({ all }, { project }) => {
    const l = await review();
    l.requireReplica(project.db, basename(project.path));
    return l.listConflicts(project.db, { all });
  },
  'team.resolve': async ({ id, keep }, { project, emit }) => {
    const l = await review();
    const replica = l.requireReplica(project.db, basename(project.path));
    const r = await project.writes.run(() => l.resolveConflict(project.db, id, keep, replica.member));
    emit({ type: 'changed', what: ['codebooks', 'team', 'undo'] });
    return r;
  },
} satisfies { [K in keyof typeof labReviewMethods]: Handler<K> };

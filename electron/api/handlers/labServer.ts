import { basename } from 'node:path';
import type { labServerMethods } from '../../../shared/api/methods/labServer';
import type { Handler } from '../dispatch';
import { SYNCED_CHANGES } from '../../labServer/replica';
import { liveFailureOf, liveStateOf, recheckLabServer } from '../../labServer/watch';

/** The PostgreSQL client and the replica's operations load with the first team call; most projects never make one. */
const labServer = async () => {
  const [connect, members, publish, replica, sync, refused, discard] = await Promise.all([
    import('../../labServer/connect'),
    import('../../labServer/members'),
    import('../../labServer/publish'),
    import('../../labServer/replica'),
    import('../../labServer/sync'),
    import('../../labServer/refused'),
    import('../../labServer/discard'),
  ]);
  return { ...connect, ...members, ...publish, ...replica, ...sync, ...refused, ...discard };
};

/** What a sync may change here: everything a coder's operations touch. */
const SYNCED = SYNCED_CHANGES;

/** Operations received per step in the app: small enough for the progress to move and Cancel to answer quickly. */
const SYNC_BATCH = 500;

export const labServerHandlers = {
  'team.status': async (_, { project }) => {
    const l = await labServer();
    if (!l.readReplica(project.db)) return null;
    const status = await l.teamStatus(project.db, basename(project.path), project.path);
    const live = liveStateOf(project);
    const liveError = liveFailureOf(project);
    return live ? { ...status, live, ...(liveError ? { liveError } : {}) } : status;
  },
  'team.sync': async (_, { project, emit, progress, signal }) => {
    const l = await labServer();
    l.requireReplica(project.db, basename(project.path));
    const secret = l.loadSecret(project.path);
    // Under the write lock, so a sync never lands inside an import's open transaction.
    let r;
    try {
      r = await project.writes.run(() => l.syncReplica(project.db, basename(project.path), secret, { progress, signal, batch: SYNC_BATCH }));
    } catch (e) {
      // Cancelled or cut off after some batches were received: those are kept, and on screen.
      emit({ type: 'changed', what: SYNCED });
      throw e;
    }
    emit({ type: 'changed', what: r.applied ? SYNCED : ['team'] });
    return r;
  },
  'team.refused': async (_, { project }) => {
    const l = await labServer();
    l.requireReplica(project.db, basename(project.path));
    return l.refusedChanges(project.db);
  },
  'team.discard': async ({ change, all }, { project, emit }) => {
    const l = await labServer();
    l.requireReplica(project.db, basename(project.path));
    const secret = l.loadSecret(project.path);
    const r = await project.writes.run(() => l.discardRefused(project.db, basename(project.path), secret, { change, all }));
    emit({ type: 'changed', what: SYNCED });
    return r;
  },
  'team.publish': async ({ server, coder }, { project, emit }) => {
    const l = await labServer();
    const r = await project.writes.run(() => l.publishProject(project, server, { coder }));
    recheckLabServer(project);
    emit({ type: 'changed', what: ['team', 'coders'] });
    return r;
  },
  'team.invite': async ({ coder, lead }, { project, emit }) => {
    const l = await labServer();
    // Inviting syncs first (the new coder's row travels as an operation), so it takes the write lock.
    const r = await project.writes.run(() => l.inviteCoder(project.db, basename(project.path), project.path, coder, { lead }));
    emit({ type: 'changed', what: ['team', 'coders'] });
    return r;
  },
  'team.revoke': async ({ coder }, { project, emit }) => {
    const l = await labServer();
    const r = await project.writes.run(() => l.revokeCoder(project.db, basename(project.path), project.path, coder));
    emit({ type: 'changed', what: ['team'] });
    return r;
  },
} satisfies { [K in keyof typeof labServerMethods]: Handler<K> };

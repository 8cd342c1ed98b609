/**
 * A team's project on a throwaway cluster: the study of the team tests published by its lead (the lab's admin
 * role), and helpers to open replicas and sync them.
 */
import * as C from '../../../electron/core/coding';
import { Project } from '../../../electron/core/project';
import { loadSecret } from '../../../electron/labServer/connect';
import { inviteCoder } from '../../../electron/labServer/members';
import { joinProject, publishProject } from '../../../electron/labServer/publish';
import { syncReplica, type SyncOptions } from '../../../electron/labServer/sync';
import { readSnapshot } from '../../../electron/snapshot/read';
import { startCluster, type Cluster } from '../../helpers/postgres';
import { makeStudy, type Study } from '../team/fixture';

export interface Lab {
  cluster: Cluster;
  study: Study;
  /** The lead's replica (the published project). */
  leadPath: string;
  projectId: string;
  /** The project's schema on the server, as README's "A lab server" names it: dyad_ and the id without hyphens. */
  schema: string;
  /** Invites a coder through the lead's replica; returns the join URL. */
  invite(name: string, lead?: boolean): Promise<string>;
  /** Joins with a URL into a new replica file; returns its path. */
  join(url: string, file: string): Promise<string>;
  /** Invites a coder and joins as them into NAME.dyad: the set-up of most tests. Returns the replica's path. */
  member(name: string, lead?: boolean): Promise<string>;
  stop(): void;
}

export async function startLab(): Promise<Lab> {
  const cluster = await startCluster();
  const study = makeStudy();
  const leadPath = study.copy('lead.dyad');
  const p = Project.open(leadPath);
  let projectId: string;
  try {
    C.setCurrentCoder(p.db, 'Lea');
    projectId = (await publishProject(p, cluster.adminUrl)).projectId;
  } finally {
    p.close();
  }
  const invite = (name: string, lead = false) =>
    withOpen(leadPath, async (q) => (await inviteCoder(q.db, 'lead.dyad', leadPath, name, { lead })).joinUrl);
  const join = async (url: string, file: string) => {
    const path = study.path(file);
    await joinProject(url, path);
    return path;
  };
  return {
    cluster,
    study,
    leadPath,
    projectId,
    schema: `dyad_${projectId.replace(/-/g, '')}`,
    invite,
    join,
    member: async (name, lead = false) => join(await invite(name, lead), `${name}.dyad`),
    stop() {
      try {
        cluster.stop();
      } finally {
        study.cleanup();
      }
    },
  };
}

export async function withOpen<T>(path: string, fn: (p: Project) => Promise<T> | T): Promise<T> {
  const p = Project.open(path);
  try {
    return await fn(p);
  } finally {
    p.close();
  }
}

export const sync = (path: string, options?: SyncOptions) => withOpen(path, (p) => syncReplica(p.db, path, loadSecret(path), options));

/** The project a replica holds, every table a researcher sees (its file's name aside): what replicas are compared by. */
export const projectOf = (path: string) => withOpen(path, (p) => ({ ...readSnapshot(p.db), name: '' }));

let fresh = 0;
/**
 * The project on the server as a replica joined now holds it: `replica`'s member joins again (one coder on two
 * machines), into a new file.
 */
export async function serverProject(lab: Lab, replica: string): Promise<ReturnType<typeof projectOf>> {
  return projectOf(await lab.join(loadSecret(replica), `fresh-${++fresh}.dyad`));
}

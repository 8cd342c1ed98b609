/**
 * The lab server's work on a project file, opened (with its lock) and closed here: what `dyad team …` calls.
 * These are network operations on a replica as a whole (the secret beside the file, a new file for a join), which
 * is why they are not methods of the handler table, whose calls work on an open project.
 */
import { resolve } from 'node:path';
import { Project } from '../core/project';
import { loadSecret } from './connect';
import { inviteCoder, revokeCoder, teamStatus } from './members';
import { joinProject, publishProject } from './publish';
import { requireReplica } from './replica';
import { syncReplica } from './sync';

async function withFile<T>(file: string, fn: (p: Project, path: string) => Promise<T>): Promise<T> {
  const path = resolve(file);
  const p = Project.open(path);
  try {
    return await fn(p, path);
  } finally {
    p.close();
  }
}

export const initFile = (file: string, server: string, coder?: string) => withFile(file, (p) => publishProject(p, server, { coder }));
export const syncFile = (file: string) =>
  withFile(file, (p, path) => {
    requireReplica(p.db, file);
    return syncReplica(p.db, file, loadSecret(path));
  });
export const statusFile = (file: string) => withFile(file, (p, path) => teamStatus(p.db, file, path));
export const inviteToFile = (file: string, coder: string, lead: boolean) => withFile(file, (p, path) => inviteCoder(p.db, file, path, coder, { lead }));
export const revokeFromFile = (file: string, coder: string) => withFile(file, (p, path) => revokeCoder(p.db, file, path, coder));
export const joinToFile = (url: string, out: string) => joinProject(url, resolve(out));

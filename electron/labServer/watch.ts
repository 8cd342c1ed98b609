/**
 * Where the app and `dyad serve` start live updates (live.ts) for the project they open. Most projects are not on
 * a lab server: for them this is one SQLite lookup, and the PostgreSQL client is never loaded. A project
 * published while open starts listening once the publish is done (recheckLabServer).
 */
import type { ApiEvent } from '../../shared/api/define';
import type { Project } from '../core/project';
import type { LiveOptions, LiveState, LiveUpdates } from './live';
import { readReplica } from './replica';

export interface LabWatch {
  /** Tell it of every 'changed' event of the project: a change made here is pushed shortly while it listens. */
  changed(event: ApiEvent): void;
  stop(): void;
}

interface Entry {
  live: LiveUpdates | null;
  stopped: boolean;
  /** Why live updates could not start here (syncs still work); the state is then 'stopped'. */
  failed?: string;
  emit: (event: ApiEvent) => void;
  options: LiveOptions;
}

const watches = new WeakMap<Project, Entry>();

function begin(project: Project, entry: Entry): void {
  let isReplica = false;
  try {
    isReplica = project.db.open && readReplica(project.db) !== null;
  } catch (e) {
    // The replica's row cannot be read: live updates stay off, and the reason is kept for whoever asks.
    return giveUp(entry, project, e);
  }
  if (!isReplica || entry.live) return;
  import('./live').then(
    ({ LiveUpdates }) => {
      if (entry.stopped || entry.live) return;
      entry.live = new LiveUpdates(project, entry.emit, entry.options);
      entry.live.start();
    },
    (e: unknown) => giveUp(entry, project, e),
  );
}

function giveUp(entry: Entry, project: Project, e: unknown): void {
  entry.failed = e instanceof Error ? e.message : String(e);
  console.error(`Live updates from the lab server are off for ${project.path}: ${entry.failed}`);
}

export function watchLabServer(project: Project, emit: (event: ApiEvent) => void, options: LiveOptions = {}): LabWatch {
  const entry: Entry = { live: null, stopped: false, emit, options };
  watches.set(project, entry);
  begin(project, entry);
  return {
    changed(event) {
      if (event.type === 'changed' && !event.what.every((w) => w === 'team' || w.startsWith('ui:'))) entry.live?.localChange();
    },
    stop() {
      entry.stopped = true;
      watches.delete(project);
      void entry.live?.stop();
    },
  };
}

/** After a publish: the project is a replica now, and starts listening. */
export function recheckLabServer(project: Project): void {
  const entry = watches.get(project);
  if (entry && !entry.stopped) begin(project, entry);
}

/** Whether the open project receives the team's changes as they are pushed; null when nothing watches it. */
export function liveStateOf(project: Project): LiveState | null {
  const entry = watches.get(project);
  if (!entry) return null;
  if (entry.failed !== undefined) return 'stopped';
  return entry.live?.state ?? null;
}

/** Why live updates could not start for the open project, if they could not. */
export function liveFailureOf(project: Project): string | null {
  return watches.get(project)?.failed ?? null;
}

/**
 * Which project each window shows. A window owns its open project (and the project's lock) for as long as it
 * shows it; events of a project go to the windows showing it. Pure bookkeeping, no Electron, so it is tested
 * with fakes; main.ts creates the windows and calls in here.
 */
import { resolve } from 'node:path';
import type { ApiEvent } from '../../shared/api/define';
import type { DispatchEnv } from '../api/dispatch';
import { JobRegistry } from '../api/context';
import { warmAnalysisCache } from '../core/analysis/warm';
import type { Project } from '../core/project';
import { watchLabServer, type LabWatch } from '../labServer/watch';
import { sendEvent, type WebContentsLike } from './ipc';

export interface WindowLike {
  readonly webContents: WebContentsLike & { readonly id: number };
}

interface Entry<W extends WindowLike> {
  window: W;
  project: Project;
  jobs: JobRegistry;
  /** Stops reading the project's transcripts for analysis in the background (warm.ts). */
  stopWarming: () => void;
  /** Live updates from the lab server when the project is a replica of a team's project (labServer/watch.ts). */
  lab: LabWatch;
}

/** Paths compare case-insensitively where the file system usually does. */
function pathKey(path: string, platform: string): string {
  const abs = resolve(path);
  return platform === 'win32' || platform === 'darwin' ? abs.toLowerCase() : abs;
}

export class ProjectWindows<W extends WindowLike> {
  private readonly entries = new Map<number, Entry<W>>();

  constructor(private readonly platform: string = process.platform) {}

  /** Starts tracking a window that shows `project`. */
  add(window: W, project: Project): void {
    this.entries.set(window.webContents.id, { window, project, jobs: new JobRegistry(), stopWarming: warmAnalysisCache(project.db), lab: this.watchLab(project) });
  }

  /** The window now shows another project: the old one is closed (its lock released). */
  replaceProject(webContentsId: number, project: Project): void {
    const entry = this.entries.get(webContentsId);
    if (!entry) throw new Error('Dyad lost track of one of its windows.');
    const old = entry.project;
    entry.stopWarming();
    entry.lab.stop();
    entry.project = project;
    entry.jobs = new JobRegistry();
    entry.stopWarming = warmAnalysisCache(project.db);
    entry.lab = this.watchLab(project);
    if (old !== project) old.close();
  }

  /** The window is gone: close its project. */
  remove(webContentsId: number): void {
    const entry = this.entries.get(webContentsId);
    if (!entry) return;
    this.entries.delete(webContentsId);
    entry.stopWarming();
    entry.lab.stop();
    entry.project.close();
  }

  windowFor(webContentsId: number): W | null {
    return this.entries.get(webContentsId)?.window ?? null;
  }

  projectFor(webContentsId: number): Project | null {
    return this.entries.get(webContentsId)?.project ?? null;
  }

  /** The window already showing this file, if any: opening it twice would only meet our own lock. */
  windowShowing(path: string): W | null {
    const key = pathKey(path, this.platform);
    for (const e of this.entries.values()) if (pathKey(e.project.path, this.platform) === key) return e.window;
    return null;
  }

  windows(): W[] {
    return [...this.entries.values()].map((e) => e.window);
  }

  /** The projects open in some window (a recording attached to one of them may be played). */
  projects(): Project[] {
    return [...this.entries.values()].map((e) => e.project);
  }

  get size(): number {
    return this.entries.size;
  }

  /** What dispatch needs for a call from this window; null when the window is not one of ours. */
  envFor(webContentsId: number): DispatchEnv | null {
    const entry = this.entries.get(webContentsId);
    if (!entry) return null;
    const project = entry.project;
    const lab = entry.lab;
    return {
      project,
      jobs: entry.jobs,
      emit: (event: ApiEvent) => {
        this.emit(project, event);
        lab.changed(event);
      },
    };
  }

  private watchLab(project: Project): LabWatch {
    return watchLabServer(project, (event) => this.emit(project, event));
  }

  /** Sends an event to every window showing this project. */
  emit(project: Project, event: ApiEvent): void {
    const targets = [...this.entries.values()].filter((e) => e.project === project).map((e) => e.window.webContents);
    sendEvent(targets, event);
  }

  /** Closes every project (before quitting), so no lock file is left behind. */
  closeAll(): void {
    for (const id of [...this.entries.keys()]) this.remove(id);
  }
}

/**
 * Builds what the preload exposes as `window.dyad` (DyadBridge) from an ipcRenderer-like object. Kept apart
 * from preload.ts (which imports 'electron') so tests build the bridge with a fake.
 *
 * The renderer gets plain functions only: never ipcRenderer itself, and never the IpcRendererEvent (its
 * `sender` would hand the page ipcRenderer back).
 */
import { methodNames } from '../../shared/api/contract';
import type { DyadBridge, SaveFileRequest } from '../../shared/api/bridge';
import type { ApiEvent } from '../../shared/api/define';
import { CALL_CHANNEL, EVENT_CHANNEL, SAVE_CHANNEL, SHELL_CHANNEL, type ShellAction } from './channels';

// `any` where Electron's own IpcRenderer signature has it, so the real object fits this interface.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type RendererListener = (event: any, ...args: any[]) => void;

export interface IpcRendererLike {
  invoke(channel: string, ...args: any[]): Promise<any>;
  on(channel: string, listener: RendererListener): unknown;
  removeListener(channel: string, listener: RendererListener): unknown;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export function buildBridge(ipc: IpcRendererLike, names: readonly string[] = methodNames): DyadBridge {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of names) api[name] = (input: unknown) => ipc.invoke(CALL_CHANNEL, name, input);
  const shell = (action: ShellAction) => () => ipc.invoke(SHELL_CHANNEL, action);
  return {
    api: api as DyadBridge['api'],
    onEvent(listener: (event: ApiEvent) => void): () => void {
      const forward: RendererListener = (_event, payload: ApiEvent) => listener(payload);
      ipc.on(EVENT_CHANNEL, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(EVENT_CHANNEL, forward);
      };
    },
    shell: {
      openProject: shell('openProject'),
      newProject: shell('newProject'),
      saveFile: (request: SaveFileRequest) => ipc.invoke(SAVE_CHANNEL, request),
    },
  };
}

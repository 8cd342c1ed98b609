import type { Input, MethodName, Output } from './contract';
import type { ApiEvent } from './define';
import type { Result } from './errors';

/**
 * What the Electron preload exposes to the renderer as `window.dyad` (through contextBridge): one named
 * function per API call, an event subscription, and the few things only the desktop shell can do.
 * The browser build has no `window.dyad` and talks HTTP to `dyad serve` instead (renderer/src/api/).
 */
export interface DyadBridge {
  api: { [M in MethodName]: (input: Input<M>) => Promise<Result<Output<M>>> };
  onEvent(listener: (event: ApiEvent) => void): () => void;
  shell: {
    /** Shows the native "Open project" dialog; the window then reloads with the chosen project. */
    openProject(): Promise<Result<{ path: string } | null>>;
    /** Shows the native "New project" save dialog, creates the file and opens it. */
    newProject(): Promise<Result<{ path: string } | null>>;
  };
}

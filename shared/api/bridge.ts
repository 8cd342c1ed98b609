import type { Input, MethodName, Output } from './contract';
import type { ApiEvent } from './define';
import type { Result } from './errors';

/** What the save dialog offers: a file name and the kinds of file it may be saved as. */
export interface SaveFileRequest {
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
}

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
    /**
     * Shows the native "Save" dialog for an export; resolves with the chosen path (its extension one of the
     * filter's), or null when cancelled. The core then writes the file there (renderer/src/store/exportSlice.ts).
     */
    saveFile(request: SaveFileRequest): Promise<Result<{ path: string } | null>>;
  };
}

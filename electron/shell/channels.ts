/**
 * The IPC channel names shared by the main process (ipc.ts) and the preload (preloadBridge.ts). Kept in a
 * module of its own so the preload bundle pulls in nothing else.
 */
export const CALL_CHANNEL = 'dyad:call';
export const EVENT_CHANNEL = 'dyad:event';
export const SHELL_CHANNEL = 'dyad:shell';
/** The save dialog of an export: its request (file name, kinds of file) is checked in main (saveRequest.ts). */
export const SAVE_CHANNEL = 'dyad:save-file';

/** What the renderer may ask of the shell itself (native dialogs), besides API calls. */
const shellActions = ['openProject', 'newProject'] as const;
export type ShellAction = (typeof shellActions)[number];

export function isShellAction(value: unknown): value is ShellAction {
  return typeof value === 'string' && (shellActions as readonly string[]).includes(value);
}

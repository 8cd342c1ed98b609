/**
 * The IPC wiring of the main process: every API call from the renderer arrives on one channel as
 * (method, input), both `unknown`, is refused unless it comes from the top frame of one of our windows
 * showing app://dyad/, and is otherwise handed to `dispatch`, which validates it against the contract.
 *
 * Written against small structural interfaces instead of Electron's classes (only `import type` from the
 * outside world) so that tests drive it with fakes; electronTypes.check.ts proves Electron's real objects fit.
 */
import type { ApiEvent } from '../../shared/api/define';
import type { DyadErrorValue, Result } from '../../shared/api/errors';
import { dispatch, type DispatchEnv, type HandlerTable } from '../api/dispatch';
import type { SaveFileRequest } from '../../shared/api/bridge';
import { CALL_CHANNEL, EVENT_CHANNEL, SAVE_CHANNEL, SHELL_CHANNEL, isShellAction, type ShellAction } from './channels';
import { parseSaveRequest } from './saveRequest';
import { isTrustedSender } from './security';

export interface FrameLike {
  readonly url: string;
  /** null for a window's top frame. */
  readonly parent: unknown;
}

export interface IpcMainInvokeEventLike {
  readonly sender: { readonly id: number };
  /** null when the frame navigated away or was destroyed before we looked. */
  readonly senderFrame: FrameLike | null;
}

// `any[]` because that is what Electron's own signature says; each argument is treated as unknown below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type InvokeListener = (event: IpcMainInvokeEventLike, ...args: any[]) => unknown;

export interface IpcMainLike {
  handle(channel: string, listener: InvokeListener): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  isDestroyed(): boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  send(channel: string, ...args: any[]): void;
}

export interface IpcDeps {
  table: HandlerTable;
  /** The project behind one of our windows, by its webContents id; null when the sender is not ours. */
  envFor(webContentsId: number): DispatchEnv | null;
  /** The native dialogs the renderer may ask for (see DyadBridge.shell). */
  shell: Record<ShellAction, (webContentsId: number) => Promise<Result<{ path: string } | null>>>;
  /** The native save dialog for an export, over the sender's window; its request is already checked. */
  saveFile(webContentsId: number, request: SaveFileRequest): Promise<Result<{ path: string } | null>>;
}

const forbidden: DyadErrorValue = {
  kind: 'forbidden',
  message: "This request did not come from Dyad's own window and was refused.",
};

/** The sender's webContents id when it may be answered: our window's top frame, on the app origin. */
function trustedSenderId(event: IpcMainInvokeEventLike, deps: IpcDeps): number | null {
  const frame = event.senderFrame;
  if (!frame) return null;
  if (!isTrustedSender(frame.url, frame.parent === null)) return null;
  const id = event.sender.id;
  return deps.envFor(id) ? id : null;
}

function internal(e: unknown): Result<never> {
  return { ok: false, error: { kind: 'internal', message: e instanceof Error ? e.message : String(e) } };
}

/** Registers the handlers; returns a function that removes them (for tests and for a clean quit). */
export function registerIpc(ipcMain: IpcMainLike, deps: IpcDeps): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
    try {
      const id = trustedSenderId(event, deps);
      const env = id === null ? null : deps.envFor(id);
      if (!env) return { ok: false, error: forbidden };
      return await dispatch(deps.table, env, method, input);
    } catch (e) {
      return internal(e);
    }
  });
  ipcMain.handle(SHELL_CHANNEL, async (event, action: unknown): Promise<Result<{ path: string } | null>> => {
    try {
      const id = trustedSenderId(event, deps);
      if (id === null) return { ok: false, error: forbidden };
      if (!isShellAction(action)) {
        return { ok: false, error: { kind: 'invalid-input', message: `Unknown shell request: ${String(action).slice(0, 100)}` } };
      }
      return await deps.shell[action](id);
    } catch (e) {
      return internal(e);
    }
  });
  ipcMain.handle(SAVE_CHANNEL, async (event, request: unknown): Promise<Result<{ path: string } | null>> => {
    try {
      const id = trustedSenderId(event, deps);
      if (id === null) return { ok: false, error: forbidden };
      const parsed = parseSaveRequest(request);
      if (!parsed.ok) return parsed;
      return await deps.saveFile(id, parsed.value);
    } catch (e) {
      return internal(e);
    }
  });
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    ipcMain.removeHandler(SHELL_CHANNEL);
    ipcMain.removeHandler(SAVE_CHANNEL);
  };
}

/** Sends an API event to the given windows; a window closing meanwhile is skipped, never an error. */
export function sendEvent(targets: Iterable<WebContentsLike>, event: ApiEvent): void {
  for (const wc of targets) {
    if (wc.isDestroyed()) continue;
    try {
      wc.send(EVENT_CHANNEL, event);
    } catch {
      /* destroyed between the check and the send */
    }
  }
}

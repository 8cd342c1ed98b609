/**
 * Type-level proof (checked by `tsc -p electron/tsconfig.json`, never run or bundled) that Electron's real
 * objects fit the small interfaces ipc.ts, projectWindows.ts, preloadBridge.ts and cliMode.ts are written against, so
 * the fakes in tests/unit/shell stand in for something real.
 */
import type { App, BrowserWindow, IpcMain, IpcMainInvokeEvent, IpcRenderer, WebContents, WebFrameMain } from 'electron';
import type { CliAppLike } from './cliMode';
import type { FrameLike, IpcMainInvokeEventLike, IpcMainLike, WebContentsLike } from './ipc';
import type { IpcRendererLike } from './preloadBridge';
import type { WindowLike } from './projectWindows';

declare const ipcMain: IpcMain;
declare const invokeEvent: IpcMainInvokeEvent;
declare const frame: WebFrameMain;
declare const webContents: WebContents;
declare const ipcRenderer: IpcRenderer;
declare const browserWindow: BrowserWindow;
declare const electronApp: App;

export const ipcMainFits: IpcMainLike = ipcMain;
// Electron calls our listeners with its own event: it must offer everything ipc.ts reads.
export const invokeEventFits: IpcMainInvokeEventLike = invokeEvent;
export const frameFits: FrameLike = frame;
export const webContentsFits: WebContentsLike = webContents;
export const ipcRendererFits: IpcRendererLike = ipcRenderer;
export const windowFits: WindowLike = browserWindow;
export const appFits: CliAppLike = electronApp;

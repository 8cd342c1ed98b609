/**
 * The application menu as a template (main.ts hands it to Menu.buildFromTemplate). Pure, so tests check what
 * is in it.
 *
 * Edit has no undo/redo roles on purpose: the renderer keeps its own undo history of codings, and the native
 * roles would undo keystrokes in whatever text field has focus instead. Ctrl/Cmd+Z reaches the page as a
 * normal key event.
 */
import type { BaseWindow, MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  newProject(window: BaseWindow | undefined): void;
  openProject(window: BaseWindow | undefined): void;
  /** Asks the focused window's UI to open its import dialog (see docs/shell.md). */
  importTranscripts(window: BaseWindow | undefined): void;
  about(): void;
}

interface MenuOptions {
  platform: string;
  isPackaged: boolean;
  appName: string;
  actions: MenuActions;
}

export function buildMenuTemplate({ platform, isPackaged, appName, actions }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: appName,
      submenu: [
        { label: `About ${appName}`, click: () => actions.about() },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: '&File',
    submenu: [
      { label: 'New Project…', accelerator: 'CmdOrCtrl+N', click: (_item, win) => actions.newProject(win) },
      { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: (_item, win) => actions.openProject(win) },
      { type: 'separator' },
      { label: 'Import Transcripts…', click: (_item, win) => actions.importTranscripts(win) },
      { type: 'separator' },
      { role: 'close' },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  });
  template.push({
    label: '&Edit',
    submenu: [{ role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { type: 'separator' }, { role: 'selectAll' }],
  });
  template.push({
    label: '&View',
    submenu: [
      { role: 'reload' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      // Developer tools only when running from source: a packaged app gives the page no console to poke at.
      ...(isPackaged ? [] : [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const]),
    ],
  });
  if (mac) template.push({ role: 'windowMenu' });
  template.push({
    label: '&Help',
    role: 'help',
    submenu: mac ? [] : [{ label: `About ${appName}`, click: () => actions.about() }],
  });
  return template;
}

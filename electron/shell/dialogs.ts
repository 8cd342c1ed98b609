/** The native dialogs of the shell: open, new, save an export, errors, about. */
import { app, dialog, type BaseWindow } from 'electron';
import type { DyadErrorValue } from '../../shared/api/errors';
import type { SaveFileRequest } from '../../shared/api/bridge';
import { describeOpenError } from './openErrors';
import { withOfferedExtension } from './saveRequest';

const projectFilters = [{ name: 'Dyad projects', extensions: ['dyad'] }];

/** The project file chosen to open, or null when the researcher cancelled. */
export async function chooseProjectToOpen(parent?: BaseWindow): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open Project',
    properties: ['openFile'],
    filters: projectFilters,
  };
  const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

/** Where to create a new project (always ending in .dyad), or null when cancelled. */
export async function chooseNewProjectPath(parent?: BaseWindow): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    title: 'New Project',
    buttonLabel: 'Create',
    defaultPath: 'Untitled.dyad',
    filters: projectFilters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const r = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (r.canceled || !r.filePath) return null;
  return /\.dyad$/i.test(r.filePath) ? r.filePath : `${r.filePath}.dyad`;
}

/** Where to save an export (ending in one of the offered extensions), or null when cancelled. */
export async function chooseSavePath(parent: BaseWindow | undefined, request: SaveFileRequest): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    title: 'Save',
    defaultPath: request.defaultName,
    filters: request.filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const r = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (r.canceled || !r.filePath) return null;
  return withOfferedExtension(r.filePath, request);
}

/** Tells why a project could not be opened (synchronous: works before the app is ready, too). */
export function showOpenError(path: string, error: DyadErrorValue): void {
  const { title, message } = describeOpenError(path, error);
  dialog.showErrorBox(title, message);
}

/** After a failed open: true when the researcher wants to pick another file. */
export async function offerAnotherProject(parent?: BaseWindow): Promise<boolean> {
  const options: Electron.MessageBoxOptions = {
    type: 'question',
    buttons: ['Open Another Project…', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    message: 'Open another project?',
  };
  const r = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return r.response === 0;
}

export function showAbout(): void {
  app.setAboutPanelOptions({
    applicationName: 'Dyad',
    applicationVersion: app.getVersion(),
    copyright: 'MIT licence',
  });
  app.showAboutPanel();
}

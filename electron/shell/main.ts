/**
 * Dyad's main process: one window per open project, the UI served from app://dyad/, every API call through
 * ipc.ts into the same handler table the command line and the server use. The decisions (what is trusted,
 * what may load, what argv means) live in pure modules beside this one; this file only wires them to Electron.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BrowserWindow, Menu, app, ipcMain, protocol, session, shell, type BaseWindow, type WebContents } from 'electron';
import { errorValue, type Result } from '../../shared/api/errors';
import { createHandlers } from '../api/handlers';
import { ensureDemoProject } from '../core/demo';
import { appRoot, rendererDistDir } from '../core/paths';
import { Project } from '../core/project';
import { createAppProtocolHandler, projectMediaSource } from './appProtocol';
import { projectPathFromArgv } from './argv';
import { cliArgsFromArgv, flushStdio, runCommandLine } from './cliMode';
import { chooseNewProjectPath, chooseProjectToOpen, chooseSavePath, offerAnotherProject, showAbout, showOpenError } from './dialogs';
import { registerIpc, sendEvent } from './ipc';
import { buildMenuTemplate } from './menu';
import { nativeBindingPath } from './native';
import { ProjectWindows } from './projectWindows';
import { APP_ENTRY_URL, APP_SCHEME, isAllowedNavigation, safeExternalUrl } from './security';

// Both must happen before 'ready'. `standard` gives app://dyad a real origin (so 'self' in the CSP and the
// sender check mean something); `corsEnabled` lets Vite's `crossorigin` module script and stylesheet load as
// the CORS-mode requests they are. No response carries Access-Control-Allow-Origin, so no other origin reads it.
protocol.registerSchemesAsPrivileged([
  // stream: the player's <video> reads recordings from this scheme in ranges, as it plays and seeks.
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true, stream: true } },
]);
app.enableSandbox();

// The core opens SQLite through this (electron/core/database.ts): the Electron build, not node_modules' Node build.
process.env.DYAD_NATIVE_BINDING = nativeBindingPath({
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  appRoot: appRoot(),
  electronVersion: process.versions.electron,
  env: process.env,
});

const windows = new ProjectWindows<BrowserWindow>();
/** Files macOS asked us to open before we were ready. */
const pendingOpens: string[] = [];
const ok = <T>(value: T): Result<T> => ({ ok: true, value });

function tryOpen(path: string, create: boolean): Result<Project> {
  try {
    return ok(Project.open(path, { create }));
  } catch (e) {
    return { ok: false, error: errorValue(e) };
  }
}

function focus(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function titleFor(project: Project): string {
  return `${basename(project.path)} — Dyad`;
}

function createWindow(project: Project): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: titleFor(project),
    webPreferences: {
      preload: join(appRoot(), 'build', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });
  const id = win.webContents.id;
  windows.add(win, project);
  win.on('closed', () => windows.remove(id));
  win.once('ready-to-show', () => win.show());
  // The title names the project; the page's <title> does not replace it.
  win.on('page-title-updated', (e) => e.preventDefault());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/**
 * Opens a project in a new window. When it cannot be opened the researcher is told why (newer version,
 * locked, damaged) and offered another file, until one opens or they give up (false).
 */
async function openInNewWindow(first: string): Promise<boolean> {
  let path: string | null = first;
  while (path) {
    const showing = windows.windowShowing(path);
    if (showing) {
      focus(showing);
      return true;
    }
    const r = tryOpen(path, false);
    if (r.ok) {
      createWindow(r.value);
      return true;
    }
    showOpenError(path, r.error);
    if (!(await offerAnotherProject())) return false;
    path = await chooseProjectToOpen();
  }
  return false;
}

/** The window shows another project from now on; the old one is closed and the UI reloads. */
function openIntoWindow(win: BrowserWindow, path: string, create: boolean): Result<{ path: string }> {
  const showing = windows.windowShowing(path);
  if (showing) {
    focus(showing);
    return ok({ path });
  }
  if (create && existsSync(path)) {
    return {
      ok: false,
      error: { kind: 'conflict', message: `${path} already exists. Dyad never overwrites a project: choose another name, or open it.` },
    };
  }
  const r = tryOpen(path, create);
  if (!r.ok) return r;
  windows.replaceProject(win.webContents.id, r.value);
  win.setTitle(titleFor(r.value));
  // After the reply to the renderer's call has gone out.
  setImmediate(() => {
    if (!win.isDestroyed()) win.webContents.reload();
  });
  return ok({ path });
}

async function demoProjectPath(): Promise<string> {
  return ensureDemoProject(join(app.getPath('userData'), 'Demo.dyad'));
}

/** First window: the project named on the command line (or by macOS), else the demo project. */
async function openStartupProject(): Promise<void> {
  const named = pendingOpens.shift() ?? projectPathFromArgv(process.argv, { isPackaged: app.isPackaged, cwd: process.cwd() });
  let path: string | null = named;
  if (!path) {
    try {
      path = await demoProjectPath();
    } catch (e) {
      showOpenError(join(app.getPath('userData'), 'Demo.dyad'), errorValue(e));
      path = (await offerAnotherProject()) ? await chooseProjectToOpen() : null;
    }
  }
  const opened = path ? await openInNewWindow(path) : false;
  for (const more of pendingOpens.splice(0)) await openInNewWindow(more);
  if (!opened && windows.size === 0) app.quit();
}

function ourWindow(win: BaseWindow | undefined): BrowserWindow | null {
  const candidate = win ?? BrowserWindow.getFocusedWindow() ?? undefined;
  return windows.windows().find((w) => w === candidate) ?? null;
}

/** Menu flows report failures in a dialog (the renderer's flows get them back as values instead). */
async function menuOpen(win: BaseWindow | undefined, create: boolean): Promise<void> {
  const target = ourWindow(win);
  const path = create ? await chooseNewProjectPath(target ?? undefined) : await chooseProjectToOpen(target ?? undefined);
  if (!path) return;
  if (!target) {
    if (create) {
      const r = tryOpen(path, true);
      if (r.ok) createWindow(r.value);
      else showOpenError(path, r.error);
    } else await openInNewWindow(path);
    return;
  }
  const r = openIntoWindow(target, path, create);
  if (!r.ok) {
    showOpenError(path, r.error);
    if (!create && (await offerAnotherProject(target))) await menuOpen(target, false);
  }
}

function installMenu(): void {
  const template = buildMenuTemplate({
    platform: process.platform,
    isPackaged: app.isPackaged,
    appName: 'Dyad',
    actions: {
      newProject: (win) => void menuOpen(win, true),
      openProject: (win) => void menuOpen(win, false),
      importTranscripts: (win) => {
        const target = ourWindow(win);
        // The UI's import dialog is opened by this event (docs/shell.md): no extra channel to secure.
        if (target) sendEvent([target.webContents], { type: 'changed', what: ['ui:import'] });
      },
      about: () => showAbout(),
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Every web contents (windows, devtools, anything created later) gets the same locks. */
function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = safeExternalUrl(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Belt and braces behind the CSP: nothing leaves the machine, whoever asks.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
}

function main(): void {
  if (!app.requestSingleInstanceLock()) {
    // Another Dyad is running: it receives our command line through 'second-instance'.
    app.quit();
    return;
  }
  app.setAppUserModelId('org.dyad.app');
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const path = projectPathFromArgv(argv, { isPackaged: app.isPackaged, cwd: workingDirectory });
    if (path) void openInNewWindow(path);
    else {
      const first = windows.windows()[0];
      if (first) focus(first);
    }
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) void openInNewWindow(path);
    else pendingOpens.push(path);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && windows.size === 0) void openStartupProject();
  });
  app.on('will-quit', () => windows.closeAll());

  void app.whenReady().then(async () => {
    hardenSession();
    const uiRoot = rendererDistDir();
    protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler(uiRoot, undefined, projectMediaSource(() => windows.projects())),
    );
    if (!existsSync(join(uiRoot, 'index.html'))) {
      showOpenError(join(uiRoot, 'index.html'), {
        kind: 'io',
        message: `${join(uiRoot, 'index.html')} is missing: Dyad's user interface was not built. Run \`npm run build\` (or \`npm start\`).`,
      });
      app.quit();
      return;
    }
    registerIpc(ipcMain, {
      table: createHandlers(),
      envFor: (id) => windows.envFor(id),
      shell: {
        openProject: async (id) => {
          const win = windows.windowFor(id);
          if (!win) return ok(null);
          const path = await chooseProjectToOpen(win);
          return path ? openIntoWindow(win, path, false) : ok(null);
        },
        newProject: async (id) => {
          const win = windows.windowFor(id);
          if (!win) return ok(null);
          const path = await chooseNewProjectPath(win);
          return path ? openIntoWindow(win, path, true) : ok(null);
        },
      },
      saveFile: async (id, request) => {
        const win = windows.windowFor(id);
        if (!win) return ok(null);
        const path = await chooseSavePath(win, request);
        return ok(path ? { path } : null);
      },
    });
    installMenu();
    await openStartupProject();
  });
}

// `dyad …` from the installed app's launcher runs one command and exits; anything else starts the app.
const cliArgs = cliArgsFromArgv(process.argv);
if (cliArgs) void runCommandLine(cliArgs, { app, runCli: async (args) => (await import('../cli/main')).runCli(args), flush: flushStdio });
else main();

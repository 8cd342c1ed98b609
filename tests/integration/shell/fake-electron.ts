/**
 * A stand-in for the 'electron' module, complete enough to run build/electron/main.cjs under Node: it records
 * what the shell asked of Electron and lets a test fire Electron's events and IPC calls by hand.
 */
import { FakeIpcMain } from '../../unit/shell/fakes';

type Listener = (...args: any[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, fn: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
    return this;
  }
  once(name: string, fn: Listener): this {
    return this.on(name, fn);
  }
  fire(name: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(name) ?? []).map((fn) => fn(...args));
  }
}

export class FakeWebContentsFull extends Emitter {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  reloads = 0;
  destroyed = false;
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  constructor(readonly id: number) {
    super();
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  isDestroyed() {
    return this.destroyed;
  }
  reload() {
    this.reloads++;
  }
  setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = fn;
  }
}

let nextId = 1;

export function createFakeElectron(opts: { userData: string }) {
  const calls = {
    schemes: [] as unknown[],
    sandboxEnabled: false,
    quit: 0,
    errorBoxes: [] as { title: string; message: string }[],
    messageBoxes: [] as unknown[],
    external: [] as string[],
    menu: null as unknown,
    protocolHandlers: new Map<string, (r: Request) => Promise<Response>>(),
    permissionRequest: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
    permissionCheck: null as null | ((...a: unknown[]) => boolean),
    blockedUrls: [] as string[],
  };
  /** What the next dialogs answer; tests push onto these. */
  const answers = { open: [] as (string | null)[], save: [] as (string | null)[], messageBox: [] as number[] };
  const windows: FakeBrowserWindow[] = [];

  class FakeBrowserWindow extends Emitter {
    readonly webContents = new FakeWebContentsFull(nextId++);
    loaded: string[] = [];
    title: string;
    shown = false;
    /** How often the shell brought this window to the front. */
    focused = 0;
    destroyed = false;
    constructor(readonly options: { title: string; webPreferences: Record<string, unknown> }) {
      super();
      this.title = options.title;
      windows.push(this);
      app.fire('web-contents-created', {}, this.webContents);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    setTitle(t: string) {
      this.title = t;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    show() {
      this.shown = true;
    }
    focus() {
      this.focused++;
    }
    isDestroyed() {
      return this.destroyed;
    }
    /** What closing the window does in Electron. */
    close() {
      this.destroyed = true;
      this.webContents.destroyed = true;
      windows.splice(windows.indexOf(this), 1);
      this.fire('closed');
    }
    static getFocusedWindow() {
      return windows[0] ?? null;
    }
  }

  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    ready: false,
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
      return opts.userData;
    },
    getVersion: () => '0.1.0',
    requestSingleInstanceLock: () => true,
    enableSandbox: () => {
      calls.sandboxEnabled = true;
    },
    setAppUserModelId: () => {},
    isReady: () => app.ready,
    whenReady: () => Promise.resolve().then(() => void (app.ready = true)),
    quit: () => {
      calls.quit++;
    },
    setAboutPanelOptions: () => {},
    showAboutPanel: () => {},
  });

  const ipcMain = new FakeIpcMain();
  const electron = {
    app,
    ipcMain,
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => calls.schemes.push(...s),
      handle: (scheme: string, h: (r: Request) => Promise<Response>) => calls.protocolHandlers.set(scheme, h),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof calls.permissionRequest) => (calls.permissionRequest = h),
        setPermissionCheckHandler: (h: typeof calls.permissionCheck) => (calls.permissionCheck = h),
        setDevicePermissionHandler: () => {},
        webRequest: {
          onBeforeRequest: (filter: { urls: string[] }) => calls.blockedUrls.push(...filter.urls),
        },
      },
    },
    Menu: {
      buildFromTemplate: (t: unknown) => t,
      setApplicationMenu: (m: unknown) => (calls.menu = m),
    },
    dialog: {
      showErrorBox: (title: string, message: string) => calls.errorBoxes.push({ title, message }),
      showMessageBox: async (...args: unknown[]) => {
        calls.messageBoxes.push(args);
        return { response: answers.messageBox.shift() ?? 1 };
      },
      showOpenDialog: async () => {
        const p = answers.open.shift() ?? null;
        return { canceled: p === null, filePaths: p ? [p] : [] };
      },
      showSaveDialog: async () => {
        const p = answers.save.shift() ?? null;
        return { canceled: p === null, filePath: p ?? '' };
      },
    },
    shell: {
      openExternal: async (url: string) => void calls.external.push(url),
    },
  };
  return { electron, calls, answers, windows, app, ipcMain };
}

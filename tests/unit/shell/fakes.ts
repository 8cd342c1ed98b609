/** Stand-ins for the few Electron objects the shell's wiring touches (see electron/shell/electronTypes.check.ts). */
import type { HandlerTable } from '../../../electron/api/dispatch';
import type { Project } from '../../../electron/core/project';
import type { IpcMainInvokeEventLike, IpcMainLike, InvokeListener } from '../../../electron/shell/ipc';

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`); // as Electron does
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke(channel, ...args) would get back. */
  async invoke(channel: string, event: IpcMainInvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h(event, ...args);
  }
}

export class FakeWebContents {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  destroyed = false;
  constructor(readonly id: number) {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
}

export class FakeWindow {
  readonly webContents: FakeWebContents;
  constructor(id: number) {
    this.webContents = new FakeWebContents(id);
  }
}

/** An invoke event from a frame: the top frame unless a parent is given. */
export function eventFrom(webContentsId: number, url: string, opts: { subframe?: boolean; noFrame?: boolean } = {}): IpcMainInvokeEventLike {
  const top = { url: 'app://dyad/index.html', parent: null };
  return {
    sender: { id: webContentsId },
    senderFrame: opts.noFrame ? null : { url, parent: opts.subframe ? top : null },
  };
}

export function fakeProject(path: string): Project & { closed: number } {
  const p = {
    path,
    closed: 0,
    close() {
      p.closed++;
    },
  };
  return p as unknown as Project & { closed: number };
}

/** A handler table where only the methods a test gives exist; any other call fails the test. */
export function tableWith(handlers: Partial<HandlerTable>): HandlerTable {
  return new Proxy(handlers, {
    get(target, name: string) {
      const h = (target as Record<string, unknown>)[name];
      if (!h) throw new Error(`test did not expect a call to ${name}`);
      return h;
    },
  }) as HandlerTable;
}

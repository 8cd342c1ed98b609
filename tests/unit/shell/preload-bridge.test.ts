import { describe, expect, it } from 'vitest';
import { methodNames } from '../../../shared/api/contract';
import type { ApiEvent } from '../../../shared/api/define';
import { CALL_CHANNEL, EVENT_CHANNEL, SAVE_CHANNEL, SHELL_CHANNEL } from '../../../electron/shell/channels';
import { buildBridge, type IpcRendererLike, type RendererListener } from '../../../electron/shell/preloadBridge';

class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: unknown[][] = [];
  readonly listeners = new Map<string, Set<RendererListener>>();
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return { ok: true, value: { echoed: args } };
  }
  on(channel: string, listener: RendererListener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  }
  removeListener(channel: string, listener: RendererListener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  /** What main's webContents.send does: the listener gets Electron's event object first. */
  emit(channel: string, payload: unknown): void {
    const event = { sender: this, senderId: 0, ports: [] };
    for (const l of this.listeners.get(channel) ?? []) l(event, payload);
  }
}

/** Everything reachable from the bridge, to look for leaks. */
function reachable(root: unknown): unknown[] {
  const seen = new Set<unknown>();
  const walk = (v: unknown) => {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v)) return;
    seen.add(v);
    for (const k of Object.getOwnPropertyNames(v)) {
      if (typeof v === 'function' && ['caller', 'callee', 'arguments'].includes(k)) continue;
      walk((v as Record<string, unknown>)[k]);
    }
  };
  walk(root);
  return [...seen];
}

describe('the preload bridge (window.dyad)', () => {
  it('has one function per API method, each invoking dyad:call with its own name', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = buildBridge(ipc);
    expect(Object.keys(bridge.api).sort()).toEqual([...methodNames].sort());
    for (const name of methodNames) {
      const fn = (bridge.api as Record<string, (i: unknown) => Promise<unknown>>)[name]!;
      expect(typeof fn).toBe('function');
      await fn({ probe: name });
    }
    expect(ipc.invoked).toEqual(methodNames.map((name) => [CALL_CHANNEL, name, { probe: name }]));
  });

  it('returns what main answered', async () => {
    const bridge = buildBridge(new FakeIpcRenderer());
    await expect(bridge.api['jobs.cancel']({ jobId: 'j' })).resolves.toEqual({ ok: true, value: { echoed: ['jobs.cancel', { jobId: 'j' }] } });
  });

  it('asks the shell for its dialogs on dyad:shell', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = buildBridge(ipc);
    await bridge.shell.openProject();
    await bridge.shell.newProject();
    const request = { defaultName: 'Demo.qdpx', filters: [{ name: 'REFI-QDA project', extensions: ['qdpx'] }] };
    await bridge.shell.saveFile(request);
    expect(ipc.invoked).toEqual([
      [SHELL_CHANNEL, 'openProject'],
      [SHELL_CHANNEL, 'newProject'],
      [SAVE_CHANNEL, request],
    ]);
  });

  it('hands listeners the event only, and unsubscribes', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = buildBridge(ipc);
    const got: unknown[][] = [];
    const off = bridge.onEvent((...args) => got.push(args));
    const change: ApiEvent = { type: 'changed', what: ['codes'] };
    ipc.emit(EVENT_CHANNEL, change);
    expect(got).toEqual([[change]]);
    off();
    off(); // twice is harmless
    ipc.emit(EVENT_CHANNEL, { type: 'changed', what: ['dyads'] });
    expect(got).toHaveLength(1);
    expect(ipc.listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });

  it('keeps each subscription separate', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = buildBridge(ipc);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = bridge.onEvent((e) => a.push(e));
    bridge.onEvent((e) => b.push(e));
    offA();
    ipc.emit(EVENT_CHANNEL, { type: 'changed', what: ['x'] });
    expect(a).toEqual([]);
    expect(b).toHaveLength(1);
  });

  it('exposes nothing of ipcRenderer', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = buildBridge(ipc);
    const all = reachable(bridge);
    expect(all).not.toContain(ipc);
    expect(all).not.toContain(ipc.invoke);
    expect(all).not.toContain(ipc.on);
    expect(Object.keys(bridge).sort()).toEqual(['api', 'onEvent', 'shell']);
    expect(Object.keys(bridge.shell).sort()).toEqual(['newProject', 'openProject', 'saveFile']);
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HandlerTable } from '../../../electron/api/dispatch';
import { CALL_CHANNEL, EVENT_CHANNEL, SAVE_CHANNEL, SHELL_CHANNEL } from '../../../electron/shell/channels';
import { registerIpc, sendEvent, type IpcDeps } from '../../../electron/shell/ipc';
import { ProjectWindows } from '../../../electron/shell/projectWindows';
import { FakeIpcMain, FakeWindow, eventFrom, fakeProject, tableWith } from './fakes';

const APP = 'app://dyad/index.html';

function setup(table: HandlerTable) {
  const ipc = new FakeIpcMain();
  const windows = new ProjectWindows<FakeWindow>('linux');
  const win = new FakeWindow(7);
  const project = fakeProject('/studies/alliance.dyad');
  windows.add(win, project);
  const shell = { openProject: vi.fn(async () => ({ ok: true as const, value: { path: '/studies/other.dyad' } })), newProject: vi.fn(async () => ({ ok: true as const, value: null })) };
  const saveFile = vi.fn(async () => ({ ok: true as const, value: { path: '/studies/Concordance.xlsx' } }));
  const deps: IpcDeps = { table, envFor: (id) => windows.envFor(id), shell, saveFile };
  const unregister = registerIpc(ipc, deps);
  return { ipc, windows, win, project, shell, saveFile, unregister };
}

describe('dyad:call', () => {
  let cancel: ReturnType<typeof vi.fn>;
  let ctx: ReturnType<typeof setup>;
  beforeEach(() => {
    cancel = vi.fn((input: { jobId: string }) => ({ cancelled: input.jobId === 'import-1' }));
    ctx = setup(tableWith({ 'jobs.cancel': cancel as unknown as HandlerTable['jobs.cancel'] }));
  });

  it('passes a valid call from our window to the handler and returns its answer', async () => {
    const r = await ctx.ipc.invoke(CALL_CHANNEL, eventFrom(7, APP), 'jobs.cancel', { jobId: 'import-1' });
    expect(r).toEqual({ ok: true, value: { cancelled: true } });
    expect(cancel).toHaveBeenCalledTimes(1);
    const [input, callCtx] = cancel.mock.calls[0]!;
    expect(input).toEqual({ jobId: 'import-1' });
    // The handler works on the project of the window that asked.
    expect(callCtx.project).toBe(ctx.project);
  });

  it('refuses an unknown method as invalid input', async () => {
    const r = await ctx.ipc.invoke(CALL_CHANNEL, eventFrom(7, APP), 'project.deleteEverything', {});
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    for (const bad of [undefined, 42, { toString: () => 'jobs.cancel' }, '__proto__', 'constructor']) {
      expect(await ctx.ipc.invoke(CALL_CHANNEL, eventFrom(7, APP), bad, {})).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(cancel).not.toHaveBeenCalled();
  });

  it('refuses input that does not fit the contract without calling the handler', async () => {
    for (const input of [{ jobId: 5 }, { jobId: '' }, 'import-1', null, [1]]) {
      const r = await ctx.ipc.invoke(CALL_CHANNEL, eventFrom(7, APP), 'jobs.cancel', input);
      expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(cancel).not.toHaveBeenCalled();
  });

  it.each([
    ['another origin', eventFrom(7, 'https://example.org/')],
    ['a file page', eventFrom(7, 'file:///home/r/index.html')],
    ['a subframe of our page', eventFrom(7, APP, { subframe: true })],
    ['a frame that is gone', eventFrom(7, APP, { noFrame: true })],
    ['a window that is not ours', eventFrom(99, APP)],
  ])('refuses %s as forbidden without calling the handler', async (_what, event) => {
    const r = await ctx.ipc.invoke(CALL_CHANNEL, event, 'jobs.cancel', { jobId: 'import-1' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(cancel).not.toHaveBeenCalled();
  });

  it('turns a handler failure into an error value', async () => {
    const c = setup(
      tableWith({
        'jobs.cancel': () => {
          throw new Error('disk on fire');
        },
      }),
    );
    const r = await c.ipc.invoke(CALL_CHANNEL, eventFrom(7, APP), 'jobs.cancel', { jobId: 'x' });
    expect(r).toEqual({ ok: false, error: { kind: 'internal', message: 'disk on fire' } });
  });

  it('can be unregistered', () => {
    expect([...ctx.ipc.handlers.keys()].sort()).toEqual([CALL_CHANNEL, SAVE_CHANNEL, SHELL_CHANNEL].sort());
    ctx.unregister();
    expect(ctx.ipc.handlers.size).toBe(0);
  });
});

describe('dyad:shell', () => {
  it('runs the dialog flows for our window only', async () => {
    const c = setup(tableWith({}));
    expect(await c.ipc.invoke(SHELL_CHANNEL, eventFrom(7, APP), 'openProject')).toEqual({ ok: true, value: { path: '/studies/other.dyad' } });
    expect(c.shell.openProject).toHaveBeenCalledWith(7);
    expect(await c.ipc.invoke(SHELL_CHANNEL, eventFrom(7, APP), 'formatDisk')).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await c.ipc.invoke(SHELL_CHANNEL, eventFrom(7, 'https://example.org/'), 'newProject')).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await c.ipc.invoke(SHELL_CHANNEL, eventFrom(7, APP, { subframe: true }), 'newProject')).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(c.shell.newProject).not.toHaveBeenCalled();
  });
});

describe('dyad:save-file', () => {
  const request = { defaultName: 'Concordance.xlsx', filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }] };

  it('opens the save dialog for our window with the checked request, and answers the chosen path', async () => {
    const c = setup(tableWith({}));
    expect(await c.ipc.invoke(SAVE_CHANNEL, eventFrom(7, APP), request)).toEqual({ ok: true, value: { path: '/studies/Concordance.xlsx' } });
    expect(c.saveFile).toHaveBeenCalledWith(7, request);
  });

  it('refuses a request from another origin or a subframe before any dialog opens', async () => {
    const c = setup(tableWith({}));
    expect(await c.ipc.invoke(SAVE_CHANNEL, eventFrom(7, 'https://example.org/'), request)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await c.ipc.invoke(SAVE_CHANNEL, eventFrom(7, APP, { subframe: true }), request)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(c.saveFile).not.toHaveBeenCalled();
  });

  it.each([
    ['no request', undefined],
    ['a folder in the name', { ...request, defaultName: '../../etc/passwd' }],
    ['an empty name', { ...request, defaultName: ' ' }],
    ['no kind of file', { ...request, filters: [] }],
    ['an extension with a dot', { ...request, filters: [{ name: 'Excel', extensions: ['.xlsx'] }] }],
    ['a wildcard extension', { ...request, filters: [{ name: 'Anything', extensions: ['*'] }] }],
  ])('refuses %s as invalid input, saying what is wrong', async (_what, bad) => {
    const c = setup(tableWith({}));
    const r = (await c.ipc.invoke(SAVE_CHANNEL, eventFrom(7, APP), bad)) as { ok: false; error: { kind: string; message: string } };
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(r.error.message).toMatch(/^Save dialog: /);
    expect(c.saveFile).not.toHaveBeenCalled();
  });

});

describe('events', () => {
  it('reach every window showing the project whose handler emitted them, and no other', async () => {
    const table = tableWith({
      'jobs.cancel': (_input, callCtx) => {
        callCtx.emit({ type: 'changed', what: ['dyads'] });
        return { cancelled: false };
      },
    });
    const c = setup(table);
    const other = new FakeWindow(8);
    c.windows.add(other, fakeProject('/studies/pilot.dyad'));
    await c.ipc.invoke(CALL_CHANNEL, eventFrom(7, APP), 'jobs.cancel', { jobId: 'x' });
    expect(c.win.webContents.sent).toEqual([{ channel: EVENT_CHANNEL, args: [{ type: 'changed', what: ['dyads'] }] }]);
    expect(other.webContents.sent).toEqual([]);
  });

  it('skips windows that are closing', () => {
    const open = new FakeWindow(1);
    const closing = new FakeWindow(2);
    closing.webContents.destroyed = true;
    const throwing = new FakeWindow(3);
    throwing.webContents.send = () => {
      throw new Error('Object has been destroyed');
    };
    sendEvent([closing.webContents, throwing.webContents, open.webContents], { type: 'progress', jobId: 'j', done: 1, total: 2, message: 'Reading' });
    expect(open.webContents.sent).toHaveLength(1);
    expect(closing.webContents.sent).toHaveLength(0);
  });
});

describe('ProjectWindows', () => {
  it('closes a project when its window goes or shows another project', () => {
    const windows = new ProjectWindows<FakeWindow>('linux');
    const a = fakeProject('/s/a.dyad');
    const b = fakeProject('/s/b.dyad');
    const w = new FakeWindow(1);
    windows.add(w, a);
    expect(windows.windowShowing('/s/a.dyad')).toBe(w);
    windows.replaceProject(1, b);
    expect(a.closed).toBe(1);
    expect(windows.windowShowing('/s/a.dyad')).toBeNull();
    expect(windows.envFor(1)?.project).toBe(b);
    windows.remove(1);
    expect(b.closed).toBe(1);
    expect(windows.envFor(1)).toBeNull();
    expect(windows.size).toBe(0);
  });

  it('compares paths case-insensitively on Windows and macOS only', () => {
    const win = new ProjectWindows<FakeWindow>('win32');
    win.add(new FakeWindow(1), fakeProject('C:\\Studies\\Alliance.dyad'));
    expect(win.windowShowing('c:\\studies\\ALLIANCE.dyad')).not.toBeNull();
    const linux = new ProjectWindows<FakeWindow>('linux');
    linux.add(new FakeWindow(1), fakeProject('/s/Alliance.dyad'));
    expect(linux.windowShowing('/s/alliance.dyad')).toBeNull();
  });

  it('gives each call the window\'s own job registry, so cancelling reaches only its jobs', () => {
    const windows = new ProjectWindows<FakeWindow>('linux');
    windows.add(new FakeWindow(1), fakeProject('/s/a.dyad'));
    windows.add(new FakeWindow(2), fakeProject('/s/b.dyad'));
    const jobsA = windows.envFor(1)!.jobs;
    const controller = jobsA.start('import-1');
    expect(windows.envFor(2)!.jobs.cancel('import-1')).toBe(false);
    expect(windows.envFor(1)!.jobs.cancel('import-1')).toBe(true);
    expect(controller.signal.aborted).toBe(true);
  });
});

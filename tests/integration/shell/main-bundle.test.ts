/**
 * Runs the real build/electron/main.cjs under Node with a stand-in for Electron (fake-electron.ts): the
 * bundle, the startup flow, the window's settings, the IPC wiring into the real handler table and a real
 * project file, the error dialogs and the hardening of every web contents.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Project } from '../../../electron/core/project';
import { loadMain, type LoadedMain } from './load-main';

let base: string;
let fake: LoadedMain['fake'];
const APP = 'app://dyad/index.html';

function frameEvent(id: number, url = APP, parent: unknown = null) {
  return { sender: { id }, senderFrame: { url, parent } };
}

async function call(id: number, method: string, input: unknown, url = APP) {
  return (await fake.ipcMain.invoke('dyad:call', frameEvent(id, url), method, input)) as { ok: boolean; value?: any; error?: any };
}

beforeAll(async () => {
  ({ base, fake } = await loadMain());
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 30_000, interval: 50 });
}, 120_000);

afterAll(() => {
  for (const w of [...fake.windows]) w.close();
  rmSync(base, { recursive: true, force: true });
});

describe('main.cjs startup', () => {
  it('registers app:// as a privileged standard scheme and sandboxes every renderer before ready', () => {
    expect(fake.calls.schemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(fake.calls.sandboxEnabled).toBe(true);
  });

  it('opens the demo project from userData in a locked-down window loading app://dyad/', () => {
    const [win] = fake.windows;
    expect(win!.loaded).toEqual([APP]);
    expect(win!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: join(base, 'app', 'build', 'electron', 'preload.cjs'),
    });
    expect(win!.title).toBe('Demo.dyad — Dyad');
    expect(existsSync(join(base, 'userData', 'Demo.dyad'))).toBe(true);
    expect(existsSync(join(base, 'userData', 'Demo.dyad.lock'))).toBe(true);
  });

  it('answers API calls from the window with the real handler table and project', async () => {
    const id = fake.windows[0]!.webContents.id;
    const info = await call(id, 'project.info', {});
    expect(info.ok).toBe(true);
    expect(info.value.path).toBe(join(base, 'userData', 'Demo.dyad'));
    expect(info.value.counts.dyads).toBeGreaterThan(0);
    const dyads = await call(id, 'dyads.list', {});
    expect(dyads.ok).toBe(true);
    expect(dyads.value.length).toBe(info.value.counts.dyads);
  });

  it('refuses calls from another origin or from a subframe', async () => {
    const id = fake.windows[0]!.webContents.id;
    expect(await call(id, 'project.info', {}, 'https://example.org/')).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const sub = await fake.ipcMain.invoke('dyad:call', frameEvent(id, APP, { url: APP }), 'project.info', {});
    expect(sub).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('serves the UI through the protocol handler with the CSP', async () => {
    const handler = fake.calls.protocolHandlers.get('app')!;
    const res = await handler(new Request(APP));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await handler(new Request('app://dyad/..%2fpackage.json'))).status).toBe(403);
  });

  it('denies every permission and blocks remote requests', () => {
    let granted: boolean | null = null;
    fake.calls.permissionRequest!({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(fake.calls.permissionCheck!({}, 'clipboard-read', 'app://dyad', {})).toBe(false);
    expect(fake.calls.blockedUrls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
  });

  it('hardens every web contents: navigation, redirects, new windows, webviews', () => {
    const wc = fake.windows[0]!.webContents;
    const prevented = (eventName: string, url: string) => {
      let p = false;
      wc.fire(eventName, { preventDefault: () => (p = true) }, url);
      return p;
    };
    expect(prevented('will-navigate', 'https://example.org/')).toBe(true);
    expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-navigate', 'app://dyad/index.html')).toBe(false);
    expect(prevented('will-redirect', 'https://example.org/')).toBe(true);
    expect(prevented('will-attach-webview', 'app://dyad/')).toBe(true);
    expect(wc.windowOpenHandler!({ url: 'https://www.refi-qda.org/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.calls.external).toEqual(['https://www.refi-qda.org/']);
  });

  it('asks the focused window to open its import dialog from the File menu', () => {
    const menu = fake.calls.menu as { label?: string; submenu?: { label?: string; click?: (...a: unknown[]) => void }[] }[];
    const file = menu.find((m) => m.label === '&File')!;
    const win = fake.windows[0]!;
    file.submenu!.find((i) => i.label === 'Import Transcripts…')!.click!({}, win, {});
    expect(win.webContents.sent.at(-1)).toEqual({ channel: 'dyad:event', args: [{ type: 'changed', what: ['ui:import'] }] });
  });
});

describe('opening other projects', () => {
  it('tells the researcher when a file is not a Dyad project, names it, and offers another', async () => {
    const bad = join(base, 'notes.dyad');
    writeFileSync(bad, 'these are my field notes, not a database');
    fake.answers.messageBox.push(1); // "Cancel" when offered another file
    fake.app.fire('second-instance', {}, ['/opt/Dyad/dyad', '.', bad], base, {});
    await vi.waitFor(() => expect(fake.calls.messageBoxes).toHaveLength(1));
    const box = fake.calls.errorBoxes.at(-1)!;
    expect(box.title).toMatch(/not a readable/i);
    expect(box.message).toContain(bad);
    expect(fake.windows).toHaveLength(1);
  });

  it('tells the researcher a project is open elsewhere instead of opening it twice', async () => {
    const held = join(base, 'held.dyad');
    const elsewhere = Project.open(held, { create: true }); // this process stands in for another Dyad
    try {
      fake.answers.messageBox.push(1);
      fake.app.fire('second-instance', {}, ['/opt/Dyad/dyad', '.', held], base, {});
      await vi.waitFor(() => expect(fake.calls.messageBoxes).toHaveLength(2));
      expect(fake.calls.errorBoxes.at(-1)!.title).toMatch(/already open/i);
      expect(fake.windows).toHaveLength(1);
    } finally {
      elsewhere.close();
    }
  });

  it('creates a new project from the renderer, shows it in the same window, and releases the old one', async () => {
    const win = fake.windows[0]!;
    const target = join(base, 'pilot study');
    fake.answers.save.push(target);
    const r = await fake.ipcMain.invoke('dyad:shell', frameEvent(win.webContents.id), 'newProject');
    expect(r).toEqual({ ok: true, value: { path: `${target}.dyad` } });
    expect(existsSync(`${target}.dyad`)).toBe(true);
    expect(existsSync(join(base, 'userData', 'Demo.dyad.lock'))).toBe(false);
    await vi.waitFor(() => expect(win.webContents.reloads).toBe(1));
    const info = await call(win.webContents.id, 'project.info', {});
    expect(info.value).toMatchObject({ path: `${target}.dyad`, counts: { dyads: 0 } });
    expect(win.title).toBe('pilot study.dyad — Dyad');
  });

  it('never overwrites an existing file when asked for a new project', async () => {
    const win = fake.windows[0]!;
    const existing = join(base, 'notes.dyad');
    fake.answers.save.push(existing);
    const r = await fake.ipcMain.invoke('dyad:shell', frameEvent(win.webContents.id), 'newProject');
    expect(r).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect((r as { error: { message: string } }).error.message).toContain(existing);
  });

  it('opens a second project in its own window and closes it with the window', async () => {
    const other = join(base, 'coder-b.dyad');
    Project.open(other, { create: true }).close();
    fake.app.fire('second-instance', {}, ['/opt/Dyad/dyad', '.', 'coder-b.dyad'], base, {});
    await vi.waitFor(() => expect(fake.windows).toHaveLength(2));
    expect(existsSync(`${other}.lock`)).toBe(true);
    // Asking again focuses that window instead of meeting our own lock: once it is in front, no third window
    // and no error box came of it.
    const second = fake.windows[1]!;
    const focusedBefore = second.focused;
    const errorBoxes = fake.calls.errorBoxes.length;
    fake.app.fire('second-instance', {}, ['/opt/Dyad/dyad', '.', other], base, {});
    await vi.waitFor(() => expect(second.focused).toBe(focusedBefore + 1));
    expect(fake.windows).toHaveLength(2);
    expect(fake.calls.errorBoxes).toHaveLength(errorBoxes);
    fake.windows[1]!.close();
    expect(existsSync(`${other}.lock`)).toBe(false);
  });
});

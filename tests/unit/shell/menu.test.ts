import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../../electron/shell/menu';

function actions(): MenuActions & Record<string, ReturnType<typeof vi.fn>> {
  return { newProject: vi.fn(), openProject: vi.fn(), importTranscripts: vi.fn(), about: vi.fn() };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

function menu(label: string, items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  const m = items.find((i) => i.label?.replace('&', '') === label);
  if (!m || !Array.isArray(m.submenu)) throw new Error(`no ${label} menu`);
  return m.submenu;
}

const click = (item: MenuItemConstructorOptions | undefined, win?: unknown) =>
  (item?.click as unknown as (i: unknown, w: unknown, e: unknown) => void)({}, win, {});

describe('application menu', () => {
  for (const platform of ['linux', 'win32', 'darwin']) {
    it(`has no undo/redo roles on ${platform} (the renderer keeps its own undo)`, () => {
      const items = flatten(buildMenuTemplate({ platform, isPackaged: true, appName: 'Dyad', actions: actions() }));
      const roles = items.map((i) => i.role?.toLowerCase());
      expect(roles).not.toContain('undo');
      expect(roles).not.toContain('redo');
      for (const role of ['cut', 'copy', 'paste', 'selectall', 'quit', 'close']) expect(roles).toContain(role);
      expect(items.filter((i) => i.role?.toLowerCase() === 'quit')).toHaveLength(1);
    });
  }

  it('offers developer tools only when not packaged', () => {
    const roles = (isPackaged: boolean) =>
      flatten(buildMenuTemplate({ platform: 'linux', isPackaged, appName: 'Dyad', actions: actions() })).map((i) => i.role?.toLowerCase());
    expect(roles(false)).toContain('toggledevtools');
    expect(roles(true)).not.toContain('toggledevtools');
    expect(roles(true)).toContain('reload');
  });

  it('wires File items to the shell actions with the window they were chosen in', () => {
    const a = actions();
    const file = menu('File', buildMenuTemplate({ platform: 'linux', isPackaged: true, appName: 'Dyad', actions: a }));
    const byLabel = (l: string) => file.find((i) => i.label === l);
    const win = { id: 3 };
    click(byLabel('New Project…'), win);
    click(byLabel('Open Project…'), win);
    click(byLabel('Import Transcripts…'), win);
    expect(a.newProject).toHaveBeenCalledWith(win);
    expect(a.openProject).toHaveBeenCalledWith(win);
    expect(a.importTranscripts).toHaveBeenCalledWith(win);
    expect(byLabel('New Project…')?.accelerator).toBe('CmdOrCtrl+N');
    expect(byLabel('Open Project…')?.accelerator).toBe('CmdOrCtrl+O');
  });

  it('puts About under Help, or in the app menu on macOS', () => {
    const a = actions();
    const help = menu('Help', buildMenuTemplate({ platform: 'win32', isPackaged: true, appName: 'Dyad', actions: a }));
    click(help.find((i) => i.label === 'About Dyad'));
    expect(a.about).toHaveBeenCalledTimes(1);
    const mac = buildMenuTemplate({ platform: 'darwin', isPackaged: true, appName: 'Dyad', actions: a });
    expect(mac[0]?.label).toBe('Dyad');
    expect(flatten(mac).filter((i) => i.label === 'About Dyad')).toHaveLength(1);
  });
});

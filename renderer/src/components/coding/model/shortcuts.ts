/**
 * Code shortcuts as the core stores them: a key ("1", "s") or a chord ("Alt+S", "Ctrl+Shift+2"). The view
 * compares them case-insensitively with the chord a keydown makes.
 */
const MODS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;

/** Keys the coding view keeps for itself: a code cannot take them. */
export const RESERVED: Record<string, string> = {
  t: 'T codes the whole turn',
  m: 'M codes the whole recall moment',
  delete: 'Delete removes the selected coding',
  backspace: 'Backspace removes the selected coding',
  escape: 'Escape clears the selection',
  enter: 'Enter applies the code chosen in the palette',
  'ctrl+k': 'Ctrl+K opens the code palette',
  'meta+k': '⌘K opens the code palette',
  'ctrl+i': 'Ctrl+I codes in vivo',
  'meta+i': '⌘I codes in vivo',
  'ctrl+z': 'Ctrl+Z is Undo',
  'meta+z': '⌘Z is Undo',
  'ctrl+y': 'Ctrl+Y is Redo',
  'ctrl+f': 'Ctrl+F finds in the session',
  'meta+f': '⌘F finds in the session',
  // The player's (components/player/playerKeys.ts): no code could take them, but they are the view's all the same.
  'ctrl+space': 'Ctrl+Space plays or pauses the recording',
  'alt+arrowleft': 'Alt+← skips the recording back 5 s',
  'alt+arrowright': 'Alt+→ skips the recording forward 5 s',
};

function keyName(key: string): string {
  if (key === ' ') return 'Space';
  return key.length === 1 ? key.toUpperCase() : key;
}

/** "alt + s" → "Alt+S"; null for an empty or unusable entry. */
export function normaliseShortcut(raw: string): string | null {
  const parts = raw
    .split('+')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  const key = parts.pop()!;
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  const out: string[] = [];
  for (const m of MODS) {
    const aliases = m === 'Ctrl' ? ['ctrl', 'control'] : m === 'Meta' ? ['meta', 'cmd', 'command', '⌘'] : [m.toLowerCase()];
    if (aliases.some((a) => mods.has(a))) out.push(m);
  }
  if (key.length !== 1 && !/^F\d{1,2}$/i.test(key)) return null;
  out.push(keyName(key));
  return out.join('+');
}

/** The chord a keydown makes, in the same form ("Alt+S", "1"). With Alt, Ctrl or Meta, digits and letters use
 * the physical key, since those modifiers change e.key on many layouts ("ß" for Alt+S on a Mac); Shift alone is
 * already in the character ("!" for Shift+1, "S" for Shift+S). */
export function chordOf(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>): string {
  let key = e.key;
  const phys = /^Key([A-Z])$/.exec(e.code)?.[1] ?? /^Digit(\d)$/.exec(e.code)?.[1] ?? /^Numpad(\d)$/.exec(e.code)?.[1];
  if (phys && (e.altKey || e.ctrlKey || e.metaKey)) key = phys;
  const out: string[] = [];
  if (e.ctrlKey) out.push('Ctrl');
  if (e.altKey) out.push('Alt');
  // Shift on a lone character is already in the character ("!" for Shift+1); say it only with another modifier.
  if (e.shiftKey && (key.length !== 1 || e.altKey || e.ctrlKey || e.metaKey)) out.push('Shift');
  if (e.metaKey) out.push('Meta');
  out.push(keyName(key));
  return out.join('+');
}

export const sameShortcut = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** Why a shortcut cannot be used, or null. `taken` maps shortcuts in use to the path of the code using them. */
export function shortcutProblem(shortcut: string, taken: ReadonlyMap<string, string>): string | null {
  const s = normaliseShortcut(shortcut);
  if (!s) return 'Use one key (1–9, a letter) or a chord such as Alt+S.';
  const reserved = RESERVED[s.toLowerCase()];
  if (reserved) return `${s} is taken by the view: ${reserved}.`;
  const other = [...taken].find(([k]) => sameShortcut(k, s));
  if (other) return `${s} already belongs to code "${other[1]}".`;
  return null;
}

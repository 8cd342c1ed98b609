/**
 * The player's keys. Chosen so no code can ever have them: a code's shortcut is one character or an F key, with or
 * without modifiers (coding/model/shortcuts.ts), never Space or an arrow; plain arrows, Shift+arrows and Alt+↑/↓
 * already move through the transcript, and Alt+←/→ are left free by them.
 */
type PlayerAction = 'toggle' | 'back' | 'forward';

export const PLAYER_KEYS: readonly { keys: string; action: PlayerAction; does: string }[] = [
  { keys: 'Ctrl+Space', action: 'toggle', does: 'Play or pause the recording' },
  { keys: 'Alt+←', action: 'back', does: 'Back 5 seconds' },
  { keys: 'Alt+→', action: 'forward', does: 'Forward 5 seconds' },
];

export const SKIP_SECONDS = 5;

/** The player action a keydown asks for, or null. */
export function playerActionOf(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>): PlayerAction | null {
  if (e.ctrlKey && !e.altKey && !e.shiftKey && !e.metaKey && (e.code === 'Space' || e.key === ' ')) return 'toggle';
  if (e.altKey && !e.ctrlKey && !e.shiftKey && !e.metaKey) {
    if (e.key === 'ArrowLeft') return 'back';
    if (e.key === 'ArrowRight') return 'forward';
  }
  return null;
}

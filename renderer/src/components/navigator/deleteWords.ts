/** The sentences of deleting an interview: what it would take before, what it took after. */

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
/** The app's Undo key as the researcher presses it here. */
export const undoKey = mac ? '⌘Z' : 'Ctrl+Z';

const n = (k: number, word: string) => `${k.toLocaleString()} ${word}${k === 1 ? '' : 's'}`;

interface Usage {
  sourceName: string;
  codings: number;
  memos: number;
  coders: number;
}

/** "Its 37 codings by 2 coders and 3 memos go with it." — or that nothing coded is lost. */
export function whatGoesWith(u: Usage): string {
  const parts: string[] = [];
  if (u.codings) parts.push(`${n(u.codings, 'coding')} by ${n(u.coders, 'coder')}`);
  if (u.memos) parts.push(n(u.memos, 'memo'));
  if (!parts.length) return 'It has no codings or memos.';
  const one = u.codings + u.memos === 1;
  return `Its ${parts.join(' and ')} ${one ? 'goes' : 'go'} with it.`;
}

/** What the navigator will lose besides the interview, as far as the tree shows (memos can keep a session). */
export function alsoEmptied(p: { sessionNumber: number; dyadTitle: string; lastInSession: boolean; lastInDyad: boolean }): string | null {
  if (!p.lastInSession) return null;
  if (p.lastInDyad) return `It is the only interview of ${p.dyadTitle}, so the empty session ${p.sessionNumber} and ${p.dyadTitle} go too.`;
  return `It is the only interview of session ${p.sessionNumber}, so the empty session goes too.`;
}

/** After the delete: what went, and that Undo brings it back. */
export function deletedSentence(r: Usage & { sessionRemoved: boolean; dyadRemoved: boolean }, where: { sessionNumber: number; dyadTitle: string }): string {
  const carried: string[] = [];
  if (r.codings) carried.push(n(r.codings, 'coding'));
  if (r.memos) carried.push(n(r.memos, 'memo'));
  let s = `Deleted ${r.sourceName}${carried.length ? ` with its ${carried.join(' and ')}` : ''}.`;
  if (r.dyadRemoved) s += ` The empty session ${where.sessionNumber} and ${where.dyadTitle} were removed too.`;
  else if (r.sessionRemoved) s += ` The empty session ${where.sessionNumber} was removed too.`;
  return `${s} Undo (${undoKey}) brings ${carried.length || r.sessionRemoved ? 'it all' : 'it'} back.`;
}

const MAX = 80;

/**
 * A code name from the words a researcher selected (in-vivo coding): one line, surrounding quotes and trailing
 * punctuation dropped, cut at a word boundary when long. Null when nothing usable is left.
 */
export function inVivoName(selected: string): string | null {
  let s = selected.replace(/\s+/g, ' ').trim();
  s = s.replace(/^["'“‘(\[…\-–—\s]+/, '').replace(/["'”’)\]…,;:.\-–—\s]+$/, '');
  if (!s) return null;
  if (s.length > MAX) {
    const cut = s.slice(0, MAX);
    const space = cut.lastIndexOf(' ');
    s = `${(space > MAX / 2 ? cut.slice(0, space) : cut).replace(/[,;:.\s]+$/, '')}…`;
  }
  return s;
}

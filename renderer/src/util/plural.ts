/** "1 memo", "2 memos", "1,204 codings": a count with its noun, the noun in the plural unless the count is one. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "3 sources, 1 code and 2 memos": counts joined in prose, nouns given as [count, singular, plural?]. */
export function counts(items: [number, string, string?][]): string {
  const words = items.map(([n, one, many]) => plural(n, one, many));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : (words[0] ?? '');
}

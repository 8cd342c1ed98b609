/**
 * The locale's number formatting (ICU) costs 60–400 ms the first time a page uses it, measured in Chromium on the
 * project's machine: on the navigator's first screen that was most of the time from the project's data arriving to
 * the dyads shown (issue 17). Counts below 1,000 need no grouping separator and are written as they are; the
 * locale's formatting is made once, when a count first needs it.
 */
let grouped: Intl.NumberFormat | null = null;
export const formatCount = (n: number): string => (Number.isInteger(n) && Math.abs(n) < 1000 ? String(n) : (grouped ??= new Intl.NumberFormat()).format(n));

/** "1 memo", "2 memos", "1,204 codings": a count with its noun, the noun in the plural unless the count is one. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/** "3 sources, 1 code and 2 memos": counts joined in prose, nouns given as [count, singular, plural?]. */
export function counts(items: [number, string, string?][]): string {
  const words = items.map(([n, one, many]) => plural(n, one, many));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : (words[0] ?? '');
}

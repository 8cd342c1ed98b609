/**
 * The text Dyad stores for an interview: line endings as \n, no trailing spaces, no blank lines at either end.
 * Everything else stays as the transcriber wrote it, because researchers quote it.
 */
export function normaliseText(raw: string): string {
  let t = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  t = t.replace(/\r\n?|[\u2028\u2029\v\f]/g, '\n');
  // Stray C0 controls (from old word processors or copy and paste) are invisible and break nothing we
  // want to keep; tabs and newlines stay.
  t = t.replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '');
  // Line by line rather than one /\s+$/m regex, which is quadratic on long runs of spaces.
  const lines = t.split('\n');
  for (let i = 0; i < lines.length; i++) lines[i] = lines[i]!.trimEnd();
  t = lines.join('\n').trimEnd();
  let lead = 0;
  while (t.charCodeAt(lead) === 10) lead++;
  return lead ? t.slice(lead) : t;
}

/** Counts words as runs of non-space characters: the measure shown in the import preview. */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0;
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      n++;
    }
  }
  return n;
}

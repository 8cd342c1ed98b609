/**
 * Text that names no speakers — a monologue, dictated notes, a Word file of paragraphs, a paper — is still
 * imported: one unnamed speaker (UNNAMED_SPEAKER), each paragraph a turn, for the researcher to name in the preview.
 *
 * A paragraph is a run of lines between blank lines, or each line when the text has no blank lines or came from
 * Word (where a line is a paragraph). A clock alone on a line is the interview time of the paragraph after it; a
 * session-time marker alone on a line opens the paragraph after it; boilerplate lines belong to no paragraph.
 */
import { clockAlone } from './lines';
import type { MarkerMatch } from './markers';
import { UNNAMED_SPEAKER, type ParsedTurn } from './types';

export function paragraphTurns(
  text: string,
  markers: readonly MarkerMatch[],
  boilerplate: ReadonlySet<number>,
  linePerParagraph: boolean,
): ParsedTurn[] {
  const markerEnd = new Map<number, number>();
  for (const m of markers) markerEnd.set(m.offset, m.end);
  const blank = (c: number) => c === 32 || c === 9 || c === 0xa0 || c === 0x3000;
  const byLine = linePerParagraph || !/\S[ \t]*\n[ \t]*\n[ \t]*\S/.test(text);

  const turns: ParsedTurn[] = [];
  let cur: { start: number; end: number; time: number | null } | null = null;
  let pendingTime: number | null = null;
  let pendingStart = -1;
  const close = () => {
    if (cur) turns.push({ speaker: UNNAMED_SPEAKER, start: cur.start, end: cur.end, interviewTime: cur.time });
    cur = null;
  };
  let line = 0;
  for (let s = 0; s <= text.length; line++) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    let first = s;
    while (first < e && blank(text.charCodeAt(first))) first++;
    let past = first;
    for (;;) {
      while (past < e && blank(text.charCodeAt(past))) past++;
      const m = markerEnd.get(past);
      if (m === undefined || m > e) break;
      past = m;
    }
    s = e + 1;
    if (first >= e || boilerplate.has(line)) {
      close();
      if (boilerplate.has(line)) pendingStart = -1;
      continue;
    }
    if (past >= e) {
      // Only a session-time marker: it opens the next paragraph (or goes on with this one).
      if (cur && !byLine) (cur as { end: number }).end = e;
      else if (pendingStart < 0) pendingStart = first;
      continue;
    }
    const clock = clockAlone(text.slice(first, e));
    if (clock !== null) {
      close();
      pendingTime = clock;
      continue;
    }
    if (cur) (cur as { end: number }).end = e;
    else {
      cur = { start: pendingStart >= 0 ? pendingStart : first, end: e, time: pendingTime };
      pendingStart = -1;
      pendingTime = null;
    }
    if (byLine) close();
  }
  close();
  return turns;
}

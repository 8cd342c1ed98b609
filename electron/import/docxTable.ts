/**
 * A Word table → lines the line parser (shared/import/lines.ts) reads. A transcript table's row becomes
 * "[00:12:34] Speaker: text" or "Speaker: text"; a row without a speaker continues the turn above. Which column
 * is which is judged per table from a header row or from the cells themselves (see `transcriptColumns`). A table
 * that is not a transcript becomes one line per row, its cells joined by " | ", so nothing in it is lost.
 */
import { CLOCK, NAME, labelKey, mayBeSpeaker } from '../../shared/import/labels';
import { formatTime, parseTime } from '../../shared/import/time';

export interface Cell {
  /** The cell's non-blank lines (paragraphs, line breaks, the rows of a nested table). */
  lines: string[];
  colspan: number;
  rowspan: number;
}

// A finished table → lines.

/** One grid position: the cell covering it, and where that cell starts. */
interface Slot {
  cell: Cell;
  row: number;
  col: number;
}

/** Places cells on the grid the way HTML does: a row's cells skip the positions taken by rowspans from above. */
function toGrid(rows: Cell[][]): (Slot | undefined)[][] {
  const grid: (Slot | undefined)[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (grid[r]![c]) c++;
      const slot: Slot = { cell, row: r, col: c };
      for (let dr = 0; dr < cell.rowspan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < cell.colspan; dc++) grid[r + dr]![c + dc] = slot;
      }
      c += cell.colspan;
    }
  });
  return grid;
}

/** The table's lines, and the speakers its speaker column names (none when it is not a transcript). */
export function layoutTable(rows: Cell[][]): { lines: string[]; speakers: string[] } {
  const grid = toGrid(rows);
  const width = grid.reduce((w, g) => Math.max(w, g.length), 0);
  const header = grid.map((slots, r) => isHeaderRow(ownCells(slots, r)));
  const cols = transcriptColumns(grid, width, header);
  const lines: string[] = [];
  const speakers = new Set<string>();
  grid.forEach((slots, r) => {
    const own = ownCells(slots, r);
    if (!cols || header[r]) lines.push(...plainRow(own, width));
    else lines.push(...transcriptRow(slots, r, cols, own, speakers));
  });
  return { lines, speakers: [...speakers] };
}

/** The cells that start in row r, left to right (a cell spanning rows from above is not repeated). */
function ownCells(slots: (Slot | undefined)[], r: number): Cell[] {
  const out: Cell[] = [];
  slots.forEach((s, c) => {
    if (s && s.row === r && s.col === c) out.push(s.cell);
  });
  return out;
}

function cellText(cell: Cell | undefined): string {
  return cell ? cell.lines.join(' ') : '';
}

/**
 * A row that is not part of a transcript. Prose keeps its lines, as it would outside a table: a cell of several
 * paragraphs (a transcript typed beside a margin for notes) or a cell across the whole table (a title row, a
 * one-column table used as a frame). Other rows are one line, " | " between cells, each cell's closing colon
 * dropped, so that "Interviewer: | Mara Lindqvist" in a metadata table cannot be read as a speaker's turn.
 */
function plainRow(cells: Cell[], width: number): string[] {
  const filled = cells.filter((c) => c.lines.length > 0);
  if (filled.length === 0) return [];
  if (filled.some((c) => c.lines.length > 1) || (filled.length === 1 && filled[0]!.colspan >= width)) {
    return filled.flatMap((c) => c.lines);
  }
  return [filled.map((c) => cellText(c).replace(/[ \t]*:$/, '')).join(' | ')];
}

// ---------------------------------------------------------------------------------------------------------------
// Which columns hold the speaker, the interview time, line numbers and the words.

interface Columns {
  speaker: number;
  text: number;
  time: number;
  lineNo: number;
}

type Role = 'speaker' | 'time' | 'text' | 'lineNo' | 'other';

// Header words, in the languages Dyad reads role labels in (English, German, Dutch, French, Spanish).
const HEADER_WORDS: Record<Role, string[]> = {
  speaker: [
    'speaker', 'speakers', 'name', 'person', 'role', 'sprecher', 'sprecherin', 'sprecher/in', 'person/rolle',
    'spreker', 'naam', 'locuteur', 'locutrice', 'intervenant', 'nom', 'hablante', 'interlocutor', 'nombre',
  ],
  time: [
    'time', 'timestamp', 'time stamp', 'timecode', 'time code', 'tc', 'timespan', 'time span', 'start', 'start time',
    'begin', 'zeit', 'zeitstempel', 'zeitmarke', 'tijd', 'tijdstip', 'tijdcode', 'temps', 'horodatage', 'heure',
    'début', 'tiempo', 'marca de tiempo', 'hora', 'inicio', 'minute', 'min',
  ],
  text: [
    'text', 'transcript', 'transcription', 'utterance', 'utterances', 'content', 'dialogue', 'dialog', 'speech',
    'verbatim', 'words', 'statement', 'inhalt', 'transkript', 'transkription', 'äußerung', 'aussage', 'tekst',
    'inhoud', 'uitspraak', 'texte', 'contenu', 'énoncé', 'texto', 'contenido', 'transcripción',
    'enunciado',
  ],
  lineNo: [
    '#', 'no', 'no.', 'nr', 'nr.', 'n°', 'nº', 'number', 'line', 'lines', 'line no', 'line no.', 'line number', 'zeile',
    'regel', 'ligne', 'línea', 'linea',
  ],
  other: [
    'note', 'notes', 'comment', 'comments', 'code', 'codes', 'memo', 'remarks', 'end', 'end time',
    'duration', 'notiz', 'notizen', 'anmerkung', 'anmerkungen', 'kommentar', 'opmerking', 'opmerkingen',
    'remarque', 'remarques', 'commentaire', 'nota', 'notas', 'comentario', 'comentarios', 'fin', 'ende', 'eind',
  ],
};
const HEADER_ROLE = new Map<string, Role>();
for (const [role, words] of Object.entries(HEADER_WORDS) as [Role, string[]][]) {
  for (const w of words) if (!HEADER_ROLE.has(w)) HEADER_ROLE.set(w, role);
}

function headerRole(cell: Cell): Role | undefined {
  const key = cellText(cell).toLowerCase().replace(/\s+/g, ' ').replace(/[ :]+$/, '').trim();
  return HEADER_ROLE.get(key);
}

/**
 * Two or more filled cells, every one a column name: "Time | Speaker | Text". Word's "repeat as header row" is no
 * help: mammoth 1.11 writes <th> for any w:tblHeader element, also for w:val="false".
 */
function isHeaderRow(cells: Cell[]): boolean {
  const filled = cells.filter((c) => c.lines.length > 0);
  return filled.length >= 2 && filled.every((c) => headerRole(c) !== undefined);
}

const SPEAKER_CELL = new RegExp(`^(${NAME})[ \\t]*(?:[[(](${CLOCK})[\\])]|(${CLOCK}))?[ \\t]*:?$`, 'u');
// A time cell: "00:12:34", "[12:34]", "(0:12.5)", or a span "0:00.0 - 0:12.3" (NVivo), of which the start counts.
const STAMP = String.raw`[[(]?[ \t]*(\d{1,3}(?::\d{2}){1,2}(?:[.,]\d{1,3})?)[ \t]*[\])]?`;
const TIME_CELL = new RegExp(`^${STAMP}(?:[ \\t]*(?:-|–|—|to)[ \\t]*${STAMP})?$`);
const LINE_NO_CELL = /^\d{1,6}[.)]?$/;
const WHOLE_CLOCK = new RegExp(`^${CLOCK}$`);

/** A speaker cell: "Client", "Interviewer:", "Dr Okafor (00:12:34)"; null when it does not look like a label. */
function readSpeaker(text: string): { name: string; clock: string | null } | null {
  const m = SPEAKER_CELL.exec(text);
  if (!m || !mayBeSpeaker(m[1]!)) return null;
  const clock = m[2] ?? m[3] ?? null;
  return { name: m[1]!, clock: clock !== null && parseTime(clock) !== null ? clock : null };
}

/** The clock a time cell starts at, in a form lines.ts reads; null when the cell is not a time. */
function readClock(text: string): string | null {
  const m = TIME_CELL.exec(text);
  if (!m) return null;
  const seconds = parseTime(m[1]!);
  if (seconds === null) return null;
  return WHOLE_CLOCK.test(m[1]!) ? m[1]! : formatTime(seconds);
}

interface ColumnStats {
  values: string[];
  clocks: number;
  lineNos: number;
  /** Values that read as a speaker label, and how many different labels they are. */
  labels: number;
  distinctLabels: number;
  meanLength: number;
  totalLength: number;
}

function columnStats(grid: (Slot | undefined)[][], c: number, header: boolean[]): ColumnStats {
  const values: string[] = [];
  grid.forEach((slots, r) => {
    const s = slots[c];
    // Only cells of this column alone: a cell spread over several columns says nothing about any one of them.
    if (header[r] || !s || s.row !== r || s.col !== c || s.cell.colspan !== 1) return;
    const v = cellText(s.cell);
    if (v) values.push(v);
  });
  const distinct = new Set<string>();
  let clocks = 0;
  let lineNos = 0;
  let labels = 0;
  let length = 0;
  for (const v of values) {
    length += v.length;
    if (readClock(v) !== null) clocks++;
    if (LINE_NO_CELL.test(v)) lineNos++;
    const sp = readSpeaker(v);
    if (sp) {
      labels++;
      distinct.add(labelKey(sp.name));
    }
  }
  const meanLength = values.length ? length / values.length : 0;
  return { values, clocks, lineNos, labels, distinctLabels: distinct.size, meanLength, totalLength: length };
}

/**
 * The table's transcript columns, or null when it is not a transcript. A header row naming a speaker and a text
 * column decides; otherwise the cells do: line numbers are all integers, times are (nearly) all clocks, the words
 * are the column holding most characters, and the speaker column holds few different short labels — fewer than
 * half as many as it has cells, so a metadata table ("Dyad | 4", "Client | C12") is not taken for one.
 */
function transcriptColumns(grid: (Slot | undefined)[][], width: number, header: boolean[]): Columns | null {
  if (width < 2) return null;
  const stats = Array.from({ length: width }, (_, c) => columnStats(grid, c, header));
  const isTime = (c: number) => stats[c]!.values.length > 0 && stats[c]!.clocks >= 0.8 * stats[c]!.values.length;
  const isLineNo = (c: number) => stats[c]!.values.length > 0 && stats[c]!.lineNos === stats[c]!.values.length;

  const named = namedColumns(grid, header);
  if (named) {
    const sp = stats[named.speaker]!;
    // A header is a strong hint, but a column of sentences under "Speaker" is not a speaker column.
    if (sp.labels === 0 || sp.labels < 0.6 * sp.values.length) return null;
    const pick = (role: number, test: (c: number) => boolean) => {
      if (role >= 0) return role;
      for (let c = 0; c < width; c++) if (c !== named.speaker && c !== named.text && test(c)) return c;
      return -1;
    };
    const time = pick(named.time, isTime);
    return { ...named, time, lineNo: pick(named.lineNo, (c) => c !== time && isLineNo(c)) };
  }

  let time = -1;
  let lineNo = -1;
  const rest: number[] = [];
  for (let c = 0; c < width; c++) {
    if (stats[c]!.values.length === 0) continue;
    if (lineNo < 0 && isLineNo(c)) lineNo = c;
    else if (time < 0 && isTime(c)) time = c;
    else rest.push(c);
  }
  let text = -1;
  // Most characters rather than longest cells: a notes column with a few long remarks is not the words.
  for (const c of rest) if (text < 0 || stats[c]!.totalLength > stats[text]!.totalLength) text = c;
  if (text < 0) return null;
  const words = stats[text]!;
  let speaker = -1;
  for (const c of rest) {
    const s = stats[c]!;
    const n = s.values.length;
    if (c === text || n < 2 || s.labels < 0.8 * n) continue;
    if (s.distinctLabels > Math.max(2, Math.ceil(n / 2))) continue;
    if (words.meanLength < Math.max(12, 2 * s.meanLength)) continue;
    if (speaker < 0 || s.labels / n > stats[speaker]!.labels / stats[speaker]!.values.length) speaker = c;
  }
  return speaker < 0 ? null : { speaker, text, time, lineNo };
}

/** Roles from the first header row, when it names exactly one speaker and one text column. */
function namedColumns(grid: (Slot | undefined)[][], header: boolean[]): Columns | null {
  const r = header.indexOf(true);
  if (r < 0) return null;
  const found: Record<Role, number[]> = { speaker: [], time: [], text: [], lineNo: [], other: [] };
  grid[r]!.forEach((s, c) => {
    if (!s || s.col !== c || s.row !== r) return;
    const role = headerRole(s.cell);
    if (role) found[role].push(c);
  });
  if (found.speaker.length !== 1 || found.text.length !== 1) return null;
  return { speaker: found.speaker[0]!, text: found.text[0]!, time: found.time[0] ?? -1, lineNo: found.lineNo[0] ?? -1 };
}

/**
 * One transcript row. With a speaker: "[clock] Speaker: first line", then the rest of the words and any other
 * columns' text as lines of the same turn. Without one (an empty speaker cell, or a speaker cell merged down from
 * the row above): the words alone, so they join the turn above. A cell spread across the speaker and text
 * columns (a "[video 00:12:34]" or heading row) keeps its lines as they are.
 */
function transcriptRow(slots: (Slot | undefined)[], r: number, cols: Columns, own: Cell[], speakers: Set<string>): string[] {
  const at = (c: number): Cell | undefined => {
    const s = c >= 0 ? slots[c] : undefined;
    return s && s.row === r ? s.cell : undefined;
  };
  const speakerCell = at(cols.speaker);
  const textCell = at(cols.text);
  if (speakerCell && speakerCell === textCell) return own.flatMap((c) => c.lines);

  const used = new Set<Cell>();
  const take = (c: Cell | undefined) => {
    if (!c || used.has(c)) return undefined;
    used.add(c);
    return c;
  };
  const speaker = take(speakerCell);
  const text = take(textCell);
  const timeCell = take(at(cols.time));
  const lineCell = take(at(cols.lineNo));

  const lines = [...(text?.lines ?? [])];
  let clock: string | null = null;
  const timeText = cellText(timeCell);
  if (timeText) {
    clock = readClock(timeText);
    if (clock === null) lines.push(...timeCell!.lines);
  }
  const lineText = cellText(lineCell);
  if (lineText && !LINE_NO_CELL.test(lineText)) lines.push(...lineCell!.lines);
  for (const c of own) if (!used.has(c)) lines.push(...c.lines);

  const who = cellText(speaker);
  // A continuation row's clock is dropped: written on the words' line ("(00:12:40) Yes") lines.ts would take it
  // for a turn header, and the turn above already has its time.
  if (!who) return lines;
  const label = readSpeaker(who);
  const name = label ? label.name : who.replace(/[ \t]*:$/, '');
  clock ??= label?.clock ?? null;
  if (label) speakers.add(name);
  const head = `${clock !== null ? `[${clock}] ` : ''}${name}:`;
  return lines.length ? [`${head} ${lines[0]}`, ...lines.slice(1)] : [head];
}

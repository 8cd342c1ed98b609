import { describe, expect, it } from 'vitest';
import { readTranscriptFile, type ReadTranscript } from '../../../electron/import/readTranscript';
import { type DocxCell, makeDocxWithTables } from './zipBytes';

/** A fictional therapist's IPR interview; `at` is the interview clock, in seconds. */
const TALK = [
  { who: 'Interviewer', at: 6, words: ['Stop the recording wherever something comes back to you.'] },
  {
    who: 'Therapist',
    at: 15,
    words: ['Here, [video 00:02:41] when he turned towards the window.', 'I felt shut out, and I wondered whether I had pushed too hard.'],
  },
  { who: 'Interviewer', at: 62, words: ['What did you want to do in that moment?'] },
  { who: 'Therapist', at: 69, words: ['Lean back and give him room. I did not, though, not straight away.'] },
  { who: 'Interviewer', at: 150, words: ['And a little later? [video 00:05:18]'] },
  { who: 'Therapist', at: 157, words: ['By then I had softened. I asked him what the window was like to look at.'] },
];
const TITLE = 'IPR interview — dyad 9, session 2, therapist';

type Column = 'speaker' | 'text' | 'time' | 'line' | 'span';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
function hms(s: number): string {
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}
/** NVivo's timespan column: "m:ss.t - m:ss.t". */
function span(from: number, to: number): string {
  const ms = (s: number) => `${Math.floor(s / 60)}:${pad(s % 60)}.0`;
  return `${ms(from)} - ${ms(to)}`;
}

function rowsFor(columns: Column[]): DocxCell[][] {
  return TALK.map((t, i) =>
    columns.map((c) => {
      if (c === 'speaker') return t.who;
      if (c === 'text') return t.words.join('\n');
      if (c === 'time') return hms(t.at);
      if (c === 'span') return span(t.at, TALK[i + 1]?.at ?? t.at + 5);
      return String(i + 1);
    }),
  );
}

function turnTexts(p: ReadTranscript): string[] {
  return p.turns.map((t) => p.text.slice(t.start, t.end));
}

describe('Word transcripts laid out as tables', () => {
  const layouts: { name: string; columns: Column[]; header?: string[] }[] = [
    { name: 'Speaker | Text, with a header row', columns: ['speaker', 'text'], header: ['Speaker', 'Text'] },
    { name: 'Speaker | Text, no header', columns: ['speaker', 'text'] },
    { name: 'Time | Speaker | Text, no header', columns: ['time', 'speaker', 'text'] },
    { name: 'Speaker | Time | Text, German header', columns: ['speaker', 'time', 'text'], header: ['Sprecher', 'Zeit', 'Text'] },
    { name: 'Time | Speaker | Text, Spanish header', columns: ['time', 'speaker', 'text'], header: ['Tiempo', 'Hablante', 'Texto'] },
    { name: '# | Speaker | Text, no header', columns: ['line', 'speaker', 'text'] },
    { name: '# | Time | Speaker | Text, no header', columns: ['line', 'time', 'speaker', 'text'] },
    { name: '# | Time | Speaker | Transcript, header', columns: ['line', 'time', 'speaker', 'text'], header: ['#', 'Time', 'Speaker', 'Transcript'] },
    { name: "NVivo's # | Timespan | Content | Speaker", columns: ['line', 'span', 'text', 'speaker'], header: ['#', 'Timespan', 'Content', 'Speaker'] },
  ];

  it.each(layouts)('$name: one turn per row, with its interview time and the session moments', async ({ columns, header }) => {
    const rows = rowsFor(columns);
    const bytes = await makeDocxWithTables([TITLE, { rows: header ? [header, ...rows] : rows, headerRows: header ? 1 : 0 }]);
    const p = await readTranscriptFile('D09_S2_therapist.docx', bytes);

    expect(p.format).toBe('docx');
    expect(p.text.split('\n')[0]).toBe(TITLE);
    expect(p.turns.map((t) => t.speaker)).toEqual(TALK.map((t) => t.who));
    expect(turnTexts(p)).toEqual(TALK.map((t) => t.words.join('\n')));
    const timed = columns.includes('time') || columns.includes('span');
    expect(p.turns.map((t) => t.interviewTime)).toEqual(TALK.map((t) => (timed ? t.at : null)));
    expect(p.moments.map((m) => [m.sessionTime, m.label])).toEqual([
      [161, '[video 00:02:41]'],
      [318, '[video 00:05:18]'],
    ]);
    for (const m of p.moments) expect(p.text.slice(m.offset, m.offset + m.label.length)).toBe(m.label);
    // Line numbers are layout, not words: no line of the stored text starts with one.
    expect(p.text.split('\n').filter((l) => /^\d+(?:\s|$)/.test(l))).toEqual([]);
  });

  it('reads a client interview with short labels, a label already ending in a colon, paragraphs in a cell and rows that continue a turn', async () => {
    const bytes = await makeDocxWithTables([
      'Dyad 3 — session 5 — client recall',
      '',
      {
        rows: [
          ['I', 'We can stop wherever something stands out for you.'],
          ['Client:', 'There. When she went quiet I thought I had said something wrong.'],
          ['I', 'What did you notice in yourself?'],
          ['Client', 'My hands went cold.\nI wanted to fill the silence, but I did not.'],
          ['', 'Then she smiled, and it passed.'],
          ['', ''],
          ['I', 'And when it passed? [video 00:14:07]'],
          ['Client', 'Relief, mostly. She said "R&D <budget> talk" can wait & laughed.'],
        ],
      },
    ]);
    const p = await readTranscriptFile('D03_S5_client.docx', bytes);

    expect(p.text.split('\n').slice(0, 2)).toEqual(['Dyad 3 — session 5 — client recall', '']);
    expect(p.turns.map((t) => t.speaker)).toEqual(['I', 'Client', 'I', 'Client', 'I', 'Client']);
    expect(p.text).not.toContain('Client::');
    expect(turnTexts(p)).toEqual([
      'We can stop wherever something stands out for you.',
      'There. When she went quiet I thought I had said something wrong.',
      'What did you notice in yourself?',
      'My hands went cold.\nI wanted to fill the silence, but I did not.\nThen she smiled, and it passed.',
      'And when it passed? [video 00:14:07]',
      'Relief, mostly. She said "R&D <budget> talk" can wait & laughed.',
    ]);
    expect(p.turns.every((t) => t.interviewTime === null)).toBe(true);
    expect(p.moments.map((m) => m.sessionTime)).toEqual([847]);
  });

  it('takes a speaker from the speaker column even when they speak only once, as an interpreter may', async () => {
    const rows: DocxCell[][] = [];
    for (let i = 1; i <= 6; i++) rows.push(['Interviewer', `Question ${i}: what was happening for you there?`], ['Client', `Answer ${i}, in my own words.`]);
    rows.splice(5, 0, ['Interpreter', 'She says the word she used means something closer to "ashamed".']);
    const p = await readTranscriptFile('D04_S1_client.docx', await makeDocxWithTables([{ rows }]));
    expect(p.turns.map((t) => t.speaker).slice(4, 7)).toEqual(['Interviewer', 'Interpreter', 'Client']);
    expect(turnTexts(p)[5]).toBe('She says the word she used means something closer to "ashamed".');
    // The same line typed as a paragraph is too rare to be a speaker, and stays in the turn before it.
    const typed = await makeDocxWithTables(rows.map(([who, words]) => `${who}: ${words}`));
    expect((await readTranscriptFile('D04_S1_client.docx', typed)).turns.map((t) => t.speaker)).not.toContain('Interpreter');
  });

  it('keeps a marker row merged across the table, and a speaker cell merged down over two rows, in their turns', async () => {
    const bytes = await makeDocxWithTables([
      {
        rows: [
          ['00:00:03', 'Interviewer', 'Tell me when you want me to stop.'],
          ['00:00:10', 'Client', 'Straight away, actually, this bit at the start.'],
          [{ text: '[video 00:12:34]', colSpan: 3 }],
          ['00:01:48', 'Interviewer', 'What is happening for you here?'],
          ['00:01:55', { text: 'Client', rowSpan: 2 }, 'I am waiting for her to notice I am upset.'],
          ['00:02:20', 'She does not, and I decide not to say it either.'],
          ['00:03:01', 'Interviewer', 'How does that feel, watching it now?'],
          ['00:03:09', 'Client', 'A bit sad. I can see how hard I was trying.'],
        ],
      },
    ]);
    const p = await readTranscriptFile('D05_S1_client.docx', bytes);

    expect(p.turns.map((t) => t.speaker)).toEqual(['Interviewer', 'Client', 'Interviewer', 'Client', 'Interviewer', 'Client']);
    expect(p.turns.map((t) => t.interviewTime)).toEqual([3, 10, 108, 115, 181, 189]);
    expect(turnTexts(p)[3]).toBe('I am waiting for her to notice I am upset.\nShe does not, and I decide not to say it either.');
    expect(p.moments.map((m) => [m.sessionTime, m.label])).toEqual([[754, '[video 00:12:34]']]);
    // The marker sits between the client's first turn and the interviewer's question, not inside either.
    const marker = p.moments[0]!.offset;
    expect(marker).toBeGreaterThanOrEqual(p.turns[1]!.end);
    expect(marker).toBeLessThan(p.turns[2]!.start);
  });

  it('reads a speaker cell that carries its own clock ("Dr Okafor (00:04:10)")', async () => {
    const bytes = await makeDocxWithTables([
      {
        rows: [
          ['Researcher (00:04:02)', 'You paused the tape just as she started crying.'],
          ['Dr Okafor (00:04:10)', 'Yes. I remember choosing to stay quiet rather than reassure her.'],
          ['Researcher (00:05:31)', 'Was that a hard choice?'],
          ['Dr Okafor (00:05:36)', 'Harder than it looks on the screen. I was holding my breath.'],
        ],
      },
    ]);
    const p = await readTranscriptFile('D11_S4_therapist.docx', bytes);
    expect(p.turns.map((t) => [t.speaker, t.interviewTime])).toEqual([
      ['Researcher', 242],
      ['Dr Okafor', 250],
      ['Researcher', 331],
      ['Dr Okafor', 336],
    ]);
    expect(turnTexts(p)[1]).toBe('Yes. I remember choosing to stay quiet rather than reassure her.');
  });

  it('keeps a notes column after the words of its turn', async () => {
    const note = 'Transcriber: long overlap here, both speaking at once for several seconds, partly inaudible.';
    const bytes = await makeDocxWithTables([
      {
        headerRows: 1,
        rows: [
          ['Spreker', 'Tekst', 'Opmerkingen'],
          ['I', 'You stopped it quite early, almost as soon as we started.', ''],
          ['P', 'Because this is where I nearly walked out of the session.', note],
          ['I', 'What kept you in the room?', ''],
          ['P', 'She asked me to stay five more minutes, and I was curious.', ''],
          ['I', 'Curious about what, would you say?', ''],
          ['P', 'Whether she would be angry with me. She was not.', ''],
        ],
      },
    ]);
    const p = await readTranscriptFile('D08_S1_client.docx', bytes);
    expect(p.turns.map((t) => t.speaker)).toEqual(['I', 'P', 'I', 'P', 'I', 'P']);
    expect(turnTexts(p)[1]).toBe(`Because this is where I nearly walked out of the session.\n${note}`);
    expect(p.text.split('\n')[0]).toBe('Spreker | Tekst | Opmerkingen');
  });

  it('writes a table that is not a transcript as one line per row, and reads the turns around it', async () => {
    const bytes = await makeDocxWithTables([
      'IPR interview — dyad 4, session 1, client',
      {
        rows: [
          ['Dyad', '4'],
          ['Session', '1'],
          ['Interviewer:', 'Mara Lindqvist'],
          ['Date', '14 March 2025'],
        ],
      },
      'I: Tell me when you want to stop.',
      'C: Now. [video 00:01:30] I was surprised she asked about my sister.',
      'I: What was surprising about it?',
      'C: Nobody asks about her.',
    ]);
    const p = await readTranscriptFile('D04_S1_client.docx', bytes);

    expect(p.text.split('\n').slice(0, 5)).toEqual([
      'IPR interview — dyad 4, session 1, client',
      'Dyad | 4',
      'Session | 1',
      'Interviewer | Mara Lindqvist',
      'Date | 14 March 2025',
    ]);
    expect(p.turns.map((t) => t.speaker)).toEqual(['I', 'C', 'I', 'C']);
    expect(turnTexts(p)[1]).toBe('Now. [video 00:01:30] I was surprised she asked about my sister.');
    expect(p.moments.map((m) => m.sessionTime)).toEqual([90]);
  });

  it('reads a document holding only a metadata table as one unnamed speaker, rather than inventing "Client" and "Therapist" turns', async () => {
    const bytes = await makeDocxWithTables([{ rows: [['Client', 'C12'], ['Therapist', 'T07']] }]);
    const p = await readTranscriptFile('D12_notes.docx', bytes);
    expect(new Set(p.turns.map((t) => t.speaker))).toEqual(new Set(['Speaker']));
    expect(p.noSpeakerLabels).toBe(true);
    expect(p.warnings.join('\n')).toMatch(/^D12_notes\.docx: No speaker labels found/m);
  });

  it('reads a transcript typed inside a one-column table (a frame) paragraph by paragraph', async () => {
    const bytes = await makeDocxWithTables([
      { rows: [['I: Where would you like to begin?\nT: At the silence near the start.\nI: What was in it for you?\nT: Patience, and some doubt.']] },
    ]);
    const p = await readTranscriptFile('D02_S1_therapist.docx', bytes);
    expect(p.turns.map((t) => t.speaker)).toEqual(['I', 'T', 'I', 'T']);
    expect(turnTexts(p)[3]).toBe('Patience, and some doubt.');
  });

  it('reads a transcript typed in one cell beside a margin column for notes', async () => {
    const bytes = await makeDocxWithTables([
      {
        rows: [
          [
            'I: You stopped it at the pause.\nC: Yes, [video 00:07:45] I was about to say something and then did not.\nI: What would you have said?\nC: That I was tired of being the one who explains.',
            'hesitation; withholding',
          ],
        ],
      },
    ]);
    const p = await readTranscriptFile('D10_S3_client.docx', bytes);
    expect(p.turns.map((t) => t.speaker)).toEqual(['I', 'C', 'I', 'C']);
    expect(turnTexts(p)[1]).toBe('Yes, [video 00:07:45] I was about to say something and then did not.');
    expect(p.text).toContain('hesitation; withholding');
    expect(p.moments.map((m) => m.sessionTime)).toEqual([465]);
  });

  it('survives a table nested in a cell and keeps its text', async () => {
    const bytes = await makeDocxWithTables([
      {
        rows: [
          ['I', 'Could you rate how connected you felt just there?'],
          ['P', { text: 'About a six, I think.', table: { rows: [['Connection', '6']] } }],
          ['I', 'And a minute later, after the phone call?'],
          ['P', 'Lower. Maybe a three, because I lost the thread.'],
        ],
      },
    ]);
    const p = await readTranscriptFile('D06_S2_client.docx', bytes);
    expect(p.turns.map((t) => t.speaker)).toEqual(['I', 'P', 'I', 'P']);
    expect(turnTexts(p)[1]).toContain('About a six, I think.');
    expect(turnTexts(p)[1]).toContain('Connection | 6');
  });
});

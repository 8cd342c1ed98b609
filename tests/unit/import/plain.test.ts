import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../shared/import/parse';
import { said } from './helpers';

const parse = (text: string) => parseTranscript(text, { fileName: 'D01_S1_client.txt' });

/** A conversation of n exchanges between two labels, for frequency tests. */
function conversation(a: string, b: string, n: number): string {
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) lines.push(`${a}: Question ${i}, what was that like?`, `${b}: Answer ${i}.`);
  return lines.join('\n');
}

describe('plain transcripts', () => {
  it.each([
    ['I', 'P'],
    ['Interviewer', 'Client'],
    ['Interviewer', 'Therapist'],
    ['R', 'P'],
    ['Dr Okafor', 'Ms Lind'],
    ['Dr. Okafor', 'Amira Haddad'],
    ['Speaker 1', 'Speaker 2'],
    ['INTERVIEWER', 'CLIENT'],
    ['Zoë', 'Émile'],
    ['Ana de Souza', 'Bo'],
  ])('splits turns labelled %s / %s', (a, b) => {
    const p = parse(`${a}: What stood out?\n${b}: The silence.\n${a}: Say more.\n${b}: It was long.`);
    expect(said(p)).toEqual([
      [a, 'What stood out?'],
      [b, 'The silence.'],
      [a, 'Say more.'],
      [b, 'It was long.'],
    ]);
    expect(p.format).toBe('txt');
  });

  it.each([
    ['a tab', '\t'],
    ['a colon and tabs', ':\t\t'],
  ])('reads labels followed by %s, as typed in Word', (_, sep) => {
    const p = parse(`I${sep}What stood out?\nP${sep}The silence.\nIt went on.\nI${sep}Say more.\nP${sep}It was long.`);
    expect(said(p)).toEqual([
      ['I', 'What stood out?'],
      ['P', 'The silence.\nIt went on.'],
      ['I', 'Say more.'],
      ['P', 'It was long.'],
    ]);
  });

  it('reads script-style transcripts, the label alone on its line above the words', () => {
    const p = parse('INTERVIEWER\nWhat stood out?\n\nJANE DOE\nThe silence.\nIt went on.\n\nINTERVIEWER\nSay more.\n\nJANE DOE\nIt was long.');
    expect(said(p)).toEqual([
      ['INTERVIEWER', 'What stood out?'],
      ['JANE DOE', 'The silence.\nIt went on.'],
      ['INTERVIEWER', 'Say more.'],
      ['JANE DOE', 'It was long.'],
    ]);
    expect(said(parse('Interviewer\nWhat stood out?\nClient\nThe silence.\nInterviewer\nSay more.\nClient\nIt was long.'))[1]).toEqual(['Client', 'The silence.']);
  });

  it('keeps a lone "I" or "CLIENT" line as words in a transcript whose turns are labelled with colons', () => {
    const p = parse('I: Who said it?\nP: She did. And then\nI\nsaid nothing.\nI: Nothing?\nP: The word was\nCLIENT\nin her notes.\nI: Go on.\nP: No.');
    expect(said(p)[1]).toEqual(['P', 'She did. And then\nI\nsaid nothing.']);
    expect(said(p)[3]).toEqual(['P', 'The word was\nCLIENT\nin her notes.']);
  });

  it('does not take a tabbed word in a table-like line for a speaker when it occurs once', () => {
    const p = parse('I: What stood out?\nP: The silence.\nDuration\t50 minutes\nI: Say more.\nP: It was long.\nI: Go on.\nP: Yes.\nI: And?\nP: No.');
    expect(said(p)[1]).toEqual(['P', 'The silence.\nDuration\t50 minutes']);
  });

  it('puts lines without a label in the turn before them', () => {
    const p = parse('I: What happened?\nP: I froze.\nThen I looked away.\n\nAnd I kept quiet.\nI: Okay.');
    expect(said(p)).toEqual([
      ['I', 'What happened?'],
      ['P', 'I froze.\nThen I looked away.\n\nAnd I kept quiet.'],
      ['I', 'Okay.'],
    ]);
  });

  it('takes the words from the next line when a label stands alone', () => {
    const p = parse('Interviewer:\nWhat happened?\n\nClient:\n   I froze.');
    expect(said(p)).toEqual([
      ['Interviewer', 'What happened?'],
      ['Client', 'I froze.'],
    ]);
  });

  it('keeps header lines out of the turns', () => {
    const p = parse('Dyad 1, session 1 — client interview\nTranscribed 3 May\n\nI: Hello.\nP: Hi.');
    expect(said(p)).toEqual([
      ['I', 'Hello.'],
      ['P', 'Hi.'],
    ]);
    expect(p.text.startsWith('Dyad 1, session 1')).toBe(true);
  });

  it('does not take "Note:" or a time of day for a speaker', () => {
    const p = parse('I: When was it?\nP: In the morning.\nNote: participant laughs.\nAt 10:30 I had left.\nI: Okay.');
    expect(said(p)).toEqual([
      ['I', 'When was it?'],
      ['P', 'In the morning.\nNote: participant laughs.\nAt 10:30 I had left.'],
      ['I', 'Okay.'],
    ]);
  });

  it('does not take a word seen once at a line start for a speaker in a long transcript', () => {
    const body = conversation('I', 'P', 30).split('\n');
    body.splice(22, 0, 'Because: that is how it felt.'); // after a P line
    const p = parse(body.join('\n'));
    expect(new Set(p.turns.map((t) => t.speaker))).toEqual(new Set(['I', 'P']));
    const turn = p.turns.find((t) => p.text.slice(t.start, t.end).includes('Because:'));
    expect(turn?.speaker).toBe('P');
    expect(p.warnings.join(' ')).toContain('"Because:"');
  });

  it('keeps a third speaker who speaks several times', () => {
    const lines = conversation('I', 'P', 20).split('\n');
    lines.splice(10, 0, 'Interpreter: She says it was hard.');
    lines.splice(20, 0, 'Interpreter: She means the first week.');
    lines.splice(30, 0, 'Interpreter: Yes.');
    const p = parse(lines.join('\n'));
    expect(p.turns.filter((t) => t.speaker === 'Interpreter')).toHaveLength(3);
  });

  it('takes a header like "Interviewer: Sam" for a heading, not a turn, in a real conversation', () => {
    const p = parse(`Interviewer: Sam Reyes\nParticipant: client 4\n\n${conversation('I', 'C', 6)}`);
    expect(p.turns[0]).toMatchObject({ speaker: 'I' });
    expect(new Set(p.turns.map((t) => t.speaker))).toEqual(new Set(['I', 'C']));
  });

  it('counts "Client:" and "CLIENT:" as one speaker, named as written most often', () => {
    const p = parse('I: a?\nClient: b\nI: c?\nCLIENT: d\nI: e?\nClient: f');
    expect(p.turns.map((t) => t.speaker)).toEqual(['I', 'Client', 'I', 'Client', 'I', 'Client']);
  });

  it('reads Markdown bold labels', () => {
    const p = parse('**I:** What was that?\n**P**: A relief.');
    expect(said(p)).toEqual([
      ['I', 'What was that?'],
      ['P', 'A relief.'],
    ]);
  });

  it('does not take a web address for a label', () => {
    const p = parse('I: Where did you read it?\nP: Here:\nhttps://example.org/page\nI: Thanks.\nP: Sure.');
    expect(p.turns.map((t) => t.speaker)).toEqual(['I', 'P', 'I', 'P']);
  });

  it('normalises CRLF and CR line endings and trims trailing spaces, and the offsets follow', () => {
    const p = parse('I: First?   \r\nP: Second.\t\r\rI: Third?\r\n\r\n');
    expect(p.text).toBe('I: First?\nP: Second.\n\nI: Third?');
    expect(said(p)).toEqual([
      ['I', 'First?'],
      ['P', 'Second.'],
      ['I', 'Third?'],
    ]);
  });

  it('counts offsets in UTF-16 code units, past emoji and accents', () => {
    const p = parse('I: Ça va? 🙂\nP: Oui 🙂🙂 très bien.');
    expect(said(p)).toEqual([
      ['I', 'Ça va? 🙂'],
      ['P', 'Oui 🙂🙂 très bien.'],
    ]);
  });

  it('imports a file without speaker labels as one speaker, naming the file in the warning', () => {
    const p = parse('This is a memo about the session.\nIt has no speakers.\nNote: just prose.');
    expect(p.turns.map((t) => t.speaker)).toEqual(['Speaker', 'Speaker', 'Speaker']);
    expect(p.warnings.join('\n')).toMatch(/^D01_S1_client\.txt: No speaker labels found/);
  });

  it('refuses an empty or blank file, naming the file', () => {
    expect(() => parse('')).toThrow('D01_S1_client.txt is empty');
    expect(() => parse(' \r\n\t\n ')).toThrow('D01_S1_client.txt is empty');
    expect(() => parse('\uFEFF')).toThrow('D01_S1_client.txt is empty');
  });

  it('reports the layout as docx when told the text came from a Word document', () => {
    const p = parseTranscript('I: Hello?\nP: Hi.', { fileName: 'a.docx', format: 'docx' });
    expect(p.format).toBe('docx');
  });
});

import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../shared/import/parse';
import { moments, said } from './helpers';

const parse = (text: string, customMarkerPatterns?: string[]) =>
  parseTranscript(text, { fileName: 'export.txt', customMarkerPatterns });
const times = (text: string) => parse(text).turns.map((t) => [t.speaker, t.interviewTime]);

describe('transcription-service exports', () => {
  it('reads Otter-style "Name  0:12" headers with the words below them', () => {
    const p = parse('Jane Doe  0:12\nWhat did you notice?\n\nSpeaker 2  00:01:02\nHer hands.\nThey were shaking.');
    expect(said(p)).toEqual([
      ['Jane Doe', 'What did you notice?'],
      ['Speaker 2', 'Her hands.\nThey were shaking.'],
    ]);
    expect(p.turns.map((t) => t.interviewTime)).toEqual([12, 62]);
    expect(p.format).toBe('timestamped');
  });

  it.each([
    ['[Name] 00:12:34 text', '[Jane] 00:00:05 What now?\n[Tom] 00:00:09 I waited.'],
    ['[00:12:34] Name: text', '[00:00:05] Jane: What now?\n[00:00:09] Tom: I waited.'],
    ['00:12:34 Name: text', '00:00:05 Jane: What now?\n00:00:09 Tom: I waited.'],
    ['Name (00:12:34): text', 'Jane (00:00:05): What now?\nTom (00:00:09): I waited.'],
    ['Name (0:05): text', 'Jane (0:05): What now?\nTom (0:09): I waited.'],
  ])('reads %s', (_, text) => {
    const p = parse(text);
    expect(said(p)).toEqual([
      ['Jane', 'What now?'],
      ['Tom', 'I waited.'],
    ]);
    expect(p.turns.map((t) => t.interviewTime)).toEqual([5, 9]);
    expect(p.format).toBe('timestamped');
  });

  it.each([
    ["Word's Transcribe: clock and name on a line, words below", '00:00:05 Speaker 1\nWhat now?\n\n00:00:09 Speaker 2\nI waited.', ['Speaker 1', 'Speaker 2']],
    ['"[clock] - name", words below', '[00:00:05.00] - Jane\nWhat now?\n\n[00:00:09.00] - Tom\nI waited.', ['Jane', 'Tom']],
    ['"Name: (clock)", words below', 'Jane: (00:05)\nWhat now?\n\nTom: (00:09)\nI waited.', ['Jane', 'Tom']],
    ['"Name: [clock] text"', 'Jane: [00:00:05] What now?\nTom: [00:00:09] I waited.', ['Jane', 'Tom']],
  ])('reads %s', (_, text, speakers) => {
    const p = parse(text);
    expect(said(p)).toEqual([
      [speakers[0], 'What now?'],
      [speakers[1], 'I waited.'],
    ]);
    expect(p.turns.map((t) => t.interviewTime)).toEqual([5, 9]);
    expect(p.format).toBe('timestamped');
  });

  it('reads f4transkript/MAXQDA stamps that end each paragraph as the next turn\'s interview time', () => {
    const p = parse(
      'I: Was war hier los? #00:00:05-2#\n\n' +
        'B: Ich wurde still. [video 00:03:10] #00:00:19-8#\n\n' +
        'I: Und dann?\n\nB: Nichts mehr. #00:00:31-4#',
    );
    expect(said(p)).toEqual([
      ['I', 'Was war hier los?'],
      ['B', 'Ich wurde still. [video 00:03:10]'],
      ['I', 'Und dann?'],
      ['B', 'Nichts mehr.'],
    ]);
    // The first turn's start was not stamped; a turn after an unstamped one has no known start either.
    expect(p.turns.map((t) => t.interviewTime)).toEqual([null, 5.2, 19.8, null]);
    expect(moments(p)).toEqual([[190, '[video 00:03:10]']]);
  });

  it('keeps "Name: [12:34]" a plain label when a project pattern makes the bracketed clock a session marker', () => {
    const p = parse('I: [12:34] What happened here?\nP: [13:10] I froze.', ['\\[(\\d+:\\d\\d)\\]']);
    expect(p.turns.map((t) => [t.speaker, t.interviewTime])).toEqual([
      ['I', null],
      ['P', null],
    ]);
    expect(p.moments.map((m) => m.sessionTime)).toEqual([754, 790]);
    expect(said(p)[1]).toEqual(['P', '[13:10] I froze.']);
  });

  it('does not read a lone "10:30 Then" line in a plain transcript as a transcription header', () => {
    const p = parse('I: When did you arrive?\nP: It was\n10:30 Then\nI: Okay.');
    expect(said(p)[1]).toEqual(['P', 'It was\n10:30 Then']);
  });

  it('gives a clock standing alone on a line to the next turn', () => {
    expect(times('[00:01:00]\nI: Hello?\n00:01:30\nP: Hi.')).toEqual([
      ['I', 60],
      ['P', 90],
    ]);
  });

  it('accepts a stamped speaker who speaks only once', () => {
    expect(times('[00:00:01] Interviewer: Go on.\n[00:00:04] Client: Yes.\n[00:00:09] Interpreter: She agrees.')).toHaveLength(3);
  });

  it('never reads the interview clock as a session time, nor a session marker as the interview clock', () => {
    const p = parse(
      '[00:12:34] Interviewer: Shall we stop here? [video 00:03:00]\n' +
        '[00:12:50] Client: Yes. [stopped at 4:10]\n' +
        '[video 00:05:00] [00:13:20] Interviewer: And here?',
    );
    expect(p.turns.map((t) => t.interviewTime)).toEqual([754, 770, 800]);
    expect(moments(p)).toEqual([
      [180, '[video 00:03:00]'],
      [250, '[stopped at 4:10]'],
      [300, '[video 00:05:00]'],
    ]);
    // The interview stamps stay in the text as written, outside the turns' words.
    expect(p.text.startsWith('[00:12:34] Interviewer: ')).toBe(true);
    expect(said(p)[0]![1]).toBe('Shall we stop here? [video 00:03:00]');
  });

  it('lets a project pattern claim a bare bracketed clock as session time, and then it is no interview time', () => {
    const p = parse('[12:34] I: What happened here?\n[13:10] P: I froze.', ['^\\[(\\d+:\\d\\d)\\]']);
    expect(p.moments.map((m) => m.sessionTime)).toEqual([754, 790]);
    expect(p.turns.map((t) => t.interviewTime)).toEqual([null, null]);
  });

  it('does not read a lone "Name 12:30" line as an Otter header in a plain transcript', () => {
    const p = parse('I: When did you leave?\nP: Around\nLunch 12:30\nI: Okay.');
    expect(said(p)[1]).toEqual(['P', 'Around\nLunch 12:30']);
    expect(p.format).toBe('txt');
  });
});

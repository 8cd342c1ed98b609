import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../shared/import/parse';
import { moments, said } from './helpers';

const vtt = (body: string) => parseTranscript(`WEBVTT\n\n${body}`, { fileName: 'call.vtt' });

describe('WebVTT', () => {
  it('reads Zoom cues, merging one speaker’s consecutive cues and keeping the first cue’s time', () => {
    const p = vtt(
      '1\n00:00:01.000 --> 00:00:03.000\nAnna: Where shall we stop?\n\n' +
        '2\n00:00:04.500 --> 00:00:06.000\nBen: Here.\n\n' +
        '3\n00:00:06.000 --> 00:00:09.000\nBen: This is when I felt it.\n\n' +
        '4\n00:01:10.000 --> 00:01:12.000\nAnna: Felt what?',
    );
    expect(said(p)).toEqual([
      ['Anna', 'Where shall we stop?'],
      ['Ben', 'Here. This is when I felt it.'],
      ['Anna', 'Felt what?'],
    ]);
    expect(p.turns.map((t) => t.interviewTime)).toEqual([1, 4.5, 70]);
    expect(p.text).toBe('Anna: Where shall we stop?\n\nBen: Here. This is when I felt it.\n\nAnna: Felt what?');
    expect(p.format).toBe('vtt');
  });

  it('reads Teams voice tags, drops ids, NOTE and STYLE blocks and markup, and decodes entities', () => {
    const p = vtt(
      'NOTE exported\nsecond note line\n\nSTYLE\n::cue { color: red }\n\n' +
        'ab12/3-0\n00:00:02.000 --> 00:00:04.000\n<v Dr Lind>Shall we <i>begin</i>?</v>\n\n' +
        'ab12/4-0\n00:00:05.000 --> 00:00:08.000 align:start\n<v.loud Kai Moss>Yes &amp; no.\nMostly yes.</v>',
    );
    expect(said(p)).toEqual([
      ['Dr Lind', 'Shall we begin?'],
      ['Kai Moss', 'Yes & no. Mostly yes.'],
    ]);
    expect(p.text).not.toMatch(/-->|NOTE|STYLE|ab12|<v/);
  });

  it('splits a cue with two voices into two turns', () => {
    const p = vtt('00:00:01.000 --> 00:00:03.000\n<v Ana>Ready?</v> <v Bo>Ready.</v>');
    expect(said(p)).toEqual([
      ['Ana', 'Ready?'],
      ['Bo', 'Ready.'],
    ]);
  });

  it('accepts short mm:ss.ttt cue times', () => {
    const p = vtt('00:01.500 --> 00:03.000\n<v Ana>Ready?</v>\n\n01:02.000 --> 01:04.000\n<v Bo>Yes.</v>');
    expect(p.turns.map((t) => t.interviewTime)).toEqual([1.5, 62]);
  });

  it('keeps session-time markers in the rebuilt text, and cue times out of the moments', () => {
    const p = vtt(
      '00:10:00.000 --> 00:10:04.000\nAnna: Stop there. [video 00:02:15]\n\n' +
        '00:10:05.000 --> 00:10:09.000\nBen: (stopped at 3:40) Yes.',
    );
    expect(moments(p)).toEqual([
      [135, '[video 00:02:15]'],
      [220, '(stopped at 3:40)'],
    ]);
    expect(p.turns.map((t) => t.interviewTime)).toEqual([600, 605]);
  });

  it('puts a cue without a speaker into the turn of whoever spoke last', () => {
    const p = vtt('00:00:01.000 --> 00:00:02.000\nAnna: One.\n\n00:00:02.000 --> 00:00:03.000\nand two.\n\n00:00:04.000 --> 00:00:05.000\nBen: Three.');
    expect(said(p)).toEqual([
      ['Anna', 'One. and two.'],
      ['Ben', 'Three.'],
    ]);
  });

  it('copes with a missing blank line between cues', () => {
    const p = vtt('1\n00:00:01.000 --> 00:00:02.000\nAnna: One.\n2\n00:00:03.000 --> 00:00:04.000\nBen: Two.');
    expect(said(p)).toEqual([
      ['Anna', 'One.'],
      ['Ben', 'Two.'],
    ]);
  });

  it('imports subtitles without any speaker names as one unnamed speaker, with a warning', () => {
    const p = vtt('00:00:01.000 --> 00:00:02.000\nSomeone talks.\n\n00:00:03.000 --> 00:00:04.000\nSomeone answers.');
    expect(p.turns.map((t) => t.speaker)).toEqual(['Speaker']);
    expect(p.noSpeakerLabels).toBe(true);
    expect(p.text).toBe('Someone talks. Someone answers.');
    expect(p.warnings.join(' ')).toMatch(/No cue names its speaker/);
  });
});

describe('speakers on a line of their own', () => {
  it('reads "(Name)" lines, two speakers in a cue parted by "-", and words after a blank line inside a cue', () => {
    const p = parseTranscript(
      [
        'WEBVTT',
        '',
        '00:00:08.000 --> 00:00:12.000',
        '(Jane Okafor)',
        'Shall we start where you stopped',
        '',
        '00:00:12.000 --> 00:00:16.000',
        '(Jane Okafor)',
        'the tape? What was going on?',
        '-',
        ' ',
        '(Sam Lind)',
        'I was embarrassed.',
        '',
        '00:00:20.000 --> 00:00:24.000',
        '[Jane Okafor]',
        'By what?',
        '-',
        '[Sam Lind]',
        '(laughs)',
        'By the form. [video 00:04:10]',
      ].join('\n'),
      { fileName: 'recall.vtt' },
    );
    expect(said(p)).toEqual([
      ['Jane Okafor', 'Shall we start where you stopped the tape? What was going on?'],
      ['Sam Lind', 'I was embarrassed.'],
      ['Jane Okafor', 'By what?'],
      ['Sam Lind', '(laughs) By the form. [video 00:04:10]'],
    ]);
    expect(p.turns.map((t) => t.interviewTime)).toEqual([8, 12, 20, 20]);
    expect(moments(p)).toEqual([[250, '[video 00:04:10]']]);
  });
});

describe('SRT', () => {
  const srt =
    '1\n00:00:01,000 --> 00:00:04,000\nInterviewer: Tell me when to stop.\n\n' +
    '2\n00:00:05,500 --> 00:00:09,000\nTherapist: Stop. [tape 02:41]\n\n' +
    '3\n00:00:09,000 --> 00:00:12,000\nI was anxious.\n\n' +
    '4\n00:00:13,000 --> 00:00:15,000\n<i>Interviewer:</i> About what?';

  it('reads numbered cues with "Name:" speakers and drops numbers and timings', () => {
    const p = parseTranscript(srt, { fileName: 'x.srt' });
    expect(p.format).toBe('srt');
    expect(said(p)).toEqual([
      ['Interviewer', 'Tell me when to stop.'],
      ['Therapist', 'Stop. [tape 02:41] I was anxious.'],
      ['Interviewer', 'About what?'],
    ]);
    expect(p.turns.map((t) => t.interviewTime)).toEqual([1, 5.5, 13]);
    expect(moments(p)).toEqual([[161, '[tape 02:41]']]);
  });

  it('drops the "{\\an8}" positioning tags subtitle editors leave in SRT text', () => {
    const p = parseTranscript('1\n00:00:01,000 --> 00:00:03,000\n{\\an8}Interviewer: Where are we?\n\n2\n00:00:04,000 --> 00:00:06,000\nClient: {\\i1}Here.{\\i0}', {
      fileName: 'x.srt',
    });
    expect(said(p)).toEqual([
      ['Interviewer', 'Where are we?'],
      ['Client', 'Here.'],
    ]);
  });

  it('is recognised from its content even without a format hint or with CRLF line ends', () => {
    const p = parseTranscript(srt.replace(/\n/g, '\r\n'), { fileName: 'export.txt' });
    expect(p.format).toBe('srt');
    expect(p.turns).toHaveLength(3);
  });

  it('falls back to a plain reading, with a warning, when a .srt holds no cues', () => {
    const p = parseTranscript('I: Hello?\nP: Hi.', { fileName: 'x.srt', format: 'srt' });
    expect(p.format).toBe('txt');
    expect(p.warnings.join(' ')).toMatch(/no subtitle cues/);
  });
});

describe('video-call display names', () => {
  it('takes free-text Zoom names, with pronouns or an address, as speakers', () => {
    const p = vtt(
      '00:00:01.000 --> 00:00:02.000\nJane Doe (she/her): Where shall we stop?\n\n' +
        '00:00:03.000 --> 00:00:04.000\nkai.moss@clinic.example: Here, at 12:30 on the clock.\n\n' +
        '00:00:05.000 --> 00:00:06.000\nJane Doe (she/her): Why here?\n\n' +
        '00:00:07.000 --> 00:00:08.000\nkai.moss@clinic.example: It felt tense.',
    );
    expect(p.turns.map((t) => t.speaker)).toEqual(['Jane Doe (she/her)', 'kai.moss@clinic.example', 'Jane Doe (she/her)', 'kai.moss@clinic.example']);
    expect(p.text.slice(p.turns[1]!.start, p.turns[1]!.end)).toBe('Here, at 12:30 on the clock.');
  });
});

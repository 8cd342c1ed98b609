import { describe, expect, it } from 'vitest';
import { DyadError } from '../../../shared/api/errors';
import { parseTranscript } from '../../../shared/import/parse';
import { moments } from './helpers';

const parse = (body: string, customMarkerPatterns?: string[]) =>
  parseTranscript(`I: Shall we start?\nP: Yes.\n${body}`, { fileName: 'm.txt', customMarkerPatterns });

describe('session-time markers', () => {
  it.each([
    ['[video 00:12:34]', 754],
    ['[video 12:34]', 754],
    ['[Video 12:34]', 754],
    ['[VIDEO 12:34]', 754],
    ['[session 12:34]', 754],
    ['[stopped at 12:34]', 754],
    ['[stop 1:02:03]', 3723],
    ['(video 12:34)', 754],
    ['[tape 12:34]', 754],
    ['[recording 12:34]', 754],
    ['[playback stopped 12:34]', 754],
    ['[paused at 12:34]', 754],
    ['{video 12:34}', 754],
    ['[video: 12:34]', 754],
    ['[ video 12:34 ]', 754],
    ['[video 12:34.5]', 754.5],
    ['[Tape stopped at 1:02:03]', 3723],
    ['[video 12:34–13:10]', 754],
    ['[video 00:12:34 - 00:13:10]', 754],
    ['[12:34 video stopped]', 754],
    ['(00:12:34 – tape paused)', 754],
  ])('finds %s as %d s', (marker, seconds) => {
    const p = parse(`I: Here ${marker} what was happening?`);
    expect(moments(p)).toEqual([[seconds, marker]]);
  });

  it.each([
    ['VIDEO STOPPED AT 12:34', 754],
    ['Tape stopped 1:02:03.', 3723],
    ['*** Recording paused at 00:12:34 ***', 754],
    ['-- stop 12:34 --', 754],
    ['Video: 12:34', 754],
  ])('finds the line "%s" standing alone as %d s, and the turns around it go on', (line, seconds) => {
    const p = parseTranscript(`I: Shall we start?\nP: Yes.\n  ${line}\nI: What was happening here?\nP: I froze.`, { fileName: 'm.txt' });
    expect(moments(p)).toEqual([[seconds, line]]);
    expect(p.turns.map((t) => t.speaker)).toEqual(['I', 'P', 'I', 'P']);
  });

  it.each([
    ['prose with a playback word and a time', 'P: I stopped the video at 12:34 and left.'],
    ['a line of prose ending in a clock', 'We met after the session at 12:30'],
    ['a clock first without a playback word', '[12:34 she laughs]'],
    ['a sentence ending in an unbracketed stop', 'Heavy. Video stopped at 5:40'],
  ])('does not take %s for a marker', (_, line) => {
    expect(parse(`P: Yes.\n${line}`).moments).toEqual([]);
  });

  it.each([
    ['a bare clock', '[12:34]'],
    ['an interview clock with a name', '[Interviewer 12:34]'],
    ['mismatched brackets', '[video 12:34)'],
    ['no brackets', 'video 12:34'],
    ['a time of day in prose', 'at 12:34 I left'],
    ['a bracketed word without a time', '[video]'],
  ])('does not take %s for a session time', (_, text) => {
    expect(parse(`P: ${text}`).moments).toEqual([]);
  });

  it('keeps the marker in the text at its offset, and sorts moments by position', () => {
    const p = parse('I: [video 05:00] first\nP: later [stopped at 01:00] and [tape 03:00]');
    expect(moments(p)).toEqual([
      [300, '[video 05:00]'],
      [60, '[stopped at 01:00]'],
      [180, '[tape 03:00]'],
    ]);
    expect(p.text).toContain('later [stopped at 01:00] and');
    const offsets = p.moments.map((m) => m.offset);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
  });

  it('warns about a marker whose time cannot be read, instead of inventing one', () => {
    const p = parse('P: here [video 12:75] odd');
    expect(p.moments).toEqual([]);
    expect(p.warnings.join(' ')).toContain('[video 12:75]');
  });

  it('finds a marker on its own line before a turn, and the turn still has its speaker', () => {
    const p = parseTranscript('I: Start.\n\n[video 00:02:00]\nI: And here?\nP: Yes.', { fileName: 'x.txt' });
    expect(p.turns.map((t) => t.speaker)).toEqual(['I', 'I', 'P']);
    expect(moments(p)).toEqual([[120, '[video 00:02:00]']]);
  });

  it.each([
    ['[vidéo 12:34]', 754],
    ['[Vidéo arrêtée à 12:34]', 754],
    ['(enregistrement 1:02:03)', 3723],
    ['[vídeo 12:34]', 754],
    ['[grabación 12:34]', 754],
    ['[Grabación detenida 00:12:34]', 754],
    ['[Aufnahme 12:34]', 754],
    ['[Aufnahme gestoppt bei 12:34]', 754],
    ['[12:34 vidéo arrêtée]', 754],
    // Written decomposed (e + a combining acute), as some Mac editors save it.
    ['[vide\u0301o 12:34]', 754],
  ])('finds %s, a marker spelt as French, Spanish or German transcribers write it, as %d s', (marker, seconds) => {
    const p = parse(`I: Ici ${marker} que se passait-il ?`);
    expect(moments(p)).toEqual([[seconds, marker]]);
  });

  it.each([
    ['VIDÉO ARRÊTÉE À 12:34', 754],
    ['Aufnahme: 12:34', 754],
    ['*** Grabación 00:12:34 ***', 754],
  ])('finds the accented line "%s" standing alone as %d s', (line, seconds) => {
    const p = parseTranscript(`I: On commence ?\nP: Oui.\n${line}\nI: Que se passait-il ?\nP: Je me suis figée.`, { fileName: 'm.txt' });
    expect(moments(p)).toEqual([[seconds, line]]);
    expect(p.turns.map((t) => t.speaker)).toEqual(['I', 'P', 'I', 'P']);
  });

  it.each([
    ['an accented name with a bracketed clock', '[Hélène 12:34]'],
    ['a speaker with an accented name saying a time', 'Émile: vidéo 12:34'],
    ['a French word that is not a playback word', '(arrivée 12:34)'],
  ])('does not take %s for a session time', (_, text) => {
    expect(parse(`P: Oui.\n${text}`).moments).toEqual([]);
  });

  it('finds a marker in front of a label without losing the label', () => {
    const p = parseTranscript('[video 01:00] I: What happened?\n[stopped at 2:00] P: I froze.', { fileName: 'x.txt' });
    expect(p.turns.map((t) => [t.speaker, p.text.slice(t.start, t.end)])).toEqual([
      ['I', 'What happened?'],
      ['P', 'I froze.'],
    ]);
    expect(p.moments.map((m) => m.sessionTime)).toEqual([60, 120]);
  });
});

describe('custom marker patterns', () => {
  it('reads the project pattern, with the first group as the time', () => {
    const p = parse('P: here <<cam 12:34>> and <<cam 754>>', ['<<cam (\\d+(?::\\d\\d)?)>>']);
    expect(moments(p)).toEqual([
      [754, '<<cam 12:34>>'],
      [754, '<<cam 754>>'],
    ]);
  });

  it('matches case-insensitively, like the built-in markers', () => {
    const p = parse('P: here TC 01:00', ['tc (\\d\\d:\\d\\d)']);
    expect(moments(p)).toEqual([[60, 'TC 01:00']]);
  });

  it('sits beside the built-in markers without counting one marker twice', () => {
    const p = parse('P: [video 01:00] and #02:00#', ['#(\\d\\d:\\d\\d)#', '\\[video (\\d\\d:\\d\\d)\\]']);
    expect(moments(p)).toEqual([
      [60, '[video 01:00]'],
      [120, '#02:00#'],
    ]);
  });

  it('refuses an invalid pattern, naming it', () => {
    let err: unknown;
    try {
      parse('P: x', ['[video (\\d+']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DyadError);
    expect((err as DyadError).kind).toBe('invalid-input');
    expect((err as DyadError).message).toContain('[video (\\d+');
  });

  it('refuses a pattern without a capture group for the time', () => {
    expect(() => parse('P: x', ['cam \\d+'])).toThrow(/capture group/);
  });

  it('survives a pattern that can match the empty string', () => {
    const p = parse('P: t=5 and t=9', ['(?:t=(\\d+))?']);
    expect(p.moments.map((m) => m.sessionTime)).toEqual([5, 9]);
  });
});

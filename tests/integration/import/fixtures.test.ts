/**
 * The fictional IPR fixtures in every layout, read from disk as the command line does: what a researcher would
 * check in the import preview — who speaks, what they say, which recall moments were found, in which encoding.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTranscriptPath } from '../../../electron/import/readTranscript';
import { defaultSpeakerRoles, speakerCounts } from '../../../shared/import/speakers';
import type { ParsedTranscript } from '../../../shared/import/types';

const FIXTURES = join(import.meta.dirname, '../../fixtures/import');
const fixture = (name: string) => readTranscriptPath(join(FIXTURES, name));
const said = (p: ParsedTranscript) => p.turns.map((t) => p.text.slice(t.start, t.end));
const times = (p: ParsedTranscript) => p.moments.map((m) => m.sessionTime);
const roles = (p: ParsedTranscript) => defaultSpeakerRoles(speakerCounts(p));

describe('fixture transcripts', () => {
  it('plain client interview with [video] and other markers', async () => {
    const p = await fixture('D04_S1_client.txt');
    expect(p.format).toBe('txt');
    expect(p.encoding).toBe('UTF-8');
    expect(new Set(p.turns.map((t) => t.speaker))).toEqual(new Set(['I', 'C']));
    expect(roles(p)).toEqual({ I: 'interviewer', C: 'participant' });
    expect(times(p)).toEqual([190, 465, 472, 754]);
    expect(p.moments.map((m) => m.label)).toEqual(['[video 00:03:10]', '[video 00:07:45]', '[paused at 07:52]', '[stopped at 12:34]']);
    // The header's "Interviewer: Sam" line is not a turn; "Note:" inside a turn stays words.
    expect(said(p)[0]).toMatch(/^Okay, we're starting/);
    expect(said(p)).toContain('No. I just nodded. Note: I do that a lot, the nodding.');
    expect(said(p)).toContain(
      "I remember thinking she was going to ask about my mum, and I wasn't ready for that.\nI kept looking at the clock on the wall.",
    );
    expect(p.turns.every((t) => t.interviewTime === null)).toBe(true);
  });

  it('Otter export of the therapist interview: interview clock on turns, session time in moments', async () => {
    const p = await fixture('D04_S1_therapist.otter.txt');
    expect(p.format).toBe('timestamped');
    expect(roles(p)).toEqual({ Interviewer: 'interviewer', 'Dr Okafor': 'participant' });
    expect(p.turns.slice(0, 3).map((t) => t.interviewTime)).toEqual([2, 15, 31]);
    expect(times(p)).toEqual([0, 185, 750]);
    expect(said(p)[3]).toBe(
      'Here. She glanced at the clock. I noticed it and I decided not to name it yet.\nI wondered if I was being too cautious.',
    );
  });

  it('Zoom WebVTT: cues merged per speaker, clean text without timings', async () => {
    const p = await fixture('D07_S2_client.zoom.vtt');
    expect(p.format).toBe('vtt');
    expect(p.turns.map((t) => t.speaker)).toEqual(['Researcher', 'Client', 'Researcher', 'Client', 'Researcher', 'Client']);
    expect(p.turns[1]!.interviewTime).toBe(9);
    expect(said(p)[1]).toBe("Yes, there. [video 04:18] When he said we'd look at goals. I didn't know what my goals were. I felt put on the spot.");
    expect(p.text).not.toMatch(/-->|WEBVTT|^\d+$/m);
    expect(times(p)).toEqual([258, 542]);
    expect(roles(p)).toEqual({ Researcher: 'interviewer', Client: 'participant' });
  });

  it('Teams WebVTT: voices, ids, NOTE and STYLE gone; names as shown in the call', async () => {
    const p = await fixture('D07_S2_therapist.teams.vtt');
    expect(p.turns.map((t) => t.speaker)).toEqual(['Priya Natarajan', 'Tom Becker', 'Priya Natarajan', 'Tom Becker', 'Priya Natarajan']);
    expect(said(p)[1]).toBe('Right at the start, actually. [video 00:01:10] I remember feeling I had to prove something. She seemed wary of me & of the room.');
    expect(times(p)).toEqual([70, 260]);
    expect(p.text).not.toMatch(/NOTE|STYLE|3f9a2c1e|<v|&amp;/);
    expect(roles(p)).toEqual({ 'Priya Natarajan': 'interviewer', 'Tom Becker': 'participant' });
  });

  it('SRT: numbered cues with speaker prefixes', async () => {
    const p = await fixture('D09_S1_therapist.srt');
    expect(p.format).toBe('srt');
    expect(p.turns.map((t) => [t.speaker, t.interviewTime])).toEqual([
      ['Interviewer', 1],
      ['Therapist', 6],
      ['Interviewer', 16],
      ['Therapist', 20],
    ]);
    expect(said(p)[3]).toBe("That she would decide this wasn't going to help. [recording 1:02:03]");
    expect(times(p)).toEqual([161, 3723]);
  });

  it('bracketed export: [hh:mm:ss] Name: text', async () => {
    const p = await fixture('D11_S3_client.bracketed.txt');
    expect(p.format).toBe('timestamped');
    expect(p.turns.map((t) => t.interviewTime)).toEqual([4, 11, 19, 23, 62, 65]);
    expect(times(p)).toEqual([1300]);
    expect(roles(p)).toEqual({ Interviewer: 'interviewer', Participant: 'participant' });
  });
});

describe('the same transcript saved by other editors', () => {
  let dir: string;
  let original: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dyad-fixtures-'));
    original = await readFile(join(FIXTURES, 'D04_S1_client.txt'), 'utf8');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['Windows Notepad, UTF-8 with BOM and CRLF', (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s.replace(/\n/g, '\r\n'))]), 'UTF-8'],
    ['Notepad "Unicode" (UTF-16LE with BOM)', (s: string) => iconv.encode(s.replace(/\n/g, '\r\n'), 'utf-16le', { addBOM: true }), 'UTF-16LE'],
    ['an old Windows editor (windows-1252)', (s: string) => iconv.encode(s.replace(/—/g, '–'), 'windows-1252'), 'windows-1252'],
  ])('%s reads the same turns and moments', async (_, encode, encoding) => {
    const path = join(dir, 'D04_S1_client.txt');
    await writeFile(path, encode(original));
    const p = await readTranscriptPath(path);
    const reference = await fixture('D04_S1_client.txt');
    expect(p.encoding).toBe(encoding);
    expect(p.turns.map((t) => [t.speaker, p.text.slice(t.start, t.end)])).toEqual(
      reference.turns.map((t) => [t.speaker, reference.text.slice(t.start, t.end)]),
    );
    expect(p.moments.map((m) => [m.sessionTime, m.label])).toEqual(reference.moments.map((m) => [m.sessionTime, m.label]));
  });

  it('custom marker patterns from the project apply to files read from disk', async () => {
    const path = join(dir, 'D04_S1_custom.txt');
    await writeFile(path, 'I: Here? <t=12:00>\nC: Yes. <t=12:30>');
    const p = await readTranscriptPath(path, { customMarkerPatterns: ['<t=(\\d+:\\d\\d)>'] });
    expect(times(p)).toEqual([720, 750]);
  });
});

import { describe, expect, it } from 'vitest';
import { readTranscriptFile } from '../../../electron/import/readTranscript';
import { makeDocx } from './zipBytes';

/** A fictional therapist IPR interview, as a transcriptionist would type it in Word. */
const PARAGRAPHS = [
  'IPR interview — dyad 12, session 2, therapist',
  '',
  'Interviewer: We can stop the recording wherever you like.',
  'Therapist: Let us start near the beginning then.',
  '[video 00:02:05]',
  'Interviewer: You stopped here. What was happening for you?',
  'Therapist: He said he had nearly cancelled.\nI felt a jolt of worry, and something like relief that he came.',
  'Interviewer: Did you say anything about it?',
  'Therapist: Not then. (stopped at 9:40) Here I did. I told him I was glad he was here.',
  'Interviewer: How did that land?',
  'Therapist: I think it mattered. He looked up.',
];

describe('reading a Word transcript', () => {
  it('turns paragraphs into lines and reads turns and moments from them', async () => {
    const bytes = await makeDocx(PARAGRAPHS);
    const p = await readTranscriptFile('D12_S2_therapist.docx', bytes);
    expect(p.format).toBe('docx');
    expect(p.encoding).toBeNull();
    expect(p.text.split('\n')[0]).toBe('IPR interview — dyad 12, session 2, therapist');
    expect(p.turns.map((t) => t.speaker)).toEqual(['Interviewer', 'Therapist', 'Interviewer', 'Therapist', 'Interviewer', 'Therapist', 'Interviewer', 'Therapist']);
    const fourth = p.turns[3]!;
    expect(p.text.slice(fourth.start, fourth.end)).toBe(
      'He said he had nearly cancelled.\nI felt a jolt of worry, and something like relief that he came.',
    );
    expect(p.moments.map((m) => [m.sessionTime, m.label])).toEqual([
      [125, '[video 00:02:05]'],
      [580, '(stopped at 9:40)'],
    ]);
    for (const m of p.moments) expect(p.text.slice(m.offset, m.offset + m.label.length)).toBe(m.label);
  });

  it('reads a Word document whose name has no extension, by its content', async () => {
    const bytes = await makeDocx(PARAGRAPHS);
    const p = await readTranscriptFile('D12_S2_therapist', bytes);
    expect(p.format).toBe('docx');
  });
});

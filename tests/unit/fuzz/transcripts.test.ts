/** Transcript readers under arbitrary bytes and text: a transcript or a DyadError naming the file, quickly. */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { readTranscriptFile } from '../../../electron/import/readTranscript';
import { parseTranscript } from '../../../shared/import/parse';
import { refusesCleanly, RUNS } from './budget';

/** Text shaped like transcripts (speaker labels, clocks, markers, cues), so the fuzzing reaches past the first check. */
const piece = fc.constantFrom(
  'I: ', 'C: ', 'T: ', 'Interviewer: ', '[00:01:02] ', '(video 12:34) ', '{tape 1:02:03}', '00:00:01.000 --> 00:00:02.000\n',
  'WEBVTT\n\n', '1\n', '<v Ana>', '**', '\t', '\n', '\r\n', '\u2028', 'é', '😀', '\uD800', '::', '-->', '[', ')', ' ',
);
const transcriptLike = fc.array(fc.oneof(piece, fc.string({ maxLength: 20 })), { maxLength: 80 }).map((a) => a.join(''));

describe('fuzzed transcripts', () => {
  it('parseTranscript: any text gives a transcript or a DyadError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(transcriptLike, fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 })), async (text) => {
        await refusesCleanly(() => parseTranscript(text, { fileName: 'fuzz.txt' }), 500, () => JSON.stringify(text));
      }),
      { numRuns: RUNS },
    );
  }, 120_000); // the budget is per input (above); the whole run may take long on a busy machine

  it('readTranscriptFile: any bytes under any transcript name give a transcript or a DyadError', async () => {
    const name = fc.constantFrom('f.txt', 'f.vtt', 'f.srt', 'f.docx', 'f.md', 'f');
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      transcriptLike.map((t) => new TextEncoder().encode(t)),
      // A zip's signature first, so the Word reader is reached.
      fc.uint8Array({ maxLength: 500 }).map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b])),
    );
    await fc.assert(
      fc.asyncProperty(name, bytes, async (n, b) => {
        await refusesCleanly(() => readTranscriptFile(n, b), 1000, () => `${n} ${Buffer.from(b).toString('hex').slice(0, 200)}`);
      }),
      { numRuns: RUNS },
    );
  }, 120_000); // the budget is per input (above); the whole run may take long on a busy machine
});

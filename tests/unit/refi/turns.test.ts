import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseText, parseTranscript } from '../../../shared/import';
import { findTurns, normalisedToRaw } from '../../../shared/refi/turns';

const raw = fc
  .array(fc.constantFrom('I: ', 'C: ', 'word ', 'x', '\r\n', '\n', '\r', '  ', '\t', '\u0001', '🙂', '[video 00:01:02] '), { maxLength: 40 })
  .map((p) => p.join(''));

describe('turns in texts from other tools', () => {
  it('every character of the normalised text maps onto the same character of the original', () => {
    fc.assert(
      fc.property(raw, (r) => {
        const n = normaliseText(r);
        const map = normalisedToRaw(r, n);
        expect(map).not.toBeNull();
        for (let j = 0; j < n.length; j++) {
          const c = r[map![j]!]!;
          if (n[j] === '\n') expect('\n\r').toContain(c);
          else expect(c).toBe(n[j]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('are found in a CRLF transcript with offsets into the text as it is', () => {
    const text = 'I: [video 00:02:10] What was happening?\r\n\r\nC: I felt the room go quiet 🙂.   \r\nI: And then?\r\nC: Nothing.\r\n';
    const found = findTurns(text, { sourceId: 's', sourceName: 'x.txt' })!;
    // The same turns the transcript parser finds in the normalised text, now pointing into the text as it is.
    const reference = parseTranscript(normaliseText(text), { fileName: 'x.txt' });
    expect(found.turns.map((t) => [t.speaker, text.slice(t.start, t.end).replace(/\r/g, '')])).toEqual(
      reference.turns.map((t) => [t.speaker, reference.text.slice(t.start, t.end)]),
    );
    expect(found.turns.map((t) => t.speaker)).toEqual(['I', 'C', 'I', 'C']);
    expect(text.slice(found.turns[1]!.start, found.turns[1]!.end)).toBe('I felt the room go quiet 🙂.');
    expect(found.turns.map((t) => t.speakerRole)).toEqual(['interviewer', 'participant', 'interviewer', 'participant']);
    expect(found.moments).toHaveLength(1);
    expect(text.slice(found.moments[0]!.offset)).toMatch(/^\[video 00:02:10\]/);
    expect(found.moments[0]!.sessionTime).toBe(130);
  });

  it('give nothing for a text without speakers', () => {
    expect(findTurns('Just a note without any speakers.', { sourceId: 's', sourceName: 'x.txt' })).toBeNull();
  });
});

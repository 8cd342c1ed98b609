import { describe, expect, it } from 'vitest';
import { agreementForCode, type InterviewCodings } from '../../../shared/agreement/index';

// Bad input to the agreement figures is refused with a message naming the interview and what is wrong (found
// unguarded by mutation testing, docs/mutation.md): a broken project must not yield plausible-looking numbers.
const interview = (over: Partial<InterviewCodings>): InterviewCodings => ({
  interviewId: 'd2s1-therapist',
  coders: ['ann', 'ben'],
  textLength: 50,
  segments: [{ start: 0, end: 50 }],
  codings: [{ coder: 'ann', start: 5, end: 10 }],
  ...over,
});

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return { kind: (e as { kind?: string }).kind, message: (e as Error).message };
  }
  throw new Error('expected a refusal');
};

describe('agreement input that cannot be right', () => {
  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses an interview whose text length is %s', (textLength) => {
    const r = refusal(() => agreementForCode({ unit: 'char', interviews: [interview({ textLength })] }));
    expect(r.kind).toBe('invalid-input');
    expect(r.message).toBe(`Interview "d2s1-therapist" has an impossible text length (${String(textLength)}).`);
  });

  it('refuses a coding whose extent is impossible, naming its coder and interview', () => {
    const r = refusal(() => agreementForCode({ unit: 'turn', interviews: [interview({ codings: [{ coder: 'ben', start: 9, end: 3 }] })] }));
    expect(r.kind).toBe('invalid-input');
    expect(r.message).toBe('A coding by ben in interview "d2s1-therapist" has an impossible extent (9–3).');
  });

  it('refuses a moment passage whose extent is impossible, naming the interview', () => {
    const r = refusal(() => agreementForCode({ unit: 'moment', interviews: [interview({ segments: [{ start: -2, end: 4 }] })] }));
    expect(r.kind).toBe('invalid-input');
    expect(r.message).toBe('A moment in interview "d2s1-therapist" has an impossible extent (-2–4).');
  });

  it('counts only the text for character units: a coding past the end adds no characters', () => {
    const past = agreementForCode({ unit: 'char', interviews: [interview({ codings: [{ coder: 'ann', start: 40, end: 80 }] })] });
    expect(past.units).toBe(50);
    expect(past.disagreements).toEqual([{ interviewId: 'd2s1-therapist', start: 40, end: 50, present: ['ann'], absent: ['ben'] }]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choosePositionUnit, emptyEvidence, gatherEvidence, OffsetMap } from '../../../shared/refi/positions';
import { codePointLength, codePointToUtf16, utf16ToCodePoint } from '../../../shared/text/offsets';

const text = fc.array(fc.constantFrom('a', 'b', ' ', '🙂', '𝄞', 'é', '\r\n', '.', '\uD800'), { maxLength: 60 }).map((p) => p.join(''));

describe('OffsetMap', () => {
  it('converts exactly like shared/text/offsets.ts, in both directions', () => {
    fc.assert(
      fc.property(text, (t) => {
        const m = new OffsetMap(t);
        expect(m.codePointLength).toBe(codePointLength(t));
        for (let u = 0; u <= t.length + 1; u++) expect(m.toCodePoint(u)).toBe(utf16ToCodePoint(t, u));
        for (let c = 0; c <= m.codePointLength + 1; c++) expect(m.toUtf16(c)).toBe(codePointToUtf16(t, c));
      }),
      { numRuns: 300 },
    );
  });

  it('knows which offsets fall inside a surrogate pair', () => {
    const m = new OffsetMap('a🙂b');
    expect([0, 1, 2, 3, 4].map((u) => m.splitsPair(u))).toEqual([false, false, true, false, false]);
  });
});

describe('choosing how a file counts positions', () => {
  const t = 'I felt 🙂🙂 seen and then she looked away from me.';
  const passage = 'she looked away';
  const u16 = { start: t.indexOf(passage), end: t.indexOf(passage) + passage.length };
  const cp = { start: utf16ToCodePoint(t, u16.start), end: utf16ToCodePoint(t, u16.end) };

  it('reads NVivo-style UTF-16 positions as UTF-16, even without the origin', () => {
    const e = emptyEvidence();
    gatherEvidence(new OffsetMap(t), [u16], e);
    expect(choosePositionUnit(e, null).unit).toBe('utf16');
  });

  it('reads standard code-point positions as code points, even from a file that says NVivo', () => {
    const e = emptyEvidence();
    gatherEvidence(new OffsetMap(t), [cp], e);
    expect(choosePositionUnit(e, 'NVivo 14').unit).toBe('code-points');
  });

  it('rules out a reading that puts a selection past the end of the text', () => {
    const e = emptyEvidence();
    const m = new OffsetMap(t);
    gatherEvidence(m, [{ start: m.codePointLength - 3, end: m.utf16Length }], e);
    expect(choosePositionUnit(e, null).unit).toBe('utf16');
  });

  it('without characters outside the BMP the readings agree: the origin or the standard decides, with nothing to report', () => {
    const e = emptyEvidence();
    gatherEvidence(new OffsetMap('plain text only'), [{ start: 0, end: 5 }], e);
    expect(choosePositionUnit(e, 'NVivo 12')).toEqual({ unit: 'utf16', reason: null });
    expect(choosePositionUnit(e, 'QualCoder 3.6')).toEqual({ unit: 'code-points', reason: null });
  });
});

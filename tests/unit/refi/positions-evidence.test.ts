import { describe, expect, it } from 'vitest';
import { choosePositionUnit, emptyEvidence, gatherEvidence, OffsetMap } from '../../../shared/refi/positions';

// What the REFI-QDA import counts when it decides whether a file's positions are code points or UTF-16 units, and
// the reason it shows the researcher (mutation testing, docs/mutation.md, found these counts and texts unasserted).
// "🙂 Anna said hi": the emoji is UTF-16 0–2 and code point 0–1, so "Anna" is UTF-16 3–7 and code points 2–6.
const map = new OffsetMap('🙂 Anna said hi');

describe('evidence for the unit of REFI-QDA positions', () => {
  it('"Anna" written in UTF-16 units: cuts a word read as code points, sits on word boundaries read as UTF-16', () => {
    const e = emptyEvidence();
    gatherEvidence(map, [{ start: 3, end: 7 }], e);
    expect(e).toEqual({ invalid: { 'code-points': 0, utf16: 0 }, boundaries: { 'code-points': 1, utf16: 2 }, differing: 1 });
    expect(choosePositionUnit(e, null)).toEqual({ unit: 'utf16', reason: 'selections start and end on word boundaries more often that way (2 against 1 edges)' });
  });

  it('a selection that would split the emoji read as UTF-16 counts against that reading', () => {
    const e = emptyEvidence();
    gatherEvidence(map, [{ start: 1, end: 3 }], e);
    expect(e).toEqual({ invalid: { 'code-points': 0, utf16: 1 }, boundaries: { 'code-points': 1, utf16: 0 }, differing: 1 });
    expect(choosePositionUnit(e, null)).toEqual({ unit: 'code-points', reason: '1 selection would fall outside the text or split a character the other way' });
  });

  it('selections past the end in code points count against code points, in the plural', () => {
    const e = emptyEvidence();
    gatherEvidence(map, [{ start: 10, end: 15 }, { start: 14, end: 15 }], e);
    expect(e.invalid).toEqual({ 'code-points': 2, utf16: 0 });
    expect(e.differing).toBe(2);
    expect(choosePositionUnit(e, null)).toEqual({ unit: 'utf16', reason: '2 selections would fall outside the text or split a character the other way' });
  });

  it('selections both readings place alike (before the emoji, or at offset 0) are no evidence', () => {
    const e = emptyEvidence();
    gatherEvidence(new OffsetMap('Anna 🙂'), [{ start: 0, end: 4 }, { start: 0, end: 0 }], e);
    expect(e).toEqual(emptyEvidence());
  });

  it('a tie goes to NVivo\'s UTF-16 for a file from NVivo, else to the standard, and says so', () => {
    const tie = { invalid: { 'code-points': 0, utf16: 0 }, boundaries: { 'code-points': 1, utf16: 1 }, differing: 1 };
    expect(choosePositionUnit(tie, 'NVivo 12')).toEqual({ unit: 'utf16', reason: 'the file comes from NVivo, which counts UTF-16 code units' });
    expect(choosePositionUnit(tie, 'QualCoder 3.6')).toEqual({ unit: 'code-points', reason: 'the REFI-QDA standard counts code points' });
  });
});

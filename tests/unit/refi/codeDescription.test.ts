import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCodeDescription, parseCodeDescription } from '../../../shared/refi/codeDescription';

const none = { definition: '', inclusion: '', exclusion: '', example: '', shortcut: null };

// Texts that like to look like labels: every field may contain lines starting with another field's label.
const tricky = fc.oneof(
  fc.string(),
  fc
    .array(fc.constantFrom('Definition:', 'Example: x', '\\Inclusion: y', 'exclusion:', '  Shortcut: 3', 'plain words', '', ' ', '\\\\Example:'), {
      maxLength: 5,
    })
    .map((ls) => ls.join('\n')),
);

describe('code descriptions in REFI-QDA', () => {
  it('give back every field exactly, whatever the fields contain', () => {
    fc.assert(
      fc.property(tricky, tricky, tricky, tricky, fc.option(fc.constantFrom('1', '9', 'F2', 'ctrl+3')), (definition, inclusion, exclusion, example, shortcut) => {
        const f = { definition, inclusion, exclusion, example, shortcut };
        expect(parseCodeDescription(formatCodeDescription(f))).toEqual(f);
      }),
      { numRuns: 500 },
    );
  });

  it('read like labelled notes in other tools', () => {
    const text = formatCodeDescription({ ...none, definition: 'A strain in the collaboration.', inclusion: 'Silence after an intervention', shortcut: '1' });
    expect(text).toBe('Definition: A strain in the collaboration.\nInclusion: Silence after an intervention\nShortcut: 1');
  });

  it('write a definition alone as plain text', () => {
    expect(formatCodeDescription({ ...none, definition: 'Moving away from the other.' })).toBe('Moving away from the other.');
  });

  it('read another tool’s description, labels or not, as the definition', () => {
    expect(parseCodeDescription('Moments when the client feels recognised.\nSee memo.')).toEqual({ ...none, definition: 'Moments when the client feels recognised.\nSee memo.' });
    expect(parseCodeDescription(null)).toEqual(none);
  });

  it('read sections written by hand elsewhere, in any case', () => {
    expect(parseCodeDescription('definition: Not being recognised\nEXAMPLE: "nobody sees me"')).toEqual({
      ...none,
      definition: 'Not being recognised',
      example: '"nobody sees me"',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { dyadDataOf, emptyExtras, extrasJson, parseExtras, withDyadData } from '../../../shared/refi/dyadData';
import { normaliseGuid } from '../../../shared/refi/guid';

const G = '0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9';

describe('Dyad’s data beside a REFI-QDA file', () => {
  it('comes back as written, GUIDs normalised, with nothing in it XML could misread', () => {
    const extras = emptyExtras();
    extras.project = { kind: 'project', name: 'Study <1> ?>' };
    extras.elements.set(G, { kind: 'code', shortcut: '>' });
    const json = extrasJson(extras);
    expect(json).not.toMatch(/[<>]/u);
    const back = parseExtras(json.replace(G, `{${G.toUpperCase()}}`), normaliseGuid)!;
    expect(back.project).toEqual({ kind: 'project', name: 'Study <1> ?>' });
    expect(back.elements.get(G)).toEqual({ kind: 'code', shortcut: '>' });
  });

  it('is ignored when damaged, from another program, or from a newer Dyad', () => {
    expect(parseExtras('{not json', normaliseGuid)).toBeNull();
    expect(parseExtras('{"elements":{}}', normaliseGuid)).toBeNull();
    expect(parseExtras(extrasJson(emptyExtras()).replace('"v":1', '"v":2'), normaliseGuid)).toBeNull();
  });

  it('wins over the old last line of a Description, which is still read when there is no other', () => {
    const old = withDyadData('Dyad 4.', { kind: 'dyad', sessions: [] });
    expect(dyadDataOf(null, G, old)).toEqual({ human: 'Dyad 4.', data: { v: 1, kind: 'dyad', sessions: [] } });
    const extras = emptyExtras();
    extras.elements.set(G, { kind: 'dyad', sessions: [{ id: 's', number: 1, date: null }] });
    expect(dyadDataOf(extras, G, old).data).toEqual({ kind: 'dyad', sessions: [{ id: 's', number: 1, date: null }] });
    expect(dyadDataOf(extras, G, 'A note of another program.')).toMatchObject({ human: 'A note of another program.' });
  });
});

import { describe, expect, it } from 'vitest';
import { deriveId, guidFor, isGuid, normaliseGuid } from '../../../shared/refi/guid';

const XSD_GUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

describe('GUIDs', () => {
  it('are read in any case, with or without braces, as Dyad’s lower-case ids', () => {
    const id = '9b2e7c1a-3d4f-4a5b-8c6d-7e8f9a0b1c2d';
    for (const raw of [id, id.toUpperCase(), `{${id.toUpperCase()}}`, ` {${id}} `]) expect(normaliseGuid(raw)).toBe(id);
  });

  it('refuse what is not a GUID, including unbalanced braces', () => {
    for (const raw of ['', 'abc', '{9b2e7c1a-3d4f-4a5b-8c6d-7e8f9a0b1c2d', '9b2e7c1a3d4f4a5b8c6d7e8f9a0b1c2d', '9b2e7c1a-3d4f-4a5b-8c6d-7e8f9a0b1c2g', null, undefined]) {
      expect(normaliseGuid(raw)).toBeNull();
    }
  });

  it('derived ids are valid GUIDs, stable, and differ for different inputs', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20000; i++) {
      const g = deriveId('refi-coding', `0000000${i}`);
      expect(XSD_GUID.test(g)).toBe(true);
      seen.add(g);
    }
    expect(seen.size).toBe(20000);
    expect(deriveId('a', 'b')).toBe(deriveId('a', 'b'));
    expect(deriveId('a', 'b')).not.toBe(deriveId('ab'));
  });

  it('Dyad ids are written as they are; odd ids from old projects get a stable GUID', () => {
    const id = '0f0e0d0c-0b0a-4909-8807-060504030201';
    expect(guidFor(id)).toBe(id);
    expect(isGuid(guidFor('d1'))).toBe(true);
    expect(guidFor('d1')).toBe(guidFor('d1'));
  });
});

import { describe, expect, it } from 'vitest';
import { parseSaveRequest, withOfferedExtension } from '../../../electron/shell/saveRequest';

const xlsx = { defaultName: 'Concordance.xlsx', filters: [{ name: 'Excel workbook', extensions: ['XLSX'] }] };

describe('the save dialog request', () => {
  it('keeps a plain name and its kinds of file, extensions in lower case', () => {
    expect(parseSaveRequest(xlsx)).toEqual({ ok: true, value: { defaultName: 'Concordance.xlsx', filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }] } });
  });

  it('refuses names with folders or control characters, and too many kinds', () => {
    for (const defaultName of ['a/b.csv', 'a\\b.csv', 'tab\there.csv', 'x'.repeat(256)]) expect(parseSaveRequest({ ...xlsx, defaultName }).ok).toBe(false);
    expect(parseSaveRequest({ ...xlsx, filters: Array.from({ length: 11 }, () => xlsx.filters[0]) }).ok).toBe(false);
    expect(parseSaveRequest({ ...xlsx, filters: [{ name: '', extensions: ['csv'] }] }).ok).toBe(false);
  });

  it('adds the first offered extension when the researcher typed none of them', () => {
    const req = { defaultName: 'Demo.qdpx', filters: [{ name: 'REFI-QDA project', extensions: ['qdpx'] }] };
    expect(withOfferedExtension('/home/r/Demo', req)).toBe('/home/r/Demo.qdpx');
    expect(withOfferedExtension('/home/r/Demo.QDPX', req)).toBe('/home/r/Demo.QDPX');
    expect(withOfferedExtension('/home/r/v1.2/notes.txt', req)).toBe('/home/r/v1.2/notes.txt.qdpx');
  });
});

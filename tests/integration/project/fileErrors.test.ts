/** The one translation of file-system and SQLite refusals, checked at the boundary (no privileges needed). */
import { describe, expect, it } from 'vitest';
import { fileError, projectError } from '../../../electron/core/fileErrors';
import { DyadError } from '../../../shared/api/errors';

const err = (code: string, message = code) => Object.assign(new Error(message), { code });
const file = '/home/ana/study/Pilot.dyad';

describe('file errors in plain words', () => {
  it.each([
    ['ENOSPC', /disk is full/],
    ['SQLITE_FULL', /disk is full/],
    ['EROFS', /read-only/],
    ['EACCES', /permission denied/],
    ['EPERM', /permission denied/],
    ['ENOENT', /not there any more/],
    ['SQLITE_READONLY_DBMOVED', /not there any more/],
    ['SQLITE_CORRUPT', /damaged/],
    ['SQLITE_IOERR_WRITE', /read or write error/],
  ])('%s names the file and the problem, without the raw code', (code, words) => {
    const e = fileError(err(code, 'attempt to write a readonly database'), file, 'write');
    expect(e).toBeInstanceOf(DyadError);
    expect(e.message).toContain(file);
    expect(e.message).toMatch(words);
    expect(e.message).not.toContain(code);
    expect(e.message).not.toContain('attempt to write');
  });

  it('a write says the change was not saved; a missing file to open is not-found', () => {
    expect(fileError(err('ENOSPC'), file, 'write').message).toMatch(/change was not saved/);
    expect(fileError(err('ENOENT'), file, 'open').kind).toBe('not-found');
  });

  it("leaves DyadErrors, other files' errors and the app's own errors as they are", () => {
    const own = new DyadError('conflict', 'A code of that name is already there.');
    expect(projectError(own, file)).toBe(own);
    const exportFile = err('ENOSPC');
    expect(projectError(exportFile, file)).toBe(exportFile);
    const constraint = err('SQLITE_CONSTRAINT_UNIQUE');
    expect(projectError(constraint, file)).toBe(constraint);
    expect((projectError(err('SQLITE_FULL'), file) as DyadError).message).toMatch(/Pilot\.dyad: the disk is full/);
  });
});

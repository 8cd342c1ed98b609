import { describe, expect, it } from 'vitest';
import { tempPathFor, writeError } from '../../../electron/core/atomicFile';
import { xmlSafe } from '../../../electron/export/xmlSafe';

const err = (code: string) => Object.assign(new Error(code), { code });

describe('write errors name the path and say why', () => {
  const p = '/home/r/exports/theme.docx';
  it.each([
    ['ENOENT', 'create', 'the folder /home/r/exports does not exist'],
    ['EACCES', 'create', 'the folder /home/r/exports is not writable (permission denied)'],
    ['EPERM', 'rename', 'the file there is open in another program or read-only (close it and export again)'],
    ['ENOSPC', 'write', 'the disk is full'],
    ['EROFS', 'create', 'the disk is read-only'],
  ] as const)('%s while %s', (code, phase, reason) => {
    const e = writeError(p, err(code), phase);
    expect(e.kind).toBe('io');
    expect(e.message).toBe(`Cannot write ${p}: ${reason}.`);
  });

  it('temporary files sit beside the target, hidden, and differ each time', () => {
    const a = tempPathFor(p);
    expect(a).toMatch(new RegExp(`^/home/r/exports/\\.theme\\.docx\\.dyad-${process.pid}-[0-9a-f]{12}\\.tmp$`));
    expect(tempPathFor(p)).not.toBe(a);
  });
});

describe('text for Office XML', () => {
  it('drops control characters and mends broken surrogate pairs, keeping tabs, line breaks and emoji', () => {
    expect(xmlSafe('a\u0000b\u0007c\td\ne\r🙂')).toBe('abc\td\ne\r🙂');
    expect(xmlSafe('x\uD83Dy')).toBe('x\uFFFDy');
    expect(xmlSafe('x\uDE42y')).toBe('x\uFFFDy');
  });
});

import { describe, expect, it } from 'vitest';
import type { SnapshotCode } from '../../../shared/snapshot/types';
import { emptyExtras } from '../../../shared/refi/dyadData';
import { codebookXml } from '../../../shared/refi/writeCodebook';
import { projectXmlChunks } from '../../../shared/refi/writeProject';

const id = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
const chain = (depth: number): SnapshotCode[] =>
  Array.from({ length: depth }, (_, i) => ({
    id: id(i + 1),
    codebookId: 'book',
    parentId: i ? id(i) : null,
    name: `Level ${i + 1}`,
    color: '#336699',
    definition: i === depth - 1 ? 'The deepest.' : '',
    inclusion: '',
    exclusion: '',
    example: '',
    shortcut: null,
    position: 0,
  }));

describe('writing a code tree deeper than the call stack', () => {
  it('writes a codebook 10,000 levels deep whole, each code closed once', () => {
    const xml = codebookXml({ id: 'book', name: 'Deep' }, chain(10_000), 'Dyad');
    expect(xml.match(/<Code /gu)).toHaveLength(10_000);
    expect(xml.match(/<\/Code>/gu)).toHaveLength(10_000);
    expect(xml).toContain('<Description>The deepest.</Description>');
  });

  it('writes a project’s codebook 10,000 levels deep, and a shortcut only to the extras', () => {
    const codes = chain(10_000);
    codes[5]!.shortcut = '7';
    const extras = emptyExtras();
    const xml = [
      ...projectXmlChunks(
        { name: 'Deep', coders: [], codebooks: [{ id: 'book', name: 'Deep' }], codes, dyads: [], interviews: [], codings: [], memos: [] },
        { origin: 'Dyad', now: '2026-12-07T09:00:00Z' },
        extras,
      ),
    ].join('');
    expect(xml.match(/<Code /gu)).toHaveLength(10_000);
    expect(xml.match(/<\/Code>/gu)).toHaveLength(10_000);
    expect(xml).not.toContain('Shortcut');
    expect(extras.elements.get(id(6))).toEqual({ kind: 'code', shortcut: '7' });
  });
});

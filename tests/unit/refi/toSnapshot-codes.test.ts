import { describe, expect, it } from 'vitest';
import { parseRefiXml } from '../../../electron/refi/xml';
import { emptyExtras, extrasJson, withDyadData } from '../../../shared/refi/dyadData';
import { codebookFromXml } from '../../../shared/refi/readXml';
import { codebookToSnapshot } from '../../../shared/refi/toSnapshot';
import { esc, guid, importQde, qde, refusal, written } from './qdeProject';

// The codebook of an imported REFI-QDA project as the researcher finds it in Dyad (shared/refi/toSnapshot.ts):
// the tree of codes with their colours and definitions, names made unique among siblings, Dyad's own codebooks.

const C = (n: number) => guid('c0de', n);
const code = (n: number, name: string, rest = '', attrs = '') => `<Code guid="${written(C(n))}" name="${esc(name)}" isCodable="true"${attrs}>${rest}</Code>`;
const book = (...codes: string[]) => `<CodeBook><Codes>${codes.join('')}</Codes></CodeBook>`;
const codesOf = (xml: string) => importQde(xml).snapshot.codes;

describe('codes of an imported REFI-QDA project', () => {
  it('keep their tree, order among siblings and colours; short and unreadable colours become Dyad colours', () => {
    const r = importQde(
      qde(
        book(
          code(1, 'Feeling seen', code(2, 'Relief', '', ' color="#ABC"') + code(3, 'Shame'), ' color="#3366cc"'),
          code(4, 'Withdrawal', '', ' color="blue"'),
          code(5, 'Silence', '', ' color="#12345"'),
          code(6, 'Anger', '', ' color="##3366cc"'),
          code(7, 'Fear', '', ' color="#3366cc0"'),
          code(8, 'Joy', '', ' color="##abc"'),
        ),
      ),
    );
    const [book1] = r.snapshot.codebooks;
    expect(r.snapshot.codebooks).toEqual([{ id: book1!.id, name: 'Recall study' }]);
    expect(r.snapshot.codes.map(({ id, parentId, name, color, position, codebookId }) => ({ id, parentId, name, color, position, codebookId }))).toEqual([
      { id: C(1), parentId: null, name: 'Feeling seen', color: '#3366cc', position: 0, codebookId: book1!.id },
      { id: C(2), parentId: C(1), name: 'Relief', color: '#AABBCC', position: 0, codebookId: book1!.id },
      { id: C(3), parentId: C(1), name: 'Shame', color: '#888888', position: 1, codebookId: book1!.id },
      { id: C(4), parentId: null, name: 'Withdrawal', color: '#888888', position: 1, codebookId: book1!.id },
      { id: C(5), parentId: null, name: 'Silence', color: '#888888', position: 2, codebookId: book1!.id },
      { id: C(6), parentId: null, name: 'Anger', color: '#888888', position: 3, codebookId: book1!.id },
      { id: C(7), parentId: null, name: 'Fear', color: '#888888', position: 4, codebookId: book1!.id },
      { id: C(8), parentId: null, name: 'Joy', color: '#888888', position: 5, codebookId: book1!.id },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('bring their Description as definition, criteria, example and shortcut', () => {
    const d = 'Definition: The client feels understood.\nInclusion: Says so.\nExclusion: Irony.\nExample: "You got me"\nShortcut: 3';
    const [c] = codesOf(qde(book(code(1, 'Feeling seen', `<Description>${esc(d)}</Description>`))));
    expect(c).toMatchObject({ definition: 'The client feels understood.', inclusion: 'Says so.', exclusion: 'Irony.', example: '"You got me"', shortcut: '3' });
    const [plain] = codesOf(qde(book(code(1, 'Feeling seen', '<Description>Any sign of being understood.</Description>'))));
    expect(plain).toMatchObject({ definition: 'Any sign of being understood.', inclusion: '', shortcut: null });
  });

  it('take the keyboard shortcut Dyad keeps beside the file, trimmed, over none; a blank one is no shortcut', () => {
    const extras = emptyExtras();
    extras.elements.set(C(1), { kind: 'code', shortcut: ' 7 ' });
    extras.elements.set(C(2), { kind: 'code', shortcut: '  ' });
    extras.elements.set(C(3), { kind: 'code', shortcut: 4 });
    const xml = qde(book(code(1, 'Relief'), code(2, 'Shame', '<Description>Shortcut: 2</Description>'), code(3, 'Anger')));
    expect(importQde(xml, { extras }).snapshot.codes.map((c) => c.shortcut)).toEqual(['7', '2', null]);
  });

  it('get a number when siblings share a name in any case, and a name when they have none; the import says how many', () => {
    const r = importQde(
      qde(book(code(1, 'Trust', code(6, 'Trust')), code(2, 'trust'), code(3, ' Trust '), code(4, ''), code(5, '  '))),
    );
    expect(r.snapshot.codes.map((c) => c.name)).toEqual(['Trust', 'Trust', 'trust (2)', 'Trust (3)', 'Unnamed code', 'Unnamed code (2)']);
    expect(r.warnings).toEqual([
      'study.qdpx: 2 codes had no name and are called "Unnamed code".',
      'study.qdpx: 3 codes shared a name with a sibling and got a number added ("Name (2)").',
    ]);
    const one = importQde(qde(book(code(1, 'Trust'), code(2, 'TRUST'), code(3, ''))));
    expect(one.warnings).toEqual([
      'study.qdpx: 1 code had no name and is called "Unnamed code".',
      'study.qdpx: 1 code shared a name with a sibling and got a number added ("Name (2)").',
    ]);
  });

  it('a code GUID written twice stops the import, naming the GUID and the code', () => {
    expect(refusal(qde(book(code(1, 'Relief'), code(2, 'Shame', code(1, 'Relief again')))))).toBe(
      `study.qdpx: the code GUID ${C(1)} ("Relief again") occurs twice in the codebook. Nothing was imported.`,
    );
  });

  it('go into Dyad’s codebooks as Dyad wrote them, the others into one named after the project', () => {
    const books = [
      { id: 'book-a', name: 'Client codes', roots: [written(C(1))] },
      { id: 'book-b', name: 'Empty so far', roots: [] },
      { id: 7, name: 'not a codebook', roots: [] },
      { id: 'book-c', name: 'no roots' },
      { id: 'book-d', name: 5, roots: [] },
      { name: 'no id', roots: [] },
    ];
    const description = withDyadData('Exported by Dyad.', { kind: 'project', codebooks: books });
    const xml = qde(book(code(1, 'Relief', code(3, 'Calm')), code(2, 'Shame')) + `<Description>${esc(description)}</Description>`, { name: '  ' });
    const r = importQde(xml, { fallbackName: 'recall-2026' });
    const fallback = r.snapshot.codebooks[2]!;
    expect(r.snapshot.codebooks).toEqual([{ id: 'book-a', name: 'Client codes' }, { id: 'book-b', name: 'Empty so far' }, { id: fallback.id, name: 'recall-2026' }]);
    expect(r.snapshot.codes.map((c) => [c.name, c.codebookId])).toEqual([['Relief', 'book-a'], ['Calm', 'book-a'], ['Shame', fallback.id]]);
    expect(r.snapshot.name).toBe('recall-2026');
  });

  it('read Dyad’s codebooks from the data beside the file, and make no empty codebook of their own', () => {
    const extras = emptyExtras();
    extras.project = { kind: 'project', codebooks: [{ id: 'book-a', name: 'Client codes', roots: [C(1), C(2)] }] };
    const r = importQde(qde(book(code(1, 'Relief'), code(2, 'Shame'))), { extras });
    expect(r.snapshot.codebooks).toEqual([{ id: 'book-a', name: 'Client codes' }]);
    expect(r.snapshot.codes.map((c) => [c.name, c.codebookId, c.position])).toEqual([['Relief', 'book-a', 0], ['Shame', 'book-a', 1]]);
    // A project without codes has no codebook at all.
    expect(importQde(qde('')).snapshot.codebooks).toEqual([]);
  });

  it('are unique per codebook: two codebooks may each have a root of the same name', () => {
    const extras = emptyExtras();
    extras.project = { kind: 'project', codebooks: [{ id: 'a', name: 'A', roots: [C(1)] }, { id: 'b', name: 'B', roots: [C(2)] }] };
    expect(importQde(qde(book(code(1, 'Trust'), code(2, 'Trust'))), { extras }).snapshot.codes.map((c) => c.name)).toEqual(['Trust', 'Trust']);
  });
});

describe('a REFI-QDA codebook (.qdc) imported on its own', () => {
  const qdc = (codes: string, extra = '') =>
    `<?xml version="1.0" encoding="utf-8"?>${extra}<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti 23"><Codes>${codes}</Codes></CodeBook>`;
  const read = (xml: string, codebookId?: string) =>
    codebookToSnapshot(codebookFromXml(parseRefiXml(xml, 'codes.qdc'), 'codes.qdc'), { where: 'codes.qdc', name: 'codes', ...(codebookId ? { codebookId } : {}) });

  it('is one codebook of that name with its tree, the origin kept', () => {
    const r = read(qdc(code(1, 'Relief', code(2, 'Calm'), ' color="#0A0"')));
    expect(r.codebook.name).toBe('codes');
    expect(r.origin).toBe('ATLAS.ti 23');
    expect(r.codes.map((c) => [c.name, c.parentId, c.color, c.codebookId])).toEqual([
      ['Relief', null, '#00AA00', r.codebook.id],
      ['Calm', C(1), '#888888', r.codebook.id],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('gets the same codebook id for the same codes (so importing it again finds it), another for other codes, or the id asked for', () => {
    const a = read(qdc(code(1, 'Relief') + code(2, 'Shame'))).codebook.id;
    expect(read(qdc(code(1, 'Relief') + code(2, 'Shame'))).codebook.id).toBe(a);
    expect(read(qdc(code(1, 'Relief') + code(3, 'Shame'))).codebook.id).not.toBe(a);
    expect(read(qdc(code(1, 'Relief')), 'book-9').codebook.id).toBe('book-9');
    // The same codes as a project's own codebook: the same codebook, whichever way they came in.
    expect(importQde(qde(book(code(1, 'Relief'), code(2, 'Shame')))).snapshot.codebooks[0]!.id).toBe(a);
  });

  it('says its code sets were not imported', () => {
    const set = (n: number) => `<Set guid="${guid('5e7', n)}" name="Set ${n}"><MemberCode guid="${C(1)}"/></Set>`;
    const withSets = (k: number) => qdc(code(1, 'Relief')).replace('</Codes>', `</Codes><Sets>${[1, 2].slice(0, k).map(set).join('')}</Sets>`);
    expect(read(withSets(1)).warnings).toEqual(['codes.qdc: 1 code set was not imported (Dyad has no code sets).']);
    expect(read(withSets(2)).warnings).toEqual(['codes.qdc: 2 code sets were not imported (Dyad has no code sets).']);
  });

  it('takes the shortcuts Dyad wrote in it', () => {
    const extras = emptyExtras();
    extras.elements.set(C(1), { kind: 'code', shortcut: '5' });
    const r = read(qdc(code(1, 'Relief'), `<?dyad-data ${extrasJson(extras)}?>`));
    expect(r.codes[0]!.shortcut).toBe('5');
  });
});

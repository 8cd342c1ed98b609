import { describe, expect, it } from 'vitest';
import { emptyExtras, withDyadData } from '../../../shared/refi/dyadData';
import { deriveId } from '../../../shared/refi/guid';
import { esc, guid, importQde, NOW, qde, users, written } from './qdeProject';

// The memos an imported REFI-QDA project gives (shared/refi/toSnapshot.ts): its Notes attached to what refers to
// them (a code, a coding, an interview, a passage, a dyad, the project), memos written as a selection's
// Description, and what is said when a note's target did not come along.

const U = guid('a5e7', 1);
const S = guid('50a1ce', 1);
const CODE = guid('c0de', 1);
const N = (n: number) => guid('a07e', n);
const TEXT = 'T: How was it for you?\nC: It was hard to say.\n';
const noteRef = (n: number) => `<NoteRef targetGUID="${written(N(n))}"/>`;
const book = (refs = '') => `<CodeBook><Codes><Code guid="${CODE}" name="Hard to say" isCodable="true">${refs}</Code></Codes></CodeBook>`;
const coding = (n: number, refs = '', user = U) => `<Coding guid="${guid('c0d1', n)}" creatingUser="${user}"><CodeRef targetGUID="${CODE}"/>${refs}</Coding>`;
const sel = (n: number, start: number, end: number, inner: string, description?: string, attrs = '') =>
  `<PlainTextSelection guid="${guid('5e1', n)}" startPosition="${start}" endPosition="${end}"${attrs}>` +
  `${description === undefined ? '' : `<Description>${esc(description)}</Description>`}${inner}</PlainTextSelection>`;
interface Note {
  n: number;
  name?: string;
  text?: string;
  description?: string;
  attrs?: string;
}
const note = ({ n, name = `Note ${n}`, text, description, attrs = '' }: Note) =>
  `<Note guid="${written(N(n))}" name="${esc(name)}"${attrs}>${description === undefined ? '' : `<Description>${esc(description)}</Description>`}` +
  `${text === undefined ? '' : `<PlainTextContent>${esc(text)}</PlainTextContent>`}</Note>`;
interface Parts {
  codeRefs?: string;
  sourceInner?: string;
  notes?: string;
  tail?: string;
  cases?: string;
  links?: string;
}
const project = ({ codeRefs = '', sourceInner = '', notes = '', tail = '', cases = '', links = '' }: Parts) =>
  qde(
    users([U, 'Ana']) +
      book(codeRefs) +
      cases +
      `<Sources><TextSource guid="${S}" name="D01"><PlainTextContent>${TEXT}</PlainTextContent>${sourceInner}</TextSource></Sources>` +
      `<Notes>${notes}</Notes>${links}${tail}`,
  );
const memos = (p: Parts, opts = {}) => importQde(project(p), opts).snapshot.memos;
const target = (p: Parts) => memos(p).map((m) => [m.title, m.targetKind, m.targetId]);

describe('notes of an imported REFI-QDA project', () => {
  it('become memos on what refers to them: a code, a coding, an interview, the project', () => {
    const r = importQde(
      project({
        codeRefs: noteRef(1),
        sourceInner: sel(1, 26, 45, coding(1, noteRef(2)) + noteRef(3)) + noteRef(4),
        notes: [1, 2, 3, 4, 5, 6].map((n) => note({ n, text: `Text ${n}` })).join(''),
        tail: `<Description>x</Description>${noteRef(5)}`,
      }),
    );
    expect(r.snapshot.memos.map((m) => [m.title, m.targetKind, m.targetId, m.text])).toEqual([
      ['Note 1', 'code', CODE, 'Text 1'],
      ['Note 2', 'coding', guid('c0d1', 1), 'Text 2'],
      ['Note 3', 'coding', guid('c0d1', 1), 'Text 3'],
      ['Note 4', 'interview', S, 'Text 4'],
      ['Note 5', 'project', '', 'Text 5'],
      ['Note 6', 'project', '', 'Text 6'],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('referred to twice belong to the first that refers to them', () => {
    expect(target({ codeRefs: noteRef(1), sourceInner: noteRef(1), notes: note({ n: 1 }) })).toEqual([['Note 1', 'interview', S]]);
  });

  it('on a passage with no code become memos on the interview that quote the passage', () => {
    const r = memos({ sourceInner: sel(1, 26, 45, noteRef(1)), notes: note({ n: 1, text: 'She hesitates here.' }) });
    expect(r.map((m) => [m.targetKind, m.targetId, m.text])).toEqual([['interview', S, 'On the passage “It was hard to say.”:\n\nShe hesitates here.']]);
    // The passage's line breaks and runs of spaces are one space in the quote.
    const wide = memos({ sourceInner: sel(1, 3, 28, noteRef(1)), notes: note({ n: 1, text: 'x' }) });
    expect(wide[0]!.text).toBe('On the passage “How was it for you? C: It”:\n\nx');
    // Spaces at either end of the passage are left out of the quote.
    const spaced = memos({ sourceInner: sel(1, 22, 28, noteRef(1)), notes: note({ n: 1, text: 'x' }) });
    expect(spaced[0]!.text).toBe('On the passage “C: It”:\n\nx');
    // Runs of spaces and line breaks inside the passage are one space.
    const runs = importQde(project({ sourceInner: sel(1, 26, 48, noteRef(1)), notes: note({ n: 1, text: 'x' }) }).replace('It was hard to say.', 'It was  hard\n  to say.'));
    expect(runs.snapshot.memos[0]!.text).toBe('On the passage “It was hard to say.”:\n\nx');
  });

  it('keep their dates and their writer when known, the import’s time otherwise, and are read once', () => {
    const r = memos({
      notes:
        note({ n: 1, attrs: ` creatingUser="${U}" creationDateTime="2025-01-02T03:04:05Z" modifiedDateTime="2025-02-02T03:04:05Z"` }) +
        note({ n: 2, attrs: ` creatingUser="${guid('a5e7', 9)}" creationDateTime="2025-01-02T03:04:05Z" modifiedDateTime="later"` }) +
        note({ n: 3, attrs: ' creationDateTime="soon"' }) +
        note({ n: 1, name: 'Again' }),
    });
    expect(r.map((m) => [m.title, m.coderId, m.createdAt, m.updatedAt, m.text])).toEqual([
      ['Note 1', U, '2025-01-02T03:04:05Z', '2025-02-02T03:04:05Z', ''],
      ['Note 2', null, '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z', ''],
      ['Note 3', null, NOW, NOW, ''],
    ]);
  });

  it('keep what another tool wrote in their Description, before their text; Dyad’s own data there is not text', () => {
    const r = memos(
      {
        notes:
          note({ n: 1, description: 'Written in ATLAS.ti. ', text: 'Body.' }) +
          note({ n: 2, description: withDyadData('Dyad memo.', { kind: 'memo' }), text: 'Body 2.' }) +
          note({ n: 3, description: '  ', text: ' \n ' }) +
          note({ n: 4, text: 'inline' }),
      },
      { texts: new Map([[N(4), 'from the archive']]) },
    );
    expect(r.map((m) => m.text)).toEqual(['Written in ATLAS.ti.\n\nBody.', 'Body 2.', '', 'from the archive']);
  });

  it('Dyad wrote keep the target Dyad gave them, even one the file does not show', () => {
    const data = (t: unknown) => withDyadData('Memo.', { kind: 'memo', target: t });
    const r = memos({
      notes:
        note({ n: 1, description: data({ kind: 'session', id: 'sess-1' }) }) +
        note({ n: 2, description: data({ kind: 'dyad', id: 'dyad-1', name: 'D01' }) }) +
        note({ n: 3, description: data({ kind: 'shelf', id: 'x' }) }) +
        note({ n: 4, description: data({ kind: 'code', id: 7 }) }) +
        note({ n: 5, description: data({ kind: 'code', id: CODE }) }) +
        note({ n: 6, description: data({ kind: 'coding', id: 'coding-1' }) }),
    });
    expect(r.map((m) => [m.targetKind, m.targetId, m.targetName])).toEqual([
      ['session', 'sess-1', undefined],
      ['dyad', 'dyad-1', 'D01'],
      ['project', '', undefined],
      ['project', '', undefined],
      ['code', CODE, undefined],
      ['coding', 'coding-1', undefined],
    ]);
    expect('targetName' in r[0]!).toBe(false);
    // From the data beside the file as well.
    const extras = emptyExtras();
    extras.elements.set(N(1), { kind: 'memo', target: { kind: 'interview', id: S } });
    expect(memos({ notes: note({ n: 1 }) }, { extras }).map((m) => [m.targetKind, m.targetId])).toEqual([['interview', S]]);
  });

  it('whose passage or coding was not imported are project memos, and the import counts them', () => {
    const dup = sel(1, 3, 6, coding(1)) + sel(2, 3, 6, coding(2, noteRef(2)));
    const r = importQde(
      project({
        sourceInner: sel(3, 7, 7, coding(3, noteRef(1))) + dup + sel(4, 8, 8, noteRef(3)),
        notes: [1, 2, 3].map((n) => note({ n })).join(''),
      }),
    );
    expect(r.snapshot.memos.map((m) => [m.targetKind, m.targetId])).toEqual([['project', ''], ['project', ''], ['project', '']]);
    expect(r.warnings).toContain('study.qdpx: 3 memos belonged to something that was not imported and are kept as project memos.');
    const one = importQde(project({ sourceInner: sel(3, 7, 7, coding(3, noteRef(1))), notes: note({ n: 1 }) }));
    expect(one.warnings).toContain('study.qdpx: 1 memo belonged to something that was not imported and is kept as project memos.');
    // Referred to from an imported coding too: attached there, not counted.
    const also = importQde(project({ sourceInner: sel(3, 7, 7, coding(3, noteRef(1))) + sel(4, 3, 6, coding(4, noteRef(1))), notes: note({ n: 1 }) }));
    expect(also.snapshot.memos.map((m) => [m.targetKind, m.targetId])).toEqual([['coding', guid('c0d1', 4)]]);
    expect(also.warnings.join('\n')).not.toContain('memo');
  });

  it('of a selection whose codings all repeated others quote the passage on the interview', () => {
    const r = memos({ sourceInner: sel(1, 3, 6, coding(1)) + sel(2, 3, 6, coding(2) + noteRef(1)), notes: note({ n: 1, text: 'x' }) });
    expect(r.map((m) => [m.targetKind, m.text])).toEqual([['interview', 'On the passage “How”:\n\nx']]);
  });
});

describe('memos written as a selection’s Description (as QualCoder writes coding memos)', () => {
  it('become memos on the selection’s first coding, titled with its code, by the selection’s coder and time', () => {
    const r = memos({ sourceInner: sel(1, 26, 45, coding(1) + coding(2, '', guid('a5e7', 2)), ' She means it. ', ` creatingUser="${U}" creationDateTime="2025-03-03T10:00:00Z"`) });
    expect(r).toEqual([
      {
        id: deriveId('refi-selection-memo', guid('5e1', 1)),
        targetKind: 'coding',
        targetId: guid('c0d1', 1),
        coderId: U,
        title: 'Memo on a passage coded Hard to say',
        text: ' She means it. ',
        createdAt: '2025-03-03T10:00:00Z',
        updatedAt: '2025-03-03T10:00:00Z',
      },
    ]);
  });

  it('are titled with the selection’s own code when the codebook has several', () => {
    const SECOND = guid('c0de', 2);
    const xml = project({ sourceInner: sel(1, 26, 45, coding(1).replace(CODE, SECOND), 'Said twice.') }).replace(
      '</Code></Codes>',
      `</Code><Code guid="${SECOND}" name="Withdrawal" isCodable="true"/></Codes>`,
    );
    expect(importQde(xml).snapshot.memos.map((m) => [m.title, m.targetKind, m.targetId])).toEqual([['Memo on a passage coded Withdrawal', 'coding', guid('c0d1', 1)]]);
  });

  it('on a passage with no code are memos on the interview that quote it; an unknown writer and a bad time are not kept', () => {
    const r = memos({ sourceInner: sel(1, 3, 22, '', 'A question.', ` creatingUser="${guid('a5e7', 9)}" creationDateTime="then"`) });
    expect(r.map((m) => [m.targetKind, m.targetId, m.title, m.text, m.coderId, m.createdAt])).toEqual([
      ['interview', S, 'Memo on a passage', 'On the passage “How was it for you?”:\n\nA question.', null, NOW],
    ]);
  });

  it('are not repeated when they say what the notes the selection refers to say (Dyad writes both)', () => {
    const r = memos({
      sourceInner:
        sel(1, 3, 6, coding(1, noteRef(1)), ' Same text. ') +
        sel(2, 7, 10, coding(2) + noteRef(2) + noteRef(3), 'First.\n\nSecond.') +
        sel(3, 11, 14, coding(3) + noteRef(4), 'Something else.') +
        sel(4, 15, 18, coding(4), '   '),
      notes: note({ n: 1, text: 'Same text.' }) + note({ n: 2, text: 'First.' }) + note({ n: 3, text: 'Second.' }) + note({ n: 4, text: 'Other.' }),
    });
    expect(r.map((m) => m.text)).toEqual(['Same text.', 'First.', 'Second.', 'Other.', 'Something else.']);
  });

  it('of two selections with the same GUID in two sources are one memo', () => {
    const two = project({ sourceInner: sel(1, 3, 6, coding(1), 'Memo.') }).replace(
      '</Sources>',
      `<TextSource guid="${guid('50a1ce', 2)}" name="D02"><PlainTextContent>${TEXT}</PlainTextContent>${sel(1, 3, 6, coding(2), 'Memo.')}</TextSource></Sources>`,
    );
    expect(importQde(two).snapshot.memos).toHaveLength(1);
  });
});

describe('cases, variables and links of an imported REFI-QDA project', () => {
  const V = (n: number) => guid('fa7', n);
  const variables = `<Variables><Variable guid="${V(1)}" name="Age" typeOfVariable="Integer"/><Variable guid="${V(2)}" name="Site" typeOfVariable="Text"/></Variables>`;
  const value = (n: number, v: string, kind = 'TextValue') => `<VariableValue><VariableRef targetGUID="${V(n)}"/><${kind}>${v}</${kind}></VariableValue>`;
  const dyadCase = (n: number, name: string, sessions: unknown[], inner = '') =>
    `<Case guid="${written(guid('ca5e', n))}" name="${esc(name)}"><Description>${esc(withDyadData('A dyad of Dyad.', { kind: 'dyad', sessions }))}</Description>${inner}</Case>`;
  const read = (cases: string, links = '', notes = '') => importQde(project({ cases: variables + `<Cases>${cases}</Cases>`, links, notes }));

  it('Dyad wrote are dyads again, with their attributes and sessions', () => {
    const r = read(
      dyadCase(1, ' D01 ', [{ id: 's1', number: 1, date: '2025-01-10' }, { id: 's2', number: 2 }, { id: 3, number: 3 }, { id: 's4', number: '4' }], value(1, '34', 'IntegerValue') + value(2, 'North') + value(9, 'lost')) +
        dyadCase(2, 'd01 ', [{ id: 'other', number: 1 }]),
    );
    expect(r.snapshot.dyads).toEqual([
      { id: guid('ca5e', 1), name: 'D01', attributes: { Age: '34', Site: 'North' }, sessions: [{ id: 's1', number: 1, date: '2025-01-10' }, { id: 's2', number: 2, date: null }] },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('of other tools are not imported, and the import says so', () => {
    const other = (n: number, name = `Case ${n}`) => `<Case guid="${guid('ca5e', n)}" name="${name}"><Description>Participant</Description></Case>`;
    expect(read(other(1)).warnings).toEqual(['study.qdpx: 1 case and its variables were not imported; in Dyad, attributes belong to dyads, which you assign below.']);
    const r = read(other(1) + other(2) + dyadCase(3, '  ', []) + `<Case guid="${guid('ca5e', 4)}" name="x"><Description>${esc(withDyadData('', { kind: 'memo' }))}</Description></Case>`);
    expect(r.snapshot.dyads).toEqual([]);
    expect(r.warnings).toEqual(['study.qdpx: 4 cases and their variables were not imported; in Dyad, attributes belong to dyads, which you assign below.']);
    // A dyad's sessions that are not a list: a dyad without sessions.
    expect(read(dyadCase(1, 'D01', 'none' as unknown as unknown[])).snapshot.dyads[0]!.sessions).toEqual([]);
  });

  it('a memo linked to a dyad’s case is a memo on the dyad; other links are counted as not imported', () => {
    const link = (n: number, from: string | null, to: string | null) =>
      `<Link guid="${guid('11a4', n)}" name="l"${from ? ` originGUID="${from}"` : ''}${to ? ` targetGUID="${to}"` : ''}/>`;
    const r = read(
      dyadCase(1, 'D01', []),
      `<Links>${link(1, N(1), guid('ca5e', 1))}${link(2, N(2), CODE)}${link(3, null, guid('ca5e', 1))}${link(4, N(3), null)}</Links>`,
      note({ n: 1 }) + note({ n: 2 }) + note({ n: 3 }),
    );
    expect(r.snapshot.memos.map((m) => [m.targetKind, m.targetId, m.targetName])).toEqual([
      ['dyad', guid('ca5e', 1), 'D01'],
      ['project', '', undefined],
      ['project', '', undefined],
    ]);
    expect(r.warnings).toEqual(['study.qdpx: not imported: 3 links between items (Dyad has no links of this kind).']);
    expect(read(dyadCase(1, 'D01', []), `<Links>${link(2, N(2), CODE)}</Links>`).warnings).toEqual(['study.qdpx: not imported: 1 link between items (Dyad has no links of this kind).']);
  });

  it('interviews of a dyad join its case by name, in any case, and add the sessions it lacks', () => {
    const extras = emptyExtras();
    const interview = (session: number) => ({ kind: 'interview', dyad: ' d01 ', session, role: 'client', sourceName: 'x', text: '', turns: [], moments: [] });
    extras.elements.set(S, interview(2));
    extras.elements.set(guid('50a1ce', 2), interview(1));
    extras.elements.set(guid('ca5e', 1), { kind: 'dyad', sessions: [{ id: 's1', number: 1, date: null }] });
    const xml = project({ cases: `<Cases><Case guid="${guid('ca5e', 1)}" name="D01"/></Cases>` }).replace(
      '</Sources>',
      `<TextSource guid="${guid('50a1ce', 2)}" name="D02"><PlainTextContent>T: a\nC: b</PlainTextContent></TextSource></Sources>`,
    );
    const r = importQde(xml, { extras });
    expect(r.snapshot.dyads.map((d) => [d.id, d.name, d.sessions.map((s) => [s.number, s.id === 's1'])])).toEqual([
      [guid('ca5e', 1), 'D01', [[1, true], [2, false]]],
    ]);
    // Without the case: one dyad made from the interviews, named as they name it.
    extras.elements.delete(guid('ca5e', 1));
    const made = importQde(qde(xml.replace(/<Cases>.*<\/Cases>/s, '').replace(/^.*<Project[^>]*>|<\/Project>\s*$/gs, '')), { extras });
    expect(made.snapshot.dyads.map((d) => [d.name, d.sessions.map((s) => s.number)])).toEqual([['d01', [2, 1]]]);
  });
});

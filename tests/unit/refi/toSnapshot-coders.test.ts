import { describe, expect, it } from 'vitest';
import { codingGuid } from '../../../shared/refi/writeProject';
import { guid, importQde, NOW, qde, users, written } from './qdeProject';

// Who made each coding of an imported REFI-QDA project, and when (shared/refi/toSnapshot.ts): the users become
// Dyad's coders; a coding names its coder itself, or through its selection, its source or the project; repeated
// codings are imported once.

const U = (n: number) => guid('a5e7', n);
const S = guid('50a1ce', 1);
const CODE = guid('c0de', 1);
const CODE2 = guid('c0de', 2);
const TEXT = 'T: How was it for you?\nC: It was hard to say.\n';
const book = `<CodeBook><Codes><Code guid="${CODE}" name="Hard to say" isCodable="true"/><Code guid="${CODE2}" name="Question" isCodable="true"/></Codes></CodeBook>`;

interface Coding {
  n: number;
  code?: string;
  user?: string;
  when?: string;
  guid?: string;
}
const coding = ({ n, code = CODE, user, when, guid: g }: Coding) =>
  `<Coding guid="${g ?? guid('c0d1', n)}"${user ? ` creatingUser="${written(user)}"` : ''}${when ? ` creationDateTime="${when}"` : ''}><CodeRef targetGUID="${code}"/></Coding>`;
const sel = (n: number, start: number, end: number, codings: string, attrs = '') =>
  `<PlainTextSelection guid="${guid('5e1', n)}" startPosition="${start}" endPosition="${end}"${attrs}>${codings}</PlainTextSelection>`;
const project = (body: string, sourceAttrs = '', projectAttrs: Record<string, string> = {}) =>
  qde(`${body}${book}<Sources><TextSource guid="${S}" name="D01"${sourceAttrs}><PlainTextContent>${TEXT}</PlainTextContent>`, projectAttrs);
const withSelections = (head: string, selections: string, sourceAttrs = '', projectAttrs: Record<string, string> = {}) =>
  project(head, sourceAttrs, projectAttrs).replace('</PlainTextContent>', `</PlainTextContent>${selections}</TextSource></Sources>`);

describe('coders of an imported REFI-QDA project', () => {
  it('are its users, once each, unnamed ones called after their GUID, equal names told apart', () => {
    const r = importQde(withSelections(users([U(1), 'Ana'], [U(2), ' '], [U(1), 'Ana again'], [U(3), 'ana ']), ''));
    expect(r.snapshot.coders).toEqual([
      { id: U(1), name: 'Ana' },
      { id: U(2), name: `Coder ${U(2).slice(0, 8)}` },
      { id: U(3), name: 'ana (2)' },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('are named on each coding: its own user first, then its selection’s, its source’s, the project’s', () => {
    const r = importQde(
      withSelections(
        users([U(1), 'Ana'], [U(2), 'Ben'], [U(3), 'Cleo'], [U(4), 'Dev']),
        sel(1, 3, 6, coding({ n: 1, user: U(1) }), ` creatingUser="${U(2)}"`) +
          sel(2, 7, 10, coding({ n: 2 }), ` creatingUser="${U(2)}"`) +
          sel(3, 11, 14, coding({ n: 3 })),
        ` creatingUser="${U(3)}"`,
        { creatingUserGUID: U(4) },
      ),
    );
    expect(r.snapshot.codings.map((c) => c.coderId)).toEqual([U(1), U(2), U(3)]);
    const projectOnly = importQde(withSelections(users([U(4), 'Dev']), sel(3, 11, 14, coding({ n: 3 })), '', { creatingUserGUID: U(4) }));
    expect(projectOnly.snapshot.codings.map((c) => c.coderId)).toEqual([U(4)]);
  });

  it('who are named nowhere are one "Unknown coder", and the import says so once', () => {
    const r = importQde(withSelections(users([U(1), 'Ana']), sel(1, 3, 6, coding({ n: 1 })) + sel(2, 7, 10, coding({ n: 2 }))));
    const unknown = r.snapshot.coders.find((c) => c.name === 'Unknown coder')!;
    expect(r.snapshot.coders).toHaveLength(2);
    expect(r.snapshot.codings.map((c) => c.coderId)).toEqual([unknown.id, unknown.id]);
    expect(r.warnings).toEqual(['study.qdpx: some codings do not say who made them; they are attributed to a coder called "Unknown coder".']);
    // A user of that very name keeps it; the unknown one is told apart.
    const named = importQde(withSelections(users([U(1), 'Unknown coder']), sel(1, 3, 6, coding({ n: 1 }))));
    expect(named.snapshot.coders.map((c) => c.name)).toEqual(['Unknown coder', 'Unknown coder (2)']);
  });

  it('not listed among the users are added with a name from their GUID, and counted', () => {
    const r = importQde(withSelections(users([U(1), 'Ana']), sel(1, 3, 6, coding({ n: 1, user: U(7) })) + sel(2, 7, 10, coding({ n: 2, user: U(7) }))));
    expect(r.snapshot.coders).toEqual([{ id: U(1), name: 'Ana' }, { id: U(7), name: `Coder ${U(7).slice(0, 8)}` }]);
    expect(r.warnings).toEqual(['study.qdpx: 1 coder named in codings is not listed among the users and was given a name from the GUID.']);
    const two = importQde(withSelections('', sel(1, 3, 6, coding({ n: 1, user: U(7) })) + sel(2, 7, 10, coding({ n: 2, user: U(8) }))));
    expect(two.warnings).toEqual(['study.qdpx: 2 coders named in codings are not listed among the users and were given a name from the GUID.']);
  });
});

describe('codings of an imported REFI-QDA project', () => {
  const head = users([U(1), 'Ana'], [U(2), 'Ben']);

  it('keep the time they were made: the coding’s, else the selection’s, else the import’s', () => {
    const r = importQde(
      withSelections(
        head,
        sel(1, 3, 6, coding({ n: 1, user: U(1), when: '2025-05-01T09:00:00Z' }), ' creationDateTime="2025-04-01T09:00:00Z"') +
          sel(2, 7, 10, coding({ n: 2, user: U(1), when: 'yesterday' }), ' creationDateTime="2025-04-02T09:00:00Z"') +
          sel(3, 11, 14, coding({ n: 3, user: U(1) }), ' creationDateTime="April"'),
      ),
    );
    expect(r.snapshot.codings.map((c) => c.createdAt)).toEqual(['2025-05-01T09:00:00Z', '2025-04-02T09:00:00Z', NOW]);
  });

  it('are imported once when the same passage has the same code by the same coder twice, and the import says how often', () => {
    const twice = sel(1, 3, 6, coding({ n: 1, user: U(1) }) + coding({ n: 2, user: U(1) })) + sel(2, 3, 6, coding({ n: 3, user: U(1) }));
    const r = importQde(withSelections(head, twice + sel(3, 3, 6, coding({ n: 4, user: U(2) }) + coding({ n: 5, user: U(1), code: CODE2 })) + sel(4, 3, 7, coding({ n: 6, user: U(1) }))));
    expect(r.snapshot.codings.map((c) => [c.id, c.coderId, c.codeId, c.start, c.end])).toEqual([
      [guid('c0d1', 1), U(1), CODE, 3, 6],
      [guid('c0d1', 4), U(2), CODE, 3, 6],
      [guid('c0d1', 5), U(1), CODE2, 3, 6],
      [guid('c0d1', 6), U(1), CODE, 3, 7],
    ]);
    expect(r.warnings).toEqual(['study.qdpx: 2 codings repeated another one exactly (same passage, code and coder) and were imported once.']);
    const once = importQde(withSelections(head, sel(1, 3, 6, coding({ n: 1, user: U(1) })) + sel(2, 3, 6, coding({ n: 2, user: U(1) }))));
    expect(once.warnings).toEqual(['study.qdpx: 1 coding repeated another one exactly (same passage, code and coder) and was imported once.']);
  });

  it('keep the id Dyad gave them (the selection’s, when the coding’s GUID is the one Dyad derives from it)', () => {
    const selGuid = guid('5e1', 1);
    const dyads = sel(1, 3, 6, coding({ n: 1, user: U(1), guid: codingGuid(selGuid) }));
    const other = sel(2, 7, 10, coding({ n: 2, user: U(1), guid: codingGuid(guid('5e1', 9)) }));
    const r = importQde(withSelections(head, dyads + other));
    expect(r.snapshot.codings.map((c) => c.id)).toEqual([selGuid, codingGuid(guid('5e1', 9))]);
  });

  it('that share a GUID each get an id of their own, the same on every import', () => {
    const same = guid('c0d1', 1);
    const xml = withSelections(head, sel(1, 3, 6, coding({ n: 1, user: U(1), guid: same })) + sel(2, 7, 10, coding({ n: 2, user: U(1), guid: same })) + sel(3, 11, 14, coding({ n: 3, user: U(1), guid: same })));
    const ids = importQde(xml).snapshot.codings.map((c) => c.id);
    expect(ids[0]).toBe(same);
    expect(new Set(ids).size).toBe(3);
    expect(importQde(xml).snapshot.codings.map((c) => c.id)).toEqual(ids);
    // Whole-source codings sharing a GUID too.
    const whole = project(head).replace('</PlainTextContent>', `</PlainTextContent>${coding({ n: 1, user: U(1), guid: same })}${coding({ n: 1, user: U(2), guid: same })}</TextSource></Sources>`);
    expect(new Set(importQde(whole).snapshot.codings.map((c) => c.id)).size).toBe(2);
  });

  it('of one selection may carry several codes, each placed on the same passage', () => {
    const r = importQde(withSelections(head, sel(1, 26, 45, coding({ n: 1, user: U(1) }) + coding({ n: 2, user: U(1), code: CODE2 }))));
    expect(r.snapshot.codings.map((c) => [c.codeId, TEXT.slice(c.start, c.end), c.interviewId])).toEqual([
      [CODE, 'It was hard to say.', S],
      [CODE2, 'It was hard to say.', S],
    ]);
  });
});

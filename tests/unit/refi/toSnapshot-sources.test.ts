import { describe, expect, it } from 'vitest';
import { emptyExtras, textFingerprint, withDyadData } from '../../../shared/refi/dyadData';
import { esc, guid, importQde, qde, refusal, users, written } from './qdeProject';

// The interviews an imported REFI-QDA project gives (shared/refi/toSnapshot.ts): each text source's text, name,
// speaker turns (found by the transcript parser, or as Dyad wrote them), codings of whole sources, sources whose
// text is missing, and how positions were read.

const S = (n: number) => guid('50a1ce', n);
const CODE = guid('c0de', 1);
const USER = guid('a5e7', 1);
const DIALOGUE = 'T: How was it for you?\nC: It was hard to say.\n';
const book = `<CodeBook><Codes><Code guid="${CODE}" name="Hard to say" isCodable="true"/></Codes></CodeBook>`;

interface Src {
  n: number;
  name?: string;
  text?: string | null;
  attrs?: string;
  inner?: string;
  description?: string;
}
const source = ({ n, name, text = DIALOGUE, attrs = '', inner = '', description }: Src) =>
  `<TextSource guid="${written(S(n))}"${name === undefined ? '' : ` name="${esc(name)}"`}${attrs}>` +
  (description === undefined ? '' : `<Description>${esc(description)}</Description>`) +
  (text === null ? '' : `<PlainTextContent>${esc(text)}</PlainTextContent>`) +
  `${inner}</TextSource>`;
const sources = (...s: string[]) => `<Sources>${s.join('')}</Sources>`;
const wholeCoding = (n: number) => `<Coding guid="${guid('c0d1', n)}" creatingUser="${USER}"><CodeRef targetGUID="${CODE}"/></Coding>`;
const selection = (n: number, start: number, end: number) =>
  `<PlainTextSelection guid="${guid('5e1', n)}" startPosition="${start}" endPosition="${end}" creatingUser="${USER}">${wholeCoding(100 + n)}</PlainTextSelection>`;

describe('sources of an imported REFI-QDA project', () => {
  it('become interviews with their text and speaker turns, not yet assigned to a dyad', () => {
    const r = importQde(qde(users([USER, 'Ana']) + sources(source({ n: 1, name: ' D01 client ' }))));
    const [i] = r.snapshot.interviews;
    expect(i).toMatchObject({ id: S(1), dyad: null, session: null, role: null, sourceName: 'D01 client', text: DIALOGUE, moments: [] });
    expect(i!.turns.map((t) => [t.speaker, DIALOGUE.slice(t.start, t.end)])).toEqual([['T', 'How was it for you?'], ['C', 'It was hard to say.']]);
    expect(r.sourceCount).toEqual({ text: 1, missing: 0, other: 0 });
    expect(r.fromDyad).toEqual([]);
    expect(r.snapshot.name).toBe('Recall study');
    expect(r.origin).toBe('QualCoder 3.6');
  });

  it('take their text from the archive before the inline copy', () => {
    const r = importQde(qde(sources(source({ n: 1, name: 'a', text: 'stale' }))), { texts: new Map([[S(1), DIALOGUE]]) });
    expect(r.snapshot.interviews[0]!.text).toBe(DIALOGUE);
  });

  it('are named by their name, else their file, else their GUID', () => {
    const r = importQde(
      qde(sources(source({ n: 1, name: '  ' , attrs: ' plainTextPath="internal://sources\\D02_therapist.txt"' }), source({ n: 2, attrs: ' plainTextPath="relative://D03.txt"' }), source({ n: 3 }))),
    );
    expect(r.snapshot.interviews.map((i) => i.sourceName)).toEqual(['D02_therapist.txt', 'D03.txt', `Source ${S(3).slice(0, 8)}`]);
  });

  it('without speaker labels are plain text, and the import says how many', () => {
    const plain = (n: number) => source({ n, name: `notes ${n}`, text: 'Field notes, no speakers.' });
    const one = importQde(qde(sources(plain(1), source({ n: 2, name: 'talk' }))));
    expect(one.snapshot.interviews.map((i) => i.turns.length)).toEqual([0, 2]);
    expect(one.snapshot.interviews[0]!.moments).toEqual([]);
    expect(one.warnings).toContain('study.qdpx: no speaker turns were recognised in 1 source; it is imported as plain text.');
    expect(importQde(qde(sources(plain(1), plain(2)))).warnings).toContain('study.qdpx: no speaker turns were recognised in 2 sources; they are imported as plain text.');
    // Asked not to look for turns: no turns, and nothing to say about it.
    const asked = importQde(qde(sources(plain(1), source({ n: 2, name: 'talk' }))), { findTurns: false });
    expect(asked.snapshot.interviews.map((i) => i.turns.length)).toEqual([0, 0]);
    expect(asked.warnings).toEqual([]);
  });

  it('find recall moments with the researcher’s own marker pattern', () => {
    const text = 'T: And then? <t=1:05>\nC: Then nothing.\n';
    const moments = (patterns?: string[]) =>
      importQde(qde(sources(source({ n: 1, name: 'x', text }))), patterns ? { customMarkerPatterns: patterns } : {}).snapshot.interviews[0]!.moments;
    expect(moments(['<t=(\\d+:\\d\\d)>']).map((m) => [m.sessionTime, m.offset])).toEqual([[65, text.indexOf('<t=')]]);
    expect(moments()).toEqual([]);
  });

  it('a source GUID written twice stops the import, naming it', () => {
    expect(refusal(qde(sources(source({ n: 1, name: 'first' }), source({ n: 1, name: 'second' }))))).toBe(
      `study.qdpx: the source GUID ${S(1)} ("second") occurs twice. Nothing was imported.`,
    );
  });

  it('whose text is missing are left out, named with the reason, with the coded passages lost on them counted', () => {
    const lost = source({ n: 1, name: 'D01', text: null, inner: selection(1, 0, 3) + selection(2, 3, 5) + wholeCoding(9) });
    const r = importQde(qde(book + sources(lost, source({ n: 2, name: 'D02' }), source({ n: 3, text: null }))), {
      missingTexts: new Map([[S(1), 'the file gives no text for it']]),
    });
    expect(r.snapshot.interviews.map((i) => i.id)).toEqual([S(2)]);
    expect(r.sourceCount).toEqual({ text: 1, missing: 2, other: 0 });
    expect(r.warnings).toContain(
      `study.qdpx: the text of 2 sources is not in the file, so they were not imported: "D01" (the file gives no text for it), "${S(3)}"; 3 coded passages on them could not be imported.`,
    );
    const one = importQde(qde(sources(source({ n: 1, name: 'D01', text: null }))));
    expect(one.warnings).toContain('study.qdpx: the text of 1 source is not in the file, so it was not imported: "D01".');
    const oneCoded = importQde(qde(book + sources(source({ n: 1, name: 'D01', text: null, inner: selection(1, 0, 3) }))));
    expect(oneCoded.warnings).toContain('study.qdpx: the text of 1 source is not in the file, so it was not imported: "D01"; 1 coded passage on it could not be imported.');
  });

  it('when many texts are missing, ten are named', () => {
    const list = Array.from({ length: 11 }, (_, k) => source({ n: k + 1, name: `D${k + 1}`, text: null }));
    const w = importQde(qde(sources(...list))).warnings.find((x) => x.includes('not in the file'))!;
    expect(w).toBe(`study.qdpx: the text of 11 sources is not in the file, so they were not imported: ${list.slice(0, 10).map((_, k) => `"D${k + 1}"`).join(', ')}, ….`);
    const ten = importQde(qde(sources(...list.slice(0, 10)))).warnings.find((x) => x.includes('not in the file'))!;
    expect(ten).not.toContain('…');
  });

  it('coded as a whole are coded over their whole text; an empty source’s whole coding is nothing to code', () => {
    const r = importQde(qde(users([USER, 'Ana']) + book + sources(source({ n: 1, name: 'a', inner: wholeCoding(1) }), source({ n: 2, name: 'b', text: '', inner: wholeCoding(2) }))));
    expect(r.snapshot.codings.map((c) => [c.interviewId, c.start, c.end])).toEqual([[S(1), 0, DIALOGUE.length]]);
    expect(r.warnings).toContain('study.qdpx: 1 coding of a whole source was imported as coding the whole text.');
    const two = importQde(qde(book + sources(source({ n: 1, name: 'a', inner: wholeCoding(1) + wholeCoding(3).replace(USER, guid('a5e7', 2)) }))));
    expect(two.warnings).toContain('study.qdpx: 2 codings of a whole source were imported as coding the whole text.');
  });

  it('a whole-source coding of a code the codebook lacks stops the import, naming the coding and the source', () => {
    const bad = source({ n: 1, name: 'D01', inner: wholeCoding(1).replace(CODE, guid('c0de', 9)) });
    expect(refusal(qde(book + sources(bad)))).toBe(
      `study.qdpx: Coding ${guid('c0d1', 1)} of source "D01" refers to the code ${guid('c0de', 9)}, which is not in the codebook. Nothing was imported.`,
    );
  });
});

describe('how positions were read, as the import tells it', () => {
  // "C: 🙂 yes" — the emoji makes code points and UTF-16 units differ after it.
  const TEXT = 'C: I felt 🙂 seen.';
  const coded = (origin: string, ...sels: [number, number][]) =>
    importQde(qde(book + sources(source({ n: 1, name: 'a', text: TEXT, inner: sels.map(([a, b], k) => selection(k + 1, a, b)).join('') })), { origin }));

  it('a file whose selections only fit UTF-16 is read so, and the import says why', () => {
    const r = coded('MAXQDA 2022', [12, 18]);
    expect(r.positionUnit).toBe('utf16');
    expect(r.warnings).toContain('study.qdpx: positions were read as UTF-16 code units (as NVivo writes them), because 1 selection would fall outside the text or split a character the other way.');
  });

  it('a file whose selections fit both ways is read as the standard says, and the import says why', () => {
    const r = coded('MAXQDA 2022', [3, 9], [11, 17]);
    expect(r.positionUnit).toBe('code-points');
    expect(r.warnings.some((w) => w.startsWith('study.qdpx: positions were read as code points (as the REFI-QDA standard says), because '))).toBe(true);
    expect(TEXT.slice(r.snapshot.codings[1]!.start, r.snapshot.codings[1]!.end)).toBe(' seen.');
  });

  it('Dyad’s own file, in code points, is read without a word about it', () => {
    const r = coded('Dyad 1.4', [3, 9], [11, 17]);
    expect(r.positionUnit).toBe('code-points');
    expect(r.warnings.filter((w) => w.includes('positions were read'))).toEqual([]);
    // Another program whose name merely contains "Dyad" is told about, as is Dyad's file read as UTF-16.
    expect(coded('NotDyad 2', [3, 9], [11, 17]).warnings.some((w) => w.includes('positions were read as code points'))).toBe(true);
    expect(coded('Dyad 1.4', [12, 18]).warnings.some((w) => w.includes('positions were read as UTF-16'))).toBe(true);
  });

  it('a selection past the text names the unit it was counted in', () => {
    const msg = refusal(qde(book + sources(source({ n: 1, name: 'a', text: TEXT, inner: selection(1, 12, 18) + selection(2, 0, 40) })), { origin: 'NVivo 14' }));
    expect(msg).toContain('outside the source\'s text (18 UTF-16 code units)');
  });
});

describe('interviews Dyad exported come back with their dyad, session, role, turns and moments', () => {
  const TEXT = 'T: How was it for you?\nC: It was hard to say.\n';
  const turn = (id: string, seq: number, start: number, end: number, time: number | null = null, points?: unknown) =>
    [id, seq, seq ? 'C' : 'T', seq ? 'participant' : 'interviewer', start, end, time, ...(points === undefined ? [] : [points])];
  const goodTurns = () => [turn('t0', 0, 3, 22, 1.5, [[4, 3.0]]), turn('t1', 1, 26, 45, 4)];
  const data = (over: Record<string, unknown> = {}) => ({
    kind: 'interview', dyad: 'D01', session: 2, role: 'client', sourceName: 'D01 S2 client.txt',
    text: textFingerprint(TEXT), turns: goodTurns(), moments: [['m1', 65.5, 26, 'looks away']], ...over,
  });
  const read = (d: Record<string, unknown>, text = TEXT) => {
    const extras = emptyExtras();
    extras.elements.set(S(1), d);
    return importQde(qde(sources(source({ n: 1, name: 'renamed by another tool', text }))), { extras });
  };

  it('as written, when the text is the one Dyad wrote', () => {
    const r = read(data());
    const [i] = r.snapshot.interviews;
    expect(i).toMatchObject({ dyad: 'D01', session: 2, role: 'client', sourceName: 'D01 S2 client.txt' });
    expect(i!.turns).toEqual([
      { id: 't0', seq: 0, speaker: 'T', speakerRole: 'interviewer', start: 3, end: 22, interviewTime: 1.5, timePoints: [[4, 3.0]] },
      { id: 't1', seq: 1, speaker: 'C', speakerRole: 'participant', start: 26, end: 45, interviewTime: 4 },
    ]);
    expect(i!.moments).toEqual([{ id: 'm1', sessionTime: 65.5, offset: 26, label: 'looks away' }]);
    expect(r.fromDyad).toEqual([S(1)]);
    expect(r.warnings).toEqual([]);
    // The dyad and its session exist even though the file has no Case for them.
    expect(r.snapshot.dyads.map((d) => [d.name, d.sessions.map((s) => s.number)])).toEqual([['D01', [2]]]);
  });

  it('from the old form in the Description too', () => {
    const r = importQde(qde(sources(source({ n: 1, name: 'x', text: TEXT, description: withDyadData('Interview of D01.', data()) }))));
    expect(r.snapshot.interviews[0]).toMatchObject({ dyad: 'D01', session: 2, role: 'client' });
  });

  it('with turns found again when another tool changed the text, and the import says so', () => {
    const changed = TEXT.replace('hard', 'HARD');
    const r = read(data(), changed);
    const [i] = r.snapshot.interviews;
    expect(i).toMatchObject({ dyad: 'D01', session: 2, role: 'client' });
    expect(i!.turns.map((t) => t.id)).not.toContain('t0');
    expect(i!.turns.map((t) => changed.slice(t.start, t.end))).toEqual(['How was it for you?', 'It was HARD to say.']);
    expect(r.warnings).toEqual(['study.qdpx: the text of 1 interview was changed after Dyad exported it; speaker turns and recall moments were found again.']);
  });

  it('with turns found again when any part of Dyad’s turns or moments is unreadable', () => {
    const badTurns: unknown[] = [
      ['not a list'],
      [turn('t0', 0, 3, 22).slice(0, 6)],
      [[7, 0, 'T', 'interviewer', 3, 22, null]],
      [[ 't0', 0.5, 'T', 'interviewer', 3, 22, null]],
      [['t0', 0, 5, 'interviewer', 3, 22, null]],
      [['t0', 0, 'T', 'therapist', 3, 22, null]],
      [turn('t0', 0, 3.5, 22)],
      [turn('t0', 0, 3, 22.5)],
      [turn('t0', 0, -1, 22)],
      [turn('t0', 0, 22, 21)],
      [turn('t0', 0, 3, TEXT.length + 1)],
      [turn('t0', 0, 3, 22, '1.5' as unknown as number)],
      [turn('t0', 0, 3, 22, 1, [[4, 'x']])],
    ];
    const badMoments: unknown[] = [
      ['m'],
      [['m1', 65.5, 26]],
      [[1, 65.5, 26, 'x']],
      [['m1', '65', 26, 'x']],
      [['m1', 65.5, 2.5, 'x']],
      [['m1', 65.5, 26, null]],
      [['m1', 65.5, -1, 'x']],
      [['m1', 65.5, TEXT.length + 1, 'x']],
    ];
    badTurns.push([{}]);
    badMoments.push([{}]);
    for (const turns of badTurns) {
      const r = read(data({ turns }));
      expect(r.snapshot.interviews[0]!.turns.map((t) => t.id), JSON.stringify(turns)).not.toContain('t0');
      expect(r.warnings, JSON.stringify(turns)).toContain('study.qdpx: the text of 1 interview was changed after Dyad exported it; speaker turns and recall moments were found again.');
    }
    for (const moments of badMoments) {
      const r = read(data({ moments }));
      expect(r.snapshot.interviews[0]!.turns.map((t) => t.id), JSON.stringify(moments)).not.toContain('t0');
      expect(r.warnings, JSON.stringify(moments)).toContain('study.qdpx: the text of 1 interview was changed after Dyad exported it; speaker turns and recall moments were found again.');
    }
  });

  it('with turns and moments at the very edges of the text accepted', () => {
    const edge = read(data({ turns: [turn('t0', 0, 0, 0), [...turn('t1', 1, 3, TEXT.length).slice(0, 3), 'unknown', ...turn('t1', 1, 3, TEXT.length).slice(4)]], moments: [['m0', 0, 0, ''], ['m1', 1, TEXT.length, 'end']] }));
    expect(edge.snapshot.interviews[0]!.turns.map((t) => [t.id, t.speakerRole, t.start, t.end])).toEqual([['t0', 'interviewer', 0, 0], ['t1', 'unknown', 3, TEXT.length]]);
    expect(edge.snapshot.interviews[0]!.moments.map((m) => m.offset)).toEqual([0, TEXT.length]);
    expect(edge.warnings).toEqual([]);
    // No turns and no moments written: none, not found again.
    const none = read(data({ turns: 'x', moments: undefined }));
    expect(none.snapshot.interviews[0]!.turns).toEqual([]);
    expect(none.snapshot.interviews[0]!.moments).toEqual([]);
  });

  it('as another tool’s source when Dyad’s interview data is incomplete', () => {
    const broken: Record<string, unknown>[] = [
      { kind: 'dyad' },
      { dyad: 7 },
      { dyad: '  ' },
      { session: 0 },
      { session: 1.5 },
      { session: '2' },
      { role: 'supervisor' },
      { sourceName: null },
    ];
    for (const over of broken) {
      const r = read(data(over));
      expect(r.snapshot.interviews[0], JSON.stringify(over)).toMatchObject({ dyad: null, session: null, role: null, sourceName: 'renamed by another tool' });
      expect(r.fromDyad).toEqual([]);
    }
    // Session 1 and every role are Dyad's.
    for (const role of ['client', 'therapist', 'other']) expect(read(data({ session: 1, role })).snapshot.interviews[0]).toMatchObject({ session: 1, role });
    // Without a fingerprint the text counts as changed; an empty source name gives way to the source's.
    const r = read(data({ text: 7, sourceName: '' }));
    expect(r.snapshot.interviews[0]).toMatchObject({ dyad: 'D01', sourceName: 'renamed by another tool' });
    expect(r.warnings[0]).toContain('was changed after Dyad exported it');
  });

  it('two changed interviews are counted in the plural', () => {
    const extras = emptyExtras();
    extras.elements.set(S(1), data({ text: '1:0' }));
    extras.elements.set(S(2), data({ text: '1:0', role: 'therapist' }));
    const r = importQde(qde(sources(source({ n: 1, name: 'a' }), source({ n: 2, name: 'b' }))), { extras });
    expect(r.warnings).toContain('study.qdpx: the text of 2 interviews was changed after Dyad exported it; speaker turns and recall moments were found again.');
  });
});

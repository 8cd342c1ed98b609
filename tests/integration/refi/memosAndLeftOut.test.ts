/**
 * What other tools' projects hold beyond text codings (sets, graphs, links, media, PDF areas, memos in their
 * several forms), and how Dyad's memos reach other tools: each written form checked in the XML.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/core/project';
import { readSnapshot } from '../../../electron/snapshot/read';
import { writeSnapshotInto } from '../../../electron/snapshot/write';
import { exportQdpx } from '../../../electron/refi/exportQdpx';
import { readQdpx } from '../../../electron/refi/readQdpx';
import { openSafeZip } from '../../../electron/refi/zipRead';
import { ZipWriter } from '../../../electron/refi/zipWrite';
import type { ProjectSnapshot } from '../../../shared/snapshot/types';
import { tempDir } from '../../helpers/tmp';
import { absent, PROJECT_XSD, schemaErrors } from './helpers';
import { generateStudy } from './study';

const tmp = tempDir('dyad-refi-memos-');
afterAll(() => tmp.cleanup());

/** A .qdpx from the given entries, as another tool would pack it. */
async function qdpxOf(name: string, entries: Record<string, string>): Promise<string> {
  const out = tmp.path(name);
  const zip = await ZipWriter.create(out);
  for (const [n, text] of Object.entries(entries)) await zip.addFile(n, text);
  await zip.finish();
  return out;
}

const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const TEXT = 'I: What happened there?\nC: I looked at the floor and went quiet.\nI: And then?\nC: She waited, and I came back.\n';
const at = (s: string) => [TEXT.indexOf(s), TEXT.indexOf(s) + s.length] as const;

/** A project such as ATLAS.ti, NVivo or MAXQDA write: a transcript with its codings and much Dyad does not import. */
function foreignProject(): string {
  const [q0, q1] = at('looked at the floor');
  const [w0, w1] = at('She waited');
  const [b0, b1] = at('I came back');
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Elsewhere" origin="Some QDA 24">
  <Users><User guid="${G(1)}" name="Ana"/></Users>
  <CodeBook><Codes>
    <Code guid="${G(10)}" name="Withdrawal" isCodable="true"/>
    <Code guid="${G(11)}" name="Repair" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="${G(20)}" name="D3 S1 client" plainTextPath="internal://${G(20)}.txt">
      <PlainTextSelection guid="${G(30)}" startPosition="${q0}" endPosition="${q1}" creatingUser="${G(1)}">
        <Description>She goes quiet each time the subject is her mother.</Description>
        <Coding guid="${G(31)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(10)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(32)}" startPosition="${w0}" endPosition="${w1}" creatingUser="${G(1)}">
        <NoteRef targetGUID="${G(50)}"/>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(33)}" startPosition="${b0}" endPosition="${b1}" creatingUser="${G(1)}">
        <Description>The return, in her words.</Description>
      </PlainTextSelection>
      <VariableValue><VariableRef targetGUID="${G(70)}"/><TextValue>online</TextValue></VariableValue>
    </TextSource>
    <PictureSource guid="${G(21)}" name="Drawing"/>
    <PDFSource guid="${G(22)}" name="Scan.pdf" path="internal://${G(22)}.pdf">
      <PDFSelection guid="${G(40)}" page="1" firstX="0" firstY="0" secondX="10" secondY="10">
        <Coding guid="${G(41)}"><CodeRef targetGUID="${G(10)}"/></Coding>
      </PDFSelection>
    </PDFSource>
    <AudioSource guid="${G(23)}" name="Session audio"/>
    <AudioSource guid="${G(24)}" name="Interview audio"/>
    <VideoSource guid="${G(25)}" name="Session video"/>
  </Sources>
  <Notes>
    <Note guid="${G(50)}" name="Waiting"><PlainTextContent>The therapist's silence works here.</PlainTextContent></Note>
    <Note guid="${G(51)}" name="Only a description"><Description>Written in the description field only.</Description></Note>
  </Notes>
  <Links>
    <Link guid="${G(60)}" name="leads to" direction="OneWay" originGUID="${G(10)}" targetGUID="${G(11)}"/>
  </Links>
  <Sets>
    <Set guid="${G(80)}" name="Key codes"><MemberCode targetGUID="${G(10)}"/></Set>
    <Set guid="${G(81)}" name="Early interviews"><MemberSource targetGUID="${G(20)}"/></Set>
  </Sets>
  <Graphs><Graph guid="${G(90)}" name="Network"/></Graphs>
</Project>
`;
}

describe('what another tool’s project holds that Dyad does not import', () => {
  let read: Awaited<ReturnType<typeof readQdpx>>;
  beforeAll(async () => {
    read = await readQdpx(await qdpxOf('elsewhere.qdpx', { 'project.qde': foreignProject(), [`sources/${G(20)}.txt`]: TEXT }));
  });

  it('counts each kind left out in a warning, and nothing it did import', () => {
    const w = read.warnings.join('\n');
    expect(w).toMatch(/not imported, as Dyad works with text: 1 picture, 1 PDF without a text layer, 2 audio sources and 1 video source, with 1 coding of them\./u);
    expect(w).toMatch(/not imported, as Dyad has no sets: 1 code set and 1 document set\. The codes and documents in them were imported\./u);
    expect(w).toMatch(/not imported: 1 graph /u);
    expect(w).toMatch(/not imported: 1 link between items/u);
    expect(w).toMatch(/the variables of 1 source were not imported/u);
    // The transcript and its coding were imported; no warning says otherwise, none says a PDF was imported.
    expect(read.snapshot.interviews).toHaveLength(1);
    expect(read.snapshot.codings).toHaveLength(1);
    expect(w).not.toMatch(/PDF source.*imported from/u);
  });

  it('makes a selection’s Description (QualCoder’s coding memo) a memo on the coding', () => {
    const coding = read.snapshot.codings[0]!;
    const memo = read.snapshot.memos.find((m) => m.text === 'She goes quiet each time the subject is her mother.')!;
    expect(memo).toMatchObject({ targetKind: 'coding', targetId: coding.id, title: 'Memo on a passage coded Withdrawal' });
  });

  it('keeps the passage of a note on a passage that carries no code', () => {
    const memo = read.snapshot.memos.find((m) => m.title === 'Waiting')!;
    expect(memo).toMatchObject({ targetKind: 'interview', targetId: G(20) });
    expect(memo.text).toBe('On the passage “She waited”:\n\nThe therapist\'s silence works here.');
    const described = read.snapshot.memos.find((m) => m.text.endsWith('The return, in her words.'))!;
    expect(described).toMatchObject({ targetKind: 'interview', targetId: G(20) });
    expect(described.text).toBe('On the passage “I came back”:\n\nThe return, in her words.');
  });

  it('makes a note’s Description its memo text when the note has no other', () => {
    expect(read.snapshot.memos.find((m) => m.title === 'Only a description')).toMatchObject({ targetKind: 'project', text: 'Written in the description field only.' });
    expect(read.snapshot.memos).toHaveLength(4);
  });
});

describe('Dyad’s memos, written so that every tool finds them', () => {
  let original: ProjectSnapshot;
  let qde: string;
  let entries: Map<string, string>;
  beforeAll(async () => {
    const source = Project.open(tmp.path('study.dyad'), { create: true });
    writeSnapshotInto(source.db, generateStudy({ dyads: 2, sessions: 1, wordsPerInterview: 300, codingsPerInterview: 5 }));
    original = readSnapshot(source.db);
    const out = tmp.path('study.qdpx');
    await exportQdpx(source.db, out);
    source.close();
    const zip = await openSafeZip(out, 'study.qdpx');
    entries = new Map();
    for (const e of zip.entries) entries.set(e.name, (await zip.read(e)).toString('utf8'));
    zip.close();
    qde = entries.get('project.qde')!;
  });

  it('writes every memo as a Note whose text is a file in sources/ (what QualCoder imports), not inline', () => {
    for (const m of original.memos) {
      expect(qde).toMatch(new RegExp(`<Note guid="${m.id}" name="[^"]*" plainTextPath="internal://${m.id}\\.txt"`, 'u'));
      expect(entries.get(`sources/${m.id}.txt`)).toBe(m.text);
    }
    // The schema allows a text inline or as a file, not both.
    expect(qde).not.toContain('<PlainTextContent>');
  });

  it('writes a coding’s memo three ways: the Note, a NoteRef in the Coding (NVivo, ATLAS.ti, MAXQDA) and the selection’s Description (QualCoder)', () => {
    const memo = original.memos.find((m) => m.targetKind === 'coding')!;
    const selection = new RegExp(`<PlainTextSelection guid="${memo.targetId}"[^>]*>\\s*<Description>Why I coded this</Description>\\s*<Coding [^>]*>\\s*<CodeRef [^>]*/>\\s*<NoteRef targetGUID="${memo.id}"/>`, 'u');
    expect(qde).toMatch(selection);
  });

  it('writes memos on codes and interviews as NoteRefs there, and on the project at its end', () => {
    const on = (kind: string) => original.memos.find((m) => m.targetKind === kind)!;
    expect(qde).toMatch(new RegExp(`<Code guid="${on('code').targetId}"[^>]*>[\\s\\S]*?<NoteRef targetGUID="${on('code').id}"/>`, 'u'));
    expect(qde).toMatch(new RegExp(`<NoteRef targetGUID="${on('interview').id}"/>\\s*</TextSource>`, 'u'));
    expect(qde).toMatch(new RegExp(`<NoteRef targetGUID="${on('project').id}"/>\\s*</Project>`, 'u'));
  });

  it('keeps Dyad’s own data out of every Description other tools show', () => {
    expect(qde).not.toContain('dyad-data');
    expect(qde).not.toMatch(/Shortcut:/u);
    expect(qde).not.toMatch(/<Case [^>]*>\s*<Description>/u);
    const extras = JSON.parse(entries.get('dyad.json')!) as { elements: Record<string, { kind: string }> };
    const kinds = Object.values(extras.elements).map((e) => e.kind);
    for (const k of ['interview', 'dyad', 'memo', 'code']) expect(kinds).toContain(k);
  });

  it.skipIf(absent(PROJECT_XSD, 'validating the memos\' project.qde against Project.xsd'))('validates against Project.xsd', async () => {
    const file = tmp.path('memos.qde');
    writeFileSync(file, qde);
    expect(await schemaErrors(file, PROJECT_XSD)).toBe('');
  });

  it('reads each coding memo back once, not once per form', async () => {
    const back = await readQdpx(tmp.path('study.qdpx'));
    expect(back.snapshot.memos.filter((m) => m.targetKind === 'coding')).toHaveLength(original.memos.filter((m) => m.targetKind === 'coding').length);
    expect(back.snapshot.memos).toHaveLength(original.memos.length);
  });

  it('reads a QualCoder-style copy (no dyad.json, no NoteRefs, memo only in the Description) with the coding memo', async () => {
    const stripped = qde.replace(/\s*<NoteRef [^>]*\/>/gu, '').replace(/\s*<Notes>[\s\S]*<\/Notes>/u, '');
    const files = Object.fromEntries([...entries].filter(([n]) => n !== 'dyad.json' && n !== 'project.qde'));
    const back = await readQdpx(await qdpxOf('qualcoder-copy.qdpx', { 'project.qde': stripped, ...files }));
    const memo = original.memos.find((m) => m.targetKind === 'coding')!;
    expect(back.snapshot.memos.map((m) => ({ kind: m.targetKind, id: m.targetId, text: m.text }))).toEqual([{ kind: 'coding', id: memo.targetId, text: 'Why I coded this' }]);
  });
});

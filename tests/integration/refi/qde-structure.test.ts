/**
 * The structure of the project.qde Dyad writes, checked against rules written here from the REFI-QDA standard
 * (QDA-XML 1.0, Project.xsd): the order of each element's children, the attributes the standard requires, and
 * the form of every GUID. Unlike the XSD validation (which needs the schema from outside the repository), these
 * run in every clone.
 */
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/core/project';
import { writeSnapshotInto } from '../../../electron/snapshot/write';
import { exportQdpx } from '../../../electron/refi/exportQdpx';
import { openSafeZip } from '../../../electron/refi/zipRead';
import { tempDir } from '../../helpers/tmp';
import { generateStudy } from './study';

interface Rule {
  /** The children allowed, in the order the standard's sequence fixes; `any order` for a choice. */
  children: readonly string[];
  anyOrder?: boolean;
  required?: readonly string[];
  /** Attributes of the standard's GUIDType. */
  guids?: readonly string[];
}

const SELECTION_CHILDREN = ['Description', 'Coding', 'NoteRef'];
const SOURCE = {
  children: ['Description', 'PlainTextContent', 'PlainTextSelection', 'Coding', 'NoteRef', 'VariableValue'],
  required: ['guid'],
  guids: ['guid', 'creatingUser', 'modifyingUser'],
};
const REF = { children: [], required: ['targetGUID'], guids: ['targetGUID'] };

/** Written from Project.xsd's complex types, for the elements a Dyad export can hold. */
const RULES: Record<string, Rule> = {
  Project: {
    children: ['Users', 'CodeBook', 'Variables', 'Cases', 'Sources', 'Notes', 'Links', 'Sets', 'Graphs', 'Description', 'NoteRef'],
    required: ['name'],
    guids: ['creatingUserGUID', 'modifyingUserGUID'],
  },
  Users: { children: ['User'] },
  User: { children: [], required: ['guid'], guids: ['guid'] },
  CodeBook: { children: ['Codes'] },
  Codes: { children: ['Code'] },
  Code: { children: ['Description', 'NoteRef', 'Code'], required: ['guid', 'name', 'isCodable'], guids: ['guid'] },
  Variables: { children: ['Variable'] },
  Variable: { children: ['Description'], required: ['guid', 'name', 'typeOfVariable'], guids: ['guid'] },
  Cases: { children: ['Case'] },
  Case: { children: ['Description', 'CodeRef', 'VariableValue', 'SourceRef', 'SelectionRef'], required: ['guid'], guids: ['guid'] },
  VariableValue: { children: ['VariableRef', 'TextValue', 'BooleanValue', 'IntegerValue', 'FloatValue', 'DateValue', 'DateTimeValue'] },
  Sources: { children: ['TextSource', 'PictureSource', 'PDFSource', 'AudioSource', 'VideoSource'], anyOrder: true },
  TextSource: SOURCE,
  Note: SOURCE,
  Notes: { children: ['Note'] },
  PlainTextSelection: {
    children: SELECTION_CHILDREN,
    required: ['guid', 'startPosition', 'endPosition'],
    guids: ['guid', 'creatingUser', 'modifyingUser'],
  },
  Coding: { children: ['CodeRef', 'NoteRef'], required: ['guid'], guids: ['guid', 'creatingUser'] },
  Sets: { children: ['Set'] },
  Set: { children: ['Description', 'MemberCode', 'MemberSource', 'MemberNote'], required: ['guid', 'name'], guids: ['guid'] },
  Links: { children: ['Link'] },
  Link: { children: ['NoteRef'], required: ['guid'], guids: ['guid', 'originGUID', 'targetGUID'] },
  CodeRef: REF,
  NoteRef: REF,
  SourceRef: REF,
  SelectionRef: REF,
  VariableRef: REF,
  MemberCode: REF,
  MemberSource: REF,
  MemberNote: REF,
};
/** Elements whose content is text only. */
const TEXT = new Set(['Description', 'PlainTextContent', 'TextValue', 'BooleanValue', 'IntegerValue', 'FloatValue', 'DateValue', 'DateTimeValue']);
/** The standard's GUIDType: 8-4-4-4-12 hex digits, with or without braces around. */
const GUID = /^(\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
const INTEGER = new Set(['startPosition', 'endPosition']);

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Every place where the document breaks one of the rules above, as `path: problem`. */
function structureProblems(xml: string): string[] {
  const doc = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false })
    .parse(xml) as Node[];
  const problems: string[] = [];
  const nameOf = (n: Node) => Object.keys(n).find((k) => k !== ':@')!;
  const visit = (n: Node, path: string) => {
    const name = nameOf(n);
    const here = `${path}/${name}`;
    const attrs = n[':@'] ?? {};
    const kids = (n[name] as Node[]).filter((k) => nameOf(k) !== '#text');
    if (TEXT.has(name)) {
      if (kids.length) problems.push(`${here}: holds elements where the standard has text only`);
      return;
    }
    const rule = RULES[name];
    if (!rule) return void problems.push(`${here}: not an element of the standard`);
    for (const a of rule.required ?? []) if (!(a in attrs)) problems.push(`${here}: the required attribute ${a} is missing`);
    for (const a of rule.guids ?? []) if (a in attrs && !GUID.test(attrs[a]!)) problems.push(`${here}: ${a}="${attrs[a]}" is not a GUID`);
    for (const a of INTEGER) if (a in attrs && !/^\d+$/.test(attrs[a]!)) problems.push(`${here}: ${a}="${attrs[a]}" is not a whole number`);
    if (name === 'Code' && 'isCodable' in attrs && !/^(true|false|1|0)$/.test(attrs.isCodable!)) problems.push(`${here}: isCodable="${attrs.isCodable}" is not a boolean`);
    if (name === 'Code' && 'color' in attrs && !/^#[0-9a-fA-F]{6}$/.test(attrs.color!)) problems.push(`${here}: color="${attrs.color}" is not #RRGGBB`);
    let last = -1;
    for (const k of kids) {
      const kid = nameOf(k);
      const at = rule.children.indexOf(kid);
      if (at < 0) problems.push(`${here}: ${kid} may not stand inside ${name}`);
      else if (!rule.anyOrder && at < last) problems.push(`${here}: ${kid} comes after ${rule.children[last]}, the standard orders it before`);
      last = Math.max(last, at);
      visit(k, here);
    }
    if (['Users', 'Codes', 'Variables', 'Cases', 'Sources', 'Notes', 'Sets', 'Links'].includes(name) && kids.length === 0) {
      problems.push(`${here}: must hold at least one element (an empty ${name} is invalid)`);
    }
  };
  const roots = doc.filter((n) => !['?xml', '#text', '#comment'].includes(nameOf(n)));
  if (roots.length !== 1 || nameOf(roots[0]!) !== 'Project') return ['the document is not one Project element'];
  if (roots[0]![':@']?.xmlns !== 'urn:QDA-XML:project:1.0') problems.push('/Project: not in the namespace urn:QDA-XML:project:1.0');
  visit(roots[0]!, '');
  return problems;
}

const tmp = tempDir('dyad-qde-structure-');
let qde: string;

beforeAll(async () => {
  const project = Project.open(tmp.path('study.dyad'), { create: true });
  writeSnapshotInto(project.db, generateStudy({ dyads: 2, sessions: 2, wordsPerInterview: 400, codingsPerInterview: 15 }));
  const file = tmp.path('study.qdpx');
  await exportQdpx(project.db, file);
  project.close();
  const zip = await openSafeZip(file, 'study.qdpx');
  qde = (await zip.read(zip.find('project.qde')!)).toString('utf8');
  zip.close();
});
afterAll(() => tmp.cleanup());

describe('the project.qde Dyad exports, by the standard’s rules', () => {
  it('orders every element’s children as the standard does, with the attributes it requires and GUIDs in its form', () => {
    expect(structureProblems(qde)).toEqual([]);
  });

  it('writes every part of a study: coders, codes, attributes, dyads, interviews with codings, memos', () => {
    for (const part of ['<Users>', '<CodeBook>', '<Variables>', '<Cases>', '<Sources>', '<PlainTextSelection ', '<Coding ', '<Notes>']) {
      expect(qde).toContain(part);
    }
  });
});

describe('the structure check itself', () => {
  const ok = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p">
  <Users><User guid="{0A1B2C3D-4E5F-4071-8293-A4B5C6D7E8F9}" name="Ana"/></Users>
  <CodeBook><Codes><Code guid="1b2c3d4e-5f60-4182-93a4-b5c6d7e8f90a" name="Bond" isCodable="true" color="#00aa00"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="2c3d4e5f-6071-4293-a4b5-c6d7e8f90a1b" plainTextPath="internal://2c3d4e5f-6071-4293-a4b5-c6d7e8f90a1b.txt">
      <PlainTextSelection guid="3d4e5f60-7182-43a4-b5c6-d7e8f90a1b2c" startPosition="0" endPosition="4">
        <Coding guid="4e5f6071-8293-44b5-c6d7-e8f90a1b2c3d"><CodeRef targetGUID="1b2c3d4e-5f60-4182-93a4-b5c6d7e8f90a"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;

  it('passes a small project written by hand', () => {
    expect(structureProblems(ok)).toEqual([]);
  });

  it('names a child out of the standard’s order', () => {
    const swapped = ok.replace(/(<Users>.*<\/Users>)\n(\s*)(<CodeBook>.*<\/CodeBook>)/, '$3\n$2$1');
    expect(structureProblems(swapped)).toEqual(['/Project: Users comes after CodeBook, the standard orders it before']);
  });

  it('names a missing required attribute and a GUID out of form', () => {
    const bad = ok.replace(' isCodable="true"', '').replace('guid="{0A1B2C3D-4E5F-4071-8293-A4B5C6D7E8F9}"', 'guid="coder-1"');
    expect(structureProblems(bad)).toEqual([
      '/Project/Users/User: guid="coder-1" is not a GUID',
      '/Project/CodeBook/Codes/Code: the required attribute isCodable is missing',
    ]);
  });

  it('names an empty list and a position that is not a whole number', () => {
    const bad = ok.replace(/<Users>.*<\/Users>/, '<Users></Users>').replace('endPosition="4"', 'endPosition="4.5"');
    expect(structureProblems(bad)).toEqual([
      '/Project/Users: must hold at least one element (an empty Users is invalid)',
      '/Project/Sources/TextSource/PlainTextSelection: endPosition="4.5" is not a whole number',
    ]);
  });
});

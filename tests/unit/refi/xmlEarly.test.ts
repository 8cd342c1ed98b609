/**
 * A .qde's TextSources are read as the parser closes them (readQdpx), so the tree of a large project is never held
 * whole. What comes out must be what reading the whole tree gives, and a bad file must be refused with the same
 * message, whichever of its faults comes first.
 */
import { describe, expect, it } from 'vitest';
import { RefiXmlReader } from '../../../electron/refi/xml';
import { DyadError } from '../../../shared/api/errors';
import { projectFromXml, textSourceReader } from '../../../shared/refi/readXml';

const G = (n: number) => `0a1b2c3d-0000-4000-8000-${String(n).padStart(12, '0')}`;

function qde(opts: { badSourceGuid?: boolean; badCodeGuid?: boolean } = {}): string {
  const selection = (n: number, start: number) => `
      <PlainTextSelection guid="${G(100 + n)}" startPosition="${start}" endPosition="${start + 12}" creatingUser="${G(1)}">
        <Description>Where the client goes quiet (${n})</Description>
        <Coding guid="${G(200 + n)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(10)}"/></Coding>
      </PlainTextSelection>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<qda:Project xmlns:qda="urn:QDA-XML:project:1.0" name="Early">
  <qda:Users><qda:User guid="${G(1)}" name="Ana"/></qda:Users>
  <qda:CodeBook><qda:Codes><qda:Code guid="${opts.badCodeGuid ? 'not-a-guid' : G(10)}" name="Withdrawal" isCodable="true"/></qda:Codes></qda:CodeBook>
  <qda:Sources>
    <qda:TextSource guid="${G(50)}" name="D1 S1 client" plainTextPath="internal://a.txt">${selection(1, 0)}${selection(2, 40)}
    </qda:TextSource>
    <qda:TextSource guid="${opts.badSourceGuid ? '{broken' : G(51)}" name="D1 S1 therapist"><qda:PlainTextContent>Inline text of the therapist.</qda:PlainTextContent>${selection(3, 5)}
    </qda:TextSource>
  </qda:Sources>
</qda:Project>
`;
}

function read(xml: string, early: boolean) {
  const reader = early ? new RefiXmlReader('x.qdpx', { path: ['Project', 'Sources', 'TextSource'], read: textSourceReader('x.qdpx') }) : new RefiXmlReader('x.qdpx');
  return projectFromXml(reader.writeText(xml).end(), 'x.qdpx');
}

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DyadError);
    return (e as DyadError).message;
  }
  throw new Error('expected a refusal');
};

describe('reading TextSources as they close', () => {
  it('gives the project that reading the whole tree gives', () => {
    const whole = read(qde(), false);
    expect(whole.sources.map((s) => s.selections.length)).toEqual([2, 1]);
    expect(whole.sources[1]!.plainTextContent).toBe('Inline text of the therapist.');
    expect(read(qde(), true)).toEqual(whole);
    // And the sources' element trees were indeed let go: what stands in their place holds no selections.
    const tree = new RefiXmlReader('x.qdpx', { path: ['Project', 'Sources', 'TextSource'], read: textSourceReader('x.qdpx') }).writeText(qde()).end() as {
      Project: { Sources: { TextSource: Record<string, unknown>[] }[] }[];
    };
    expect(tree.Project[0]!.Sources[0]!.TextSource.map((s) => 'PlainTextSelection' in s)).toEqual([false, false]);
  });

  it('refuses a bad file with the same message, the first fault in the whole-tree order', () => {
    for (const faults of [{ badSourceGuid: true }, { badSourceGuid: true, badCodeGuid: true }]) {
      const message = refusal(() => read(qde(faults), false));
      expect(refusal(() => read(qde(faults), true))).toBe(message);
    }
    // With both faults the code is named: codes are read before sources, early reading or not.
    expect(refusal(() => read(qde({ badSourceGuid: true, badCodeGuid: true }), true))).toMatch(/Code "Withdrawal".*not-a-guid/);
  });
});

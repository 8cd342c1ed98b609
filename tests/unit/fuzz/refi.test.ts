/** The REFI-QDA reader under arbitrary bytes and XML: a project, a codebook, or a DyadError — quickly. */
import fc from 'fast-check';
import { deflateRawSync } from 'node:zlib';
import { describe, it } from 'vitest';
import { parseQdc } from '../../../electron/refi/qdc';
import { readQdpxBytes } from '../../../electron/refi/readQdpx';
import { refusesCleanly, RUNS } from './budget';

/** A zip archive of one entry, written by hand (local header, data, central directory), so entries can be fuzzed. */
function zipOf(name: string, data: Buffer): Buffer {
  const body = deflateRawSync(data);
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0, 14); // CRC left 0: readers must cope with a wrong one too
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length + body.length, 16);
  return Buffer.concat([local, n, body, central, n, end]);
}

const xmlPiece = fc.constantFrom(
  '<?xml version="1.0" encoding="utf-8"?>', '<Project name="p" xmlns="urn:QDA-XML:project:1.0">', '</Project>', '<CodeBook>', '</CodeBook>',
  '<Codes>', '</Codes>', '<Code guid="c1" name="Shame" isCodable="true">', '</Code>', '<Sources>', '<TextSource guid="s1" name="x" plainTextPath="internal://s1.txt">',
  '<PlainTextSelection guid="p1" startPosition="0" endPosition="5">', '<Coding guid="k1"><CodeRef targetGUID="c1"/></Coding>', '<!DOCTYPE x [<!ENTITY e "ee">]>', '&e;', '&amp;', ' ', '"', '>',
);
const xmlLike = fc.array(fc.oneof(xmlPiece, fc.string({ maxLength: 12 })), { maxLength: 40 }).map((a) => a.join(''));

describe('fuzzed REFI-QDA files', () => {
  it('a .qdpx of arbitrary bytes, or a zip holding arbitrary project.qde XML, is read or refused with a DyadError', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 1000 }).map((b) => Buffer.from(b)),
      xmlLike.map((x) => zipOf('project.qde', Buffer.from(x))),
      fc.tuple(fc.string({ maxLength: 30 }), fc.uint8Array({ maxLength: 300 })).map(([n, b]) => zipOf(n || 'x', Buffer.from(b))),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => {
        await refusesCleanly(() => readQdpxBytes(b, 'fuzz.qdpx'), 1000, () => b.toString('hex').slice(0, 300));
      }),
      { numRuns: RUNS },
    );
  }, 120_000); // the budget is per input (above); the whole run may take long on a busy machine

  it('a .qdc codebook of arbitrary XML is read or refused with a DyadError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(xmlLike, fc.string({ maxLength: 300 })), async (x) => {
        await refusesCleanly(() => parseQdc(new TextEncoder().encode(x), 'fuzz.qdc'), 500, () => JSON.stringify(x));
      }),
      { numRuns: RUNS },
    );
  }, 120_000); // the budget is per input (above); the whole run may take long on a busy machine
});

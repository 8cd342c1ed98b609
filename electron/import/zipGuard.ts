/**
 * A .docx is a zip archive, and a zip can be a bomb: a few kilobytes that inflate to gigabytes. Before mammoth
 * (which trusts the archive) sees a file, this reads it with yauzl, from memory, and checks:
 *  - it is a zip at all, and complete (a truncated file has no central directory);
 *  - not too many entries, not too much in all once inflated, no entry inflating far beyond its packed size;
 *  - no encrypted entries, and a word/document.xml inside;
 *  - every entry really inflates to the size it declares (yauzl's validateEntrySizes), so that the declared
 *    sizes checked above are the sizes mammoth will meet.
 */
import { Buffer } from 'node:buffer';
import yauzl from 'yauzl';
import { DyadError } from '../../shared/api/errors';

export interface ZipLimits {
  maxEntries: number;
  /** Bytes, all entries inflated. */
  maxTotalUncompressed: number;
  /** Largest inflated/packed ratio allowed for an entry bigger than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DOCX_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxTotalUncompressed: 200 * 1024 * 1024,
  // Word's XML packs about 10:1; 200:1 leaves room for very repetitive text while catching bombs (1000:1 and up).
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

/** Returns the main document part's XML, read on the way (for the check that no words are lost, docxWords.ts). */
export async function checkDocxArchive(fileName: string, bytes: Uint8Array, limits: ZipLimits = DOCX_LIMITS): Promise<{ documentXml: string }> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isZipStart = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!isZipStart) throw notWord(fileName, bytes);
  const zip = await openZip(fileName, buffer);
  try {
    const bomb = (why: string) => new DyadError('bad-file', `${fileName} looks like a zip bomb: ${why}; it was not opened`);
    if (zip.entryCount > limits.maxEntries) {
      throw bomb(`it holds ${zip.entryCount} parts, more than the ${limits.maxEntries} a Word document could need`);
    }
    const entries = await listEntries(fileName, zip);
    let total = 0;
    let hasDocument = false;
    for (const e of entries) {
      if (e.fileName === 'word/document.xml') hasDocument = true;
      if (e.isEncrypted()) throw new DyadError('bad-file', `${fileName} is password-protected; remove the password in Word and import it again`);
      total += e.uncompressedSize;
      if (total > limits.maxTotalUncompressed) {
        throw bomb(`its contents would take more than ${mb(limits.maxTotalUncompressed)} MB once unpacked`);
      }
      const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
      if (e.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
        throw bomb(`"${e.fileName}" would grow ${Math.round(ratio)} times when unpacked (${mb(e.uncompressedSize)} MB)`);
      }
    }
    if (!hasDocument) {
      throw new DyadError('bad-file', `${fileName} is not a Word document: it is a zip archive without word/document.xml`);
    }
    const document: Buffer[] = [];
    for (const e of entries) await drainEntry(fileName, zip, e, bomb, e.fileName === 'word/document.xml' ? document : undefined);
    return { documentXml: Buffer.concat(document).toString('utf8') };
  } finally {
    zip.close();
  }
}

function notWord(fileName: string, bytes: Uint8Array): DyadError {
  // Password-protected .docx files and old .doc files are OLE compound files, not zips.
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  const hint = ole ? ': it is an old Word .doc file or a password-protected document; save it as .docx without a password' : '';
  return new DyadError('bad-file', `${fileName} is not a Word document (not a zip archive)${hint}`);
}

function openZip(fileName: string, buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true, strictFileNames: false },
      (err, zip) => {
        if (err || !zip) {
          reject(
            new DyadError(
              'bad-file',
              `${fileName} is damaged or incomplete: the Word document's zip archive cannot be read (${err?.message ?? 'unknown error'}); ` +
                'if it was copied or downloaded, copy it again',
            ),
          );
        } else resolve(zip);
      },
    );
  });
}

function listEntries(fileName: string, zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: Error) => reject(damaged(fileName, err)));
    zip.readEntry();
  });
}

/** Inflates one entry (into `keep`, or nothing), so that yauzl compares the real size with the declared one. */
function drainEntry(fileName: string, zip: yauzl.ZipFile, entry: yauzl.Entry, bomb: (why: string) => DyadError, keep?: Buffer[]): Promise<void> {
  return new Promise((resolve, reject) => {
    if (entry.fileName.endsWith('/')) return resolve();
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(damaged(fileName, err ?? new Error('no data')));
      stream.on('data', (chunk: Buffer) => keep?.push(chunk));
      stream.on('end', () => resolve());
      stream.on('error', (e: Error) => {
        reject(/too many bytes/i.test(e.message) ? bomb(`"${entry.fileName}" unpacks to more than it declares`) : damaged(fileName, e));
      });
    });
  });
}

function damaged(fileName: string, err: Error): DyadError {
  return new DyadError('bad-file', `${fileName} is damaged or incomplete: ${err.message}`);
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}

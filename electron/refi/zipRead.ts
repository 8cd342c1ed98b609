/**
 * Reading a .qdpx (a zip archive) without trusting it. Before anything is inflated: the number of entries, each
 * entry's declared size and packing ratio, the declared total, and every name (no absolute paths, no "..").
 * While inflating: the bytes that really come out are counted and the entry is abandoned the moment it exceeds
 * what it declared (a bomb that lies about its size), and the CRC-32 is checked at the end (a damaged file).
 * Entries are read one at a time into memory, only those the project needs.
 */
import { Buffer } from 'node:buffer';
import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { DyadError } from '../../shared/api/errors';

interface QdpxZipLimits {
  maxEntries: number;
  /** All entries inflated, bytes. */
  maxTotalUncompressed: number;
  /** One entry inflated, bytes (a JavaScript string cannot hold much more than 512 MB anyway). */
  maxEntryUncompressed: number;
  /** An entry bigger than `ratioFloorBytes` that inflates more than `maxRatio` times its packed size is a bomb. */
  maxRatio: number;
  ratioFloorBytes: number;
}

const QDPX_LIMITS: QdpxZipLimits = {
  maxEntries: 100_000,
  maxTotalUncompressed: 2 * 1024 * 1024 * 1024,
  maxEntryUncompressed: 400 * 1024 * 1024,
  // Transcripts and XML pack 3–10:1; 200:1 with more than 10 MB is not text anyone wrote.
  maxRatio: 200,
  ratioFloorBytes: 10 * 1024 * 1024,
};

interface ZipEntryInfo {
  /** The name as stored, with "/" separators. */
  name: string;
  size: number;
}

export interface SafeZip {
  entries: ZipEntryInfo[];
  /** Finds an entry by path, ignoring case ("Sources/X.txt" = "sources/x.txt"). */
  find(path: string): ZipEntryInfo | undefined;
  read(entry: ZipEntryInfo, signal?: AbortSignal): Promise<Buffer>;
  /**
   * Hands the entry's bytes to `onChunk` as they are inflated (an exception there stops the reading and is what
   * the promise rejects with). The checksum is checked after the last chunk: whatever the chunks built must not
   * be used until the promise resolves.
   */
  stream(entry: ZipEntryInfo, onChunk: (chunk: Buffer) => void, signal?: AbortSignal): Promise<void>;
  close(): void;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Names that could escape a folder if anyone ever extracted them: refused even though Dyad extracts nothing. */
function unsafeEntryName(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.startsWith('/') || /^[A-Za-z]:/.test(n) || n.split('/').includes('..') || n.includes('\u0000');
}

function openYauzl(source: string | Buffer, label: string): Promise<yauzl.ZipFile> {
  const options: yauzl.Options = { lazyEntries: true, autoClose: false, decodeStrings: true, strictFileNames: false, validateEntrySizes: false };
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile) => {
      if (err || !zip) {
        const msg = err?.message ?? '';
        if (/end of central directory|not a zip|signature/i.test(msg)) {
          reject(new DyadError('bad-file', `${label} is not a REFI-QDA project (not a zip archive).`));
        } else if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
          reject(new DyadError('not-found', `${label} does not exist.`));
        } else {
          reject(new DyadError('bad-file', `${label} cannot be read as a zip archive (${msg || 'unknown error'}).`));
        }
      } else resolve(zip);
    };
    if (typeof source === 'string') yauzl.open(source, options, done);
    else yauzl.fromBuffer(source, options, done);
  });
}

export async function openSafeZip(source: string | Buffer, label: string, limits: QdpxZipLimits = QDPX_LIMITS): Promise<SafeZip> {
  const zip = await openYauzl(source, label);
  const bomb = (why: string) => new DyadError('bad-file', `${label} looks like a zip bomb: ${why}. Nothing was imported.`);
  try {
    if (zip.entryCount > limits.maxEntries) throw bomb(`it holds ${zip.entryCount} entries, more than ${limits.maxEntries}`);
    const raw = await new Promise<yauzl.Entry[]>((resolve, reject) => {
      const list: yauzl.Entry[] = [];
      let total = 0;
      zip.on('entry', (e: yauzl.Entry) => {
        try {
          if (unsafeEntryName(e.fileName)) {
            throw new DyadError('bad-file', `${label} contains an entry with an unsafe path ("${e.fileName.slice(0, 200)}"). Nothing was imported.`);
          }
          if (e.isEncrypted()) throw new DyadError('bad-file', `${label} is password-protected ("${e.fileName}" is encrypted); export it again without a password.`);
          total += e.uncompressedSize;
          if (total > limits.maxTotalUncompressed) throw bomb(`its contents would take more than ${mb(limits.maxTotalUncompressed)} once unpacked`);
          if (e.uncompressedSize > limits.maxEntryUncompressed) throw bomb(`"${e.fileName}" would unpack to ${mb(e.uncompressedSize)}`);
          const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
          if (e.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
            throw bomb(`"${e.fileName}" would grow ${Math.round(ratio)} times when unpacked (${mb(e.uncompressedSize)})`);
          }
          list.push(e);
          zip.readEntry();
        } catch (err) {
          reject(err);
        }
      });
      zip.on('end', () => resolve(list));
      zip.on('error', (err: Error) => {
        if (/absolute path|invalid relative path|invalid characters in fileName/i.test(err.message)) {
          reject(new DyadError('bad-file', `${label} contains an entry with an unsafe path (${err.message}). Nothing was imported.`));
        } else reject(new DyadError('bad-file', `${label} is damaged or incomplete: ${err.message}.`));
      });
      zip.readEntry();
    });

    const byName = new Map<string, yauzl.Entry>();
    const lower = new Map<string, ZipEntryInfo>();
    const entries: ZipEntryInfo[] = [];
    for (const e of raw) {
      if (e.fileName.endsWith('/')) continue;
      const info = { name: e.fileName, size: e.uncompressedSize };
      entries.push(info);
      byName.set(info.name, e);
      if (!lower.has(info.name.toLowerCase())) lower.set(info.name.toLowerCase(), info);
    }

    const streamEntry = (info: ZipEntryInfo, onChunk: (chunk: Buffer) => void, signal?: AbortSignal): Promise<void> =>
      new Promise((resolve, reject) => {
        const entry = byName.get(info.name)!;
        if (signal?.aborted) return reject(new DyadError('cancelled', `Reading ${label} was cancelled; nothing was imported.`));
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(new DyadError('bad-file', `${label} is damaged: "${info.name}" cannot be read (${err?.message ?? 'no data'}).`));
          let got = 0;
          let crc = 0;
          let failed = false;
          const fail = (e: unknown) => {
            if (failed) return;
            failed = true;
            (stream as Readable).destroy();
            reject(e);
          };
          const onAbort = () => fail(new DyadError('cancelled', `Reading ${label} was cancelled; nothing was imported.`));
          signal?.addEventListener('abort', onAbort, { once: true });
          stream.on('data', (chunk: Buffer) => {
            if (failed) return;
            got += chunk.length;
            // The declared size was checked against the limits; a stream that goes past it is lying.
            if (got > entry.uncompressedSize) {
              fail(bomb(`"${info.name}" unpacks to more than the ${entry.uncompressedSize} bytes it declares`));
              return;
            }
            crc = crc32(chunk, crc);
            try {
              onChunk(chunk);
            } catch (e) {
              fail(e);
            }
          });
          stream.on('error', (e: Error) => fail(new DyadError('bad-file', `${label} is damaged: "${info.name}" cannot be unpacked (${e.message}).`)));
          stream.on('end', () => {
            signal?.removeEventListener('abort', onAbort);
            if (failed) return;
            if (got !== entry.uncompressedSize) {
              return fail(new DyadError('bad-file', `${label} is damaged: "${info.name}" is shorter than it declares (${got} of ${entry.uncompressedSize} bytes).`));
            }
            if ((crc >>> 0) !== (entry.crc32 >>> 0)) {
              return fail(new DyadError('bad-file', `${label} is damaged: "${info.name}" fails its checksum.`));
            }
            resolve();
          });
        });
      });

    const read = async (info: ZipEntryInfo, signal?: AbortSignal): Promise<Buffer> => {
      const chunks: Buffer[] = [];
      let got = 0;
      await streamEntry(
        info,
        (chunk) => {
          chunks.push(chunk);
          got += chunk.length;
        },
        signal,
      );
      return Buffer.concat(chunks, got);
    };

    return {
      entries,
      find: (path) => lower.get(path.replace(/\\/g, '/').replace(/^\.?\//, '').toLowerCase()),
      read,
      stream: streamEntry,
      close: () => zip.close(),
    };
  } catch (e) {
    zip.close();
    throw e;
  }
}

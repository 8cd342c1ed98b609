/**
 * A small zip writer for .qdpx export: deflate (node:zlib) and CRC-32, UTF-8 names, a proper central directory.
 * Entries are streamed: the local header is written first with zero sizes and patched once the entry is done,
 * so no data descriptors are needed and any unzip reads the result. No ZIP64: an export past 4 GB or 65,535
 * entries is refused with a message (a study is far smaller).
 *
 * Why not a package: yazl is not installed, and the zip writers that come with other packages (archiver via
 * exceljs, jszip via docx/mammoth) are not dependencies of Dyad itself; this is ~150 lines with no surprises.
 */
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { crc32, createDeflateRaw, deflateRaw } from 'node:zlib';
import { DyadError } from '../../shared/api/errors';

const deflateRawAsync = promisify(deflateRaw);
/**
 * Fastest deflate: for a full study (67 MB of XML, 26 MB of text) level 1 takes a third of the CPU time of the
 * default level 6 for an archive 10% larger (23.4 against 21.1 MB).
 */
const LEVEL = 1;
const LIMIT = 0xffffffff;
const FLAG_UTF8 = 0x0800;

function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
  };
}

/** Where the archive's bytes go: a file, or memory (ZipWriter.inMemory); the part of FileHandle the writer uses. */
interface Sink {
  write(buf: Buffer, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** An archive built in memory (a Word document handed back as bytes), written at positions as a file would be. */
class MemorySink implements Sink {
  private buf = Buffer.alloc(1 << 16);
  length = 0;
  async write(src: Buffer, offset: number, length: number, position: number): Promise<{ bytesWritten: number }> {
    const end = position + length;
    if (end > this.buf.length) {
      const grown = Buffer.alloc(Math.max(end, this.buf.length * 2));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    src.copy(this.buf, position, offset, offset + length);
    this.length = Math.max(this.length, end);
    return { bytesWritten: length };
  }
  async sync(): Promise<void> {}
  async close(): Promise<void> {}
  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

interface CentralRecord {
  name: Buffer;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

export class ZipWriter {
  private offset = 0;
  private readonly records: CentralRecord[] = [];
  private readonly stamp = dosDateTime(new Date());

  private constructor(
    private readonly fh: Sink,
    private readonly label: string,
  ) {}

  /** Creates (or truncates) `path`. `label` names the export in messages. */
  static async create(path: string, label = path): Promise<ZipWriter> {
    return new ZipWriter(await open(path, 'w'), label);
  }

  /** An archive in memory: add entries, `finish`, then read `bytes()`. */
  static inMemory(label: string): ZipWriter & { bytes(): Buffer } {
    const sink = new MemorySink();
    return Object.assign(new ZipWriter(sink, label), { bytes: () => sink.bytes() });
  }

  private tooBig(): never {
    throw new DyadError('io', `${this.label} would be larger than 4 GB, which Dyad's .qdpx export does not support.`);
  }

  /** Writes at `position`, or appends (the offset is reserved before the write, so appends never overlap). */
  private async put(buf: Buffer, position?: number): Promise<void> {
    const at = position ?? this.offset;
    if (position === undefined) this.offset += buf.length;
    let done = 0;
    while (done < buf.length) {
      const { bytesWritten } = await this.fh.write(buf, done, buf.length - done, at + done);
      done += bytesWritten;
    }
  }

  private localHeader(name: Buffer, method: number, crc: number, compressed: number, size: number): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(FLAG_UTF8, 6);
    h.writeUInt16LE(method, 8);
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    h.writeUInt32LE(crc >>> 0, 14);
    h.writeUInt32LE(compressed, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28);
    return Buffer.concat([h, name]);
  }

  private checkName(name: string): Buffer {
    if (!name || name.startsWith('/') || name.split('/').includes('..')) throw new DyadError('internal', `Bad zip entry name: ${name}`);
    if (this.records.length >= 0xffff) throw new DyadError('io', `${this.label} would hold more than 65,535 files, which a .qdpx export does not support.`);
    return Buffer.from(name, 'utf8');
  }

  /** Adds a whole file from memory (deflated unless that makes it bigger). */
  async addFile(name: string, data: Buffer | string): Promise<void> {
    const nameBuf = this.checkName(name);
    const raw = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (raw.length > LIMIT) this.tooBig();
    const crc = crc32(raw);
    const packed = raw.length ? await deflateRawAsync(raw, { level: LEVEL }) : raw;
    const method = packed.length < raw.length ? 8 : 0;
    const body = method === 8 ? packed : raw;
    const offset = this.offset;
    if (offset + 30 + nameBuf.length + body.length > LIMIT) this.tooBig();
    await this.put(this.localHeader(nameBuf, method, crc, body.length, raw.length));
    await this.put(body);
    this.records.push({ name: nameBuf, method, crc, compressed: body.length, size: raw.length, offset });
  }

  /** Adds a file produced piece by piece (project.qde), deflating as it goes. */
  async addStream(name: string, pieces: Iterable<string>, signal?: AbortSignal): Promise<void> {
    const nameBuf = this.checkName(name);
    const offset = this.offset;
    await this.put(this.localHeader(nameBuf, 8, 0, 0, 0));
    const deflate = createDeflateRaw({ level: LEVEL });
    let crc = 0;
    let size = 0;
    let compressed = 0;
    let writing: Promise<void> = Promise.resolve();
    let writeError: unknown = null;
    deflate.on('data', (chunk: Buffer) => {
      compressed += chunk.length;
      writing = writing.then(() => this.put(chunk)).catch((e) => void (writeError ??= e));
    });
    const ended = once(deflate, 'end');
    try {
      let batch: string[] = [];
      let batchLength = 0;
      const flush = async () => {
        if (!batch.length) return;
        const buf = Buffer.from(batch.join(''), 'utf8');
        batch = [];
        batchLength = 0;
        crc = crc32(buf, crc);
        size += buf.length;
        if (size > LIMIT) this.tooBig();
        if (!deflate.write(buf)) await once(deflate, 'drain');
        if (signal?.aborted) throw new DyadError('cancelled', `The export to ${this.label} was cancelled.`);
      };
      for (const piece of pieces) {
        batch.push(piece);
        batchLength += piece.length;
        if (batchLength >= 1 << 20) await flush();
      }
      await flush();
      deflate.end();
      await ended;
      await writing;
    } catch (e) {
      deflate.destroy();
      throw e;
    }
    if (writeError) throw writeError;
    if (offset + compressed > LIMIT) this.tooBig();
    // Now that the sizes are known, fill them into the local header.
    const patch = Buffer.alloc(12);
    patch.writeUInt32LE(crc >>> 0, 0);
    patch.writeUInt32LE(compressed, 4);
    patch.writeUInt32LE(size, 8);
    await this.put(patch, offset + 14);
    this.records.push({ name: nameBuf, method: 8, crc, compressed, size, offset });
  }

  /** Writes the central directory and closes the file. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const r of this.records) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, spec 2.0 (so the permission bits below are read)
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(FLAG_UTF8, 8);
      h.writeUInt16LE(r.method, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(r.crc >>> 0, 16);
      h.writeUInt32LE(r.compressed, 20);
      h.writeUInt32LE(r.size, 24);
      h.writeUInt16LE(r.name.length, 28);
      h.writeUInt32LE((0o100644 << 16) >>> 0, 38);
      h.writeUInt32LE(r.offset, 42);
      await this.put(Buffer.concat([h, r.name]));
    }
    const size = this.offset - start;
    if (this.offset > LIMIT) this.tooBig();
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.records.length, 8);
    end.writeUInt16LE(this.records.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    await this.put(end);
    await this.fh.sync();
    await this.fh.close();
  }

  /** Closes the file after a failure (the caller removes it). */
  async abort(): Promise<void> {
    await this.fh.close().catch(() => {});
  }
}

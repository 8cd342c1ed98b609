/**
 * Files a browser sent to `dyad serve` before the call that reads them. A transcript or a .qdpx sent inside a JSON
 * call costs several times its size in memory (the body, its text, the parsed JSON, the decoded bytes); sent on its
 * own it goes straight to a private scratch file as it arrives, so several large uploads at once cost a few stream
 * buffers, and the call then names it by an id. Ids are unguessable, known only to the server that received the
 * file, and good for one call: the file is removed once read, when the server closes, or when the process exits.
 * A page that uploads and never calls (closed, crashed, or hostile) cannot fill the disk: uploads not read within
 * half an hour are removed, and the files waiting at once may hold at most a few uploads' worth of bytes.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DyadError } from '../../shared/api/errors';
import { makeScratchDir, removeScratchDir } from './scratch';

interface Upload {
  /** Where the bytes are (0600, in this store's scratch folder). */
  path: string;
  /** The name the browser gave the file, for messages and for telling formats apart. */
  name: string;
  size: number;
  /** When it arrived (ms), for the half-hour expiry. */
  at: number;
}

export interface UploadLimits {
  /** The bytes all waiting uploads may hold together (default: four uploads of the largest size). */
  maxWaitingBytes?: number;
  /** How long an upload waits for the call that reads it (default: 30 minutes). */
  ttlMs?: number;
  /** The clock (tests move it). */
  now?: () => number;
}

const HALF_AN_HOUR = 30 * 60 * 1000;
const sizeOf = (bytes: number) => (bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

type Received = { ok: true; uploadId: string; size: number } | { ok: false; reason: 'too-large' | 'broken'; message: string };

/** Raised by the size limit inside the stream, so the pipeline stops and the partial file can be removed. */
class TooLarge extends Error {}

export class UploadStore {
  private dir: string | null = null;
  private readonly files = new Map<string, Upload>();
  /** Bytes being received right now, counted against the quota before they are listed. */
  private arriving = 0;
  private readonly maxWaitingBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly maxBytes: number, limits: UploadLimits = {}) {
    this.maxWaitingBytes = limits.maxWaitingBytes ?? 4 * maxBytes;
    this.ttlMs = limits.ttlMs ?? HALF_AN_HOUR;
    this.now = limits.now ?? Date.now;
  }

  /** The bytes held by uploads not yet read, and by those arriving. */
  waitingBytes(): number {
    let total = this.arriving;
    for (const u of this.files.values()) total += u.size;
    return total;
  }

  /** Removes the uploads that waited longer than the expiry for the call that reads them. */
  private sweep(): void {
    const oldest = this.now() - this.ttlMs;
    for (const [id, u] of this.files) {
      if (u.at <= oldest) {
        this.files.delete(id);
        this.discard(u);
      }
    }
  }

  /**
   * Streams `body` to a new scratch file; refuses (and removes what was written) once it grows past the limit of
   * one upload, or past the room left by the uploads still waiting to be read.
   */
  async receive(body: Readable, name: string): Promise<Received> {
    this.sweep();
    this.dir ??= makeScratchDir('uploads');
    const uploadId = randomBytes(24).toString('hex');
    const path = join(this.dir, `${uploadId}.upload`);
    let size = 0;
    const room = this.maxWaitingBytes - this.waitingBytes();
    const max = Math.max(0, Math.min(this.maxBytes, room));
    const byQuota = max < this.maxBytes;
    const counted = () => {
      this.arriving -= size;
    };
    const limit = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        size += chunk.length;
        this.arriving += chunk.length;
        if (size > max) done(new TooLarge());
        else done(null, chunk);
      },
    });
    // The body is piped rather than put in the pipeline: a refused body must stay open, so the 413 can still reach
    // the client (the rest is then read and dropped by the caller), where a pipeline would destroy it.
    const cutOff = (e?: Error) => limit.destroy(e ?? new Error('the connection closed'));
    body.once('error', cutOff);
    body.once('close', () => {
      if (!body.readableEnded) cutOff();
    });
    body.pipe(limit);
    try {
      await pipeline(limit, createWriteStream(path, { mode: 0o600, flags: 'wx' }));
    } catch (e) {
      counted();
      body.unpipe(limit);
      rmSync(path, { force: true });
      if (e instanceof TooLarge && byQuota) {
        return {
          ok: false,
          reason: 'too-large',
          message: `The file "${name}" does not fit: ${sizeOf(this.waitingBytes())} of earlier uploads are still waiting to be read (at most ${sizeOf(this.maxWaitingBytes)} wait at once). Finish or cancel the imports under way, or wait half an hour, then choose the file again.`,
        };
      }
      if (e instanceof TooLarge) {
        return { ok: false, reason: 'too-large', message: `The file "${name}" is too large: Dyad accepts up to ${sizeOf(this.maxBytes)} in one upload.` };
      }
      return { ok: false, reason: 'broken', message: `The upload of "${name}" was cut off before it ended (${(e as Error).message}).` };
    }
    counted();
    this.files.set(uploadId, { path, name, size, at: this.now() });
    return { ok: true, uploadId, size };
  }

  /** The upload named by `uploadId`, no longer listed: the caller reads it, then calls `discard`. */
  take(uploadId: string): Upload {
    this.sweep();
    const u = this.files.get(uploadId);
    if (!u) {
      throw new DyadError(
        'not-found',
        'The uploaded file is no longer here (an upload is read once, kept only while this `dyad serve` runs, and removed when not read within half an hour). Choose the file again.',
      );
    }
    this.files.delete(uploadId);
    return u;
  }

  /** Reads an upload's bytes and removes its file. */
  takeBytes(uploadId: string): { name: string; bytes: Buffer } {
    const u = this.take(uploadId);
    try {
      return { name: u.name, bytes: readFileSync(u.path) };
    } finally {
      this.discard(u);
    }
  }

  discard(u: Upload): void {
    rmSync(u.path, { force: true });
  }

  /** Removes every upload still waiting (the server is closing). */
  close(): void {
    this.files.clear();
    this.arriving = 0;
    if (this.dir) removeScratchDir(this.dir);
    this.dir = null;
  }
}

/** What handlers see when the transport has no uploads (the desktop app sends paths instead). */
export function noUploads(): never {
  throw new DyadError('invalid-input', 'Uploads are only taken by `dyad serve`; the desktop app reads files by their path.');
}

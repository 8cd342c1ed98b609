/**
 * Uploads a page sends and never reads (closed tab, crash, a hostile page with the token) cannot fill the disk:
 * they expire after half an hour, and the bytes waiting at once are capped.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { UploadStore } from '../../../electron/core/uploads';

const bytes = (n: number, fill = 0x61) => Readable.from([Buffer.alloc(n, fill)]);
const stores: UploadStore[] = [];
function store(maxBytes: number, limits: ConstructorParameters<typeof UploadStore>[1]) {
  const s = new UploadStore(maxBytes, limits);
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

/** The files in this process's upload scratch folders. */
const uploadFiles = () =>
  readdirSync(tmpdir())
    .filter((n) => n.startsWith(`dyad-scratch-${process.pid}-uploads-`))
    .flatMap((d) => readdirSync(join(tmpdir(), d)).map((f) => join(tmpdir(), d, f)));

function ok(r: Awaited<ReturnType<UploadStore['receive']>>): string {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r.uploadId;
}

describe('uploads waiting to be read', () => {
  it('are removed, file and all, once they have waited half an hour, and the call then says to choose the file again', async () => {
    let now = 1_000_000;
    const s = store(1000, { now: () => now });
    const old = ok(await s.receive(bytes(100), 'old.docx'));
    now += 29 * 60 * 1000;
    const fresh = ok(await s.receive(bytes(100), 'fresh.docx'));
    expect(s.waitingBytes()).toBe(200);
    expect(uploadFiles()).toHaveLength(2);
    now += 2 * 60 * 1000; // old: 31 minutes, fresh: 2
    const another = ok(await s.receive(bytes(50), 'another.docx'));
    expect(s.waitingBytes()).toBe(150);
    expect(uploadFiles()).toHaveLength(2); // old's file is gone from the disk, another's has come
    expect(() => s.take(old)).toThrow(/removed when not read within half an hour\)\. Choose the file again/);
    expect(s.takeBytes(fresh).bytes.length).toBe(100);
    expect(s.takeBytes(another).bytes.length).toBe(50);
    expect(uploadFiles()).toHaveLength(0);
  });

  it('hold at most the quota together: one more is refused with what is waiting, nothing kept, and fits once one is read', async () => {
    const s = store(1000, { maxWaitingBytes: 2500 });
    const a = ok(await s.receive(bytes(1000), 'a.docx'));
    ok(await s.receive(bytes(1000), 'b.docx'));
    expect(s.waitingBytes()).toBe(2000);
    const refused = await s.receive(bytes(1000), 'c.docx');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.reason).toBe('too-large');
      expect(refused.message).toMatch(/^The file "c\.docx" does not fit: .* still waiting to be read/);
    }
    // The refused bytes are not counted, and a small one still fits in the room left.
    expect(s.waitingBytes()).toBe(2000);
    ok(await s.receive(bytes(400), 'small.txt'));
    s.discard(s.take(a));
    ok(await s.receive(bytes(1000), 'c.docx'));
    expect(s.waitingBytes()).toBe(2400);
  });

  it('still refuses one upload over the size limit with the size message, whatever room is left', async () => {
    const s = store(1000, { maxWaitingBytes: 10_000 });
    const r = await s.receive(bytes(1001), 'big.docx');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('The file "big.docx" is too large: Dyad accepts up to 1 KB in one upload.');
    expect(s.waitingBytes()).toBe(0);
  });
});

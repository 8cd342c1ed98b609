/**
 * The codec named when Chromium cannot play a recording: read from bytes built here box by box and element by
 * element, the way each container lays them out, including an mp4 whose `moov` comes after a large `mdat`.
 */
import { describe, expect, it } from 'vitest';
import { describeTracks, sniffMedia } from '../../../electron/core/media-sniff';

const bytes = (...parts: (number[] | string | Uint8Array)[]) => {
  const out: number[] = [];
  for (const p of parts) for (const b of typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p) out.push(b);
  return Uint8Array.from(out);
};
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const box = (type: string, ...body: Uint8Array[]) => {
  const inner = bytes(...body);
  return bytes(be32(8 + inner.length), type, inner);
};
const fullBox = (type: string, body: Uint8Array) => box(type, bytes([0, 0, 0, 0]), body);

/** A trak with its handler type and one sample description entry. */
const trak = (handler: 'vide' | 'soun', fourcc: string) =>
  box(
    'trak',
    box('tkhd', bytes(new Array(20).fill(0))),
    box(
      'mdia',
      fullBox('hdlr', bytes([0, 0, 0, 0], handler, new Array(12).fill(0), 'Handler\0')),
      box('minf', box('stbl', fullBox('stsd', bytes(be32(1), be32(16), fourcc, new Array(8).fill(0))))),
    ),
  );

const readerOf = (file: Uint8Array) => {
  const reads: [number, number][] = [];
  return {
    reads,
    read: (offset: number, length: number) => {
      reads.push([offset, length]);
      return file.subarray(offset, offset + length);
    },
  };
};

describe('sniffMedia', () => {
  it('names the HEVC video and AAC audio of an iPhone-style mp4 whose moov sits after the media data', () => {
    const mdat = box('mdat', new Uint8Array(300_000));
    const file = bytes(box('ftyp', bytes('isom', be32(512), 'isomiso2')), mdat, box('moov', box('mvhd', new Uint8Array(100)), trak('vide', 'hvc1'), trak('soun', 'mp4a')));
    const r = readerOf(file);
    const probe = sniffMedia(r.read, file.length);
    expect(probe).toEqual({
      container: 'mp4',
      tracks: [
        { kind: 'video', codec: 'hvc1', name: 'HEVC (H.265)', plays: false },
        { kind: 'audio', codec: 'mp4a', name: 'AAC', plays: true },
      ],
    });
    expect(describeTracks(probe)).toBe('video HEVC (H.265) (hvc1), audio AAC (mp4a)');
    // The media data was stepped over, not read: only the head, a box header and the moov.
    expect(r.reads.reduce((n, [, len]) => n + Math.min(len, file.length), 0)).toBeLessThan(file.length);
  });

  it('reads a QuickTime .mov (brand "qt  ") with ProRes as mov, and an unknown fourcc by its name', () => {
    const file = bytes(box('ftyp', bytes('qt  ', be32(0), 'qt  ')), box('moov', trak('vide', 'apcn'), trak('soun', 'zzzz')));
    expect(sniffMedia(readerOf(file).read, file.length)).toEqual({
      container: 'mov',
      tracks: [
        { kind: 'video', codec: 'apcn', name: 'Apple ProRes 422', plays: false },
        { kind: 'audio', codec: 'zzzz', name: 'zzzz', plays: null },
      ],
    });
  });

  it("reads a WebM's DocType and each track's CodecID", () => {
    const codecId = (id: string) => bytes([0x86, 0x80 | id.length], id);
    const ebml = bytes(be32(0x1a45dfa3), [0x80 | 15], [0x42, 0x86, 0x81, 1], [0x42, 0x82, 0x84], 'webm', [0x42, 0x87, 0x81, 2]);
    const file = bytes(ebml, [0x18, 0x53, 0x80, 0x67, 0x01, 0xff], new Array(40).fill(0xec), codecId('V_VP9'), new Array(9).fill(0), codecId('A_OPUS'));
    expect(sniffMedia(readerOf(file).read, file.length)).toEqual({
      container: 'webm',
      tracks: [
        { kind: 'video', codec: 'V_VP9', name: 'VP9', plays: true },
        { kind: 'audio', codec: 'A_OPUS', name: 'Opus', plays: true },
      ],
    });
  });

  it('reads a Matroska file with HEVC as matroska, not webm', () => {
    const file = bytes(be32(0x1a45dfa3), [0x88], [0x42, 0x82, 0x88], 'matroska', [0x86, 0x80 | 16], 'V_MPEGH/ISO/HEVC');
    expect(sniffMedia(readerOf(file).read, file.length)).toMatchObject({ container: 'matroska', tracks: [{ kind: 'video', name: 'HEVC (H.265)', plays: false }] });
  });

  it("reads a WAV's format tag after other chunks: PCM plays, MP3-in-WAV and ADPCM do not", () => {
    const wav = (tag: number) => bytes('RIFF', le32(100), 'WAVE', 'LIST', le32(5), 'abcde', [0], 'fmt ', le32(16), le16(tag), le16(1), le32(8000), le32(16000), le16(2), le16(16));
    expect(sniffMedia(readerOf(wav(1)).read, 60).tracks).toEqual([{ kind: 'audio', codec: '0x0001', name: 'PCM', plays: true }]);
    expect(sniffMedia(readerOf(wav(0x55)).read, 60).tracks).toEqual([{ kind: 'audio', codec: '0x0055', name: 'MP3', plays: false }]);
    expect(sniffMedia(readerOf(wav(0x11)).read, 60).tracks[0]).toMatchObject({ name: 'IMA ADPCM', plays: false });
  });

  it("reads an Ogg file's first packet: Opus, Vorbis, Speex", () => {
    const ogg = (packet: string) => bytes('OggS', new Array(22).fill(0), [1, packet.length], packet);
    expect(sniffMedia(readerOf(ogg('OpusHead\x01')).read, 40)).toEqual({ container: 'ogg', tracks: [{ kind: 'audio', codec: 'opus', name: 'Opus', plays: true }] });
    expect(sniffMedia(readerOf(ogg('\x01vorbis\0')).read, 40).tracks[0]).toMatchObject({ name: 'Vorbis', plays: true });
    expect(sniffMedia(readerOf(ogg('Speex   ')).read, 40).tracks[0]).toMatchObject({ name: 'Speex', plays: false });
  });

  it('knows MP3 by its ID3 tag or frame sync, and says nothing of bytes it does not know', () => {
    expect(sniffMedia(readerOf(bytes('ID3', [4, 0, 0])).read, 6).container).toBe('mp3');
    expect(sniffMedia(readerOf(bytes([0xff, 0xfb, 0x90, 0x64])).read, 4).container).toBe('mp3');
    const text = bytes('This is a transcript, not a recording.');
    expect(sniffMedia(readerOf(text).read, text.length)).toEqual({ container: null, tracks: [] });
    expect(sniffMedia(readerOf(new Uint8Array(0)).read, 0)).toEqual({ container: null, tracks: [] });
  });
});

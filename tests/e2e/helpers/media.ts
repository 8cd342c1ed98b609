import { writeFileSync } from 'node:fs';

/**
 * A WAV file of `seconds` of a quiet tone (8 kHz, 8-bit mono: 8 kB a second), written by the test so no recording
 * is checked in: enough for Chromium to load, seek and play.
 */
export function writeToneWav(path: string, seconds: number, hz = 440): void {
  const rate = 8000;
  const n = Math.round(seconds * rate);
  const buf = Buffer.alloc(44 + n);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + n, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate, 28); // bytes per second
  buf.writeUInt16LE(1, 32); // block align
  buf.writeUInt16LE(8, 34); // bits per sample
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(n, 40);
  for (let i = 0; i < n; i++) buf[44 + i] = 128 + Math.round(20 * Math.sin((2 * Math.PI * hz * i) / rate));
  writeFileSync(path, buf);
}

const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const box = (type: string, ...body: number[][]) => {
  const inner = body.flat();
  return [...be32(8 + inner.length), ...Buffer.from(type, 'ascii'), ...inner];
};

/**
 * An .mp4 as an iPhone writes one in HEVC, reduced to the boxes that name its codecs (video `hvc1`, audio `mp4a`)
 * and no decodable frame: what Chromium refuses and Dyad must explain.
 */
export function writeHevcMp4(path: string): void {
  const trak = (handler: string, fourcc: string) =>
    box(
      'trak',
      box(
        'mdia',
        box('hdlr', [0, 0, 0, 0], [0, 0, 0, 0], [...Buffer.from(handler, 'ascii')], new Array(12).fill(0), [0]),
        box('minf', box('stbl', box('stsd', [0, 0, 0, 0], be32(1), be32(16), [...Buffer.from(fourcc, 'ascii')], new Array(8).fill(0)))),
      ),
    );
  const file = [...box('ftyp', [...Buffer.from('isom', 'ascii')], be32(512), [...Buffer.from('isomiso2', 'ascii')]), ...box('mdat', new Array(4096).fill(7)), ...box('moov', trak('vide', 'hvc1'), trak('soun', 'mp4a'))];
  writeFileSync(path, Uint8Array.from(file));
}

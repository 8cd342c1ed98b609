/**
 * What is inside a recording, read from its bytes: the container and each track's codec. Chromium says only
 * "cannot play" (MEDIA_ERR_SRC_NOT_SUPPORTED) or shows a black picture with sound; the researcher needs to hear
 * which codec is to blame ("video HEVC (hvc1)") to convert the file, so the core reads the header the way a
 * media probe would, without one: mp4/mov sample descriptions (`stsd`), Matroska/WebM `CodecID`, WAV's `fmt `
 * chunk, Ogg's first packet, MP3 and FLAC signatures.
 *
 * Written against a `read(offset, length)` of the file so that a two-hour video costs a few small reads, and so
 * tests can hand it bytes made in memory.
 */
interface Track {
  kind: 'video' | 'audio';
  /** As the file names it: a fourcc ("hvc1"), a Matroska CodecID ("V_VP9"), a WAV format tag ("0x0055"). */
  codec: string;
  /** What a researcher may know it as ("HEVC (H.265)"). */
  name: string;
  /** False for what Chromium (and so Dyad) does not decode; null when unknown. */
  plays: boolean | null;
}

interface MediaProbe {
  container: 'mp4' | 'mov' | 'webm' | 'matroska' | 'wav' | 'ogg' | 'mp3' | 'flac' | null;
  tracks: Track[];
}

type ReadAt = (offset: number, length: number) => Uint8Array;

const ascii = (b: Uint8Array, from = 0, to = b.length) => String.fromCharCode(...b.subarray(from, to));
const u32 = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

/** fourcc → name and whether Chromium decodes it (H.264/AAC as Electron's and Chrome's builds do). */
const MP4_CODECS: Record<string, { name: string; plays: boolean }> = {
  avc1: { name: 'H.264', plays: true },
  avc3: { name: 'H.264', plays: true },
  hvc1: { name: 'HEVC (H.265)', plays: false },
  hev1: { name: 'HEVC (H.265)', plays: false },
  vp08: { name: 'VP8', plays: true },
  vp09: { name: 'VP9', plays: true },
  av01: { name: 'AV1', plays: true },
  mp4v: { name: 'MPEG-4 Part 2', plays: false },
  apch: { name: 'Apple ProRes 422 HQ', plays: false },
  apcn: { name: 'Apple ProRes 422', plays: false },
  apcs: { name: 'Apple ProRes 422 LT', plays: false },
  apco: { name: 'Apple ProRes 422 Proxy', plays: false },
  ap4h: { name: 'Apple ProRes 4444', plays: false },
  jpeg: { name: 'Motion JPEG', plays: false },
  mjpa: { name: 'Motion JPEG', plays: false },
  'dvc ': { name: 'DV', plays: false },
  dvcp: { name: 'DV', plays: false },
  mp4a: { name: 'AAC', plays: true },
  '.mp3': { name: 'MP3', plays: true },
  Opus: { name: 'Opus', plays: true },
  fLaC: { name: 'FLAC', plays: true },
  alac: { name: 'Apple Lossless (ALAC)', plays: false },
  'ac-3': { name: 'Dolby Digital (AC-3)', plays: false },
  'ec-3': { name: 'Dolby Digital Plus (E-AC-3)', plays: false },
  samr: { name: 'AMR', plays: false },
  sowt: { name: 'PCM', plays: false },
  twos: { name: 'PCM', plays: false },
  lpcm: { name: 'PCM', plays: false },
  ima4: { name: 'IMA ADPCM', plays: false },
};

const MKV_CODECS: Record<string, { name: string; plays: boolean }> = {
  V_VP8: { name: 'VP8', plays: true },
  V_VP9: { name: 'VP9', plays: true },
  V_AV1: { name: 'AV1', plays: true },
  'V_MPEG4/ISO/AVC': { name: 'H.264', plays: true },
  'V_MPEGH/ISO/HEVC': { name: 'HEVC (H.265)', plays: false },
  V_THEORA: { name: 'Theora', plays: false },
  A_OPUS: { name: 'Opus', plays: true },
  A_VORBIS: { name: 'Vorbis', plays: true },
  A_AAC: { name: 'AAC', plays: true },
  A_MPEG_L3: { name: 'MP3', plays: true },
  A_FLAC: { name: 'FLAC', plays: true },
  A_AC3: { name: 'Dolby Digital (AC-3)', plays: false },
  A_EAC3: { name: 'Dolby Digital Plus (E-AC-3)', plays: false },
  A_DTS: { name: 'DTS', plays: false },
  'A_PCM/INT/LIT': { name: 'PCM', plays: true },
};

const WAV_FORMATS: Record<number, { name: string; plays: boolean }> = {
  0x0001: { name: 'PCM', plays: true },
  0x0003: { name: 'PCM (floating point)', plays: true },
  0x0006: { name: 'A-law', plays: true },
  0x0007: { name: 'µ-law', plays: true },
  0x0002: { name: 'Microsoft ADPCM', plays: false },
  0x0011: { name: 'IMA ADPCM', plays: false },
  0x0031: { name: 'GSM 6.10', plays: false },
  0x0055: { name: 'MP3', plays: false },
  0x0161: { name: 'Windows Media Audio', plays: false },
};

const SCAN = 256 * 1024;

/** Reads the container and codecs of a file of `size` bytes; a container Dyad does not know gives `container: null`. */
export function sniffMedia(read: ReadAt, size: number): MediaProbe {
  const head = read(0, Math.min(size, SCAN));
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp') return sniffMp4(read, size, ascii(head, 8, 12));
  if (head.length >= 4 && u32(head, 0) === 0x1a45dfa3) return sniffMatroska(head);
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WAVE') return sniffWav(head);
  if (head.length >= 4 && ascii(head, 0, 4) === 'OggS') return sniffOgg(head);
  if (head.length >= 4 && ascii(head, 0, 4) === 'fLaC') return { container: 'flac', tracks: [{ kind: 'audio', codec: 'fLaC', name: 'FLAC', plays: true }] };
  if (head.length >= 3 && (ascii(head, 0, 3) === 'ID3' || (head[0] === 0xff && (head[1]! & 0xe0) === 0xe0))) {
    return { container: 'mp3', tracks: [{ kind: 'audio', codec: 'mp3', name: 'MP3', plays: true }] };
  }
  // QuickTime files from old cameras may start with `moov`/`mdat`/`wide` instead of `ftyp`.
  if (head.length >= 8 && ['moov', 'mdat', 'wide', 'free'].includes(ascii(head, 4, 8))) return sniffMp4(read, size, 'qt  ');
  return { container: null, tracks: [] };
}

/** Walks the box tree moov → trak → mdia → (hdlr, minf → stbl → stsd); `moov` may sit after a huge `mdat`. */
function sniffMp4(read: ReadAt, size: number, brand: string): MediaProbe {
  const container = brand === 'qt  ' ? 'mov' : 'mp4';
  const tracks: Track[] = [];
  const boxes = (buf: Uint8Array, from: number, to: number, visit: (type: string, start: number, end: number) => void) => {
    let i = from;
    while (i + 8 <= to) {
      let len = u32(buf, i);
      const type = ascii(buf, i + 4, i + 8);
      let header = 8;
      if (len === 1 && i + 16 <= to) {
        len = u32(buf, i + 8) * 2 ** 32 + u32(buf, i + 12);
        header = 16;
      } else if (len === 0) len = to - i;
      if (len < header) return;
      visit(type, i + header, Math.min(i + len, to));
      i += len;
    }
  };
  // The top level is read box header by box header, so an `mdat` of gigabytes is skipped, not read.
  let at = 0;
  while (at + 8 <= size) {
    const h = read(at, 16);
    if (h.length < 8) break;
    let len = u32(h, 0);
    if (len === 1 && h.length >= 16) len = u32(h, 8) * 2 ** 32 + u32(h, 12);
    else if (len === 0) len = size - at;
    const type = ascii(h, 4, 8);
    if (len < 8) break;
    if (type === 'moov') {
      const moov = read(at, Math.min(len, 64 * 1024 * 1024));
      boxes(moov, 8, moov.length, (t, s, e) => {
        if (t !== 'trak') return;
        let handler = '';
        let fourccs: string[] = [];
        const walk = (a: number, b: number) =>
          boxes(moov, a, b, (tt, ss, ee) => {
            if (tt === 'mdia' || tt === 'minf' || tt === 'stbl') walk(ss, ee);
            else if (tt === 'hdlr' && ee - ss >= 12) handler = ascii(moov, ss + 8, ss + 12);
            else if (tt === 'stsd' && ee - ss >= 16) {
              // version/flags (4), entry count (4), then entries: size (4) + format fourcc (4) …
              const count = u32(moov, ss + 4);
              let p = ss + 8;
              for (let n = 0; n < count && p + 8 <= ee; n++) {
                fourccs.push(ascii(moov, p + 4, p + 8));
                p += Math.max(8, u32(moov, p));
              }
            }
          });
        walk(s, e);
        const kind = handler === 'vide' ? 'video' : handler === 'soun' ? 'audio' : null;
        if (!kind) fourccs = [];
        for (const f of fourccs) {
          const known = MP4_CODECS[f];
          tracks.push({ kind: kind!, codec: f, name: known?.name ?? f.trim(), plays: known?.plays ?? null });
        }
      });
      break;
    }
    at += len;
  }
  return { container, tracks };
}

/** Reads an EBML variable-length integer at i: its value and length (the marker bit removed). */
function vint(b: Uint8Array, i: number): { value: number; length: number } | null {
  const first = b[i];
  if (first === undefined || first === 0) return null;
  let length = 1;
  while (!(first & (0x80 >> (length - 1)))) length++;
  if (i + length > b.length) return null;
  let value = first & (0xff >> length);
  for (let k = 1; k < length; k++) value = value * 256 + b[i + k]!;
  return { value, length };
}

/** Matroska: the DocType in the EBML header, then every `CodecID` (element 0x86) of the Tracks. */
function sniffMatroska(head: Uint8Array): MediaProbe {
  let container: MediaProbe['container'] = 'matroska';
  const docType = indexOf(head, [0x42, 0x82], 0, 64);
  if (docType >= 0) {
    const len = vint(head, docType + 2);
    if (len && ascii(head, docType + 2 + len.length, docType + 2 + len.length + len.value) === 'webm') container = 'webm';
  }
  const tracks: Track[] = [];
  for (let i = 0; i < head.length - 3; i++) {
    if (head[i] !== 0x86) continue;
    const len = vint(head, i + 1);
    if (!len || len.value < 3 || len.value > 40) continue;
    const s = i + 1 + len.length;
    const id = ascii(head, s, s + len.value);
    if (!/^[VAS]_[A-Z0-9_/.-]+$/.test(id)) continue;
    if (id.startsWith('S_')) continue;
    const known = MKV_CODECS[id];
    tracks.push({ kind: id.startsWith('V_') ? 'video' : 'audio', codec: id, name: known?.name ?? id.slice(2), plays: known?.plays ?? null });
    i = s + len.value - 1;
  }
  return { container, tracks };
}

function sniffWav(head: Uint8Array): MediaProbe {
  let i = 12;
  while (i + 8 <= head.length) {
    const id = ascii(head, i, i + 4);
    const len = head[i + 4]! | (head[i + 5]! << 8) | (head[i + 6]! << 16) | (head[i + 7]! << 24);
    if (id === 'fmt ' && i + 10 <= head.length) {
      const tag = head[i + 8]! | (head[i + 9]! << 8);
      const known = WAV_FORMATS[tag === 0xfffe ? 1 : tag];
      const codec = `0x${tag.toString(16).padStart(4, '0')}`;
      return { container: 'wav', tracks: [{ kind: 'audio', codec, name: known?.name ?? `format ${codec}`, plays: known?.plays ?? null }] };
    }
    i += 8 + len + (len & 1);
  }
  return { container: 'wav', tracks: [] };
}

function sniffOgg(head: Uint8Array): MediaProbe {
  // The first page's segment table is followed by the first packet, which names the codec.
  const segments = head[26] ?? 0;
  const p = 27 + segments;
  const start = ascii(head, p, p + 8);
  const codec = start.startsWith('OpusHead')
    ? { codec: 'opus', name: 'Opus', plays: true, kind: 'audio' as const }
    : start.slice(1, 7) === 'vorbis'
      ? { codec: 'vorbis', name: 'Vorbis', plays: true, kind: 'audio' as const }
      : start.slice(1, 5) === 'FLAC'
        ? { codec: 'flac', name: 'FLAC', plays: true, kind: 'audio' as const }
        : start.startsWith('Speex')
          ? { codec: 'speex', name: 'Speex', plays: false, kind: 'audio' as const }
          : start.slice(1, 7) === 'theora'
            ? { codec: 'theora', name: 'Theora', plays: false, kind: 'video' as const }
            : null;
  return { container: 'ogg', tracks: codec ? [codec] : [] };
}

function indexOf(b: Uint8Array, needle: number[], from: number, to: number): number {
  for (let i = from; i <= Math.min(to, b.length - needle.length); i++) if (needle.every((n, k) => b[i + k] === n)) return i;
  return -1;
}

/** "video HEVC (H.265) (hvc1), audio AAC (mp4a)": the tracks as a researcher reads them in a message. */
export function describeTracks(probe: MediaProbe): string {
  return probe.tracks.map((t) => `${t.kind} ${t.name}${t.name !== t.codec ? ` (${t.codec})` : ''}`).join(', ');
}

import type { Output } from '../../../../shared/api/contract';

type Probe = Output<'media.probe'>;

const ADVICE = 'Convert it to MP4 (H.264 video, AAC audio), WebM, MP3 or WAV, for instance with HandBrake or ffmpeg, and attach the new file.';

/**
 * What to tell the researcher when Chromium cannot play a recording (`file`) or shows no picture of a video
 * (`picture`): the file's name and, where its header could be read, the codec to blame.
 */
export function unplayableMessage(probe: Probe, what: 'file' | 'picture'): string {
  const blamed = probe.tracks.filter((t) => t.plays === false && (what === 'file' || t.kind === 'video'));
  const named = (ts: Probe['tracks']) => ts.map((t) => `${t.kind} ${t.name}${t.name !== t.codec.trim() ? ` (${t.codec.trim()})` : ''}`).join(' and ');
  if (what === 'picture') return `Dyad cannot show the picture of ${probe.file}: its ${named(blamed)} cannot be played here; you hear its sound only. ${ADVICE}`;
  if (blamed.length) return `Dyad cannot play ${probe.file}: its ${named(blamed)} cannot be played here. ${ADVICE}`;
  if (probe.tracks.length) return `Dyad cannot play ${probe.file} (${named(probe.tracks)}); the file may be damaged or cut short. ${ADVICE}`;
  if (probe.container) return `Dyad cannot play ${probe.file}: it is a ${probe.container} file, but no sound or picture could be read from it. ${ADVICE}`;
  return `Dyad cannot play ${probe.file}: it is not a recording Dyad can read (the codec could not be read from its header). ${ADVICE}`;
}

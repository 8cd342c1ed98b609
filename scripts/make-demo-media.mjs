#!/usr/bin/env node
/**
 * ONE-OFF: makes the demo study's recordings (demo/media/), which are committed. Not run by CI, `npm install` or
 * `npm start`; run it again only to change them: `node scripts/make-demo-media.mjs`.
 *
 * Needs Debian's `espeak-ng` (synthesised speech) and `ffmpeg` (libvpx-vp9, libopus, drawtext). Everything it says
 * is invented: dyad 1, session 1's client and therapist recall interviews read aloud turn by turn from the demo's own
 * transcripts, and a session "recording" whose picture shows the session time and whose sound names the time at
 * each moment the interviews stop it. It writes:
 *   demo/media/D01_S1_session.webm     the session recording (VP9 + Vorbis, 320×180 at 1 frame a second)
 *   demo/media/D01_S1_client.ogg       the client's recall interview (Opus)
 *   demo/media/D01_S1_therapist.ogg    the therapist's
 *   demo/media/media.json              what electron/core/demo.ts attaches, with each turn's interview time
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const demo = join(root, 'demo');
const out = join(demo, 'media');
const tmp = mkdtempSync(join(tmpdir(), 'dyad-demo-media-'));
const RATE = 22050; // espeak-ng's own rate

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error) throw new Error(`${cmd} could not be run (${r.error.message}); install it: apt-get install -y espeak-ng ffmpeg`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return r;
}

/** The samples (16-bit mono at RATE) of `text` said by espeak-ng in `voice`. */
let n = 0;
function speak(text, voice, wpm = 165) {
  const file = join(tmp, `say-${n++}.wav`);
  run('espeak-ng', ['-v', voice, '-s', String(wpm), '-w', file, text]);
  const wav = readFileSync(file);
  const data = wav.indexOf('data', 12);
  return new Int16Array(wav.buffer.slice(wav.byteOffset + data + 8, wav.byteOffset + wav.length - ((wav.length - data - 8) % 2)));
}

function writeWav(path, samples) {
  const buf = Buffer.alloc(44 + samples.length * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + samples.length * 2, 4);
  buf.write('WAVEfmt ', 8, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(RATE, 24);
  buf.writeUInt32LE(RATE * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(samples.length * 2, 40);
  Buffer.from(samples.buffer, samples.byteOffset, samples.length * 2).copy(buf, 44);
  writeFileSync(path, buf);
}

/** The transcript's turns as the importer reads these files: `X: words` paragraphs (X a label), in order. */
function turnsOf(file) {
  return readFileSync(join(demo, 'transcripts', file), 'utf8')
    .split(/\n\s*\n/)
    .map((p) => /^([A-Z][A-Za-z]*):\s+([\s\S]+)$/.exec(p.trim()))
    .filter(Boolean)
    .map(([, speaker, words]) => ({ speaker, words: words.replace(/\s+/g, ' ').trim() }));
}

const spoken = (words) => words.replace(/\[(?:video|stopped at|session)?\s*(\d+):(\d\d):(\d\d)\]/gi, (_, h, m, s) => `(video, ${Number(h) * 60 + Number(m)} minutes ${Number(s)})`);
const hms = (t) => [Math.floor(t / 3600), Math.floor(t / 60) % 60, Math.floor(t % 60)].map((x) => String(x).padStart(2, '0')).join(':');

/** An interview read aloud turn by turn; returns each turn's start (seconds) keyed by its first words. */
function interview(file, voices, target) {
  const parts = [];
  const times = [];
  let at = 0.8 * RATE;
  const gap = Math.round(0.7 * RATE);
  for (const t of turnsOf(file)) {
    const samples = speak(spoken(t.words), voices[t.speaker] ?? voices.default);
    times.push([t.words.slice(0, 48), Math.round((at / RATE) * 100) / 100]);
    parts.push([at, samples]);
    at += samples.length + gap;
  }
  const all = new Int16Array(at);
  for (const [from, s] of parts) all.set(s, from);
  const wav = join(tmp, `${file}.wav`);
  writeWav(wav, all);
  run('ffmpeg', ['-y', '-loglevel', 'error', '-i', wav, '-ac', '1', '-ar', '16000', '-c:a', 'libopus', '-b:a', '14k', '-application', 'voip', join(out, target)]);
  return times;
}

function sessionRecording(file, times, target) {
  const seconds = Math.ceil(Math.max(...times) + 90);
  const all = new Int16Array(seconds * RATE);
  for (const t of [...new Set(times)].sort((a, b) => a - b)) {
    const line = speak(`Session recording, dyad 1, session 1. ${Math.floor(t / 60)} minutes ${t % 60} seconds.`, 'en-gb+f2', 150);
    all.set(line.subarray(0, Math.min(line.length, all.length - t * RATE)), t * RATE);
  }
  const wav = join(tmp, 'session.wav');
  writeWav(wav, all);
  const font = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
  const vf = [
    `drawtext=fontfile=${font}:text='Dyad 1 · Session 1 (fictional demo)':fontcolor=white@0.85:fontsize=14:x=(w-tw)/2:y=40`,
    `drawtext=fontfile=${font}:text='%{pts\\:gmtime\\:0\\:%H\\\\\\:%M\\\\\\:%S}':fontcolor=white:fontsize=30:x=(w-tw)/2:y=(h-th)/2+12`,
  ].join(',');
  run('ffmpeg', [
    '-y', '-loglevel', 'error',
    '-f', 'lavfi', '-i', `color=c=0x2b3a4a:s=320x180:r=1:d=${seconds}`,
    '-i', wav,
    '-vf', vf,
    '-c:v', 'libvpx-vp9', '-b:v', '0', '-crf', '56', '-g', '300', '-deadline', 'good', '-cpu-used', '5', '-row-mt', '1',
    // Vorbis, not Opus: the recording is mostly silence between the moments, which Vorbis stores in almost nothing.
    '-c:a', 'libvorbis', '-q:a', '-1', '-ac', '1', '-ar', '16000',
    '-shortest', join(out, target),
  ]);
  return seconds;
}

const sessionTimes = (file) => [...readFileSync(join(demo, 'transcripts', file), 'utf8').matchAll(/\[video (\d+):(\d\d):(\d\d)\]/g)].map(([, h, m, s]) => Number(h) * 3600 + Number(m) * 60 + Number(s));

try {
  mkdirSync(out, { recursive: true });
  const client = interview('D01_S1_client.txt', { I: 'en-gb', C: 'en-us+f3', default: 'en-us+f3' }, 'D01_S1_client.ogg');
  const therapist = interview('D01_S1_therapist.txt', { I: 'en-gb', T: 'en-gb-scotland+f4', default: 'en-gb-scotland+f4' }, 'D01_S1_therapist.ogg');
  const length = sessionRecording('D01_S1', [...sessionTimes('D01_S1_client.txt'), ...sessionTimes('D01_S1_therapist.txt')], 'D01_S1_session.webm');
  const manifest = {
    note: 'Made by scripts/make-demo-media.mjs (a one-off, not run by the build): synthesised speech, all fictional.',
    sessions: [{ dyad: '1', session: 1, recording: 'D01_S1_session.webm' }],
    interviews: [
      { transcript: 'D01_S1_client.txt', audio: 'D01_S1_client.ogg', turnTimes: client },
      { transcript: 'D01_S1_therapist.txt', audio: 'D01_S1_therapist.ogg', turnTimes: therapist },
    ],
  };
  writeFileSync(join(out, 'media.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const files = ['D01_S1_session.webm', 'D01_S1_client.ogg', 'D01_S1_therapist.ogg'];
  const total = files.reduce((sum, f) => sum + statSync(join(out, f)).size, 0);
  for (const f of files) console.log(`${f}: ${(statSync(join(out, f)).size / 1024).toFixed(0)} kB`);
  console.log(`session recording ${hms(length)}; client interview to ${hms(client.at(-1)[1])}, therapist to ${hms(therapist.at(-1)[1])}; ${(total / 1024 / 1024).toFixed(2)} MB in all`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/**
 * A synthetic IPR study for benchmarks: dyads × sessions × (client, therapist) interviews of N words, with speaker
 * turns (I:/C:, I:/T:), session-time markers every ~150 words, and the two sides recalling mostly the same moments.
 * Deterministic (seeded), written by this project; the words are a fixed made-up vocabulary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hms, rng } from '../helpers/rng';

export { hms, rng };

const VOCAB = (
  'i you we it the a and but so then was felt think really just like maybe that this there when what because ' +
  'session moment trust shame withdraw quiet looked away eyes room chair voice tone pause silence noticed wanted ' +
  'said didnt couldnt remember tried reach understand seen unseen safe uneasy tense relief warm distant close ' +
  'goal task bond agree disagree together alone stuck repair rupture sorry angry sad afraid hopeful tired ' +
  'mother father work week again before after still always never something nothing everything right wrong'
).split(' ');



/** One interview's text of about `words` words, stopping at the given session times. */
export function interviewText(role: 'client' | 'therapist', words: number, stops: number[], random: () => number): string {
  const participant = role === 'client' ? 'C' : 'T';
  const lines: string[] = [`IPR interview (synthetic), ${role}`, ''];
  const perStop = Math.max(20, Math.floor(words / Math.max(1, stops.length)));
  let written = 0;
  for (const stop of stops) {
    let here = 0;
    let speaker = 'I';
    let first = true;
    while (here < perStop) {
      const n = speaker === 'I' ? 6 + Math.floor(random() * 14) : 15 + Math.floor(random() * 60);
      const ws: string[] = [];
      for (let i = 0; i < n; i++) ws.push(VOCAB[Math.floor(random() * VOCAB.length)]!);
      const marker = first ? `[video ${hms(stop)}] ` : '';
      lines.push(`${speaker}: ${marker}${ws.join(' ')}${speaker === 'I' ? '?' : '.'}`, '');
      here += n;
      first = false;
      speaker = speaker === 'I' ? participant : 'I';
    }
    written += here;
    if (written >= words) break;
  }
  return lines.join('\n');
}

export interface StudyShape {
  dyads: number;
  sessions: number;
  words: number;
  seed?: number;
}

/** Writes the study's transcripts as D{dd}_S{s}_{role}.txt into `dir`; returns the file paths. */
export function writeSyntheticStudy(dir: string, shape: StudyShape): string[] {
  mkdirSync(dir, { recursive: true });
  const random = rng(shape.seed ?? 42);
  const files: string[] = [];
  const stopsPerInterview = Math.max(4, Math.round(shape.words / 150));
  for (let d = 1; d <= shape.dyads; d++) {
    for (let s = 1; s <= shape.sessions; s++) {
      const shared: number[] = [];
      let t = 30;
      for (let i = 0; i < stopsPerInterview; i++) {
        t += 8 + Math.floor(random() * 40);
        shared.push(t);
      }
      // The therapist stops near the same moments (within 12 s), and skips or adds a few of their own.
      const therapistStops = shared
        .filter(() => random() > 0.1)
        .map((x) => x + Math.floor(random() * 12))
        .concat(shared.filter(() => random() < 0.05).map((x) => x + 4))
        .sort((a, b) => a - b);
      for (const [role, stops] of [
        ['client', shared],
        ['therapist', therapistStops],
      ] as const) {
        const file = join(dir, `D${String(d).padStart(2, '0')}_S${s}_${role}.txt`);
        writeFileSync(file, interviewText(role, shape.words, stops, random));
        files.push(file);
      }
    }
  }
  return files;
}

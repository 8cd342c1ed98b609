/**
 * A long fictional session for the performance check: a client and a therapist IPR interview of about
 * `words` words each, stopping at `stops` session times, the two sides recalling mostly the same moments a few
 * seconds apart. Deterministic; the sentences are made up here from a small stock so the text reads like an
 * interview, not like noise.
 */
import { hms, rng } from '../../helpers/rng';

export { rng };
const QUESTIONS = [
  'What was going on for you here?',
  'You stopped it here. What do you notice?',
  'What were you feeling at this point?',
  'Can you say more about that moment?',
  'What do you make of it, watching it now?',
  'Here is where the pace changes. Do you remember it?',
];
const OPENINGS = ['I remember this.', 'Yes.', 'Um, this bit.', 'Watching it now,', 'Honestly,', 'Right, so here', 'It is strange to see it,'];
const CLIENT = [
  'I was watching her face to see whether I had said the wrong thing',
  'my hands were cold and I kept my coat on the whole time',
  'I wanted to tell her about the weekend but the words would not come',
  'it felt like she already knew what I was going to say',
  'I laughed, but inside I was shrinking back into the chair',
  'there was a silence and I did not know if I was meant to fill it',
  'she leaned forward and something in me settled a little',
  'I thought she was disappointed in me, I could feel it',
  'when she repeated my words back I felt properly heard for once',
  'I nearly walked out in my head, the way I do at work',
];
const THERAPIST = [
  'I noticed I was pushing on with the plan rather than staying with her',
  'there was a pull in me to reassure her, and I held it back',
  'I felt a flicker of irritation and I am not proud of it',
  'I could see her go quiet and I did not know why yet',
  'I slowed my voice down on purpose to lower the temperature',
  'I thought the alliance was fragile here and I wanted to protect it',
  'I was aware of the clock more than I would like to admit',
  'when she looked away I wondered whether I had missed something',
  'it felt like a small repair, and I was relieved',
  'looking at it now I think I was more anxious than she was',
];


const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

function interview(role: 'client' | 'therapist', stops: number[], words: number, random: () => number): string {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const stock = role === 'client' ? CLIENT : THERAPIST;
  const label = role === 'client' ? 'C' : 'T';
  const perStop = words / stops.length;
  const out = [`IPR interview (fictional long session for the performance test), ${role}`, ''];
  let written = 0;
  stops.forEach((stop, i) => {
    const target = perStop * (i + 1);
    out.push(`I: [video ${hms(stop)}] ${pick(QUESTIONS)}`, '');
    written += 2 + 8;
    while (written < target) {
      const opening = pick(OPENINGS);
      const sentences = [opening];
      const chosen = new Set<string>();
      for (let k = 0; k < 1 + Math.floor(random() * 3); k++) chosen.add(pick(stock));
      [...chosen].forEach((line, k) => {
        const capital = k > 0 || opening.endsWith('.');
        sentences.push(`${capital ? line[0]!.toUpperCase() + line.slice(1) : line}.`);
      });
      const turn = sentences.join(' ');
      out.push(`${label}: ${turn}`, '');
      written += wordCount(turn);
      if (written < target && random() < 0.3) {
        out.push('I: And then?', '');
        written += 2;
      }
    }
  });
  return out.join('\n');
}

export interface LongSession {
  client: string;
  therapist: string;
  /** Moments each side stopped at (session seconds). */
  clientStops: number;
  therapistStops: number;
}

export function longSession(opts: { words: number; stops: number; seed?: number }): LongSession {
  const random = rng(opts.seed ?? 7);
  const shared: number[] = [];
  let t = 20;
  for (let i = 0; i < opts.stops; i++) {
    t += 6 + Math.floor(random() * 14);
    shared.push(t);
  }
  // The therapist stops near most of the client's moments, a few seconds off, and misses some.
  const therapist = shared.filter(() => random() > 0.12).map((x) => x + Math.floor(random() * 9) - 4);
  return {
    client: interview('client', shared, opts.words, random),
    therapist: interview('therapist', therapist, opts.words, random),
    clientStops: shared.length,
    therapistStops: therapist.length,
  };
}

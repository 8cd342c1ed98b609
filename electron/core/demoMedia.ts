/**
 * The demo study's recordings (demo/media/, made once by scripts/make-demo-media.mjs): dyad 1, session 1's session
 * recording and its two interviews read aloud, so a new user presses Play and hears something at once.
 *
 * They are copied into a folder beside the demo project ("Demo recordings") and attached by a path relative to it,
 * as a researcher's own study folder would be: the demo then moves, and is relinked, like any project. A turn's
 * interview time comes from media.json, since the plain-text demo transcripts carry none.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { DyadError } from '../../shared/api/errors';
import { findSession, listDyadTree, updateSession } from './dyads';
import { getInterview } from './interviews';
import { storedMediaPath } from './media';
import type { Project } from './project';

const manifest = z.object({
  sessions: z.array(z.object({ dyad: z.string(), session: z.number().int(), recording: z.string() })),
  interviews: z.array(z.object({ transcript: z.string(), audio: z.string(), turnTimes: z.array(z.tuple([z.string().min(1), z.number().min(0)])) })),
});

const DEMO_MEDIA_FOLDER = 'Demo recordings';

function readManifest(mediaDir: string): { file: string; parsed: z.infer<typeof manifest> } | null {
  const file = join(mediaDir, 'media.json');
  if (!existsSync(file)) return null; // a checkout without the recordings still gets a demo, silent
  try {
    return { file, parsed: manifest.parse(JSON.parse(readFileSync(file, 'utf8'))) };
  } catch (e) {
    throw new DyadError('bad-file', `The demo recordings' list ${file} could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Attaches the demo's recordings in `project` where copyDemoMedia puts them beside `target` (the demo project's
 * final path), and gives the turns their interview times.
 */
export function applyDemoMedia(project: Project, mediaDir: string, target: string): void {
  const found = readManifest(mediaDir);
  if (!found) return;
  const { file, parsed } = found;
  const folder = join(dirname(target), DEMO_MEDIA_FOLDER);
  const place = (name: string) => {
    if (!existsSync(join(mediaDir, name))) throw new DyadError('bad-file', `${file} names ${name}, which is not in ${mediaDir}.`);
    return storedMediaPath(target, join(folder, name));
  };
  const db = project.db;
  const interviews = new Map<string, string>();
  for (const d of listDyadTree(db)) for (const s of d.sessions) for (const i of s.interviews) interviews.set(i.sourceName, i.id);
  const setTime = db.prepare('UPDATE turns SET interview_time = ? WHERE id = ?');
  const setAudio = db.prepare('UPDATE interviews SET audio_path = ? WHERE id = ?');
  db.transaction(() => {
    for (const s of parsed.sessions) {
      const session = findSession(db, s.dyad, s.session);
      if (!session) throw new DyadError('bad-file', `${file} gives a recording to dyad "${s.dyad}" session ${s.session}, which the demo does not have.`);
      updateSession(db, session.id, { recordingPath: place(s.recording) });
    }
    for (const i of parsed.interviews) {
      const id = interviews.get(i.transcript);
      if (!id) throw new DyadError('bad-file', `${file} gives a recording to ${i.transcript}, which is not a demo transcript.`);
      setAudio.run(place(i.audio), id);
      // Each time belongs to the next turn, in order, that starts with its words ("Yeah." is said more than once).
      const { text, turns } = getInterview(db, id);
      let next = 0;
      for (const [words, seconds] of i.turnTimes) {
        while (next < turns.length && !text.slice(turns[next]!.start, turns[next]!.end).startsWith(words)) next++;
        if (next >= turns.length) throw new DyadError('bad-file', `${file} times a turn of ${i.transcript} starting "${words}", which is not there (in order).`);
        setTime.run(seconds, turns[next]!.id);
        next++;
      }
    }
  })();
}

/** Copies the demo's recordings into the folder beside `target`, once the demo project is in place. */
export function copyDemoMedia(mediaDir: string, target: string): void {
  const found = readManifest(mediaDir);
  if (!found) return;
  const folder = join(dirname(target), DEMO_MEDIA_FOLDER);
  mkdirSync(folder, { recursive: true });
  const names = [...found.parsed.sessions.map((s) => s.recording), ...found.parsed.interviews.map((i) => i.audio)];
  for (const name of names) {
    const from = join(mediaDir, name);
    const to = join(folder, name);
    try {
      if (!existsSync(to) || statSync(to).size !== statSync(from).size) copyFileSync(from, to);
    } catch (e) {
      throw new DyadError('io', `The demo recording ${name} could not be copied to ${folder}: ${(e as Error).message}`);
    }
  }
}

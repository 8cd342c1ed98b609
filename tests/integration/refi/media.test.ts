/**
 * Recordings through REFI-QDA (issue 14, item 7): a session's recording and an interview's own go out as the
 * standard's media sources with transcripts and sync points, and come back attached with the turns' times; media
 * sources written the way other tools write them are read too.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setInterviewAudio } from '../../../electron/core/media';
import { Project } from '../../../electron/core/project';
import { exportQdpx } from '../../../electron/refi/exportQdpx';
import { openSafeZip } from '../../../electron/refi/zipRead';
import { readSnapshot } from '../../../electron/snapshot/read';
import { writeSnapshotInto } from '../../../electron/snapshot/write';
import type { ProjectSnapshot } from '../../../shared/snapshot/types';
import { utf16ToCodePoint } from '../../../shared/text/offsets';
import { tempDir } from '../../helpers/tmp';
import { absent, PROJECT_XSD, schemaErrors } from './helpers';
import { generateStudy } from './study';

const tmp = tempDir('dyad-refi-media-');
let source: Project;
let original: ProjectSnapshot;
let qdpx: string;
let qde: string;
let clientId: string;

async function entryText(file: string, name: string): Promise<string> {
  const zip = await openSafeZip(file, file);
  try {
    return (await zip.read(zip.find(name)!)).toString('utf8');
  } finally {
    zip.close();
  }
}


beforeAll(async () => {
  const study = tmp.path('study');
  mkdirSync(join(study, 'media'), { recursive: true });
  // Not real recordings: Dyad attaches by path and never reads them during an export or import.
  writeFileSync(join(study, 'media', 'd1-s1.mp4'), 'session video');
  writeFileSync(join(study, 'media', 'd1-s1-client.wav'), 'client interview');
  source = Project.open(join(study, 'study.dyad'), { create: true });
  writeSnapshotInto(source.db, generateStudy({ dyads: 1, sessions: 1, wordsPerInterview: 400, codingsPerInterview: 5, astral: true }));
  source.db.prepare("UPDATE sessions SET recording_path = 'media/d1-s1.mp4'").run();
  clientId = source.db.prepare("SELECT id FROM interviews WHERE role = 'client'").pluck().get() as string;
  setInterviewAudio(source.db, clientId, 'media/d1-s1-client.wav');
  // A turn with cue times inside it, as a subtitle import leaves them.
  const turn = source.db.prepare('SELECT id, start, "end" FROM turns WHERE interview_id = ? AND interview_time IS NOT NULL ORDER BY seq LIMIT 1 OFFSET 1').get(clientId) as {
    id: string;
    start: number;
    end: number;
  };
  source.db.prepare('UPDATE turns SET time_points = ? WHERE id = ?').run(JSON.stringify([[Math.floor((turn.end - turn.start) / 2), 99.25]]), turn.id);
  original = readSnapshot(source.db, { sessionDetails: true });
  qdpx = join(study, 'study.qdpx');
  await exportQdpx(source.db, qdpx);
  qde = await entryText(qdpx, 'project.qde');
});
afterAll(() => {
  source.close();
  tmp.cleanup();
});

describe('exporting recordings to REFI-QDA', () => {
  it.skipIf(absent(PROJECT_XSD, 'validating media sources against Project.xsd'))('writes media sources that validate against Project.xsd', async () => {
    const file = tmp.path('project.qde');
    writeFileSync(file, qde);
    expect(await schemaErrors(file, PROJECT_XSD)).toBe('');
  });

  it('writes the session recording as a VideoSource beside the .qdpx, with a transcript per interview synced at its recall moments', () => {
    const video = /<VideoSource [^>]*path="relative:\/\/media\/d1-s1\.mp4">([\s\S]*?)<\/VideoSource>/.exec(qde);
    expect(video).not.toBeNull();
    expect(qde).toMatch(/<Project [^>]*basePath="[^"]+"/);
    for (const i of original.interviews) {
      const t = new RegExp(`<Transcript [^>]*plainTextPath="internal://${i.id}\\.txt"[^>]*>([\\s\\S]*?)</Transcript>`).exec(video![1]!);
      expect(t, i.sourceName).not.toBeNull();
      const points = [...t![1]!.matchAll(/timeStamp="(\d+)" position="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(points.length).toBe(i.moments.length);
      expect(points).toEqual([...i.moments].sort((x, y) => x.offset - y.offset).map((m) => [Math.round(m.sessionTime * 1000), utf16ToCodePoint(i.text, m.offset)]));
    }
  });

  it('writes the client interview’s own recording as an AudioSource synced at its turns’ times and the times inside them', () => {
    const audio = /<AudioSource [^>]*path="relative:\/\/media\/d1-s1-client\.wav">([\s\S]*?)<\/AudioSource>/.exec(qde);
    expect(audio).not.toBeNull();
    const i = original.interviews.find((x) => x.id === clientId)!;
    const expected = i.turns.flatMap((t) => [
      ...(t.interviewTime === null ? [] : [[Math.round(t.interviewTime * 1000), utf16ToCodePoint(i.text, t.start)]]),
      ...(t.timePoints ?? []).map(([o, s]) => [Math.round(s * 1000), utf16ToCodePoint(i.text, t.start + o)]),
    ]);
    expect(expected.length).toBeGreaterThan(3);
    expect([...audio![1]!.matchAll(/timeStamp="(\d+)" position="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])])).toEqual(expected);
    expect(audio![1]).toContain(`plainTextPath="internal://${clientId}.txt"`);
  });

  it('copies no recording into the archive', async () => {
    const zip = await openSafeZip(qdpx, 'study.qdpx');
    try {
      expect(zip.entries.filter((e) => /\.(mp4|wav)$/.test(e.name))).toEqual([]);
    } finally {
      zip.close();
    }
  });
});


/**
 * Recordings through REFI-QDA (issue 14, item 7): a session's recording and an interview's own go out as the
 * standard's media sources with transcripts and sync points, and come back attached with the turns' times; media
 * sources written the way other tools write them are read too.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMedia, setInterviewAudio } from '../../../electron/core/media';
import { Project } from '../../../electron/core/project';
import { exportQdpx } from '../../../electron/refi/exportQdpx';
import { importQdpxIntoProject } from '../../../electron/refi/importQdpx';
import { readQdpx } from '../../../electron/refi/readQdpx';
import { openSafeZip } from '../../../electron/refi/zipRead';
import { ZipWriter } from '../../../electron/refi/zipWrite';
import { readSnapshot } from '../../../electron/snapshot/read';
import { writeSnapshotInto } from '../../../electron/snapshot/write';
import type { ProjectSnapshot } from '../../../shared/snapshot/types';
import { utf16ToCodePoint } from '../../../shared/text/offsets';
import { tempDir } from '../../helpers/tmp';
import { absent, entryText, PROJECT_XSD, schemaErrors } from './helpers';
import { generateStudy } from './study';

const tmp = tempDir('dyad-refi-media-');
let source: Project;
let original: ProjectSnapshot;
let qdpx: string;
let qde: string;
let clientId: string;

/** The times a researcher plays from: each turn's own time and the times inside it, by turn id. */
const turnTimes = (s: ProjectSnapshot) =>
  Object.fromEntries(s.interviews.flatMap((i) => i.turns.map((t) => [t.id, { time: t.interviewTime, points: t.timePoints ?? [] }])));

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

describe('importing a .qdpx with recordings into a fresh project', () => {
  it('attaches the session recording and the interview’s own, found, with the same turn times', async () => {
    mkdirSync(tmp.path('elsewhere'));
    const fresh = Project.open(tmp.path('elsewhere/fresh.dyad'), { create: true });
    try {
      const r = await importQdpxIntoProject(fresh.db, qdpx, 'auto');
      expect(r.warnings.filter((w) => /audio|video|recording/i.test(w))).toEqual([]);
      const media = listMedia(fresh.db, tmp.path('elsewhere/fresh.dyad'));
      expect(media.map((m) => [m.kind, m.resolvedPath, m.found])).toEqual([
        ['session', tmp.path('study/media/d1-s1.mp4'), true],
        ['interview', tmp.path('study/media/d1-s1-client.wav'), true],
      ]);
      expect(turnTimes(readSnapshot(fresh.db))).toEqual(turnTimes(original));
    } finally {
      fresh.close();
    }
  });

  it('finds the recordings under the project’s basePath when the .qdpx was moved away from them', async () => {
    mkdirSync(tmp.path('mail'));
    const moved = tmp.path('mail/study.qdpx');
    copyFileSync(qdpx, moved);
    const read = await readQdpx(moved);
    expect(read.warnings.filter((w) => /recording/.test(w))).toEqual([]);
    expect(read.snapshot.interviews.find((i) => i.id === clientId)!.audioPath).toBe(tmp.path('study/media/d1-s1-client.wav'));
    expect(read.snapshot.dyads.flatMap((d) => d.sessions.map((x) => x.recordingPath))).toEqual([tmp.path('study/media/d1-s1.mp4')]);
  });

  it('takes the turn times from the sync points when the file has no Dyad data (as another tool would leave it)', async () => {
    const bare = tmp.path('study/bare.qdpx');
    const zip = await ZipWriter.create(bare);
    const from = await openSafeZip(qdpx, 'study.qdpx');
    try {
      for (const e of from.entries) if (e.name !== 'dyad.json') await zip.addFile(e.name, await from.read(e));
    } finally {
      from.close();
    }
    await zip.finish();
    const read = await readQdpx(bare);
    const client = read.snapshot.interviews.find((i) => i.id === clientId)!;
    expect(client.audioPath).toBe(tmp.path('study/media/d1-s1-client.wav'));
    // Without Dyad's data the session video reads as a second recording of the same transcripts: its session
    // times are not taken for the client's interview times, and the warning says so.
    expect(read.warnings.join('\n')).toMatch(/sync points? of a second recording of the same transcript/);
    const want = original.interviews.find((i) => i.id === clientId)!;
    // The parser finds the same turns again; each timed one gets its time back from the sync points.
    // The parser finds the same turns again (one of them starting before its "[video …]" marker rather than after
    // it); each timed one gets its time back from the sync points, and the cue inside a turn lands where it was.
    expect(client.turns.length).toBe(want.turns.length);
    const timed = want.turns.filter((t) => t.interviewTime !== null);
    expect(timed.length).toBeGreaterThan(3);
    for (const t of want.turns) expect(client.turns[t.seq]!.interviewTime, `turn ${t.seq}`).toBe(t.interviewTime);
    const cued = want.turns.find((t) => t.timePoints?.length)!;
    const again = client.turns[cued.seq]!;
    expect(again.timePoints!.map(([o, sec]) => [again.start + o, sec])).toEqual(cued.timePoints!.map(([o, sec]) => [cued.start + o, sec]));
  });
});

/** A project.qde as a QDA program that plays video writes one: a VideoSource, its transcript and sync points. */
const TRANSCRIPT = 'INT: What were you thinking when you stopped the tape?\nCLIENT: That I had not said it out loud before.\nINT: And now?\nCLIENT: Lighter, somehow.\n';
const cp = (s: string) => [...TRANSCRIPT.slice(0, TRANSCRIPT.indexOf(s))].length;
const OTHER_TOOL_QDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Recall study" origin="Another QDA program 3.1">
  <Users><User guid="6f1c2a3b-0000-4000-8000-000000000001" name="Ines"/></Users>
  <CodeBook><Codes><Code guid="6f1c2a3b-0000-4000-8000-0000000000c1" name="Relief" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <VideoSource guid="6f1c2a3b-0000-4000-8000-0000000000a1" name="Dyad 7 recall, client" path="relative://recordings/dyad7-client.mp4">
      <Transcript guid="6f1c2a3b-0000-4000-8000-0000000000b1" name="Dyad 7 client transcript" plainTextPath="internal://t1.txt">
        <SyncPoint guid="6f1c2a3b-0000-4000-8000-0000000000d1" timeStamp="0" position="0"/>
        <SyncPoint guid="6f1c2a3b-0000-4000-8000-0000000000d2" timeStamp="12500" position="${cp('CLIENT: That')}"/>
        <SyncPoint guid="6f1c2a3b-0000-4000-8000-0000000000d3" timeStamp="15000" position="${cp('said it')}"/>
        <SyncPoint guid="6f1c2a3b-0000-4000-8000-0000000000d4" timeStamp="21000" position="${cp('INT: And')}"/>
        <TranscriptSelection guid="6f1c2a3b-0000-4000-8000-0000000000e1" fromSyncPoint="6f1c2a3b-0000-4000-8000-0000000000d2" toSyncPoint="6f1c2a3b-0000-4000-8000-0000000000d4">
          <Coding guid="6f1c2a3b-0000-4000-8000-0000000000f1"><CodeRef targetGUID="6f1c2a3b-0000-4000-8000-0000000000c1"/></Coding>
        </TranscriptSelection>
      </Transcript>
    </VideoSource>
    <AudioSource guid="6f1c2a3b-0000-4000-8000-0000000000a2" name="Therapist recall" path="absolute:///nowhere/dyad7-therapist.m4a"/>
  </Sources>
</Project>
`;

describe('importing another program’s video source with a transcript', () => {
  it('makes the transcript an interview, its sync points turn times, and attaches the recording found beside the file', async () => {
    const dir = tmp.path('other');
    mkdirSync(join(dir, 'recordings'), { recursive: true });
    writeFileSync(join(dir, 'recordings', 'dyad7-client.mp4'), 'video');
    const file = join(dir, 'recall.qdpx');
    const zip = await ZipWriter.create(file);
    await zip.addFile('project.qde', OTHER_TOOL_QDE);
    await zip.addFile('sources/t1.txt', TRANSCRIPT);
    await zip.finish();

    const target = Project.open(join(dir, 'target.dyad'), { create: true });
    try {
      const read = await readQdpx(file);
      expect(read.snapshot.interviews.map((i) => i.sourceName)).toEqual(['Dyad 7 client transcript']);
      const id = read.snapshot.interviews[0]!.id;
      const r = await importQdpxIntoProject(target.db, file, [{ sourceId: id, dyad: '7', session: 1, role: 'client' }]);
      // The missing therapist recording is named; the coding of a timed passage is counted as left out.
      expect(r.warnings.join('\n')).toContain('"Therapist recall" (looked for /nowhere/dyad7-therapist.m4a)');
      expect(r.warnings.join('\n')).toMatch(/not imported: 1 coding of stretches of audio or video/);
      expect(r.warnings.join('\n')).not.toMatch(/not imported, as Dyad works with text/);
      const media = listMedia(target.db, join(dir, 'target.dyad'));
      expect(media.map((m) => [m.kind, m.storedPath, m.found])).toEqual([['interview', 'recordings/dyad7-client.mp4', true]]);
      const turns = readSnapshot(target.db).interviews[0]!.turns;
      expect(turns.map((t) => [t.speaker, t.interviewTime, t.timePoints ?? []])).toEqual([
        ['INT', 0, []],
        ['CLIENT', 12.5, [[TRANSCRIPT.indexOf('said it') - TRANSCRIPT.indexOf('That I had'), 15]]],
        ['INT', 21, []],
        ['CLIENT', null, []],
      ]);
    } finally {
      target.close();
    }
  });
});

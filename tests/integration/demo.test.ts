import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { alignSession } from '../../electron/core/alignment';
import { concordance } from '../../electron/core/analysis/concordance';
import { codingsForInterview, currentCoder, listCodebooks, listCoders, listMemos, undoState } from '../../electron/core/coding';
import { agreementReport, listDisagreements } from '../../electron/team/agreement';
import { createDemoProjectAt, ensureDemoProject } from '../../electron/core/demo';
import { listDyadTree, type DyadTree } from '../../electron/core/dyads';
import { getInterview } from '../../electron/core/interviews';
import { listMedia } from '../../electron/core/media';
import { demoDir } from '../../electron/core/paths';
import { Project } from '../../electron/core/project';
import type { Interview } from '../../shared/domain/types';

// Lets one test build from a deliberately broken copy of the demo folder; every other test uses the real one.
const override = vi.hoisted(() => ({ demoDir: null as string | null }));
vi.mock('../../electron/core/paths', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/core/paths')>();
  return { ...real, demoDir: () => override.demoDir ?? real.demoDir() };
});

const realDemo = demoDir();
const attributesFile = JSON.parse(readFileSync(join(realDemo, 'attributes.json'), 'utf8')) as {
  dyads: Record<string, Record<string, string>>;
  sessionDates: Record<string, Record<string, string>>;
};

let dir: string;
let project: Project;
let tree: DyadTree;
let folderAfterBuild: string[];
const interviews = new Map<string, Interview>(); // by source file name

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dyad-demo-'));
  const path = await createDemoProjectAt(join(dir, 'nested', 'Demo study.dyad'));
  folderAfterBuild = readdirSync(join(dir, 'nested')); // before our own connection adds its -wal, -shm and lock
  project = Project.open(path);
  tree = listDyadTree(project.db);
  for (const d of tree) for (const s of d.sessions) for (const i of s.interviews) interviews.set(i.sourceName, getInterview(project.db, i.id));
});

afterAll(() => {
  project?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo project', () => {
  it('holds dyads 1, 2 and 3, each with sessions 1 and 2, each with a client and a therapist interview', () => {
    expect(tree.map((d) => d.name)).toEqual(['1', '2', '3']);
    for (const d of tree) {
      expect(d.sessions.map((s) => s.number), `dyad ${d.name}`).toEqual([1, 2]);
      for (const s of d.sessions) {
        expect(s.interviews.map((i) => i.role).sort(), `dyad ${d.name} session ${s.number}`).toEqual(['client', 'therapist']);
      }
    }
    expect(interviews.size).toBe(12);
  });

  it('files each transcript under the dyad, session and role its name gives', () => {
    for (const d of tree) {
      for (const s of d.sessions) {
        for (const i of s.interviews) expect(i.sourceName).toBe(`D0${d.name}_S${s.number}_${i.role}.txt`);
      }
    }
  });

  it('carries the attributes and session dates of attributes.json', () => {
    for (const d of tree) {
      expect(d.attributes, `dyad ${d.name}`).toEqual(attributesFile.dyads[d.name]);
      for (const s of d.sessions) expect(s.date, `dyad ${d.name} session ${s.number}`).toBe(attributesFile.sessionDates[d.name]?.[String(s.number)]);
    }
    // The groups a researcher would compare on must actually differ between dyads.
    expect(new Set(tree.map((d) => d.attributes.modality)).size).toBe(3);
    expect(new Set(tree.map((d) => d.attributes.setting))).toEqual(new Set(['in-person', 'online']));
  });

  it('finds at least five recall moments in every interview, all of them playback stops in session order', () => {
    for (const [name, iv] of interviews) {
      expect(iv.moments.length, name).toBeGreaterThanOrEqual(5);
      const times = iv.moments.map((m) => m.sessionTime);
      expect(times, name).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times), name).toBeLessThanOrEqual(50 * 60);
      // An interview-clock note such as "(interview 00:21:05)" is not a session time.
      for (const m of iv.moments) expect(m.label, name).toMatch(/video|stopped/);
    }
  });

  it('maps the interviewer and the participant in every interview', () => {
    for (const [name, iv] of interviews) {
      const roles = new Map(iv.turns.map((t) => [t.speaker, t.speakerRole]));
      const participant = iv.role === 'client' ? 'C' : 'T';
      expect(roles.get('I'), name).toBe('interviewer');
      expect(roles.get(participant), name).toBe('participant');
      expect([...roles.values()].filter((r) => r === 'unknown'), name).toEqual([]);
      expect(iv.turns.length, name).toBeGreaterThanOrEqual(12);
    }
  });

  it('keeps the text as written, non-ASCII included', () => {
    const all = [...interviews.values()].map((i) => i.text).join('\n');
    expect(all).toContain('Zoë');
    expect(all).toContain('café');
    expect(all).toContain('IPR interview — dyad 2, session 1 — client');
    expect(all).not.toContain('\uFFFD');
    for (const [name, iv] of interviews) expect(iv.wordCount, name).toBeGreaterThanOrEqual(450);
  });

  it('lines up most moments of every session automatically, leaving some for the researcher', () => {
    const tolerance = project.settings().alignToleranceSeconds;
    for (const d of tree) {
      for (const s of d.sessions) {
        const where = `dyad ${d.name} session ${s.number}`;
        const rows = alignSession(project.db, s.id, tolerance).rows.filter((r) => r.client?.kind !== 'opening' && r.therapist?.kind !== 'opening');
        expect(rows.filter((r) => r.match === 'auto').length, where).toBeGreaterThanOrEqual(4);
        expect(rows.filter((r) => !r.client || !r.therapist).length, where).toBeGreaterThanOrEqual(1);
        for (const r of rows.filter((r) => r.match === 'auto')) expect(r.delta!, where).toBeLessThanOrEqual(tolerance);
      }
    }
  });

  it('has one shared moment in dyad 2 session 2 recalled 20–40 s apart, for linking by hand', () => {
    const s = tree.find((d) => d.name === '2')!.sessions.find((x) => x.number === 2)!;
    const rows = alignSession(project.db, s.id, project.settings().alignToleranceSeconds).rows;
    const clientOnly = rows.filter((r) => r.client?.kind === 'moment' && !r.therapist).map((r) => r.client!.sessionTime!);
    const therapistOnly = rows.filter((r) => r.therapist?.kind === 'moment' && !r.client).map((r) => r.therapist!.sessionTime!);
    const near = clientOnly.flatMap((c) => therapistOnly.map((t) => Math.abs(c - t))).filter((d) => d >= 20 && d <= 40);
    expect(near).toHaveLength(1);
  });
});

describe('the demo coding (demo/coding.json)', () => {
  const codingFile = JSON.parse(readFileSync(join(realDemo, 'coding.json'), 'utf8')) as {
    codings: { coder: string; file: string; code: string; quote: string; memo?: string }[];
  };
  type Node = { name: string; definition: string; shortcut: string | null; children: Node[] };
  const walk = (list: Node[]): Node[] => list.flatMap((c) => [c, ...walk(c.children)]);

  it('opens with one small hierarchical codebook of IPR themes, every code defined and given a key', () => {
    const books = listCodebooks(project.db);
    expect(books.map((b) => b.name)).toEqual(['IPR themes']);
    const codes = walk(books[0]!.codes as unknown as Node[]);
    expect(codes.length).toBeGreaterThanOrEqual(6);
    expect(codes.length).toBeLessThanOrEqual(12);
    expect(books[0]!.codes.some((c) => c.children.length >= 2), 'themes with subthemes').toBe(true);
    for (const c of codes) {
      expect(c.definition.length, c.name).toBeGreaterThan(20);
      expect(c.shortcut, c.name).toMatch(/^\d$/);
    }
    expect(new Set(codes.map((c) => c.shortcut)).size).toBe(codes.length);
  });

  it('holds the codings of two fictional coders, each on the words it quotes, and no current coder', () => {
    const coders = listCoders(project.db);
    expect(coders.map((c) => c.name).sort()).toEqual(['Maya Ortiz', 'Sam Lee']);
    for (const c of coders) expect(c.codingCount, c.name).toBeGreaterThanOrEqual(15);
    expect(currentCoder(project.db)).toBeNull();
    let n = 0;
    for (const [name, iv] of interviews) {
      const codings = codingsForInterview(project.db, iv.id);
      n += codings.length;
      for (const c of codings) {
        const quoted = codingFile.codings.find((q) => q.file === name && q.quote === iv.text.slice(c.start, c.end) && q.code === c.codePath && q.coder === c.coderName);
        expect(quoted, `${name} ${c.start}–${c.end}`).toBeDefined();
      }
    }
    expect(n).toBe(codingFile.codings.length);
    // Both sides of a session are coded: the dyad view shows marks in both columns.
    for (const side of ['D01_S1_client.txt', 'D01_S1_therapist.txt', 'D02_S1_client.txt', 'D02_S1_therapist.txt']) {
      expect(codingsForInterview(project.db, interviews.get(side)!.id).length, side).toBeGreaterThanOrEqual(5);
    }
    // Building it is not the researcher's work: nothing to undo.
    expect(undoState(project.db).canUndo).toBe(false);
  });

  it('carries memos on codings, by their coder', () => {
    const memos = listMemos(project.db, { targetKind: 'coding' });
    expect(memos.length).toBe(codingFile.codings.filter((c) => c.memo).length);
    expect(memos.length).toBeGreaterThanOrEqual(1);
  });

  it('gives the two coders agreement to measure and disagreements to settle', () => {
    const report = agreementReport(project.db, { coders: ['Maya Ortiz', 'Sam Lee'], unit: 'char' });
    expect(report.interviews.compared).toBe(4);
    expect(report.overall.percent!).toBeGreaterThan(0.5);
    expect(report.overall.percent!).toBeLessThan(1);
    expect(report.overall.kappa!).toBeGreaterThan(0.2);
    expect(report.overall.kappa!).toBeLessThan(0.95);
    expect(listDisagreements(project.db, { coders: ['Maya Ortiz', 'Sam Lee'], unit: 'char' }).total).toBeGreaterThanOrEqual(5);
  });

  it('codes some themes on both sides of the same moment, for the concordance', () => {
    const result = concordance(project.db, {}, project.settings().alignToleranceSeconds);
    const both = result.codes.filter((c) => c.both > 0).map((c) => c.codePath);
    expect(both.length, both.join(', ')).toBeGreaterThanOrEqual(3);
    expect(both).toEqual(expect.arrayContaining(['Repair', 'Working alliance/Bond', "No man's land"]));
    expect(result.codes.some((c) => c.clientOnly > 0 && c.therapistOnly >= 0)).toBe(true);
  });

  it('builds the transcripts alone when asked to (tests that code from nothing)', async () => {
    const path = await createDemoProjectAt(join(dir, 'uncoded', 'demo.dyad'), { coding: false });
    const p = Project.open(path);
    try {
      expect(listCodebooks(p.db).flatMap((b) => b.codes)).toEqual([]);
      expect(listCoders(p.db)).toEqual([]);
      expect(listDyadTree(p.db)).toHaveLength(3);
    } finally {
      p.close();
    }
  });
});

describe('building the demo', () => {
  it('leaves nothing but the finished project in the folder', () => {
    expect(folderAfterBuild.sort()).toEqual(['Demo recordings', 'Demo study.dyad']);
  });

  it("attaches dyad 1 session 1's recording and its two interviews' own, beside the project and found, with every turn timed", () => {
    const media = listMedia(project.db, project.path);
    expect(media.map((m) => [m.label, m.storedPath, m.found])).toEqual([
      ['dyad 1, session 1', 'Demo recordings/D01_S1_session.webm', true],
      ['dyad 1, session 1, client interview', 'Demo recordings/D01_S1_client.ogg', true],
      ['dyad 1, session 1, therapist interview', 'Demo recordings/D01_S1_therapist.ogg', true],
    ]);
    // Made by this project and small (issue 14: ≤ 3 MB in all).
    expect(media.reduce((n, m) => n + statSync(m.resolvedPath).size, 0)).toBeLessThanOrEqual(3 * 1024 * 1024);
    for (const name of ['D01_S1_client.txt', 'D01_S1_therapist.txt']) {
      const times = interviews.get(name)!.turns.map((t) => t.interviewTime);
      expect(times.every((t) => t !== null)).toBe(true);
      expect(times).toEqual([...times].sort((a, b) => a! - b!));
    }
    expect(interviews.get('D02_S1_client.txt')!.turns.every((t) => t.interviewTime === null)).toBe(true);
  });

  it('opens an existing demo as it is, and refuses to create one over it', async () => {
    const path = join(dir, 'nested', 'Demo study.dyad');
    const before = statSync(path);
    await expect(ensureDemoProject(path)).resolves.toBe(path);
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs);
    await expect(createDemoProjectAt(path)).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('builds the demo once when asked twice at the same time', async () => {
    const path = join(dir, 'twice', 'demo.dyad');
    const [a, b] = await Promise.all([ensureDemoProject(path), ensureDemoProject(path)]);
    expect([a, b]).toEqual([path, path]);
    const p = Project.open(path);
    try {
      expect(listDyadTree(p.db)).toHaveLength(3);
    } finally {
      p.close();
    }
  });

  it('leaves no file at all when the demo cannot be built, and names the problem', async () => {
    const broken = join(dir, 'broken-demo');
    mkdirSync(join(broken, 'transcripts'), { recursive: true });
    for (const f of readdirSync(join(realDemo, 'transcripts'))) copyFileSync(join(realDemo, 'transcripts', f), join(broken, 'transcripts', f));
    // Fails only after every transcript has been imported into the temporary file.
    writeFileSync(join(broken, 'attributes.json'), JSON.stringify({ dyads: { '9': { clinic: 'East' } } }));
    const target = join(dir, 'failed', 'demo.dyad');
    override.demoDir = broken;
    try {
      await expect(ensureDemoProject(target)).rejects.toThrow(/attributes\.json.*dyad "9"/);
    } finally {
      override.demoDir = null;
    }
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(join(dir, 'failed'))).toEqual([]);
  });

  it('refuses a demo coding that quotes words the transcript does not have, naming the file and the words', async () => {
    const broken = join(dir, 'broken-coding');
    mkdirSync(join(broken, 'transcripts'), { recursive: true });
    for (const f of readdirSync(join(realDemo, 'transcripts'))) copyFileSync(join(realDemo, 'transcripts', f), join(broken, 'transcripts', f));
    copyFileSync(join(realDemo, 'attributes.json'), join(broken, 'attributes.json'));
    const coding = JSON.parse(readFileSync(join(realDemo, 'coding.json'), 'utf8')) as { codings: { quote: string }[] };
    coding.codings[3]!.quote = 'words nobody said';
    writeFileSync(join(broken, 'coding.json'), JSON.stringify(coding));
    const target = join(dir, 'failed-coding', 'demo.dyad');
    override.demoDir = broken;
    try {
      await expect(ensureDemoProject(target)).rejects.toThrow(/coding\.json, coding 4 quotes words that are not in D01_S1_client\.txt: "words nobody said"/);
    } finally {
      override.demoDir = null;
    }
    expect(existsSync(target)).toBe(false);
  });
});

/**
 * Crash safety: a Dyad killed (kill -9) at a random point of a burst of changes or of a migration leaves a
 * project that passes SQLite's integrity check and holds every change it reported as saved (an import: whole or
 * not at all). A few rounds each
 * by default; DYAD_CRASH_ROUNDS=50 for a longer run.
 */
import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { latestVersion, loadMigrations, migrate } from '../../../electron/core/migrate';
import { Project } from '../../../electron/core/project';
import * as C from '../../../electron/core/coding';
import { tempDir } from '../../helpers/tmp';
import { makeStudy } from '../team/fixture';
import { startChild } from '../project/children';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const worker = join(__dirname, 'worker.ts');
const ROUNDS = Number(process.env.DYAD_CRASH_ROUNDS ?? 2);


describe('kill -9 at a random point', () => {
  it(`during a burst of changes: every reported change is there (${ROUNDS} rounds)`, async () => {
    const file = tmp.path('burst.dyad');
    Project.open(file, { create: true }).close();
    const reported: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const child = startChild(worker, ['code', file]);
      const wanted = 20 + Math.floor(Math.random() * 400);
      while (reported.length < wanted * (round + 1)) {
        const line = await child.next();
        if (line.startsWith('coded ')) reported.push(line.slice(6));
      }
      child.proc.kill('SIGKILL');
      await child.exited;
      // Lines printed before the kill but not yet read are reported changes too.
      for (const l of child.lines) if (l.startsWith('coded ')) reported.push(l.slice(6));
      const p = Project.open(file);
      expect(p.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const have = new Set((p.db.prepare('SELECT id FROM dyads').all() as { id: string }[]).map((r) => r.id));
      p.close();
      expect(reported.filter((id) => !have.has(id))).toEqual([]);
    }
  }, 120_000);

  it(`during an import: every import reported is there whole, and nothing of the one cut short (${ROUNDS} rounds)`, async () => {
    const file = tmp.path('import.dyad');
    Project.open(file, { create: true }).close();
    const reported: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const child = startChild(worker, ['import', file]);
      // Killed at a random point of the second to fifth batch: reading, writing or committing.
      const batches = 2 + Math.floor(Math.random() * 4);
      for (let seen = 0; seen < batches; ) {
        const line = await child.next();
        if (line === 'reading') seen++;
        else if (line.startsWith('imported ')) reported.push(...line.slice(9).split(' '));
      }
      await new Promise((r) => setTimeout(r, Math.random() * 400));
      child.proc.kill('SIGKILL');
      await child.exited;
      for (const l of child.lines) if (l.startsWith('imported ')) reported.push(...l.slice(9).split(' '));
      const p = Project.open(file);
      expect(p.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const interviews = p.db
        .prepare('SELECT i.id, (SELECT count(*) FROM turns t WHERE t.interview_id = i.id) AS turns, (SELECT count(*) FROM turns_fts f WHERE f.interview_id = i.id) AS indexed, (SELECT count(*) FROM moments m WHERE m.interview_id = i.id) AS moments FROM interviews i')
        .all() as { id: string; turns: number; indexed: number; moments: number }[];
      p.close();
      const have = new Set(interviews.map((i) => i.id));
      expect(reported.length).toBeGreaterThanOrEqual(6 * (round + 1));
      expect(reported.filter((id) => !have.has(id))).toEqual([]);
      // All or nothing: every interview there came with its turns, search index and recall moments, in sixes.
      expect(interviews.filter((i) => i.turns === 0 || i.indexed !== i.turns || i.moments === 0)).toEqual([]);
      expect(interviews.length % 6).toBe(0);
    }
  }, 180_000);

  it(`during a merge's apply: the coder's codings are all there or none, and all once it said so (${ROUNDS} rounds)`, async () => {
    const study = makeStudy();
    try {
      const coder = study.copy('coder.dyad');
      const p = Project.open(coder);
      const ann = C.ensureCoder(p.db, 'Ann');
      const text = (p.db.prepare('SELECT text FROM interviews WHERE id = ?').get(study.clientId) as { text: string }).text;
      p.db.transaction(() => {
        for (let k = 0; k < 40; k++) {
          const code = C.createCode(p.db, { name: `Theme ${k}` });
          for (let start = 0; start + 20 < text.length; start += 4) C.addCoding(p.db, { interviewId: study.clientId, start, end: start + 20, codeId: code.id, coderId: ann.id });
        }
      })();
      const wanted = (p.db.prepare('SELECT count(*) AS n FROM codings').get() as { n: number }).n;
      p.close();
      expect(wanted).toBeGreaterThan(2000);
      for (let round = 0; round < ROUNDS; round++) {
        const into = study.copy(`into-${round}.dyad`);
        const child = startChild(worker, ['apply', coder, into]);
        expect(await child.next()).toBe('applying');
        await new Promise((r) => setTimeout(r, Math.random() * 300));
        child.proc.kill('SIGKILL');
        await child.exited;
        const merged = child.lines.includes('merged');
        const q = Project.open(into);
        expect(q.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const have = (q.db.prepare('SELECT count(*) AS n FROM codings').get() as { n: number }).n;
        q.close();
        if (merged) expect(have).toBe(wanted);
        else expect([0, wanted]).toContain(have);
        // The backup taken before the apply is whole wherever it is under its own name.
        for (const f of readdirSync(study.dir).filter((n) => n.startsWith(`into-${round}.dyad.before-merge`) && n.endsWith('.bak'))) {
          const b = new Database(join(study.dir, f), { readonly: true });
          expect(b.pragma('integrity_check', { simple: true })).toBe('ok');
          b.close();
        }
      }
    } finally {
      study.cleanup();
    }
  }, 180_000);

  it(`during a migration: the project is either as it was or fully migrated (${ROUNDS} rounds)`, async () => {
    const migrations = loadMigrations();
    for (let round = 0; round < ROUNDS; round++) {
      const file = tmp.path(`old-${round}.dyad`);
      const raw = new Database(file);
      migrate(raw, migrations.slice(0, 1));
      const add = raw.prepare("INSERT INTO dyads (id, name, attributes, created_at) VALUES (?, ?, '{}', 'now')");
      raw.transaction(() => {
        for (let i = 0; i < 20_000; i++) add.run(`d${i}`, `Dyad ${i}`);
      })();
      raw.close();
      const child = startChild(worker, ['open', file]);
      expect(await child.next()).toBe('opening');
      await new Promise((r) => setTimeout(r, Math.random() * 60));
      child.proc.kill('SIGKILL');
      await child.exited;
      const p = Project.open(file);
      expect(p.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(p.db.pragma('user_version', { simple: true })).toBe(latestVersion(migrations));
      expect((p.db.prepare('SELECT count(*) AS n FROM dyads').get() as { n: number }).n).toBe(20_000);
      p.close();
      // No half-written backup under a backup's name, and no temporary file left beside it.
      for (const f of readdirSync(tmp.dir).filter((n) => n.startsWith(`old-${round}.dyad.`))) {
        expect(f).toMatch(/\.v10\.bak(\.\d+)?$/);
        const b = new Database(join(tmp.dir, f), { readonly: true });
        expect(b.pragma('integrity_check', { simple: true })).toBe('ok');
        expect((b.prepare('SELECT count(*) AS n FROM dyads').get() as { n: number }).n).toBe(20_000);
        b.close();
      }
    }
  }, 120_000);
});

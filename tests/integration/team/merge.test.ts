import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { applyPragmas, openSqlite } from '../../../electron/core/database';
import { insertInterview } from '../../../electron/core/interviews';
import { loadMigrations, migrate } from '../../../electron/core/migrate';
import { APPLICATION_ID, Project } from '../../../electron/core/project';
import { applyMerge, lastMerge, MergeStore, previewCodebookImport, previewMerge, undoMerge } from '../../../electron/team/merge';
import { FOR_MERGE, FOR_MERGE_INTO, partsReader, readSnapshot } from '../../../electron/snapshot/read';
import { planMerge } from '../../../shared/merge';
import { exportQdc } from '../../../electron/refi/qdc';
import { exportQdpx } from '../../../electron/refi/exportQdpx';
import { DyadError } from '../../../shared/api/errors';
import { dump, makeStudy, readableCodings, spanOf, transcript, type Study } from './fixture';

let study: Study;
let annPath: string;
let beaPath: string;
/** What each coder's copy holds after coding, read back from the files. */
let annCodings: string[];
let beaCodings: string[];

/** Opens the project for `fn` and closes it when `fn` is done (awaited when it returns a promise). */
function withProject<T>(path: string, fn: (p: Project) => T): T {
  const p = Project.open(path);
  let result: T;
  try {
    result = fn(p);
  } catch (e) {
    p.close();
    throw e;
  }
  if (result instanceof Promise) return result.finally(() => p.close()) as T;
  p.close();
  return result;
}

/** Bea's codings as they must read after the merge: her renamed "Embarrassment" is this project's "Shame". */
const asMerged = (lines: string[]) => lines.map((l) => l.replace('| Embarrassment |', '| Shame |').replace('| repair |', '| Repair |'));

beforeAll(() => {
  study = makeStudy();
  annPath = study.copy('ann.dyad');
  beaPath = study.copy('bea.dyad');

  withProject(annPath, (p) => {
    const db = p.db;
    const ann = C.setCurrentCoder(db, 'Ann');
    const shame = C.findCodeByPath(db, null, 'Shame')!;
    const rupture = C.findCodeByPath(db, null, 'Rupture')!;
    C.addCoding(db, { interviewId: study.clientId, ...spanOf(db, study.clientId, 'I could not look at her'), codeId: shame.id });
    C.addCoding(db, { interviewId: study.clientId, ...spanOf(db, study.clientId, 'I felt small'), codeId: shame.id });
    C.addCoding(db, { interviewId: study.therapistId, ...spanOf(db, study.therapistId, 'I pressed harder'), codeId: rupture.id });
    const repair = C.createCode(db, { name: 'Repair' });
    C.addCoding(db, { interviewId: study.clientId, ...spanOf(db, study.clientId, 'She stopped pushing'), codeId: repair.id, coderId: ann.id });
    C.createMemo(db, { targetKind: 'code', targetId: shame.id, text: 'Shame is about the self.' });
    annCodings = readableCodings(db);
  });

  withProject(beaPath, (p) => {
    const db = p.db;
    C.setCurrentCoder(db, 'Bea');
    const shame = C.findCodeByPath(db, null, 'Shame')!;
    C.updateCode(db, shame.id, { name: 'Embarrassment' });
    const rupture = C.findCodeByPath(db, null, 'Rupture')!;
    C.updateCode(db, rupture.id, { definition: 'A breakdown in the collaboration between client and therapist.' });
    const repair = C.createCode(db, { name: 'repair' });
    const withdrawal = C.findCodeByPath(db, null, 'Rupture/Withdrawal')!;
    C.addCoding(db, { interviewId: study.clientId, ...spanOf(db, study.clientId, 'I could not look at her'), codeId: shame.id });
    C.addCoding(db, { interviewId: study.clientId, ...spanOf(db, study.clientId, 'I could breathe again'), codeId: repair.id });
    const pulling = C.addCoding(db, { interviewId: study.therapistId, ...spanOf(db, study.therapistId, 'I sensed her pulling away'), codeId: withdrawal.id });
    C.createMemo(db, { targetKind: 'coding', targetId: pulling.coding.id, text: 'Therapist notices the withdrawal.' });
    // Bea also imported dyad 8's first session and coded it.
    const d8 = db.transaction(() =>
      insertInterview(db, 'D08_S1_client.txt', transcript([{ video: 30 }, { speaker: 'C', text: 'I did not trust her yet.' }]), {
        dyad: '8',
        session: 1,
        role: 'client',
        speakerRoles: { C: 'participant' },
      }),
    )();
    C.addCoding(db, { interviewId: d8, ...spanOf(db, d8, 'did not trust her'), codeId: C.findCodeByPath(db, null, 'Trust')!.id });
    beaCodings = readableCodings(db);
  });
});
afterAll(() => study.cleanup());

describe('merging a coder’s copy (.dyad)', () => {
  let before: Record<string, unknown[]>;
  let merged: Record<string, unknown[]>;
  let backupPath: string;

  it('shows the plan before writing anything: renames, name matches, new interviews, codings to add', async () => {
    await withProject(annPath, async (p) => {
      before = dump(p.db);
      const store = new MergeStore();
      const preview = await previewMerge(p, store, beaPath);
      const s = preview.summary;
      expect(preview.file).toBe('bea.dyad');
      expect(s.conflicts.map((c) => [c.kind, c.mine, c.theirs])).toEqual([
        ['code-field', 'A strain in the alliance.', 'A breakdown in the collaboration between client and therapist.'],
        ['code-rename', 'Shame', 'Embarrassment'],
      ]);
      expect(s.codes.matchedByName.map((m) => m.path)).toEqual(['Repair']);
      expect(s.codes.added).toEqual([]);
      expect(s.coders.added).toEqual(['Bea']);
      expect(s.interviews.added.map((i) => [i.sourceName, i.dyad, i.session, i.role])).toEqual([['D08_S1_client.txt', '8', 1, 'client']]);
      expect(s.codings).toMatchObject({ added: beaCodings.length, alreadyThere: 0 });
      expect(s.memos.added).toBe(1);
      // Nothing written by the preview.
      expect(dump(p.db)).toEqual(before);
      expect(readdirSync(study.dir).filter((f) => f.includes('before-merge'))).toEqual([]);
    });
  });

  it('cancelled while the backup is being made: no backup, no half of one, nothing merged', async () => {
    const copy = study.path('ann-cancelled.dyad');
    writeFileSync(copy, readFileSync(annPath));
    await withProject(copy, async (p) => {
      const store = new MergeStore();
      const preview = await previewMerge(p, store, beaPath);
      const stop = new AbortController();
      const progress = (_done: number, _total: number, message: string) => message.startsWith('Backing up') && stop.abort();
      await expect(applyMerge(p, store, preview.planId, {}, { signal: stop.signal, progress })).rejects.toMatchObject({ kind: 'cancelled' });
      expect(dump(p.db)).toEqual(before);
    });
    expect(readdirSync(study.dir).filter((f) => f.includes('ann-cancelled.dyad.before-merge'))).toEqual([]);
  });

  it('applies it after a backup, in one undoable step: every coding of both coders is there', async () => {
    await withProject(annPath, async (p) => {
      const store = new MergeStore();
      const preview = await previewMerge(p, store, beaPath);
      const applied = await applyMerge(p, store, preview.planId, {});
      expect(applied.changed).toBe(true);
      expect(applied.undoLabel).toBe('Merge bea.dyad');
      expect(C.undoState(p.db).undoLabel).toBe('Merge bea.dyad');
      backupPath = applied.backupPath!;
      expect(backupPath).toMatch(/ann\.dyad\.before-merge-.*\.bak$/);
      expect(readableCodings(p.db)).toEqual([...annCodings, ...asMerged(beaCodings)].sort());
      // The lead's project keeps its own names (keep-mine is the default) and gains nothing twice.
      expect(C.listCodebooks(p.db)[0]!.codes.map((c) => c.name)).toEqual(['Rupture', 'Shame', 'Trust', 'Repair']);
      expect(C.findCodeByPath(p.db, null, 'Rupture')!.definition).toBe('A strain in the alliance.');
      // Bea's new transcript comes with its speaker turns, recall moments and search index.
      const d8 = p.db.prepare("SELECT id FROM interviews WHERE source_name = 'D08_S1_client.txt'").get() as { id: string };
      expect(p.db.prepare('SELECT count(*) FROM turns WHERE interview_id = ?').pluck().get(d8.id)).toBe(1);
      expect(p.db.prepare('SELECT label FROM moments WHERE interview_id = ?').pluck().all(d8.id)).toEqual(['[video 00:30]']);
      expect(p.db.prepare("SELECT count(*) FROM turns_fts WHERE turns_fts MATCH 'trust'").pluck().get()).toBe(1);
      merged = dump(p.db);
    });
    // The backup is the project as it was.
    const copy = Project.open(backupPath, { noLock: true });
    expect(dump(copy.db)).toEqual(before);
    copy.close();
  });

  it('merging the same file again changes nothing', async () => {
    await withProject(annPath, async (p) => {
      const store = new MergeStore();
      const preview = await previewMerge(p, store, beaPath);
      expect(preview.summary.nothingToDo).toBe(true);
      expect(preview.summary.codings).toMatchObject({ added: 0, alreadyThere: beaCodings.length });
      const applied = await applyMerge(p, store, preview.planId, {});
      expect(applied).toMatchObject({ changed: false, backupPath: null });
      expect(dump(p.db)).toEqual(merged);
    });
  });

  it('undoing the merge restores the project exactly, new interview and dyad included', () => {
    withProject(annPath, (p) => {
      expect(lastMerge(p)).toMatchObject({ label: 'Merge bea.dyad', canUndo: true });
      const r = undoMerge(p);
      expect(r.removed).toEqual({ interviews: 1, sessions: 1, dyads: 1 });
      expect(dump(p.db)).toEqual(before);
      expect(C.undoState(p.db).undoLabel).not.toBe('Merge bea.dyad');
      expect(lastMerge(p)).toBeNull();
    });
  });

  it('with the lead’s choices: the rename and the new definition are taken', async () => {
    await withProject(annPath, async (p) => {
      const store = new MergeStore();
      const preview = await previewMerge(p, store, beaPath);
      const rename = preview.summary.conflicts.find((c) => c.kind === 'code-rename')!;
      const definition = preview.summary.conflicts.find((c) => c.kind === 'code-field')!;
      await applyMerge(p, store, preview.planId, { [rename.id]: 'take-theirs', [definition.id]: 'combine' });
      expect(C.listCodebooks(p.db)[0]!.codes.map((c) => c.name)).toEqual(['Rupture', 'Embarrassment', 'Trust', 'Repair']);
      expect(C.findCodeByPath(p.db, null, 'Rupture')!.definition).toBe('A strain in the alliance.\n\nA breakdown in the collaboration between client and therapist.');
      undoMerge(p);
      expect(dump(p.db)).toEqual(before);
    });
  });

  it('a merge that adds no interviews is undone by the ordinary Undo as well, its coder included', async () => {
    const carol = study.copy('carol.dyad');
    withProject(carol, (p) => {
      C.setCurrentCoder(p.db, 'Carol');
      C.addCoding(p.db, { interviewId: study.clientId, ...spanOf(p.db, study.clientId, 'I wanted to leave the room'), codeId: C.findCodeByPath(p.db, null, 'Rupture/Withdrawal')!.id });
    });
    await withProject(annPath, async (p) => {
      const store = new MergeStore();
      const preview = await previewMerge(p, store, carol);
      await applyMerge(p, store, preview.planId, {});
      expect(readableCodings(p.db)).toContain('D07_S1_client.txt | I wanted to leave the room | Rupture/Withdrawal | Carol');
      expect(C.undo(p.db)).toBe('Merge carol.dyad');
      // The coder Carol came with the merge and goes with it.
      expect(dump(p.db)).toEqual(before);
      expect(readableCodings(p.db)).toEqual(annCodings);
    });
  });
});

describe('reading a project for merging', () => {
  it('gives what the full read gives, without turns and moments, with the sessions\' and interviews\' recordings and links', () => {
    withProject(beaPath, (p) => {
      const full = readSnapshot(p.db);
      const light = readSnapshot(p.db, { ...FOR_MERGE, name: full.name });
      const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
      const recordings = new Map(p.db.prepare('SELECT id, recording_path FROM sessions').raw().all() as [string, string | null][]);
      const audio = new Map(p.db.prepare('SELECT id, audio_path FROM interviews').raw().all() as [string, string | null][]);
      expect({ ...light, codings: byId(light.codings) }).toEqual({
        ...full,
        codings: byId(full.codings),
        interviews: full.interviews.map((i) => ({ ...i, audioPath: audio.get(i.id), turns: [], moments: [] })),
        // The full read leaves out what only a merge carries (this copy drew no links).
        dyads: full.dyads.map((d) => ({ ...d, sessions: d.sessions.map((s) => ({ ...s, recordingPath: recordings.get(s.id), links: [] })) })),
      });
    });
  });
});

describe('reading the project merged into', () => {
  it('without codings\' creation times gives the same plan as the full read, and only the times are left out', () => {
    const incoming = withProject(beaPath, (p) => readSnapshot(p.db, { ...FOR_MERGE, name: 'bea' }));
    withProject(annPath, (p) => {
      const full = readSnapshot(p.db, { ...FOR_MERGE, name: 'ann' });
      const light = readSnapshot(p.db, { ...FOR_MERGE_INTO, name: 'ann' });
      expect(light.codings.length).toBeGreaterThan(0);
      expect(light.codings).toEqual(full.codings.map((c) => ({ ...c, createdAt: '' })));
      const plan = (into: typeof full) => {
        const { summary, operations, ids } = planMerge(into, incoming, { fromLabel: 'bea.dyad' }, {}, partsReader(p.db));
        return { summary, operations, ids };
      };
      const planned = plan(full);
      expect(planned.operations.codingsAdded.length).toBeGreaterThan(0);
      expect(plan(light)).toEqual(planned);
    });
  });
});

describe('files that cannot be merged', () => {
  const expectRefused = async (from: string, kind: string, message: RegExp) => {
    await withProject(annPath, async (p) => {
      const before = dump(p.db);
      const err = await previewMerge(p, new MergeStore(), from).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DyadError);
      expect((err as DyadError).kind).toBe(kind);
      expect((err as DyadError).message).toMatch(message);
      expect((err as DyadError).message).not.toMatch(/dyad-merge-/); // names the researcher's file, not a temporary copy
      expect(dump(p.db)).toEqual(before);
    });
  };

  it('a project from a newer Dyad: a clear error naming the file; nothing written', async () => {
    const newer = study.copy('from-the-future.dyad');
    const db = openSqlite(newer);
    db.pragma('user_version = 9999');
    db.close();
    await expectRefused(newer, 'newer-version', /from-the-future\.dyad was written by a newer version of Dyad/);
  });

  it('a corrupt file, or one that is no project at all: a clear error naming the file', async () => {
    const garbage = study.path('broken.dyad');
    writeFileSync(garbage, 'These are not the droids you are looking for.');
    await expectRefused(garbage, 'bad-file', /broken\.dyad is not a Dyad project/);
    const truncated = study.path('truncated.dyad');
    writeFileSync(truncated, readFileSync(beaPath).subarray(0, 8192));
    await expectRefused(truncated, 'bad-file', /truncated\.dyad/);
  });

  it('the project itself, or a file that is not there', async () => {
    await expectRefused(annPath, 'invalid-input', /ann\.dyad is this project itself/);
    await expectRefused(study.path('nowhere.dyad'), 'not-found', /nowhere\.dyad does not exist/);
  });
});

describe('a copy in an older format', () => {
  it('is merged without touching the coder’s file', async () => {
    const old = study.path('old-format.dyad');
    const db = openSqlite(old);
    applyPragmas(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, loadMigrations().filter((m) => m.version <= 20));
    db.transaction(() => {
      const interview = insertInterview(db, 'D07_S1_client.txt', transcript([{ speaker: 'C', text: 'An old recollection.' }]), { dyad: '7', session: 1, role: 'client', speakerRoles: {} });
      const t = '2024-01-01T00:00:00.000Z';
      db.prepare('INSERT INTO coders VALUES (?, ?, ?)').run('dee', 'Dee', t);
      db.prepare('INSERT INTO codebooks VALUES (?, ?, ?)').run('book', 'Codebook', t);
      db.prepare("INSERT INTO codes (id, codebook_id, name, created_at, updated_at) VALUES ('trust-old', 'book', 'Trust', ?, ?)").run(t, t);
      db.prepare("INSERT INTO codings VALUES ('k-old', ?, 'trust-old', 'dee', 6, 9, ?)").run(interview, t);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(old);
    await withProject(annPath, async (p) => {
      const store = new MergeStore();
      const preview = await previewMerge(p, store, old);
      expect(preview.summary.codes.matchedByName.map((c) => c.path)).toEqual(['Trust']);
      await applyMerge(p, store, preview.planId, {});
      // Dyad 7's session 1 already has a client interview: this one comes in as "other" (the default choice).
      expect(preview.summary.conflicts.filter((c) => c.kind.startsWith('interview')).map((c) => [c.kind, c.defaultOption])).toEqual([['interview-slot', 'add-as-other']]);
      expect(readableCodings(p.db)).toContain('D07_S1_client.txt | old | Trust | Dee');
      undoMerge(p);
    });
    expect(readFileSync(old).equals(bytes)).toBe(true);
    expect(readdirSync(study.dir).filter((f) => f.startsWith('old-format.dyad.'))).toEqual([]);
  });
});

describe('REFI-QDA files', () => {
  it('a .qdpx exported from a coder’s copy merges like the copy itself', async () => {
    const qdpx = study.path('bea.qdpx');
    await withProject(beaPath, (p) => exportQdpx(p.db, qdpx));
    await withProject(annPath, async (p) => {
      const before = dump(p.db);
      const store = new MergeStore();
      const preview = await previewMerge(p, store, qdpx);
      expect(preview.kind).toBe('qdpx');
      await applyMerge(p, store, preview.planId, {});
      const codings = readableCodings(p.db);
      for (const c of asMerged(beaCodings)) expect(codings).toContain(c);
      const again = await previewMerge(p, new MergeStore(), qdpx);
      expect(again.summary.codings.added).toBe(0);
      undoMerge(p);
      expect(dump(p.db)).toEqual(before);
    });
  });

  it('a .qdc codebook goes into the codebook of the same name, with the same matching and review', async () => {
    const qdc = study.path('bea-codebook.qdc');
    await withProject(beaPath, (p) => exportQdc(p.db, C.listCodebooks(p.db)[0]!.id, qdc));
    await withProject(annPath, async (p) => {
      const store = new MergeStore();
      const preview = await previewCodebookImport(p, store, qdc);
      expect(preview.kind).toBe('qdc');
      expect(preview.summary.codebooks).toEqual({ added: [], matched: 1 });
      expect(preview.summary.conflicts.map((c) => c.kind)).toEqual(['code-field', 'code-rename']);
      expect(preview.summary.codes.matchedByName.map((c) => c.path)).toEqual(['Repair']);
      const applied = await applyMerge(p, store, preview.planId, { [preview.summary.conflicts.find((c) => c.kind === 'code-rename')!.id]: 'take-theirs' });
      expect(applied.undoLabel).toBe('Import codebook bea-codebook.qdc');
      expect(C.findCodeByPath(p.db, null, 'Embarrassment')).not.toBeNull();
      expect(C.undo(p.db)).toBe('Import codebook bea-codebook.qdc');
      expect(C.findCodeByPath(p.db, null, 'Shame')).not.toBeNull();
      await expect(previewCodebookImport(p, store, beaPath)).rejects.toThrowError(/bea\.dyad is not a REFI-QDA codebook/);
    });
  });
});

describe('the backup', () => {
  it('every merge that writes leaves one, beside the project', () => {
    const backups = readdirSync(study.dir).filter((f) => f.startsWith('ann.dyad.before-merge-'));
    expect(backups.length).toBeGreaterThanOrEqual(3);
    for (const b of backups) expect(existsSync(study.path(b))).toBe(true);
  });
});

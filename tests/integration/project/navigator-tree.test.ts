/**
 * The navigator's tree (dyads.list) as the app opens a project: its counts are the project's own, whatever wrote
 * the turns (an import, a merged coder's copy, an undone delete), and it is read without the transcripts (issue 17).
 * The app's navigator asks dyads.navigator: the same tree without what it never draws.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JobRegistry } from '../../../electron/api/context';
import { dispatch } from '../../../electron/api/dispatch';
import { createHandlers } from '../../../electron/api/handlers';
import { listDyadTree, updateDyad, updateSession } from '../../../electron/core/dyads';
import { commitStaged, stageFiles } from '../../../electron/core/importer';
import { Project } from '../../../electron/core/project';
import { removeInterview } from '../../../electron/core/removeInterview';
import { undo } from '../../../electron/core/coding';
import { writeSyntheticStudy } from '../../bench/synthetic';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir();
let project: Project;
afterEach(() => project?.close());

async function study(name: string): Promise<Project> {
  const files = writeSyntheticStudy(tmp.path(`${name}-transcripts`), { dyads: 3, sessions: 2, words: 600 });
  const p = Project.open(tmp.path(`${name}.dyad`), { create: true });
  const staged = await stageFiles(files.map((f) => ({ name: basename(f), bytes: readFileSync(f) })), p.settings());
  await commitStaged(p, staged, staged.map((s) => ({ index: s.index, ...s.proposed!, speakerRoles: s.speakerRoles })));
  return p;
}

function countsAsStored(p: Project) {
  return p.db
    .prepare(
      `SELECT i.id, i.word_count AS words, (SELECT count(*) FROM turns t WHERE t.interview_id = i.id) AS turns,
        (SELECT count(*) FROM moments m WHERE m.interview_id = i.id) AS moments FROM interviews i ORDER BY i.id`,
    )
    .all() as { id: string; words: number; turns: number; moments: number }[];
}

function countsInTree(p: Project) {
  return listDyadTree(p.db)
    .flatMap((d) => d.sessions.flatMap((s) => s.interviews))
    .map((i) => ({ id: i.id, words: i.wordCount, turns: i.turnCount, moments: i.momentCount }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe("the navigator's tree", () => {
  it('shows each interview with the words, turns and recall moments the project holds, before and after a delete is undone', async () => {
    project = await study('counts');
    const stored = countsAsStored(project);
    expect(stored).toHaveLength(12);
    expect(stored.every((i) => i.turns > 10 && i.moments > 2)).toBe(true);
    expect(countsInTree(project)).toEqual(stored);
    removeInterview(project.db, stored[0]!.id);
    expect(countsInTree(project)).toEqual(countsAsStored(project));
    undo(project.db);
    expect(countsInTree(project)).toEqual(stored);
  });

  it('lists the interviews from an index, without reading their transcripts', async () => {
    project = await study('index');
    const plan = project.db.prepare('EXPLAIN QUERY PLAN SELECT i.id, i.session_id, i.role, i.source_name, i.word_count, i.audio_path FROM interviews i').all() as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' ')).toContain('COVERING INDEX interviews_summary');
  });

  it("gives the app's navigator the same dyads, sessions and interviews in the same order, without what it never shows (parents' ids, turn counts, interview recordings)", async () => {
    project = await study('navigator');
    const tree = listDyadTree(project.db);
    updateDyad(project.db, tree[1]!.id, { attributes: { modality: 'CBT', setting: 'online' } });
    updateSession(project.db, tree[0]!.sessions[1]!.id, { date: '2026-03-02', recordingPath: '/recordings/d1s2.mp4' });
    const call = (method: string) => dispatch(createHandlers(), { project, jobs: new JobRegistry(), emit: () => {} }, method, {});
    const full = await call('dyads.list');
    const slim = await call('dyads.navigator');
    if (!full.ok || !slim.ok) throw new Error(JSON.stringify(full.ok ? slim : full));
    const expected = (full.value as ReturnType<typeof listDyadTree>).map(({ sessions, ...d }) => ({
      ...d,
      sessions: sessions.map(({ dyadId: _, interviews, ...s }) => ({ ...s, interviews: interviews.map(({ sessionId: _s, turnCount: _t, audioPath: _a, ...i }) => i) })),
    }));
    expect(slim.value).toEqual(expected);
    expect(expected[1]!.attributes).toEqual({ modality: 'CBT', setting: 'online' });
    expect(expected[0]!.sessions[1]).toMatchObject({ date: '2026-03-02', recordingPath: '/recordings/d1s2.mp4' });
    // What the page waits for before the navigator shows: well under dyads.list's answer.
    expect(JSON.stringify(slim.value).length).toBeLessThan(0.7 * JSON.stringify(full.value).length);
  });
});

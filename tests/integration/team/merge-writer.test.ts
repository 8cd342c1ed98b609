/**
 * The database writer checked against the planner (shared/merge/apply.ts promises it): on the random pairs of the
 * merge's property tests (tests/unit/merge/properties.test.ts), with the default choices and with random ones, the
 * plan is written into a real .dyad by electron/team/write.ts and every table read back must equal what
 * applyToSnapshot says the project will look like: codes (names, places, positions, fields), coders, codebooks,
 * dyads and their attributes, sessions, interviews, turns, moments, codings and memos.
 */
import fc from 'fast-check';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { undoable } from '../../../electron/core/coding';
import { Project } from '../../../electron/core/project';
import { FOR_MERGE, partsReader, readSnapshot } from '../../../electron/snapshot/read';
import { writeOperations } from '../../../electron/team/write';
import type { ProjectSnapshot } from '../../../shared/snapshot/types';
import { applyToSnapshot, planMerge, resolveMerge, type MergeChoices, type MergeOperations } from '../../../shared/merge';
import { generatePair } from '../../unit/merge/generate';

const OPTS = { fromLabel: 'bea.dyad' };
let dir: string;
let template: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dyad-writer-'));
  template = join(dir, 'empty.dyad');
  Project.open(template, { create: true }).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (p: Project, ops: MergeOperations) => p.db.transaction(() => undoable(p.db, 'Merge', () => writeOperations(p.db, ops)))();

/** A real project file holding `snapshot` (written by merging it into an empty project), and that file as read. */
function projectWith(snapshot: ProjectSnapshot): { project: Project; into: ProjectSnapshot } {
  const path = join(dir, `p${n++}.dyad`);
  copyFileSync(template, path);
  const project = Project.open(path);
  write(project, planMerge(readSnapshot(project.db, { ...FOR_MERGE, name: 'empty' }), snapshot, { fromLabel: 'seed' }).operations);
  return { project, into: readSnapshot(project.db, { ...FOR_MERGE, name: 'into' }) };
}

/** Every table of the file that a merge writes, in an order that does not depend on how rows were inserted. */
function tables(p: Project): Record<string, unknown[]> {
  const db = p.db;
  const all = (sql: string) => db.prepare(sql).all();
  return {
    coders: all('SELECT id, name FROM coders ORDER BY id'),
    codebooks: all('SELECT id, name FROM codebooks ORDER BY id'),
    codes: all('SELECT id, codebook_id, parent_id, name, color, definition, inclusion, exclusion, example, shortcut, position FROM codes ORDER BY id'),
    dyads: all('SELECT id, name, attributes FROM dyads ORDER BY id').map((d: any) => ({ ...d, attributes: JSON.parse(d.attributes) })),
    sessions: all('SELECT id, dyad_id, number, date, recording_path FROM sessions ORDER BY id'),
    interviews: all('SELECT id, session_id, role, source_name, text FROM interviews ORDER BY id'),
    turns: all('SELECT interview_id, seq, speaker, speaker_role, start, "end", interview_time FROM turns ORDER BY interview_id, seq'),
    moments: all('SELECT interview_id, session_time, "offset", label FROM moments ORDER BY interview_id, "offset", session_time'),
    codings: all('SELECT id, interview_id, code_id, coder_id, start, "end", created_at FROM codings ORDER BY id'),
    memos: all('SELECT id, target_kind, target_id, coder_id, title, text FROM memos ORDER BY id'),
    links: all('SELECT id, session_id, client_unit_id, therapist_unit_id, kind, created_at FROM moment_links ORDER BY id'),
  };
}

/** The same tables as the planner's snapshot says they will be. */
function expected(s: ProjectSnapshot, before: Record<string, unknown[]>): Record<string, unknown[]> {
  const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const sessions = s.dyads.flatMap((d) => d.sessions.map((x) => ({ ...x, dyadId: d.id })));
  const sessionOf = new Map(
    s.interviews.map((i) => [i.id, sessions.find((x) => x.number === i.session && s.dyads.find((d) => d.id === x.dyadId)?.name === i.dyad)?.id ?? null]),
  );
  // Turns and moments of interviews already here are read lazily by the merge (only where links need them): take
  // them from the file as it was.
  const had = new Set((before.interviews as { id: string }[]).map((i) => i.id));
  return {
    coders: byId(s.coders).map((c) => ({ id: c.id, name: c.name })),
    codebooks: byId(s.codebooks).map((b) => ({ id: b.id, name: b.name })),
    codes: byId(s.codes).map((c) => ({
      id: c.id,
      codebook_id: c.codebookId,
      parent_id: c.parentId,
      name: c.name,
      color: c.color,
      definition: c.definition,
      inclusion: c.inclusion,
      exclusion: c.exclusion,
      example: c.example,
      shortcut: c.shortcut,
      position: c.position,
    })),
    dyads: byId(s.dyads).map((d) => ({ id: d.id, name: d.name, attributes: d.attributes })),
    sessions: byId(sessions).map((x) => ({ id: x.id, dyad_id: x.dyadId, number: x.number, date: x.date, recording_path: x.recordingPath ?? null })),
    interviews: byId(s.interviews).map((i) => ({ id: i.id, session_id: sessionOf.get(i.id), role: i.role, source_name: i.sourceName, text: i.text })),
    turns: [
      ...(before.turns as { interview_id: string }[]).filter((t) => had.has(t.interview_id)),
      ...s.interviews
        .filter((i) => !had.has(i.id))
        .flatMap((i) =>
          i.turns.map((t) => ({ interview_id: i.id, seq: t.seq, speaker: t.speaker, speaker_role: t.speakerRole, start: t.start, end: t.end, interview_time: t.interviewTime })),
        ),
    ].sort((a: any, b: any) => (a.interview_id < b.interview_id ? -1 : a.interview_id > b.interview_id ? 1 : a.seq - b.seq)),
    moments: [
      ...(before.moments as { interview_id: string }[]).filter((m) => had.has(m.interview_id)),
      ...s.interviews.filter((i) => !had.has(i.id)).flatMap((i) => i.moments.map((m) => ({ interview_id: i.id, session_time: m.sessionTime, offset: m.offset, label: m.label }))),
    ].sort((a: any, b: any) => (a.interview_id < b.interview_id ? -1 : a.interview_id > b.interview_id ? 1 : a.offset - b.offset || a.session_time - b.session_time)),
    codings: byId(s.codings).map((c) => ({ id: c.id, interview_id: c.interviewId, code_id: c.codeId, coder_id: c.coderId, start: c.start, end: c.end, created_at: c.createdAt })),
    memos: byId(s.memos).map((m) => ({ id: m.id, target_kind: m.targetKind, target_id: m.targetId, coder_id: m.coderId, title: m.title, text: m.text })),
    links: byId(sessions.flatMap((x) => (x.links ?? []).map((l) => ({ ...l, sessionId: x.id })))).map((l) => ({
      id: l.id,
      session_id: l.sessionId,
      client_unit_id: l.clientUnitId,
      therapist_unit_id: l.therapistUnitId,
      kind: l.kind,
      created_at: l.createdAt,
    })),
  };
}

function randomChoices(g: fc.GeneratorValue, conflicts: { id: string; options: { id: string }[] }[], choices: MergeChoices): MergeChoices {
  const out = { ...choices };
  for (const c of conflicts) if (!(c.id in out)) out[c.id] = c.options[g(fc.integer, { min: 0, max: c.options.length - 1 })]!.id;
  return out;
}

function checkWriter(g: fc.GeneratorValue, anyChoices: boolean): void {
  const pair = generatePair(g);
  const { project, into } = projectWith(pair.into);
  try {
    let plan = planMerge(into, pair.from, OPTS, {}, partsReader(project.db));
    if (anyChoices) {
      let choices: MergeChoices = {};
      for (let round = 0; round < 3; round++) {
        choices = randomChoices(g, plan.summary.conflicts, choices);
        plan = resolveMerge(plan, choices);
      }
    }
    const before = tables(project);
    write(project, plan.operations);
    expect(tables(project)).toEqual(expected(applyToSnapshot(into, plan.operations), before));
  } finally {
    project.close();
  }
}

describe('the merge writer does to the file what the plan says (random projects)', () => {
  it('with the default choices', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => checkWriter(g, false)),
      { numRuns: 60, endOnFailure: true },
    );
  }, 300_000);

  it('with any choices', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => checkWriter(g, true)),
      { numRuns: 60, endOnFailure: true },
    );
  }, 300_000);
});

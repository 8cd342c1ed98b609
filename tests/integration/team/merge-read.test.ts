/** Reading a coder's copy for merging: codings in the file's own order, and a damaged reference refused by name. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { Project } from '../../../electron/core/project';
import { MergeStore, previewMerge } from '../../../electron/team/merge';
import { FOR_MERGE, readSnapshot } from '../../../electron/snapshot/read';
import { DyadError } from '../../../shared/api/errors';
import { makeStudy, spanOf, type Study } from './fixture';

let study: Study;
beforeAll(() => {
  study = makeStudy();
});
afterAll(() => study.cleanup());

function coded(name: string, coder: string): string {
  const path = study.copy(name);
  const p = Project.open(path);
  const who = C.ensureCoder(p.db, coder);
  const shame = p.db.prepare("SELECT id FROM codes WHERE name = 'Shame'").get() as { id: string };
  for (const words of ['I felt small', 'I could not look at her', 'like a child caught out']) {
    C.addCoding(p.db, { interviewId: study.clientId, ...spanOf(p.db, study.clientId, words), codeId: shame.id, coderId: who.id });
  }
  p.close();
  return path;
}

describe('reading a copy for merging', () => {
  it('lists codings in the order they were made, each under its interview, code and coder', () => {
    const p = Project.open(coded('dee.dyad', 'Dee'));
    try {
      const s = readSnapshot(p.db, { ...FOR_MERGE, name: 'dee' });
      const rows = p.db.prepare('SELECT id, interview_id, code_id, coder_id FROM codings ORDER BY rowid').raw().all();
      expect(s.codings.map((c) => [c.id, c.interviewId, c.codeId, c.coderId])).toEqual(rows);
      expect(s.codings).toHaveLength(3);
    } finally {
      p.close();
    }
  });

  it('a copy whose coding names a coder it does not have (written with foreign keys off) is refused, naming the file', async () => {
    const path = coded('eve.dyad', 'Eve');
    const p = Project.open(path);
    p.db.pragma('foreign_keys = OFF');
    p.db.prepare("UPDATE codings SET coder_id = 'no-such-coder' WHERE rowid = (SELECT max(rowid) FROM codings)").run();
    p.close();
    const lead = Project.open(study.copy('lead.dyad'));
    try {
      const err = await previewMerge(lead, new MergeStore(), path).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DyadError);
      expect((err as DyadError).message).toMatch(/eve\.dyad cannot be merged: a coding of "D07_S1_client\.txt" refers to a coder the file does not have/);
    } finally {
      lead.close();
    }
  });
});

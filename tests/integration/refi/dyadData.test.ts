/**
 * Dyad's own data (sessions, roles, turns, recall moments, memo targets, shortcuts) travels where other tools do
 * not show it (dyad.json in a .qdpx, a processing instruction in a .qdc), and projects exported the old way, with
 * `dyad-data: {…}` in Descriptions, still come back whole.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/core/project';
import { readSnapshot } from '../../../electron/snapshot/read';
import { writeSnapshotInto } from '../../../electron/snapshot/write';
import { exportQdc, readQdc } from '../../../electron/refi/qdc';
import { readQdpx } from '../../../electron/refi/readQdpx';
import { tempDir } from '../../helpers/tmp';
import { absent, CODEBOOK_XSD, FIXTURES, schemaErrors, zipFolder } from './helpers';
import { generateStudy } from './study';

const tmp = tempDir('dyad-refi-data-');
afterAll(() => tmp.cleanup());

describe('a project exported by an earlier Dyad (data in Descriptions)', () => {
  it('comes back with its dyad, session, role, turns, recall moments, memo target, shortcut and codebook', async () => {
    const read = await readQdpx(await zipFolder(join(FIXTURES, 'dyad-old'), tmp.path('old.qdpx')));
    expect(read.warnings).toEqual([]);
    const s = read.snapshot;
    expect(s.codebooks.map((b) => b.name)).toEqual(['Relational themes']);
    expect(s.codes[0]).toMatchObject({ name: 'Wish to leave', definition: 'Wanting to get out of the room.', shortcut: '3' });
    expect(s.dyads).toEqual([{ id: '6a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d', name: '12', attributes: {}, sessions: [{ id: '7b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', number: 2, date: '2026-03-04' }] }]);
    const i = s.interviews[0]!;
    expect(i).toMatchObject({ dyad: '12', session: 2, role: 'client', sourceName: 'D12_S2_client.txt' });
    expect(i.turns.map((t) => [t.id, t.speaker])).toEqual([['t1', 'I'], ['t2', 'C']]);
    expect(i.moments).toEqual([{ id: 'm1', sessionTime: 252, offset: 3, label: 'video 00:04:12' }]);
    expect(s.memos).toEqual([
      expect.objectContaining({ targetKind: 'session', targetId: '7b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', title: 'Session 2', text: 'She asked to end early.' }),
    ]);
    expect(i.text.slice(s.codings[0]!.start, s.codings[0]!.end)).toBe('leave the room');
  });
});

describe('a codebook (.qdc)', () => {
  it('keeps shortcuts out of the Descriptions, in a processing instruction that validates and comes back', async () => {
    const project = Project.open(tmp.path('codes.dyad'), { create: true });
    try {
      writeSnapshotInto(project.db, generateStudy({ dyads: 1, sessions: 1, wordsPerInterview: 100, codingsPerInterview: 2 }));
      const s = readSnapshot(project.db);
      const withShortcut = s.codes.find((c) => c.shortcut)!;
      const file = tmp.path('themes.qdc');
      await exportQdc(project.db, withShortcut.codebookId, file);
      const xml = readFileSync(file, 'utf8');
      expect(xml).not.toMatch(/Shortcut:/u);
      expect(xml).toMatch(/^<\?xml [^>]*\?>\n<\?dyad-data \{/u);
      if (!absent(CODEBOOK_XSD, 'validating the .qdc against Codebook.xsd')) expect(await schemaErrors(file, CODEBOOK_XSD)).toBe('');
      const back = await readQdc(file);
      const mine = s.codes.filter((c) => c.codebookId === withShortcut.codebookId);
      expect(back.codes.map((c) => [c.name, c.shortcut, c.definition]).sort()).toEqual(mine.map((c) => [c.name, c.shortcut, c.definition]).sort());
    } finally {
      project.close();
    }
  });

  it('reads the old "Shortcut:" section, and ignores processing instructions that are not Dyad’s', () => {
    const file = tmp.path('old.qdc');
    writeFileSync(
      file,
      `<?xml version="1.0" encoding="utf-8"?>
<?other-tool {"elements":{}}?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9" name="Bond" isCodable="true"><Description>Definition: Feeling close.
Shortcut: 7</Description></Code></Codes></CodeBook>`,
    );
    return readQdc(file).then((r) => expect(r.codes[0]).toMatchObject({ name: 'Bond', definition: 'Feeling close.', shortcut: '7' }));
  });

  it('takes a damaged dyad-data instruction as no data at all, and still reads the codes', async () => {
    const file = tmp.path('damaged.qdc');
    writeFileSync(file, '<?xml version="1.0"?><?dyad-data {not json?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9" name="Bond" isCodable="true"/></Codes></CodeBook>');
    expect((await readQdc(file)).codes.map((c) => [c.name, c.shortcut])).toEqual([['Bond', null]]);
  });
});

/**
 * Codebooks nested very deep (issue 12): imported whole up to the depth Dyad shows, refused beyond it with the
 * file and the depth named; never a stack overflow, never silently cut.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { JobRegistry } from '../../../electron/api/context';
import { dispatch } from '../../../electron/api/dispatch';
import { createHandlers } from '../../../electron/api/handlers';
import { Project } from '../../../electron/core/project';
import { readQdc } from '../../../electron/refi/qdc';
import { readQdpx } from '../../../electron/refi/readQdpx';
import { ZipWriter } from '../../../electron/refi/zipWrite';
import { MAX_CODE_DEPTH } from '../../../shared/refi/model';
import { tempDir } from '../../helpers/tmp';
import { tableCounts } from './helpers';

const tmp = tempDir('dyad-refi-deep-');
afterAll(() => tmp.cleanup());

const guid = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

/** Codes nested `depth` levels deep, one per level: "Level 1" › "Level 2" › … */
function chain(depth: number): string {
  const parts: string[] = [];
  for (let i = 1; i <= depth; i++) parts.push(`<Code guid="${guid(i)}" name="Level ${i}" isCodable="true">`);
  for (let i = 1; i <= depth; i++) parts.push('</Code>');
  return `<Codes>${parts.join('')}</Codes>`;
}
const qdc = (depth: number) => `<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">${chain(depth)}</CodeBook>\n`;

async function qdpx(name: string, depth: number): Promise<string> {
  const out = tmp.path(name);
  const zip = await ZipWriter.create(out);
  await zip.addFile('project.qde', `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Deep"><CodeBook>${chain(depth)}</CodeBook></Project>\n`);
  await zip.finish();
  return out;
}

describe('a codebook nested deep', () => {
  it(`imports one ${MAX_CODE_DEPTH} levels deep whole, and the codebook lists every level`, async () => {
    const file = tmp.path('hundred.qdc');
    writeFileSync(file, qdc(MAX_CODE_DEPTH));
    const project = Project.open(tmp.path('hundred.dyad'), { create: true });
    try {
      const env = { project, jobs: new JobRegistry(), emit: () => {} };
      const call = (m: string, i: unknown) => dispatch(createHandlers(), env, m, i) as Promise<{ ok: boolean; value?: any; error?: any }>;
      const r = await call('refi.importQdc', { path: file });
      expect(r.ok).toBe(true);
      expect(r.value.codes).toBe(MAX_CODE_DEPTH);
      const list = await call('codebooks.list', {});
      let levels = 0;
      let node = list.value.find((b: { id: string }) => b.id === r.value.codebookId).codes[0];
      while (node) {
        levels++;
        node = node.children[0];
      }
      expect(levels).toBe(MAX_CODE_DEPTH);
    } finally {
      project.close();
    }
  });

  for (const depth of [1_000, 10_000]) {
    it(`refuses a .qdc nested ${depth.toLocaleString('en')} deep, naming the file and the depth`, async () => {
      const file = tmp.path(`deep-${depth}.qdc`);
      writeFileSync(file, qdc(depth));
      const e = await readQdc(file).catch((x: unknown) => x as Error);
      expect(e).toMatchObject({ kind: 'bad-file' });
      expect((e as Error).message).toBe(
        `deep-${depth}.qdc: its codes are nested ${depth.toLocaleString('en')} levels deep (below "Level ${MAX_CODE_DEPTH + 1}" and more); ` +
          `Dyad takes codebooks up to ${MAX_CODE_DEPTH} levels deep. Flatten the deepest branches in the other program and export again. Nothing was imported.`,
      );
    });

    it(`refuses a .qdpx nested ${depth.toLocaleString('en')} deep and writes nothing`, async () => {
      const file = await qdpx(`deep-${depth}.qdpx`, depth);
      const project = Project.open(tmp.path(`deep-${depth}.dyad`), { create: true });
      try {
        const before = tableCounts(project.db);
        const e = await readQdpx(file).catch((x: unknown) => x as Error);
        expect((e as Error).message).toMatch(new RegExp(`^deep-${depth}\\.qdpx \\(project\\.qde\\): its codes are nested ${depth.toLocaleString('en')} levels deep`, 'u'));
        expect((e as Error).message).not.toMatch(/call stack/u);
        expect(tableCounts(project.db)).toEqual(before);
      } finally {
        project.close();
      }
    });
  }
});

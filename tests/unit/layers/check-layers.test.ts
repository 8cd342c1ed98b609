/**
 * The layer check (scripts/check-layers.mjs) on small project trees written here into a temp folder: each rule
 * has a tree that must fail, naming the file, the line and the rule, and the real tree passes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTree } from '../../../scripts/check-layers.mjs';
import { tempDir } from '../../helpers/tmp';

const script = resolve(__dirname, '../../../scripts/check-layers.mjs');
const tmp = tempDir('dyad-layers-');
afterAll(() => tmp.cleanup());

let trees = 0;
/** A project tree of the given files (path → source), in a folder of its own. */
function tree(files: Record<string, string>): string {
  const root = tmp.path(`tree${++trees}`);
  const all = { 'shared/ok.ts': 'export const ok = 1;\n', 'migrations/0010_init.sql': '', ...files };
  for (const [path, source] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), source);
  }
  return root;
}

/** What the check says of a tree: whether it fails, and its problems. */
function check(files: Record<string, string>): { code: number; problems: string[] } {
  const { problems } = checkTree(tree(files));
  return { code: problems.length ? 1 : 0, problems };
}

describe('the layer check', () => {
  it('passes a tree whose imports go the right way, in every form', () => {
    const r = check({
      'shared/domain/text.ts': "import { z } from 'zod';\nexport const Text = z.string();\n",
      'electron/core/db.ts': "import { readFileSync } from 'node:fs';\nimport path from 'path';\nimport Database from 'better-sqlite3';\nimport { Text } from '../../shared/domain/text';\nexport { path, readFileSync, Database, Text };\n",
      'electron/refi/read.ts': "export * from '../core/db';\nconst lazy = () => import('exceljs');\nexport { lazy };\n",
      'electron/shell/main.ts': "import { app } from 'electron';\nexport { app };\n",
      'electron/api/types.ts': "import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;\n",
      'renderer/src/store/index.ts': "import { create } from 'zustand';\nimport type { Text } from '../../../shared/domain/text';\nexport { create };\nexport type T = typeof Text;\n",
      'renderer/src/components/List.tsx': "import { useStore } from '../store/index';\nexport const List = () => <div>{String(useStore)}</div>;\n",
    });
    expect(r).toEqual({ code: 0, problems: [] });
  });

  it('fails a renderer file that imports the core, even with a $ name', () => {
    const r = check({ 'renderer/src/x.ts': "import { $x } from '../../electron/core/database';\nexport { $x };\n" });
    expect(r.code).toBe(1);
    expect(r.problems).toEqual(['renderer/src/x.ts:1: renderer/ must not import electron/ ("../../electron/core/database")']);
  });

  it('reads `export * from`, dynamic import(), require() and import types', () => {
    const r = check({
      'shared/a.ts': "export * from '../electron/core/db';\n",
      'shared/b.ts': "export async function f() {\n  return import('../renderer/src/x');\n}\n",
      'shared/c.ts': "// eslint-disable-next-line\nconst fs = require('fs');\nexport { fs };\n",
      'shared/d.ts': "export type DB = import('../electron/core/db').Db;\n",
      'shared/e.ts': "import fs = require('node:fs');\nexport { fs };\n",
    });
    expect(r.code).toBe(1);
    expect(r.problems).toEqual([
      'shared/a.ts:1: shared/ must not import electron/ ("../electron/core/db")',
      'shared/b.ts:2: shared/ must not import renderer/ ("../renderer/src/x")',
      "shared/c.ts:2: shared/ must not use Node's built-in \"fs\"",
      'shared/d.ts:1: shared/ must not import electron/ ("../electron/core/db")',
      "shared/e.ts:1: shared/ must not use Node's built-in \"node:fs\"",
    ]);
  });

  it('knows every Node built-in, with or without node:, including subpaths', () => {
    const r = check({
      'renderer/src/a.ts': "import { Worker } from 'worker_threads';\nimport { setTimeout } from 'timers/promises';\nimport { strict } from 'node:assert';\nexport { Worker, setTimeout, strict };\n",
    });
    expect(r.problems).toEqual([
      "renderer/src/a.ts:1: renderer/ must not use Node's built-in \"worker_threads\"",
      "renderer/src/a.ts:2: renderer/ must not use Node's built-in \"timers/promises\"",
      "renderer/src/a.ts:3: renderer/ must not use Node's built-in \"node:assert\"",
    ]);
  });

  it('keeps each layer to its own packages: no exceljs or mammoth in the renderer, no react in shared/', () => {
    const r = check({
      'renderer/src/export.ts': "import ExcelJS from 'exceljs';\nexport const load = () => import('mammoth');\nexport { ExcelJS };\n",
      'shared/ui.ts': "import { useState } from 'react';\nexport { useState };\n",
    });
    expect(r.code).toBe(1);
    expect(r.problems).toHaveLength(3);
    expect(r.problems[0]).toMatch(/^shared\/ui\.ts:1: shared\/ may not use the package "react" \(allowed: re2js, zod\)$/);
    expect(r.problems[1]).toMatch(/^renderer\/src\/export\.ts:1: renderer\/ may not use the package "exceljs" \(allowed: .*react.*\)$/);
    expect(r.problems[2]).toMatch(/^renderer\/src\/export\.ts:2: renderer\/ may not use the package "mammoth"/);
  });

  it('lets only electron/shell/ import electron at run time', () => {
    const r = check({ 'electron/core/win.ts': "import { BrowserWindow } from 'electron';\nexport { BrowserWindow };\n" });
    expect(r.problems).toEqual(["electron/core/win.ts:1: only electron/shell/ may import 'electron' at run time (\"electron\")"]);
  });

  it('keeps the core below refi, export, snapshot and team, and the store below components', () => {
    const why = 'the core is the floor: refi, export, snapshot and team sit on it';
    const r = check({
      'electron/export/atomic.ts': 'export const write = 1;\n',
      'electron/refi/qdpx.ts': 'export const read = 1;\n',
      'electron/snapshot/read.ts': 'export const readSnapshot = 1;\n',
      'electron/team/merge.ts': 'export const merge = 1;\n',
      'electron/core/project.ts': "import { write } from '../export/atomic';\nexport { read } from '../refi/qdpx';\nexport { write };\n",
      'electron/core/coding/codes.ts': "import type { merge } from '../../team/merge';\nexport const m: typeof merge = 1;\nexport const s = import('../../snapshot/read');\n",
      'renderer/src/components/Panel.tsx': 'export const Panel = 1;\n',
      'renderer/src/store/slice.ts': "import { Panel } from '../components/Panel';\nexport { Panel };\n",
    });
    expect(r.code).toBe(1);
    expect(r.problems).toEqual([
      `electron/core/coding/codes.ts:1: electron/core/ must not import electron/team/ ("../../team/merge"): ${why}`,
      `electron/core/coding/codes.ts:3: electron/core/ must not import electron/snapshot/ ("../../snapshot/read"): ${why}`,
      `electron/core/project.ts:1: electron/core/ must not import electron/export/ ("../export/atomic"): ${why}`,
      `electron/core/project.ts:2: electron/core/ must not import electron/refi/ ("../refi/qdpx"): ${why}`,
      'renderer/src/store/slice.ts:1: renderer/src/store/ must not import renderer/src/components/ ("../components/Panel"): the store feeds components, never the other way',
    ]);
  });

  it('keeps pure shared modules off the API folder, which may use them', () => {
    const r = check({
      'shared/domain/errors.ts': 'export class DyadError extends Error {}\n',
      'shared/api/errors.ts': "export { DyadError } from '../domain/errors';\n",
      'shared/align/align.ts': "import { DyadError } from '../api/errors';\nexport const fail = () => new DyadError();\n",
      'shared/merge/plan.ts': "import { DyadError } from '../domain/errors';\nexport const fail = () => new DyadError();\n",
    });
    expect(r.problems).toEqual([
      'shared/align/align.ts:1: shared/ must not import shared/api/ ("../api/errors"): pure modules do not depend on the API (DyadError is in shared/domain/errors.ts)',
    ]);
  });

  it('sends components to the core through store actions, not the API client', () => {
    const why = 'components reach the core through store actions, which keep the cache in step';
    const r = check({
      'renderer/src/api/client.ts': 'export const call = 1;\n',
      'renderer/src/api/errors.ts': 'export const messageOf = 1;\n',
      'renderer/src/store/codebookSlice.ts': "import { call } from '../api/client';\nexport { call };\n",
      'renderer/src/components/codebook/CodeRow.tsx': "import { messageOf } from '../../api/errors';\nimport { call } from '../../api/client';\nexport { call, messageOf };\n",
      'renderer/src/components/coding/later.ts': "export const client = import('../../api/client');\n",
      'renderer/src/components/analysis/SearchPage.tsx': "import { call } from '../../api/client';\nexport { call };\n",
      'renderer/src/components/memos/MemosPage.tsx': "import { useStore } from '../../store/codebookSlice';\nexport { useStore };\n",
    });
    expect(r.code).toBe(1);
    expect(r.problems).toEqual([
      `renderer/src/components/analysis/SearchPage.tsx:1: renderer/src/components/ must not import renderer/src/api/client.ts ("../../api/client"): ${why}`,
      `renderer/src/components/codebook/CodeRow.tsx:2: renderer/src/components/ must not import renderer/src/api/client.ts ("../../api/client"): ${why}`,
      `renderer/src/components/coding/later.ts:1: renderer/src/components/ must not import renderer/src/api/client.ts ("../../api/client"): ${why}`,
    ]);
  });

  it('refuses an import of a computed name it cannot check, and a migration not named NNNN_name.sql', () => {
    const r = check({
      'electron/load.ts': "export const load = (name: string) => import(name);\n",
      'migrations/latest.sql': '',
    });
    expect(r.problems).toEqual([
      'electron/load.ts:1: an import() or require() of a computed name cannot be checked; name the module',
      'migrations/latest.sql: migrations are NNNN_name.sql files only',
    ]);
  });

  it('passes the project itself', () => {
    expect(checkTree(resolve(__dirname, '../../..')).problems).toEqual([]);
  }, 60_000);

  it('fails the command (exit 1) and prints each problem', () => {
    const root = tree({ 'renderer/src/x.ts': "import Database from 'better-sqlite3';\nexport { Database };\n" });
    const r = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('renderer/src/x.ts:1: renderer/ may not use the package "better-sqlite3"');
  }, 60_000);
});

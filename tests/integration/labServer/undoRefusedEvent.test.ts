/**
 * A coder's undo refused because a change from the lab server arrived since (core/coding/undoOutside.ts): the step
 * goes from the history, and every window is told at once so its Undo button stops offering it. No server needed:
 * the change arrives as a pull applies it, outside the undo history.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { Project } from '../../../electron/core/project';
import type { ApiEvent } from '../../../shared/api/define';
import { callApi } from '../../helpers/api';
import { makeStudy, type Study } from '../team/fixture';

let study: Study;
let project: Project | null = null;
beforeAll(() => (study = makeStudy()));
afterEach(() => {
  project?.close();
  project = null;
});
afterAll(() => study.cleanup());

/** A project where the coder renamed a code, then the server's rename of the same code arrived. */
function renamedOnBothSides(name: string): Project {
  project = Project.open(study.copy(name));
  const db = project.db;
  const trust = C.findCodeByPath(db, null, 'Trust')!.id;
  C.updateCode(db, trust, { name: 'Trust in the therapist' });
  C.applyOutsideHistory(db, () => db.prepare("UPDATE codes SET name = 'Trust (agreed)' WHERE id = ?").run(trust));
  return project;
}

describe('an undo refused because of the lab server’s changes', () => {
  it('tells the windows the undo history changed, and the history no longer offers the step', async () => {
    const p = renamedOnBothSides('undo.dyad');
    expect(await callApi(p, 'undo.state')).toMatchObject({ canUndo: true, undoLabel: expect.stringContaining('Trust') });
    const events: ApiEvent[] = [];
    await expect(callApi(p, 'undo.undo', {}, (e) => events.push(e))).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('another member') });
    expect(events).toEqual([{ type: 'changed', what: ['undo'] }]);
    expect(await callApi(p, 'undo.state')).toMatchObject({ canUndo: false, undoLabel: null });
    // The server's name stands.
    expect(C.findCodeByPath(p.db, null, 'Trust (agreed)')).toBeTruthy();
  });

  it('a refused redo tells them too', async () => {
    project = Project.open(study.copy('redo.dyad'));
    const p = project;
    const db = p.db;
    const trust = C.findCodeByPath(db, null, 'Trust')!.id;
    C.updateCode(db, trust, { name: 'Trust in the therapist' });
    // Undone, then the server's rename of the same code arrives: the step to redo is the one made stale.
    await callApi(p, 'undo.undo');
    C.applyOutsideHistory(db, () => db.prepare("UPDATE codes SET name = 'Trust (agreed)' WHERE id = ?").run(trust));
    expect(await callApi(p, 'undo.state')).toMatchObject({ canRedo: true });
    const events: ApiEvent[] = [];
    await expect(callApi(p, 'undo.redo', {}, (e) => events.push(e))).rejects.toMatchObject({ kind: 'conflict' });
    expect(events).toEqual([{ type: 'changed', what: ['undo'] }]);
    expect(await callApi(p, 'undo.state')).toMatchObject({ canRedo: false });
  });
});

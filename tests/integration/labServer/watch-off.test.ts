/**
 * When live updates cannot start for an open replica (the PostgreSQL client fails to load, the replica's row cannot
 * be read), the project still opens and syncs; the Lab server page says live updates are off and why, instead of
 * the failure vanishing. Needs no PostgreSQL: nothing is ever connected.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Project } from '../../../electron/core/project';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('dyad-watch-off-');

afterEach(() => {
  vi.doUnmock('../../../electron/labServer/live');
  vi.resetModules();
});

function replica(): Project {
  const p = Project.open(tmp.path(`r${Math.random().toString(36).slice(2)}.dyad`), { create: true });
  p.db
    .prepare('INSERT INTO team_replica (id, project_id, server, schema_name, member, last_seq) VALUES (1, ?, ?, ?, ?, 0)')
    .run('p1', 'postgres://127.0.0.1:1/lab', 'dyad_p1', 'ana');
  return p;
}

describe('live updates that cannot start', () => {
  it('leave the state "stopped" with the reason, when the PostgreSQL client fails to load', async () => {
    vi.doMock('../../../electron/labServer/live', () => {
      throw new Error('Cannot find module pg');
    });
    const { liveFailureOf, liveStateOf, watchLabServer } = await import('../../../electron/labServer/watch');
    const p = replica();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const w = watchLabServer(p, () => {});
      // (Vitest wraps the factory's error in its own message; what matters is that a reason is kept and told.)
      await expect.poll(() => liveFailureOf(p), { timeout: 5000 }).toEqual(expect.any(String));
      expect(liveStateOf(p)).toBe('stopped');
      expect(errors.mock.calls.flat().join(' ')).toContain(`Live updates from the lab server are off for ${p.path}: ${liveFailureOf(p)}`);
      w.stop();
    } finally {
      errors.mockRestore();
      p.close();
    }
  });

  it('leave it "stopped" with the reason when the replica cannot be read, and nothing at all for a project not on a server', async () => {
    const { liveFailureOf, liveStateOf, watchLabServer } = await import('../../../electron/labServer/watch');
    const plain = Project.open(tmp.path('plain.dyad'), { create: true });
    const broken = replica();
    broken.db.exec('DROP TABLE team_replica');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      watchLabServer(plain, () => {}).stop();
      const w = watchLabServer(plain, () => {});
      expect(liveStateOf(plain)).toBeNull();
      expect(liveFailureOf(plain)).toBeNull();
      w.stop();
      const b = watchLabServer(broken, () => {});
      expect(liveStateOf(broken)).toBe('stopped');
      expect(liveFailureOf(broken)).toMatch(/team_replica/);
      b.stop();
    } finally {
      errors.mockRestore();
      plain.close();
      broken.close();
    }
  });
});

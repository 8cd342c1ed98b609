import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/database';
import { openFixture, type Fixture } from './fixture';

let fx: Fixture;
beforeEach(() => {
  fx = openFixture();
});
afterEach(() => fx.close());

const columns = (db: Db, table: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
const trigger = (db: Db, name: string) => (db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").get(name) as { sql: string } | undefined)?.sql ?? '';

describe('undo triggers (migrations/0030_undo.sql)', () => {
  // A migration that adds a column to one of these tables must recreate its triggers, or undo would lose it.
  it.each(['codebooks', 'codes', 'codings', 'memos'])('cover every column of %s on update and delete', (table) => {
    for (const kind of ['update', 'delete']) {
      const sql = trigger(fx.db, `undo_${table}_${kind}`);
      for (const c of columns(fx.db, table)) expect(sql, `undo_${table}_${kind} lacks ${c}`).toContain(`quote(old."${c}")`);
    }
    expect(trigger(fx.db, `undo_${table}_insert`)).toContain(`DELETE FROM ${table} WHERE id`);
  });

  it('watch only the columns of interviews, turns and moments that a correction changes, and never inserts', () => {
    // The undo triggers (a lab-server replica's outbox triggers, team_*, are another matter: migrations/0100).
    const watched = (fx.db.prepare("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'undo\\_%' ESCAPE '\\'").all() as { name: string; tbl_name: string; sql: string }[]).filter((t) =>
      ['interviews', 'turns', 'moments', 'dyads', 'sessions', 'moment_links'].includes(t.tbl_name),
    );
    expect(watched.map((t) => t.name).sort()).toEqual(['undo_interviews_update', 'undo_moments_update', 'undo_turns_update']);
    expect(watched.find((t) => t.tbl_name === 'interviews')!.sql).toMatch(/AFTER UPDATE OF "text", "word_count" ON interviews/);
  });
});

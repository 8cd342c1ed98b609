import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './database';
import { migrationsDir } from './paths';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The static, ordered list of migrations: migrations/NNNN_name.sql, version = NNNN. */
export function loadMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

export function latestVersion(migrations = loadMigrations()): number {
  return migrations.length ? migrations[migrations.length - 1]!.version : 0;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every pending migration in one transaction; returns the versions applied. */
export function migrate(db: Db, migrations = loadMigrations()): number[] {
  const current = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > current);
  if (!pending.length) return [];
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  })();
  return pending.map((m) => m.version);
}

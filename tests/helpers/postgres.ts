/**
 * A throwaway PostgreSQL cluster for the lab-server tests: initdb in a temp folder, a server on 127.0.0.1 and a
 * free port with SCRAM passwords, an admin role and a database for the lab, stopped and removed afterwards.
 *
 * Without PostgreSQL the lab-server test files skip loudly (describeWithPostgres says why and how to install
 * it), unless DYAD_REQUIRE_POSTGRES=1 (CI), which makes them fail instead.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe } from 'vitest';

export interface Cluster {
  host: string;
  port: number;
  /** The lab's database and the admin role its IT would create. */
  database: string;
  admin: { user: string; password: string };
  /** postgres://admin:…@127.0.0.1:port/database */
  adminUrl: string;
  /** A URL for another role of the same database. */
  url(user: string, password: string, query?: string): string;
  /** Stops the server (fast shutdown: connections are cut) and starts it again on the same port, data kept. */
  restart(): void;
  stop(): void;
}

/** The folder holding initdb, pg_ctl and postgres: PATH first, then Debian's /usr/lib/postgresql/N/bin (newest). */
export function findPostgresBin(): string | null {
  const has = (dir: string) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(dir, b)));
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && has(dir)) return dir;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (has(join(root, v, 'bin'))) return join(root, v, 'bin');
  }
  return null;
}

const INSTALL = 'PostgreSQL was not found (initdb, pg_ctl, postgres on PATH or in /usr/lib/postgresql/*/bin); install it, e.g. `apt-get install postgresql` or `brew install postgresql`';

/**
 * `describe` for a file that needs a live cluster: runs `body` when PostgreSQL is installed; otherwise a skipped
 * suite whose name says why, and a warning on stderr, or, with DYAD_REQUIRE_POSTGRES=1, a failure.
 */
export function describeWithPostgres(name: string, body: () => void): void {
  if (findPostgresBin()) {
    describe(name, body);
    return;
  }
  if (process.env.DYAD_REQUIRE_POSTGRES === '1') {
    describe(name, () => {
      throw new Error(`DYAD_REQUIRE_POSTGRES=1 but ${INSTALL}.`);
    });
    return;
  }
  process.stderr.write(`\n*** SKIPPED "${name}": ${INSTALL}. ***\n\n`);
  describe.skip(`${name} — SKIPPED: ${INSTALL}`, body);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary as the `postgres` user when we are root (postgres refuses to run as root). */
function runAs(user: string | null, bin: string, args: string[]): void {
  const [file, argv] = user ? ['runuser', ['-u', user, '--', bin, ...args]] : [bin, args];
  const r = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error?.message}`);
}

export async function startCluster(): Promise<Cluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(INSTALL);
  const root = userInfo().uid === 0;
  const owner = root ? 'postgres' : null;
  const dir = mkdtempSync(join(tmpdir(), 'dyad-pg-'));
  const data = join(dir, 'data');
  const superPassword = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${superPassword}\n`);
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  chmodSync(dir, 0o700);
  runAs(owner, join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  runAs(owner, join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
  const host = '127.0.0.1';
  const url = (user: string, password: string, database: string, query = '') =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${database}${query ? `?${query}` : ''}`;
  const restart = () => {
    runAs(owner, join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    runAs(owner, join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
  };
  const stop = () => {
    try {
      runAs(owner, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    // What the lab's IT creates: an admin role that may create roles, and the lab's database it owns.
    const admin = { user: 'lab_admin', password: randomBytes(12).toString('hex') };
    const { Client } = await import('pg');
    const su = new Client({ connectionString: url('postgres', superPassword, 'postgres') });
    await su.connect();
    try {
      await su.query(`CREATE ROLE lab_admin LOGIN CREATEROLE PASSWORD '${admin.password}'`);
      await su.query('CREATE DATABASE lab OWNER lab_admin');
    } finally {
      await su.end();
    }
    return {
      host,
      port,
      database: 'lab',
      admin,
      adminUrl: url(admin.user, admin.password, 'lab'),
      url: (user, password, query) => url(user, password, 'lab', query),
      restart,
      stop,
    };
  } catch (e) {
    stop();
    throw e;
  }
}

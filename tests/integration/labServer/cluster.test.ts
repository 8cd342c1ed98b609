import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPostgres, startCluster, type Cluster } from '../../helpers/postgres';

describeWithPostgres('a throwaway PostgreSQL cluster for the lab-server tests', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(() => cluster?.stop());

  it('answers the admin role on 127.0.0.1 with its password, and refuses a wrong one (SCRAM)', async () => {
    const c = new pg.Client({ connectionString: cluster.adminUrl });
    await c.connect();
    const r = await c.query("SELECT current_user AS who, current_database() AS db, current_setting('password_encryption') AS enc");
    await c.end();
    expect(r.rows[0]).toEqual({ who: 'lab_admin', db: 'lab', enc: 'scram-sha-256' });
    const bad = new pg.Client({ connectionString: cluster.url('lab_admin', 'wrong') });
    await expect(bad.connect()).rejects.toThrow(/password authentication failed/);
  });
});

/** `dyad team …` end to end on a throwaway cluster: the lead's two commands, the coder's one, sync and status. */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { dyad, dyadJson } from '../../helpers/cli';
import { describeWithPostgres, startCluster, type Cluster } from '../../helpers/postgres';
import { makeStudy, spanOf, type Study } from '../team/fixture';
import { withOpen } from './fixture';

describeWithPostgres('dyad team on the command line', () => {
  let cluster: Cluster;
  let study: Study;
  beforeAll(async () => {
    cluster = await startCluster();
    study = makeStudy();
  });
  afterAll(() => {
    cluster?.stop();
    study?.cleanup();
  });

  it('init, invite (the URL printed once), join, sync and status', async () => {
    const lead = study.copy('study.dyad');
    const init = await dyad('team', 'init', lead, '--server', cluster.adminUrl, '--coder', 'Lea');
    expect(init.code).toBe(0);
    expect(init.out).toMatch(/Published .*study\.dyad to lab_admin@127\.0\.0\.1:\d+\/lab as project [0-9a-f-]{36}.*Lea is its lead/s);
    expect(init.out).not.toContain(cluster.admin.password);

    const invite = await dyad('team', 'invite', lead, '--coder', 'ana');
    expect(invite.code).toBe(0);
    const url = /dyad team join "([^"]+)"/.exec(invite.out)![1]!;
    expect(url).toMatch(/^postgres:\/\/ana:[^@]+@127\.0\.0\.1:\d+\/lab\?project=[0-9a-f-]{36}$/);
    expect(invite.err).toBe('');

    const ana = study.path('ana.dyad');
    const join = await dyadJson('team', 'join', url, ana);
    expect(join).toMatchObject({ coder: 'ana', file: ana });
    await withOpen(ana, (p) => {
      C.addCoding(p.db, { interviewId: study.clientId, ...spanOf(p.db, study.clientId, 'I felt small'), codeId: C.findCodeByPath(p.db, null, 'Shame')!.id });
    });
    expect((await dyadJson('team', 'status', ana)).pending).toBe(1);
    expect(await dyadJson('team', 'sync', ana)).toMatchObject({ pushed: 1, pending: 0 });
    const synced = await dyad('team', 'sync', lead);
    expect(synced.out).toMatch(/Synced with lab_admin@127\.0\.0\.1:\d+\/lab: \d+ received \(1 changed this replica\), 0 sent, 0 waiting\./);
    const status = await dyadJson('team', 'status', lead);
    expect(status).toMatchObject({ member: 'lab_admin', pending: 0, offline: null });
    expect(status.members.map((m: { coder: string }) => m.coder)).toEqual(['ana', 'Lea']);

    // Joining again into a file that exists is refused; the file is left alone.
    const again = await dyad('team', 'join', url, ana);
    expect(again).toMatchObject({ code: 1, err: expect.stringMatching(/ana\.dyad already exists/) });
    expect(existsSync(ana)).toBe(true);

    const revoke = await dyad('team', 'revoke', lead, '--coder', 'ana');
    expect(revoke.out).toMatch(/Revoked ana/);
    const refused = await dyad('team', 'sync', ana);
    expect(refused).toMatchObject({ code: 1, err: expect.stringMatching(/refused ana: the password is wrong or this coder's access was revoked/) });
  });

  it('a file that is not on a lab server is told how to get there', async () => {
    const r = await dyad('team', 'sync', study.copy('alone.dyad'));
    expect(r).toMatchObject({ code: 1, err: expect.stringMatching(/alone\.dyad is not on a lab server: publish it with dyad team init/) });
  });
});

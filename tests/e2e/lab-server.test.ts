import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../electron/core/coding';
import { Project } from '../../electron/core/project';
import { loadSecret } from '../../electron/labServer/connect';
import { joinProject } from '../../electron/labServer/publish';
import { syncReplica } from '../../electron/labServer/sync';
import { describeWithPostgres, startCluster, type Cluster } from '../helpers/postgres';
import { sync, withOpen } from '../integration/labServer/fixture';
import { startHarness, type Harness } from './helpers/harness';

type Status = { server: string; pending: number; members: { coder: string; lead: boolean; revoked: boolean }[] | null } | null;

/**
 * The lead's replica on a throwaway PostgreSQL cluster, seen in the app: the Lab server page shows the server
 * (never the secret), the members, what waits to be sent; while the app listens on the server a change is sent by
 * itself and another member's arrives on screen without a sync; Sync now still syncs. Then the server goes away and the
 * page, and the app frame on another page, say the work is kept until the next sync.
 */
describeWithPostgres('the Lab server page: members, pending changes, Sync now, offline', () => {
  let cluster: Cluster;
  let h: Harness;

  beforeAll(async () => {
    cluster = await startCluster();
    h = await startHarness({ project: 'demo' });
    await h.api('coders.setCurrent', { name: 'Lea' });
    await h.page.goto(h.server.url);
    await h.page.locator('.tree__dyad').first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    try {
      cluster?.stop();
    } catch {
      /* stopped by the offline test */
    }
  });

  it('before publishing, says how to publish the project; once published, shows it', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Lab server', exact: true }).click();
    const alone = page.getByRole('region', { name: 'Not on a lab server' });
    await alone.waitFor();
    expect(await alone.locator('.lab-command').innerText()).toMatch(/^dyad team init Demo study\.dyad --server postgres:\/\//);

    // Published (here through the API, as `dyad team init` does): the open page follows.
    await h.api('team.publish', { server: cluster.adminUrl });
    await h.api('team.invite', { coder: 'ana' });
    await page.getByRole('region', { name: 'Server', exact: true }).waitFor({ timeout: 20_000 });
  }, 60_000);

  it('shows the server and the members; a change made here is sent by itself (live), and Sync now still syncs', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Lab server', exact: true }).click();
    const server = page.getByRole('region', { name: 'Server', exact: true });
    await server.getByRole('heading', { name: `127.0.0.1:${cluster.port}/lab` }).waitFor();
    // The app listens on the server: a change made here is sent by itself a moment later.
    await expect.poll(() => page.getByTestId('lab-live').innerText(), { timeout: 20_000 }).toMatch(/^on: the team’s changes arrive as they are made/);
    await h.api('codes.create', { name: 'Reluctance', color: '#6A1B9A' });
    await expect.poll(async () => (await h.api<Status>('team.status', {}))!.pending, { timeout: 20_000 }).toBe(0);
    const text = await page.locator('.team-page').innerText();
    expect(text).not.toContain(cluster.admin.password);

    const members = page.locator('.lab-members tbody tr');
    await expect.poll(() => members.count()).toBe(2);
    const rows = await members.allInnerTexts();
    expect(rows.some((r) => /ana\s+coder\s+active/.test(r))).toBe(true);
    expect(rows.some((r) => /\blead\s+active/.test(r))).toBe(true);

    const pending = page.getByTestId('lab-pending');
    await expect.poll(() => pending.innerText(), { timeout: 20_000 }).toBe('0 changes');
    await server.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => server.innerText()).toMatch(/Synced: \d+ received .*, \d+ sent/);
    expect(await page.getByTestId('lab-last-sync').innerText()).not.toBe('never');
    expect(await page.getByRole('alert').count()).toBe(0);
    await h.screenshot('lab-server-synced');
  }, 60_000);

  it("another member's memo appears on the Memos page without a sync here (live updates)", async () => {
    const { page } = h;
    const { joinUrl } = await h.api<{ joinUrl: string }>('team.invite', { coder: 'ben' });
    const benPath = join(h.dir, 'ben.dyad');
    await joinProject(joinUrl, benPath);
    await page.getByRole('button', { name: 'Memos', exact: true }).click();
    const ben = Project.open(benPath);
    try {
      C.createMemo(ben.db, { targetKind: 'project', text: 'Seen from the lab desktop' });
      await syncReplica(ben.db, 'ben.dyad', loadSecret(benPath));
    } finally {
      ben.close();
    }
    await page.getByText('Seen from the lab desktop').first().waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Lab server', exact: true }).click();
  }, 60_000);

  it("shows two leads' renamings of the same code in the merge review's look, and the lead's choice reaches the other lead", async () => {
    const { page } = h;
    const { joinUrl } = await h.api<{ joinUrl: string }>('team.invite', { coder: 'bo', lead: true });
    const bo = join(h.dir, `bo-${Date.now()}.dyad`); // a new file if the test is retried
    await joinProject(joinUrl, bo);
    const codeId = await withOpen(bo, (p) => C.findCodeByPath(p.db, null, 'Reluctance')!.id);
    // Both rename it without seeing the other: Bo offline; the lead here, sent by itself at once (live). Bo's
    // arrives later in the server's order, so it is used for now.
    await withOpen(bo, (p) => C.updateCode(p.db, codeId, { name: 'Hesitation' }));
    await h.api('codes.update', { codeId, name: 'Holding back' });
    await expect.poll(async () => (await h.api<Status>('team.status', {}))!.pending, { timeout: 20_000 }).toBe(0);
    await sync(bo);
    await page.getByRole('button', { name: 'Lab server', exact: true }).click();
    const server = page.getByRole('region', { name: 'Server', exact: true });
    // Live updates bring Bo's renaming; Sync now is what a researcher without them would press.
    await server.getByRole('button', { name: 'Sync now' }).click();

    const review = page.getByRole('region', { name: 'Changes to review' });
    await review.waitFor({ timeout: 20_000 });
    const conflict = review.locator('li.conflict');
    expect(await conflict.count()).toBe(1);
    expect(await conflict.locator('legend').innerText()).toBe('The name of Hesitation');
    const options = await conflict.locator('.conflict__option').allInnerTexts();
    expect(options[0]).toMatch(/^Holding back\s+by Lea, \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(options[1]).toMatch(/^Hesitation\s+by bo, .* UTC \(used for now\)$/);
    await h.screenshot('lab-server-review');

    await conflict.getByRole('radio', { name: /Holding back/ }).check();
    await conflict.getByRole('button', { name: 'Keep this one' }).click();
    await review.waitFor({ state: 'detached' });
    // The choice is a change of the lead's, sent by itself (live) or with the next sync.
    await expect.poll(async () => (await h.api<Status>('team.status', {}))!.pending, { timeout: 20_000 }).toBe(0);
    await sync(bo);
    expect(await withOpen(bo, (p) => C.getCode(p.db, codeId).name)).toBe('Holding back');
    expect((await h.api<{ name: string }>('codes.get', { codeId })).name).toBe('Holding back');
  }, 90_000);

  it("a change the server refused: Take the server's value drops it, and the page no longer lists it", async () => {
    const { page } = h;
    // A NUL character pasted into a memo is fine here and never accepted by PostgreSQL.
    await h.api('memos.create', { targetKind: 'project', title: 'pasted from a PDF', text: 'before\u0000after' });
    await expect.poll(async () => (await h.api<Status>('team.status', {}))!.pending, { timeout: 20_000 }).toBe(0);
    await page.getByRole('button', { name: 'Lab server', exact: true }).click();
    await page.getByRole('region', { name: 'Server', exact: true }).getByRole('button', { name: 'Sync now' }).click();
    const refused = page.getByTestId('lab-refused');
    await refused.waitFor({ timeout: 20_000 });
    expect(await refused.innerText()).toMatch(/^1 change, kept here and not sent/);
    await h.screenshot('lab-server-refused');

    await refused.getByRole('button', { name: "Take the server's value for a memo" }).click();
    await refused.waitFor({ state: 'detached', timeout: 20_000 });
    const memos = await h.api<{ title: string }[]>('memos.list', {});
    expect(memos.some((m) => m.title === 'pasted from a PDF')).toBe(false);
    expect(await page.getByRole('alert').count()).toBe(0);
  }, 60_000);

  it('with the server stopped, says the work is kept and will be sent at the next sync', async () => {
    const { page } = h;
    cluster.stop();
    await h.api('codes.create', { name: 'Doubt', color: '#00838F' });
    const server = page.getByRole('region', { name: 'Server', exact: true });
    const pending = page.getByTestId('lab-pending');
    await expect.poll(() => pending.innerText(), { timeout: 20_000 }).not.toBe('0 changes');

    await server.getByRole('button', { name: 'Sync now' }).click();
    const offline = page.locator('.lab-offline');
    await offline.waitFor({ timeout: 20_000 });
    expect(await offline.innerText()).toMatch(/^Offline since \d\d:\d\d — your work is kept and will be sent at the next sync$/);
    expect(await server.getByRole('alert').innerText()).toMatch(/Could not reach the lab server lab_admin@127\.0\.0\.1:\d+\/lab/);
    // Nothing was lost: the change still waits here.
    expect(await pending.innerText()).not.toBe('0 changes');
    await h.screenshot('lab-server-offline');

    // Elsewhere in the app, the frame keeps saying so.
    await page.getByRole('button', { name: 'Memos', exact: true }).click();
    const banner = page.locator('.lab-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('your work is kept and will be sent at the next sync');
    await h.screenshot('lab-server-offline-banner');
    expect(h.pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  }, 60_000);
});

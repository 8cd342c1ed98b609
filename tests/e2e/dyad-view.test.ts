import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/harness';
import { dyadItem, lastTimings, markerSeconds, openSession, renderedRows } from './helpers/page';
import { root } from './helpers/renderer-build';

type Tree = { id: string; name: string; sessions: { id: string; number: number; interviews: { role: string; sourceName: string }[] }[] }[];

const fixtures = join(root, 'tests', 'fixtures', 'e2e');

describe('the dyad view in Chromium, on the demo study', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await h.page.goto(h.server.url);
    await h.page.locator('.tree__dyad').first().waitFor();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('opens the project: the token leaves the address bar, the navigator lists every dyad', async () => {
    const { page } = h;
    expect(new URL(page.url()).searchParams.get('token')).toBeNull();
    const tree = await h.api<Tree>('dyads.list', {});
    const names = await page.locator('.tree__dyad').evaluateAll((els) => els.map((e) => e.getAttribute('data-dyad-name')));
    expect(names).toEqual(tree.map((d) => d.name));
    await expect(page.locator('.nav__project').innerText()).resolves.toBe('Demo study');
    await h.screenshot('01-navigator');
  });

  it('shows dyad 1, session 1 side by side: Client | Therapist, with the two interviews', async () => {
    const { page } = h;
    const { wallMs } = await openSession(page, '1', 1);
    const t = await lastTimings(page);
    console.log(`[e2e] demo dyad 1 session 1: first render ${t.render} ms (of which ${t.fetch} ms fetching), ${wallMs} ms from click to first row (wall clock)`);
    await expect(page.locator('.view-header h1').innerText()).resolves.toBe('Dyad 1 · Session 1');
    const tree = await h.api<Tree>('dyads.list', {});
    const session = tree.find((d) => d.name === '1')!.sessions.find((s) => s.number === 1)!;
    for (const role of ['client', 'therapist'] as const) {
      const head = page.locator(`.columns-head__col[data-column="${role}"]`);
      await expect(head.locator('.columns-head__role').innerText()).resolves.toMatch(new RegExp(role, 'i'));
      const file = session.interviews.find((i) => i.role === role)!.sourceName;
      await expect(head.locator('.columns-head__file').innerText()).resolves.toContain(file);
    }
    // Both columns hold real text split into turns, with speaker labels.
    expect(await page.locator('.cell--client .turn__speaker').count()).toBeGreaterThan(2);
    expect(await page.locator('.cell--therapist .turn__speaker').count()).toBeGreaterThan(2);
    expect(h.pageErrors).toEqual([]);
    // The README's picture is a coded session now: tests/e2e/demo-coding.test.ts writes it (UPDATE_SCREENSHOT=1).
    await h.screenshot('02-dyad-view');
  });

  it('puts a client moment and a therapist moment whose session times are within the tolerance on one row', async () => {
    const { page } = h;
    const tolerance = (await h.api<{ settings: { alignToleranceSeconds: number } }>('project.info', {})).settings.alignToleranceSeconds;
    const rows = await renderedRows(page);
    const paired = rows.filter((r) => r.client?.time != null && r.therapist?.time != null);
    expect(paired.length).toBeGreaterThan(0);
    for (const r of paired) {
      const c = r.client!;
      const t = r.therapist!;
      // What the researcher reads: the marker chip in each cell says the same time the row was aligned on.
      expect(c.markers.map(markerSeconds)).toContain(c.time);
      expect(t.markers.map(markerSeconds)).toContain(t.time);
      expect(Math.abs(c.time! - t.time!)).toBeLessThanOrEqual(tolerance);
      expect(r.match).toBe('auto');
      expect(r.gutter).toContain(`Δ ${Math.abs(c.time! - t.time!)} s`);
    }
    // A moment only one side recalled sits alone on its row, marked as unmatched.
    const single = rows.filter((r) => r.match === 'none' && (r.client?.time != null) !== (r.therapist?.time != null));
    for (const r of single) expect(r.gutter).toContain('unmatched');
  });

  it('changes the alignment tolerance in Settings, and the rows follow', async () => {
    const { page } = h;
    const deltas = async () =>
      (await renderedRows(page)).filter((r) => r.match === 'auto').map((r) => Math.abs(r.client!.time! - r.therapist!.time!));
    const before = await deltas();
    const strict = Math.min(...before); // keeps the closest pair(s), drops the others
    expect(Math.max(...before)).toBeGreaterThan(strict);
    await page.getByRole('button', { name: /Settings/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Project settings' });
    await dialog.getByLabel('Alignment tolerance (seconds)').fill(String(strict));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.locator('.nav__hint').innerText()).resolves.toBe(`pairing within ±${strict} s`);
    await page.locator('.view-header__facts', { hasText: `pairing within ±${strict} s` }).waitFor();
    const after = await deltas();
    expect(after.length).toBe(before.filter((d) => d <= strict).length);
    expect(after.every((d) => d <= strict)).toBe(true);
    // An impossible value is refused in the dialog, before anything is sent.
    await page.getByRole('button', { name: /Settings/ }).click();
    await dialog.getByLabel('Alignment tolerance (seconds)').fill('-3');
    await expect(dialog.getByRole('button', { name: 'Save' }).isDisabled()).resolves.toBe(true);
    await dialog.getByLabel('Alignment tolerance (seconds)').fill('15');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.view-header__facts', { hasText: 'pairing within ±15 s' }).waitFor();
    expect((await deltas()).length).toBe(before.length);
  });

  it('unpairs an automatic pair, keeps that across a reload, and restores it', async () => {
    const { page } = h;
    await openSession(page, '1', 1);
    const before = await renderedRows(page);
    const pair = before.find((r) => r.match === 'auto')!;
    const { unitId: c } = pair.client!;
    const { unitId: t } = pair.therapist!;
    const rowOf = (unit: string) => page.locator('.rows__item', { has: page.locator(`.cell[data-unit-id="${unit}"]`) });
    await rowOf(c).getByRole('button', { name: 'Unpair' }).click();
    await rowOf(c).locator('.gutter[data-match="none"]').waitFor();
    await page.reload();
    await page.locator('.dyad-view .row').first().waitFor();
    const apart = await renderedRows(page);
    const cRow = apart.find((r) => r.client?.unitId === c)!;
    const tRow = apart.find((r) => r.therapist?.unitId === t)!;
    expect(cRow.index).not.toBe(tRow.index);
    expect(cRow.therapist).toBeNull();
    expect(tRow.client).toBeNull();
    expect(cRow.gutter).toContain('unpaired by hand');
    await rowOf(c).getByRole('button', { name: 'Restore pairing' }).click();
    await rowOf(c).locator('.gutter[data-match="auto"]').waitFor();
    const restored = await renderedRows(page);
    expect(restored.find((r) => r.client?.unitId === c)?.therapist?.unitId).toBe(t);
    expect(restored.length).toBe(before.length);
  });

  it('links two unmatched moments by hand (dyad 2, session 2); the link is kept after a reload', async () => {
    const { page } = h;
    await openSession(page, '2', 2);
    const rows = await renderedRows(page);
    const autoBefore = rows.filter((r) => r.match === 'auto').length;
    // Two neighbouring rows, one moment only the client recalled and one only the therapist did.
    let pair: { client: string; therapist: string } | null = null;
    for (let i = 0; i + 1 < rows.length && !pair; i++) {
      const [a, b] = [rows[i]!, rows[i + 1]!];
      if (a.match !== 'none' || b.match !== 'none') continue;
      if (a.client && !a.therapist && b.therapist && !b.client) pair = { client: a.client.unitId, therapist: b.therapist.unitId };
      if (a.therapist && !a.client && b.client && !b.therapist) pair = { client: b.client.unitId, therapist: a.therapist.unitId };
    }
    expect(pair, 'dyad 2 session 2 should have neighbouring unmatched client and therapist moments').not.toBeNull();
    const { client, therapist } = pair!;

    await page.locator(`.cell[data-unit-id="${client}"] .link-btn`).click();
    await expect(page.locator('.link-banner').innerText()).resolves.toContain('client passage');
    const target = page.locator(`.cell[data-unit-id="${therapist}"] .link-btn`);
    await expect(target.innerText()).resolves.toContain('Link here');
    // Keyboard: the control is a button, Enter activates it.
    await target.focus();
    await page.keyboard.press('Enter');

    const linkedRow = page.locator('.rows__item', { has: page.locator(`.cell[data-unit-id="${client}"]`) }).filter({
      has: page.locator(`.cell[data-unit-id="${therapist}"]`),
    });
    await linkedRow.locator('.gutter[data-match="manual"]').waitFor();
    await expect(linkedRow.locator('.state--manual').innerText()).resolves.toContain('linked by hand');
    await h.screenshot('03-linked-by-hand');

    await page.reload();
    await page.locator('.dyad-view .row').first().waitFor();
    await expect(page.locator('.view-header h1').innerText()).resolves.toBe('Dyad 2 · Session 2');
    const after = await renderedRows(page);
    const kept = after.find((r) => r.client?.unitId === client && r.therapist?.unitId === therapist);
    expect(kept?.match).toBe('manual');
    expect(kept?.gutter).toContain('linked by hand');
    // A link between neighbours crosses nothing: every automatic pairing is still there.
    expect(after.filter((r) => r.match === 'auto').length).toBe(autoBefore);

    // And it can be taken back.
    await page.locator('.rows__item', { has: page.locator(`.cell[data-unit-id="${client}"]`) }).getByRole('button', { name: 'Remove link' }).click();
    await page.locator(`.rows__item:has(.cell[data-unit-id="${client}"]) .gutter[data-match="none"]`).waitFor();
    expect(h.pageErrors).toEqual([]);
  });

  it('finds in the session: highlights in both columns, "n of N", Enter and Shift+Enter step and scroll', async () => {
    const { page } = h;
    await openSession(page, '1', 1);
    await page.locator('.rows').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+f');
    const box = page.getByRole('searchbox', { name: 'Find in session' });
    await expect(box.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type('she');
    const count = page.locator('.find__count');
    // Typed a letter at a time, the find runs for "s" and "sh" first: wait for the hits of the whole word.
    await page.waitForFunction(
      () => /^1 of \d+$/.test(document.querySelector('.find__count')?.textContent ?? '') && /^she$/i.test(document.querySelector('mark.hit--current')?.textContent ?? ''),
    );
    const total = Number((await count.innerText()).split(' of ')[1]);
    expect(total).toBeGreaterThan(3);
    expect(await page.locator('.cell--client mark.hit').count()).toBeGreaterThan(0);
    expect(await page.locator('.cell--therapist mark.hit').count()).toBeGreaterThan(0);

    await box.press('Enter');
    await expect(count.innerText()).resolves.toBe(`2 of ${total}`);
    await box.press('Shift+Enter');
    await box.press('Shift+Enter');
    // Wrapped round to the last hit, far down the session: its row is rendered and the hit is on screen.
    await expect(count.innerText()).resolves.toBe(`${total} of ${total}`);
    await page.waitForFunction(() => {
      const hit = document.querySelector('mark.hit--current');
      const list = document.querySelector('.rows');
      if (!hit || !list) return false;
      const a = hit.getBoundingClientRect();
      const b = list.getBoundingClientRect();
      return a.top >= b.top && a.bottom <= b.bottom;
    });
    await h.screenshot('04-find');
    await box.press('Escape');
    await page.waitForFunction(() => document.querySelectorAll('mark.hit').length === 0);
    await expect(count.innerText()).resolves.toBe('');
  });

  it('imports transcripts: preview with errors named, fill in what the file name does not say, new dyad in the navigator', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Import transcripts…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.waitFor();
    await page.locator('#import-files').setInputFiles([
      join(fixtures, 'D09_S1_client.txt'),
      join(fixtures, 'pilot interview therapist.txt'),
      join(fixtures, 'broken.docx'),
    ]);
    const files = dialog.locator('tbody.preview__file');
    await files.nth(2).waitFor();
    expect(await files.count()).toBe(3);

    const named = dialog.locator('tbody.preview__file[data-file="D09_S1_client.txt"]');
    await expect(named.getByLabel('Dyad of D09_S1_client.txt').inputValue()).resolves.toBe('9');
    await expect(named.getByLabel('Session of D09_S1_client.txt').inputValue()).resolves.toBe('1');
    await expect(named.getByLabel('Role of D09_S1_client.txt').inputValue()).resolves.toBe('client');
    // The fixture marks three stops and has two speakers.
    await expect(named.locator('td.num').nth(1).innerText()).resolves.toBe('3');
    await expect(named.getByLabel('Speaker I in D09_S1_client.txt').inputValue()).resolves.toBe('interviewer');
    await expect(named.getByLabel('Speaker C in D09_S1_client.txt').inputValue()).resolves.toBe('participant');
    await named.locator('summary').click();
    await expect(named.locator('.preview__turns tbody tr').first().innerText()).resolves.toContain('stop wherever you like');
    await expect(named.locator('.preview__moments .marker-chip').allInnerTexts()).resolves.toEqual(['00:02:05', '00:09:30', '00:17:45']);

    const broken = dialog.locator('tbody.preview__file[data-file="broken.docx"]');
    await expect(broken.locator('.text-error').innerText()).resolves.toContain('broken.docx');

    // The pilot file's name says nothing usable: the import waits until it is filled in.
    const pilot = dialog.locator('tbody.preview__file[data-file="pilot interview therapist.txt"]');
    const importButton = dialog.getByRole('button', { name: /^Import \d+ files?$/ });
    await expect(importButton.innerText()).resolves.toBe('Import 2 files');
    await expect(importButton.isDisabled()).resolves.toBe(true);
    await expect(dialog.locator('.modal__footer-msg').innerText()).resolves.toContain('pilot interview therapist.txt');
    await pilot.getByLabel('Dyad of pilot interview therapist.txt').fill('9');
    await pilot.getByLabel('Session of pilot interview therapist.txt').fill('1');
    await pilot.getByLabel('Role of pilot interview therapist.txt').selectOption('therapist');
    await pilot.getByLabel('Speaker Interviewer in pilot interview therapist.txt').selectOption('interviewer');
    await pilot.getByLabel('Speaker Therapist in pilot interview therapist.txt').selectOption('participant');
    await h.screenshot('05-import-preview');
    await importButton.click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.locator('.toast--success').last().innerText()).resolves.toBe('Imported 2 interviews into Dyad 9.');

    const nine = dyadItem(page, '9');
    await nine.waitFor();
    await expect(nine.locator('.tree__session').innerText()).resolves.toMatch(/Session 1[\s\S]*client ✓[\s\S]*therapist ✓/);
    await openSession(page, '9', 1);
    const rows = await renderedRows(page);
    const paired = rows.filter((r) => r.match === 'auto');
    expect(paired.map((r) => [r.client!.time, r.therapist!.time])).toEqual([
      [125, 130],
      [570, 566],
    ]);
    expect(rows.some((r) => r.client?.time === 1065 && r.therapist === null)).toBe(true);
    await h.screenshot('06-imported-session');
  });

  it('shows why an import fails, naming the file, and writes nothing', async () => {
    const { page } = h;
    const before = await h.api<{ counts: { interviews: number } }>('project.info', {});
    await page.getByRole('button', { name: 'Import transcripts…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await page.locator('#import-files').setInputFiles([join(fixtures, 'D09_S1_client.txt')]);
    await dialog.locator('tbody.preview__file').waitFor();
    await dialog.getByRole('button', { name: 'Import 1 file' }).click();
    const message = dialog.locator('.modal__footer-msg .text-error');
    await message.waitFor();
    await expect(message.innerText()).resolves.toMatch(/Nothing was imported\. D09_S1_client\.txt.*already has a client interview/);
    // The dialog stays open with the choices made, so the researcher can pick another session or role.
    await expect(dialog.getByLabel('Role of D09_S1_client.txt').isEnabled()).resolves.toBe(true);
    await h.screenshot('07-import-error');
    await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
    const after = await h.api<{ counts: { interviews: number } }>('project.info', {});
    expect(after.counts.interviews).toBe(before.counts.interviews);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { attributesOf, newRow } from '../../renderer/src/components/navigator/attributeRows';
import { whatGoesWith } from '../../renderer/src/components/navigator/deleteWords';
import { startHarness, type Harness } from './helpers/harness';
import { dyadItem, openSession } from './helpers/page';

type Interview = { id: string; role: string; sourceName: string; wordCount: number; momentCount: number };
type Session = { id: string; number: number; date: string | null; recordingPath: string | null; interviews: Interview[] };
type Tree = { id: string; name: string; attributes: Record<string, string>; sessions: Session[] }[];
type Coder = { id: string };
type Memo = { id: string; targetKind: string; targetId: string | null };
type Turn = { start: number; end: number };
type Detail = { interviews: { id: string; role: string; turns: Turn[] }[] };

/**
 * A researcher fixes the study's structure from the navigator: names a dyad and records what it is compared by,
 * dates a session, corrects an interview's role, and deletes an interview imported into the wrong session —
 * then takes the delete back with Undo.
 */
describe('the study’s structure, edited from the navigator', () => {
  let h: Harness;
  const tree = () => h.api<Tree>('dyads.list', {});
  const dyadNamed = async (name: string) => (await tree()).find((d) => d.name === name);
  const sessionOf = async (dyad: string, n: number) => (await dyadNamed(dyad))?.sessions.find((s) => s.number === n);

  /** Unfolds a dyad in the navigator (if folded) and returns the row of one of its sessions. */
  async function sessionRow(dyad: string, n: number): Promise<Locator> {
    const toggle = dyadItem(h.page, dyad).locator('.tree__dyad-btn');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    return dyadItem(h.page, dyad).locator('.tree__session-item', { has: h.page.locator('.tree__session-title', { hasText: `Session ${n}` }) });
  }

  async function openDetails(dyad: string, n: number) {
    const row = await sessionRow(dyad, n);
    await row.hover();
    await row.getByRole('button', { name: /^Session details of/ }).click();
    const dialog = h.page.getByRole('dialog', { name: new RegExp(`session ${n}: details$`) });
    await dialog.waitFor();
    return dialog;
  }

  beforeAll(async () => {
    h = await startHarness();
    await h.page.goto(h.server.url);
    await h.page.locator('.tree__dyad').first().waitFor();
  });

  // A failed step must not leave its dialog over the navigator for the next one.
  afterEach(async () => {
    while (await h.page.locator('.modal').count()) await h.page.locator('.modal').last().press('Escape');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('renames a dyad and adds an attribute: the navigator and the core have both', async () => {
    const { page } = h;
    const before = (await dyadNamed('2'))!;
    // The row's edit button is reached with the keyboard: Tab from the dyad's own button.
    await dyadItem(page, '2').locator('.tree__dyad-btn').focus();
    await page.keyboard.press('Tab');
    const edit = dyadItem(page, '2').getByRole('button', { name: 'Edit Dyad 2…' });
    await expect(edit.evaluate((el) => el === document.activeElement && getComputedStyle(el).opacity === '1')).resolves.toBe(true);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Edit Dyad 2' });
    await dialog.waitFor();
    // The existing attributes are there to edit, one row each.
    for (const [k, v] of Object.entries(before.attributes)) await expect(dialog.getByLabel(`Value of ${k}`).inputValue()).resolves.toBe(v);

    // A name another dyad has is refused in the dialog, and nothing is saved.
    await dialog.getByLabel('Name', { exact: true }).fill('1');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert').innerText()).resolves.toContain('There is already a dyad named “1”');
    expect((await dyadNamed('2'))?.id).toBe(before.id);

    await dialog.getByLabel('Name', { exact: true }).fill('12');
    await dialog.getByRole('button', { name: 'Add attribute' }).click();
    const n = Object.keys(before.attributes).length + 1;
    await dialog.getByLabel(`Attribute ${n} name`).fill('therapist experience');
    await dialog.getByLabel('Value of therapist experience').fill('5 years');
    await h.screenshot('structure-01-edit-dyad');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    const item = dyadItem(page, '12');
    await item.waitFor();
    await expect(item.locator('.tree__dyad-name').innerText()).resolves.toBe('Dyad 12');
    if ((await item.locator('.tree__dyad-btn').getAttribute('aria-expanded')) !== 'true') await item.locator('.tree__dyad-btn').click();
    const row = item.locator('.attrs__row', { hasText: 'therapist experience' });
    await expect(row.locator('dd').innerText()).resolves.toBe('5 years');
    const after = (await dyadNamed('12'))!;
    expect(after.id).toBe(before.id);
    expect(after.attributes).toEqual({ ...before.attributes, 'therapist experience': '5 years' });
    expect(await dyadNamed('2')).toBeUndefined();
  });

  it('opens the same dialog from the row’s context menu, and removes an attribute', async () => {
    const { page } = h;
    await dyadItem(page, '12').locator('.tree__dyad-head').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Actions for Dyad 12' }).getByRole('menuitem', { name: 'Edit dyad…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Dyad 12' });
    await dialog.getByRole('button', { name: 'Remove attribute clinic' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(dyadItem(page, '12').locator('.attrs dt', { hasText: 'clinic' }).count()).resolves.toBe(0);
    expect(Object.keys((await dyadNamed('12'))!.attributes)).not.toContain('clinic');
  });

  it('sets a session’s date and recording: the navigator shows the date, the core has both', async () => {
    const { page } = h;
    const row = await sessionRow('3', 2);
    await row.hover();
    await h.screenshot('structure-00-navigator-hover');
    await row.locator('.tree__session').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Actions for Dyad 3, session 2' });
    await menu.waitFor();
    await h.screenshot('structure-00-session-menu');
    await menu.press('Escape');
    await menu.waitFor({ state: 'detached' });
    const dialog = await openDetails('3', 2);
    await dialog.getByLabel('Date').fill('2026-04-01');
    await dialog.getByLabel('Recording').fill('recordings/D03_S2.mp4');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect((await sessionRow('3', 2)).locator('.tree__date').innerText()).resolves.toBe('2026-04-01');
    const s = (await sessionOf('3', 2))!;
    expect(s.date).toBe('2026-04-01');
    expect(s.recordingPath).toBe('recordings/D03_S2.mp4');
    expect(page.url()).not.toContain('token');
  });

  it('changes an interview’s role, and says why two clients in one session are refused', async () => {
    const { page } = h;
    const s = (await sessionOf('3', 1))!;
    const client = s.interviews.find((i) => i.role === 'client')!;
    const therapist = s.interviews.find((i) => i.role === 'therapist')!;
    const dialog = await openDetails('3', 1);
    // Each interview is listed with its size, as the navigator's badge tooltip has it.
    const clientItem = dialog.locator(`[data-interview-id="${client.id}"]`);
    await expect(clientItem.innerText()).resolves.toContain(`${client.wordCount.toLocaleString('en')} words · ${client.momentCount} recall moments`);

    await dialog.getByLabel(`Role of ${therapist.sourceName}`).selectOption('client');
    const refusal = dialog.locator(`[data-interview-id="${therapist.id}"]`).getByRole('alert');
    await expect(refusal.innerText()).resolves.toContain(`already has a client interview (${client.sourceName})`);
    await h.screenshot('structure-04-role-refused');
    await expect(dialog.getByLabel(`Role of ${therapist.sourceName}`).inputValue()).resolves.toBe('therapist');
    expect((await sessionOf('3', 1))!.interviews.find((i) => i.id === therapist.id)!.role).toBe('therapist');

    // Freeing the client role first is the way: the navigator's badge follows.
    await dialog.getByLabel(`Role of ${client.sourceName}`).selectOption('other');
    const badge = (await sessionRow('3', 1)).locator('.iv-badge--client');
    await page.waitForFunction((el) => el?.classList.contains('is-missing'), await badge.elementHandle());
    expect((await sessionOf('3', 1))!.interviews.find((i) => i.id === client.id)!.role).toBe('other');
    await dialog.getByLabel(`Role of ${client.sourceName}`).selectOption('client');
    await page.waitForFunction((el) => !el?.classList.contains('is-missing'), await badge.elementHandle());
    expect((await sessionOf('3', 1))!.interviews.find((i) => i.id === client.id)!.role).toBe('client');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('deletes an interview after saying what goes with it; Undo in the toolbar brings all of it back', async () => {
    const { page } = h;
    const session = (await sessionOf('1', 2))!;
    const client = session.interviews.find((i) => i.role === 'client')!;
    // Two coders' work on it, and memos on a coding and on the interview: what the confirmation must count.
    const alex = await h.api<Coder>('coders.setCurrent', { name: 'Alex' });
    const blake = await h.api<Coder>('coders.setCurrent', { name: 'Blake' });
    const code = await h.api<{ id: string }>('codes.create', { name: 'Withdrawal', color: '#6A1B9A' });
    const turns = (await h.api<Detail>('sessions.get', { sessionId: session.id })).interviews.find((i) => i.id === client.id)!.turns.filter((t) => t.end - t.start > 20);
    const codingIds: string[] = [];
    for (const [i, coder] of [alex, alex, alex, blake, blake].entries()) {
      const r = await h.api<{ coding: { id: string } }>('codings.add', { interviewId: client.id, start: turns[i]!.start, end: turns[i]!.end, codeId: code.id, coderId: coder.id });
      codingIds.push(r.coding.id);
    }
    await h.api('memos.create', { targetKind: 'coding', targetId: codingIds[0], text: 'Looks away here, then laughs.' });
    await h.api('memos.create', { targetKind: 'interview', targetId: client.id, text: 'Recorded a week late.' });
    const memosOn = async () => (await h.api<Memo[]>('memos.list', {})).filter((m) => m.targetId === client.id || codingIds.includes(m.targetId ?? '')).length;
    const codingsOf = async () => (await h.api<{ interviews: { interviewId: string; codings: unknown[] }[] }>('codings.forSession', { sessionId: session.id })).interviews.find((i) => i.interviewId === client.id)?.codings.length ?? 0;
    expect(await codingsOf()).toBe(5);

    await openSession(page, '1', 2);
    // The context menu of the session row leads to the same dialog as its button.
    await (await sessionRow('1', 2)).locator('.tree__session').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Actions for Dyad 1, session 2' }).getByRole('menuitem', { name: 'Session details…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dyad 1, session 2: details' });
    await dialog.waitFor();
    await dialog.locator(`[data-interview-id="${client.id}"]`).getByRole('button', { name: 'Delete interview…' }).click();
    const confirm = dialog.getByRole('group', { name: `Delete ${client.sourceName}?` });
    await confirm.getByRole('button', { name: 'Delete interview' }).waitFor();
    const question = await confirm.innerText();
    expect(question).toContain(`Delete ${client.sourceName}? Its 5 codings by 2 coders and 2 memos go with it.`);
    expect(question).toContain('You can undo this with Ctrl+Z.');
    await h.screenshot('structure-02-session-details-confirm');
    await confirm.getByRole('button', { name: 'Delete interview' }).click();

    const done = dialog.getByRole('status');
    await done.filter({ hasText: /^Deleted / }).waitFor();
    await expect(done.innerText()).resolves.toBe(`Deleted ${client.sourceName} with its 5 codings and 2 memos. Undo (Ctrl+Z) brings it all back.`);
    await expect(dialog.locator('.iv-list__item').count()).resolves.toBe(1);
    await h.screenshot('structure-03-session-details-deleted');
    const row = await sessionRow('1', 2);
    await page.waitForFunction((el) => el?.classList.contains('is-missing'), await row.locator('.iv-badge--client').elementHandle());
    expect((await sessionOf('1', 2))!.interviews.map((i) => i.id)).not.toContain(client.id);
    await expect(h.api('interviews.usage', { interviewId: client.id })).rejects.toThrow(/not-found/);
    expect(await codingsOf()).toBe(0);
    expect(await memosOn()).toBe(0);

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The session stays open with the interview that is left.
    await expect(page.locator('.view-header h1').innerText()).resolves.toBe('Dyad 1 · Session 2');

    await page.getByRole('button', { name: `Undo Delete interview ${client.sourceName}` }).click();
    await page.waitForFunction((el) => !el?.classList.contains('is-missing'), await row.locator('.iv-badge--client').elementHandle());
    const back = (await sessionOf('1', 2))!.interviews.find((i) => i.id === client.id);
    expect(back).toMatchObject({ role: 'client', sourceName: client.sourceName, wordCount: client.wordCount });
    expect(await codingsOf()).toBe(5);
    expect(await memosOn()).toBe(2);
    await page.locator(`.columns-head__col[data-column="client"] .columns-head__file`, { hasText: client.sourceName }).waitFor();
    expect(h.pageErrors).toEqual([]);
  });

  it('deleting the last interview of the dyad on screen removes the empty session and dyad and closes the view calmly; Ctrl+Z restores them', async () => {
    const { page } = h;
    const dyad = (await dyadNamed('3'))!;
    const s2 = dyad.sessions.find((s) => s.number === 2)!;
    const last = s2.interviews.find((i) => i.role === 'client')!;
    // Everything else of dyad 3 goes first, through the API, as three earlier steps.
    for (const iv of [...dyad.sessions.find((s) => s.number === 1)!.interviews, ...s2.interviews.filter((i) => i.id !== last.id)]) await h.api('interviews.delete', { interviewId: iv.id });
    await page.locator('li.tree__dyad[data-dyad-name="3"] .tree__meta', { hasText: '1 session' }).waitFor();

    await openSession(page, '3', 2);
    const dialog = await openDetails('3', 2);
    await dialog.getByRole('button', { name: 'Delete interview…' }).click();
    const confirm = dialog.getByRole('group', { name: `Delete ${last.sourceName}?` });
    await confirm.getByRole('button', { name: 'Delete interview' }).waitFor();
    await expect(confirm.innerText()).resolves.toContain('It has no codings or memos. It is the only interview of Dyad 3, so the empty session 2 and Dyad 3 go too.');
    await confirm.getByRole('button', { name: 'Delete interview' }).click();
    await dialog.getByRole('status').filter({ hasText: /^Deleted / }).waitFor();
    await expect(dialog.getByRole('status').innerText()).resolves.toBe(`Deleted ${last.sourceName}. The empty session 2 and Dyad 3 were removed too. Undo (Ctrl+Z) brings it all back.`);
    await dialog.getByText('This session is no longer in the project.').waitFor();
    await dyadItem(page, '3').waitFor({ state: 'detached' });
    await page.locator('.empty h1', { hasText: 'Choose a session' }).waitFor();
    expect(await dyadNamed('3')).toBeUndefined();
    await h.screenshot('structure-05-session-removed');
    await dialog.locator('.modal__footer').getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.keyboard.press('Control+z');
    await dyadItem(page, '3').waitFor();
    const restored = (await sessionOf('3', 2))!;
    expect(restored.id).toBe(s2.id);
    expect(restored.interviews.map((i) => i.id)).toEqual([last.id]);
    // The session comes back as it was, with the date set earlier.
    expect(restored.date).toBe('2026-04-01');
    await expect((await sessionRow('3', 2)).locator('.tree__date').innerText()).resolves.toBe('2026-04-01');
    expect(h.pageErrors).toEqual([]);

    // Redo with the session on screen takes it away again: the view closes with a note, not with errors.
    await openSession(page, '3', 2);
    const alertsBefore = await page.locator('.toast--error').count();
    await page.keyboard.press('Control+Shift+z');
    await page.locator('.toast', { hasText: 'The session that was open is no longer in the project.' }).waitFor();
    await page.locator('.empty h1', { hasText: 'Choose a session' }).waitFor();
    // The last thing the redo brings on screen: dyad 3 leaves the tree. Any error would have shown by then.
    await dyadItem(page, '3').waitFor({ state: 'detached' });
    expect(await page.locator('.toast--error').count()).toBe(alertsBefore);
    expect(h.pageErrors).toEqual([]);
  });
});

describe('the structure dialogs’ checks and sentences', () => {
  it('drops blank attribute lines, refuses a value without a name and one attribute twice (whatever its case)', () => {
    expect(attributesOf([newRow(' modality ', ' CBT '), newRow('', '')])).toEqual({ attributes: { modality: 'CBT' } });
    const nameless = newRow('', 'online');
    expect(attributesOf([newRow('modality', 'CBT'), nameless])).toEqual({ problem: expect.stringContaining('“online” needs an attribute name'), rowKey: nameless.key });
    const twice = newRow('Modality', 'DBT');
    expect(attributesOf([newRow('modality', 'CBT'), twice])).toEqual({ problem: expect.stringContaining('“Modality” is listed twice (also as “modality”)'), rowKey: twice.key });
  });

  it('counts what a delete takes in plain words, one or many', () => {
    expect(whatGoesWith({ sourceName: 'a.txt', codings: 37, coders: 2, memos: 3 })).toBe('Its 37 codings by 2 coders and 3 memos go with it.');
    expect(whatGoesWith({ sourceName: 'a.txt', codings: 1, coders: 1, memos: 0 })).toBe('Its 1 coding by 1 coder goes with it.');
    expect(whatGoesWith({ sourceName: 'a.txt', codings: 0, coders: 0, memos: 1 })).toBe('Its 1 memo goes with it.');
    expect(whatGoesWith({ sourceName: 'a.txt', codings: 0, coders: 0, memos: 0 })).toBe('It has no codings or memos.');
  });
});

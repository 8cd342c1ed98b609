import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../electron/core/coding';
import { alignSession, setLink } from '../../electron/core/alignment';
import { updateSession } from '../../electron/core/dyads';
import { Project } from '../../electron/core/project';
import { keptPassage } from './helpers/coding';
import { startHarness, type Harness } from './helpers/harness';

type Tree = { id: string; name: string; sessions: { id: string; number: number }[] }[];
type Detail = { interviews: { id: string; role: string; text: string; turns: { id: string; start: number; end: number }[] }[] };
type Coder = { id: string; name: string };
type Code = { id: string; name: string; color: string };
type Report = { codes: { codeId: string; path: string; percent: number | null; kappa: number | null; alpha: number | null; disagreements: number }[] };

/**
 * Two coders of the demo study: A codes in the open project; B codes in a copy of it (agreeing on one passage,
 * differing on another, and renaming and recolouring a code). The lead merges B's copy in the UI, answers the
 * rename conflict, reads the agreement report, opens a disagreement in its session and starts a consensus.
 */
describe('team work: merge a coder’s copy, agreement, disagreements, consensus', () => {
  let h: Harness;
  let sessionId: string;
  let client: Detail['interviews'][number];
  let coderA: Coder;
  let hesitation: Code;
  let relief: Code;
  let copyPath: string;
  let unpaired: { client: string; therapist: string };
  let spans: { start: number; end: number }[];

  beforeAll(async () => {
    h = await startHarness({ viewport: { width: 1400, height: 950 } });
    const tree = await h.api<Tree>('dyads.list', {});
    sessionId = tree[0]!.sessions[0]!.id;
    const detail = await h.api<Detail>('sessions.get', { sessionId });
    client = detail.interviews.find((i) => i.role === 'client')!;
    // Three turns long enough to be passages a researcher would code.
    spans = client.turns.filter((t) => t.end - t.start > 40).slice(0, 3).map((t) => ({ start: t.start, end: t.end }));
    expect(spans).toHaveLength(3);

    // The demo gives this session a recording; the lead's copy here has none, for Blake's to fill in.
    await h.api('sessions.update', { sessionId, recordingPath: null });
    coderA = await h.api<Coder>('coders.setCurrent', { name: 'Alex' });
    hesitation = await h.api<Code>('codes.create', { name: 'Hesitation', color: '#2E7D32' });
    relief = await h.api<Code>('codes.create', { name: 'Relief', color: '#1565C0' });
    for (const [span, code] of [
      [spans[0]!, hesitation],
      [spans[1]!, hesitation],
      [spans[2]!, relief],
    ] as const) {
      await h.api('codings.add', { interviewId: client.id, ...span, codeId: code.id, coderId: coderA.id });
    }

    // Coder B's copy: a consistent snapshot of the open project, then B's own work in it.
    copyPath = join(h.dir, 'Demo study (Blake).dyad');
    await h.project.db.backup(copyPath);
    const copy = Project.open(copyPath);
    try {
      const db = copy.db;
      const blake = C.setCurrentCoder(db, 'Blake');
      C.addCoding(db, { interviewId: client.id, ...spans[0]!, codeId: hesitation.id, coderId: blake.id });
      C.addCoding(db, { interviewId: client.id, ...spans[2]!, codeId: hesitation.id, coderId: blake.id });
      C.addCoding(db, { interviewId: client.id, ...spans[2]!, codeId: relief.id, coderId: blake.id });
      C.updateCode(db, relief.id, { name: 'Relief and ease', color: '#C62828' });
      // Blake also parted two moments the tolerance had paired, and noted where the session's recording is.
      const paired = alignSession(db, sessionId, 15).rows.find((r) => r.match === 'auto')!;
      unpaired = { client: paired.client!.unitId, therapist: paired.therapist!.unitId };
      setLink(db, sessionId, unpaired.client, unpaired.therapist, 'unlink');
      updateSession(db, sessionId, { recordingPath: 'D:\\Study\\Dyad 1\\S1.mp4' });
    } finally {
      copy.close();
    }

    await h.page.goto(h.server.url);
    await h.page.locator('.tree__dyad').first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('previews the copy, lets the lead answer the conflicts, merges and says how to undo', async () => {
    const page = h.page;
    await page.getByRole('button', { name: "Merge a coder's project" }).click();
    // A path typed by hand that is not there: the researcher is told which file, and nothing is merged.
    await page.getByLabel('Path of the file to merge').fill(join(h.dir, 'Missing copy.dyad'));
    await page.getByRole('button', { name: 'Preview merge' }).click();
    await expect(page.getByRole('alert').first().innerText()).resolves.toContain('Missing copy.dyad');

    await page.locator('input[type=file].team-source__file').setInputFiles(copyPath);
    const review = page.getByLabel('Merge preview');
    await review.waitFor();
    const rename = review.locator('.conflict[data-kind="code-rename"]');
    await expect(rename.locator('legend').innerText()).resolves.toContain('Relief and ease');
    await expect(review.locator('.conflict[data-kind="code-field"], .conflict[data-kind="code-rename"]').count()).resolves.toBeGreaterThanOrEqual(2);
    // Blake's three codings are new here (Alex's came with the copy and are already here).
    await expect(review.locator('[data-count="Codings"] strong').innerText()).resolves.toBe('3 to add');
    await expect(review.locator('[data-count="Moment links"]').innerText()).resolves.toMatch(/1 to add[\s\S]*1 recording path to fill in/);
    await rename.getByRole('radio', { name: /Rename it/ }).check();
    await expect(rename.getByRole('radio', { name: /Rename it/ }).isChecked()).resolves.toBe(true);
    await h.screenshot('team-merge-review');

    await review.getByRole('button', { name: 'Merge', exact: true }).click();
    const summary = page.getByLabel('Merge summary');
    await summary.waitFor();
    const text = await summary.innerText();
    expect(text).toContain('3 added');
    expect(text).toMatch(/undo/i);
    expect(text).toMatch(/backed up at .+\.dyad/);
    await summary.getByRole('button', { name: 'Undo this merge' }).waitFor();
    await h.screenshot('team-merge-summary');
    // Blake's unpairing holds here now, and the session knows its recording.
    const aligned = await h.api<{ rows: { match: string; client: { unitId: string } | null; therapist: { unitId: string } | null }[] }>('sessions.align', { sessionId });
    expect(aligned.rows.some((r) => r.match === 'auto' && r.client?.unitId === unpaired.client && r.therapist?.unitId === unpaired.therapist)).toBe(false);
    const tree = await h.api<{ sessions: { id: string; recordingPath: string | null }[] }[]>('dyads.list', {});
    expect(tree.flatMap((d) => d.sessions).find((s) => s.id === sessionId)!.recordingPath).toBe('D:\\Study\\Dyad 1\\S1.mp4');

    // The choice was honoured and the colour kept this project's (the default).
    const merged = await h.api<Code>('codes.get', { codeId: relief.id });
    expect(merged.name).toBe('Relief and ease');
    expect(merged.color.toUpperCase()).toBe('#1565C0');
    const coders = await h.api<(Coder & { codingCount: number })[]>('coders.list', {});
    expect(coders.find((c) => c.name === 'Blake')?.codingCount).toBe(3);
  });

  it('reports agreement between Alex and Blake with the core’s figures', async () => {
    const page = h.page;
    await page.getByRole('button', { name: 'Agreement', exact: true }).click();
    const form = page.getByLabel('Agreement settings');
    await form.getByText('Alex').click();
    await form.getByText('Blake').click();
    await form.getByRole('button', { name: 'Compute agreement' }).click();
    const table = page.locator('.agreement-table');
    const row = table.locator(`tr[data-code-id="${hesitation.id}"]`);
    await row.waitFor();

    const coders = await h.api<Coder[]>('coders.list', {});
    const ids = ['Alex', 'Blake'].map((n) => coders.find((c) => c.name === n)!.id);
    const report = await h.api<Report>('agreement.report', { coders: ids, unit: 'char' });
    const expected = report.codes.find((c) => c.codeId === hesitation.id)!;
    // Alex and Blake agree on one Hesitation passage and differ on two.
    expect(expected.disagreements).toBe(2);
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[0]).toBe(`${(expected.percent! * 100).toFixed(1)} %`);
    expect(cells[1]).toBe(expected.kappa === null ? '—' : expected.kappa.toFixed(2));
    expect(cells[2]).toBe(expected.alpha === null ? '—' : expected.alpha.toFixed(2));
    expect(cells[4]).toBe('2');
    await expect(table.locator('.agreement-table__overall').innerText()).resolves.toMatch(/Overall/);
    await h.screenshot('team-agreement');

    // The CSV export arrives as a download in the browser build, with the code's row in it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Export the report' }).getByRole('button', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(readFileSync((await download.path())!, 'utf8')).toContain('Hesitation');
  });

  it('lists the disagreements of a code and opens one in its session with both coders side by side', async () => {
    const page = h.page;
    await page.locator(`tr[data-code-id="${hesitation.id}"] button.linkish`).click();
    const list = page.getByLabel('Disagreements');
    await list.locator('.disagreement').first().waitFor();
    await expect(list.locator('.disagreement').count()).resolves.toBe(2);
    const first = list.locator('.disagreement').first();
    await expect(first.innerText()).resolves.toMatch(/Coded by (Alex|Blake)[\s\S]*Not by (Alex|Blake)/);
    await h.screenshot('team-disagreements');

    await first.click();
    await page.locator('.dyad-view .row').first().waitFor();
    const filter = await page.getByRole('button', { name: /^Show:/ }).innerText();
    expect(filter).toMatch(/side by side/);
    // The passage is highlighted (kept selection) and both coders' codings are drawn there.
    await expect.poll(() => keptPassage(page, 'client')).not.toBeNull();
    const start = (await keptPassage(page, 'client'))!.start;
    expect([spans[1]!.start, spans[2]!.start]).toContain(start);
    await h.screenshot('team-disagreement-session');
  });

  it('builds a consensus of Alex + Blake and settles a disagreement', async () => {
    const page = h.page;
    await page.getByRole('button', { name: 'Agreement', exact: true }).click();
    await page.locator('.agreement-table').waitFor();
    await page.getByRole('button', { name: /Build consensus of Alex \+ Blake/ }).click();
    const panel = page.getByLabel('Consensus');
    await panel.locator('.consensus__item').first().waitFor();
    const before = await panel.locator('.consensus__item').count();
    expect(before).toBeGreaterThan(0);
    await panel.locator('.consensus__item').first().getByRole('button', { name: 'Include' }).click();
    await expect.poll(() => panel.locator('.consensus__item').first().getByRole('button', { name: 'Include' }).getAttribute('aria-pressed')).toBe('true');
    const coders = await h.api<Coder[]>('coders.list', {});
    expect(coders.length).toBe(3);
    await h.screenshot('team-consensus');
    expect(h.pageErrors).toEqual([]);
  });

  it('settles a disagreement with part of the passage, and comes back to the consensus from its list', async () => {
    const page = h.page;
    const panel = page.getByLabel('Consensus', { exact: true });
    const item = panel.locator('.consensus__item').nth(1);
    const id = (await item.getAttribute('data-disagreement-id'))!;
    const consensus = (await h.api<Coder[]>('coders.list', {})).find((c) => c.name.startsWith('Consensus'))!;
    const pending = await h.api<{ items: { id: string; interviewId: string; sessionId: string; start: number; text: string }[] }>('consensus.pending', { consensusCoderId: consensus.id });
    const d = pending.items.find((i) => i.id === id)!;
    // The lead keeps only the passage's second and third words.
    const words = [...d.text.matchAll(/\S+/gu)];
    expect(words.length).toBeGreaterThanOrEqual(3);
    const from = words[1]!.index!;
    const to = words[2]!.index! + words[2]![0].length;
    await item.getByRole('button', { name: 'Part…' }).click();
    const text = item.locator('.consensus__own-text');
    await text.evaluate((el, [a, b]) => {
      const node = el.firstChild!;
      const r = document.createRange();
      r.setStart(node, a!);
      r.setEnd(node, b!);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(r);
    }, [from, to]);
    await h.screenshot('team-consensus-part');
    await item.getByRole('button', { name: 'Include the selected words' }).click();
    await expect.poll(() => item.getByRole('button', { name: 'Part…' }).getAttribute('aria-pressed')).toBe('true');
    const mine = await h.api<{ interviews: { interviewId: string; codings: { start: number; end: number; coderId: string }[] }[] }>('codings.forSession', { sessionId: d.sessionId });
    const spans = mine.interviews.find((i) => i.interviewId === d.interviewId)!.codings.filter((k) => k.coderId === consensus.id);
    expect(spans.some((k) => k.start <= d.start + from && k.end >= d.start + to && k.end - k.start < d.text.length)).toBe(true);

    // Closed, the consensus is still listed on the page with what was settled, and opens again.
    await panel.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'detached' });
    const list = page.getByLabel('Consensus coders');
    await expect.poll(() => list.innerText()).toContain('2 passages settled');
    const left = (await h.api<{ total: number }>('consensus.pending', { consensusCoderId: consensus.id })).total;
    await list.getByRole('button', { name: 'Go on settling' }).click();
    await expect.poll(() => panel.locator('.consensus__progress-text').innerText()).toMatch(new RegExp(`settled · ${left} to go$`));
    await expect(panel.locator('.consensus__item').count()).resolves.toBe(left);
    await h.screenshot('team-consensus-list');
    expect(h.pageErrors).toEqual([]);
  });
});

/**
 * A consensus with more passages to settle than the panel lists at once (100): the rest come on asking, and the
 * ones settled meanwhile do not push any out of the list.
 */
describe('consensus with many open passages', () => {
  let h: Harness;
  const OPEN = 105;

  beforeAll(async () => {
    h = await startHarness({ viewport: { width: 1400, height: 950 } });
    const tree = await h.api<Tree>('dyads.list', {});
    const detail = await h.api<Detail>('sessions.get', { sessionId: tree[0]!.sessions[0]!.id });
    const client = detail.interviews.find((i) => i.role === 'client')!;
    const words = [...client.text.matchAll(/\p{L}{4,}/gu)].slice(0, OPEN + 1);
    expect(words).toHaveLength(OPEN + 1);
    const alex = await h.api<Coder>('coders.setCurrent', { name: 'Alex' });
    const blake = await h.api<Coder>('coders.setCurrent', { name: 'Blake' });
    const code = await h.api<Code>('codes.create', { name: 'Pause', color: '#6A1B9A' });
    // Alex codes 106 words; Blake only the first: 105 passages where they differ.
    for (const w of words) await h.api('codings.add', { interviewId: client.id, start: w.index!, end: w.index! + w[0].length, codeId: code.id, coderId: alex.id });
    const first = words[0]!;
    await h.api('codings.add', { interviewId: client.id, start: first.index!, end: first.index! + first[0].length, codeId: code.id, coderId: blake.id });
    const built = await h.api<{ pending: number }>('consensus.build', { coders: [alex.id, blake.id], unit: 'char' });
    expect(built.pending).toBe(OPEN);
    await h.page.goto(h.server.url);
    await h.page.locator('.tree__dyad').first().waitFor();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists the first 100, settles one, then shows the remaining five', async () => {
    const page = h.page;
    await page.getByRole('button', { name: 'Agreement', exact: true }).click();
    await page.getByLabel('Consensus coders').getByRole('button', { name: 'Go on settling' }).click();
    const panel = page.getByLabel('Consensus', { exact: true });
    await expect.poll(() => panel.locator('.consensus__item').count()).toBe(100);
    await panel.locator('.consensus__item').first().getByRole('button', { name: 'Exclude' }).click();
    await expect.poll(() => panel.locator('.consensus__progress-text').innerText()).toBe(`1 of ${OPEN} settled · ${OPEN - 1} to go`);
    const more = panel.getByRole('button', { name: 'Show the next passages (5 more to settle)' });
    await more.click();
    await expect.poll(() => panel.locator('.consensus__item').count()).toBe(OPEN);
    const ids = await panel.locator('.consensus__item').evaluateAll((els) => els.map((e) => e.getAttribute('data-disagreement-id')));
    expect(new Set(ids).size).toBe(OPEN);
    await more.waitFor({ state: 'detached' });
    expect(h.pageErrors).toEqual([]);
  });
});

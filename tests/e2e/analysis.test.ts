import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptPassage } from './helpers/coding';
import { startHarness, type Harness } from './helpers/harness';

type Tree = { id: string; name: string; sessions: { id: string; number: number }[] }[];
type Detail = { interviews: { id: string; role: string; text: string; turns: { id: string; start: number; end: number }[] }[] };
type Side = { interviewId: string; start: number; end: number; label: string } | null;
type Alignment = { rows: { client: Side; therapist: Side; match: string }[] };
type Hit = { turnId: string; sessionId: string; interviewId: string; dyadName: string; sessionNumber: number; role: string; matches: { start: number; end: number }[] };
type Concordance = { codes: { codeId: string; both: number; clientOnly: number; therapistOnly: number }[] };

/** The longest speaker turn inside an aligned unit. */
function turnIn(detail: Detail, side: NonNullable<Side>) {
  const iv = detail.interviews.find((i) => i.id === side.interviewId)!;
  const t = iv.turns.filter((t) => t.start >= side.start && t.end <= side.end).sort((a, b) => b.end - b.start - (a.end - a.start))[0]!;
  return { interviewId: iv.id, start: t.start, end: t.end, text: iv.text.slice(t.start, t.end) };
}

/**
 * The read side over the demo study: a word searched and its hit opened in its session (highlighted), and a theme
 * coded on both sides of one moment and on one side of another shown by the concordance with its moments.
 */
describe('analysis pages: search and concordance', () => {
  let h: Harness;
  let word: string;
  let expected: Hit;
  let themeId: string;
  let bothText: { client: string; therapist: string };

  beforeAll(async () => {
    h = await startHarness({ viewport: { width: 1400, height: 950 } });
    const tree = await h.api<Tree>('dyads.list', {});
    // A word of the last session of the last dyad: the jump must leave the first session the page starts near.
    const target = tree.at(-1)!.sessions.at(-1)!;
    const targetDetail = await h.api<Detail>('sessions.get', { sessionId: target.id });
    const therapistText = targetDetail.interviews.find((i) => i.role === 'therapist')!.text;
    const candidates = [...new Set(therapistText.match(/\p{L}{7,}/gu) ?? [])];
    for (const w of candidates) {
      const r = await h.api<{ total: number; hits: Hit[] }>('search.text', { query: w, limit: 5 });
      if (r.total >= 1 && r.total <= 3 && r.hits[0]!.sessionId === target.id) {
        word = w;
        expected = r.hits[0]!;
        break;
      }
    }
    expect(word, 'a word found in few turns of that session').toBeTruthy();

    const first = tree[0]!.sessions[0]!.id;
    const detail = await h.api<Detail>('sessions.get', { sessionId: first });
    const align = await h.api<Alignment>('sessions.align', { sessionId: first });
    const paired = align.rows.filter((r) => r.match === 'auto' && r.client && r.therapist && r.client.end - r.client.start > 60 && r.therapist.end - r.therapist.start > 60);
    expect(paired.length).toBeGreaterThanOrEqual(2);
    const coder = await h.api<{ id: string }>('coders.setCurrent', { name: 'Alex' });
    const theme = await h.api<{ id: string }>('codes.create', { name: 'Feeling unseen', color: '#C62828' });
    themeId = theme.id;
    const a = { client: turnIn(detail, paired[0]!.client!), therapist: turnIn(detail, paired[0]!.therapist!) };
    const clientOnly = turnIn(detail, paired[1]!.client!);
    for (const p of [a.client, a.therapist, clientOnly]) await h.api('codings.add', { interviewId: p.interviewId, start: p.start, end: p.end, codeId: theme.id, coderId: coder.id });
    bothText = { client: a.client.text, therapist: a.therapist.text };

    await h.page.goto(h.server.url);
    await h.page.locator('.tree__dyad').first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('finds a word, shows where each hit is, and opens the hit in its session with the word highlighted', async () => {
    const page = h.page;
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByLabel('Search the transcripts').fill(word);
    await page.getByLabel('Search the transcripts').press('Enter');
    const results = page.getByRole('list', { name: 'Search results' });
    await results.locator('.an-hit').first().waitFor();
    await expect(page.getByRole('status').first().innerText()).resolves.toMatch(/^\d+ speaker turns? with /);
    const firstHit = results.locator('.an-hit').first();
    const where = await firstHit.locator('.an-hit__where').innerText();
    expect(where).toContain(`Dyad ${expected.dyadName}`);
    expect(where).toContain(`Session ${expected.sessionNumber}`);
    expect(where).toContain(expected.role);
    await expect(firstHit.locator('mark').first().innerText()).resolves.toMatch(new RegExp(`^${word}$`, 'iu'));
    await h.screenshot('analysis-search');

    await firstHit.click();
    await page.locator('.dyad-view .row').first().waitFor();
    await expect(page.locator('.view-header h1').innerText()).resolves.toMatch(new RegExp(`${expected.dyadName} · Session ${expected.sessionNumber}$`));
    const side = expected.role === 'client' ? 'client' : 'therapist';
    await expect.poll(() => keptPassage(page, side)).not.toBeNull();
    const kept = (await keptPassage(page, side))!;
    expect(kept.start).toBe(expected.matches[0]!.start);
    expect(kept.text).toMatch(new RegExp(`^${word}$`, 'iu'));
    expect(kept.visible).toBe(true);
    await h.screenshot('analysis-search-jump');

    // Back on the page, the query and its results are still there.
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByLabel('Search the transcripts').inputValue()).resolves.toBe(word);
    await expect(results.locator('.an-hit').count()).resolves.toBeGreaterThan(0);
  }, 60_000);

  it('lists a common word’s hits best first with snippets, and “more” adds the next page without repeating one', async () => {
    const page = h.page;
    const api = await h.api<{ total: number; hits: Hit[] }>('search.text', { query: 'the', limit: 100 });
    expect(api.total).toBeGreaterThan(50);
    // Already on the search page (the test before came back to it): its own Search button is the second one.
    await page.getByLabel('Search the transcripts').waitFor();
    await page.getByLabel('Search the transcripts').fill('the');
    await page.getByLabel('Search the transcripts').press('Enter');
    const results = page.getByRole('list', { name: 'Search results' });
    await expect.poll(() => results.locator('li').count()).toBe(50);
    await expect(page.getByRole('status').first().innerText()).resolves.toMatch(new RegExp(`^${api.total} speaker turns with the, best first — showing 50$`));
    for (const i of [0, 49]) await expect(results.locator('.an-hit__text').nth(i).locator('mark').first().innerText()).resolves.toMatch(/^the$/i);
    await page.getByRole('button', { name: /^Show \d+ more$/ }).click();
    const shown = Math.min(100, api.total);
    await expect.poll(() => results.locator('li').count()).toBe(shown);
    const ids = await results.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-turn-id')));
    expect(ids).toEqual(api.hits.slice(0, shown).map((x) => x.turnId));
    expect(new Set(ids).size).toBe(shown);
  }, 60_000);

  it('shows a code’s concordance counts and the moments behind one of them', async () => {
    const page = h.page;
    const api = await h.api<Concordance>('analysis.concordance', {});
    const counts = api.codes.find((c) => c.codeId === themeId)!;
    expect(counts).toMatchObject({ both: 1, clientOnly: 1, therapistOnly: 0 });

    await page.getByRole('button', { name: 'Concordance', exact: true }).click();
    const row = page.locator(`tr[data-code-id="${themeId}"]`);
    await row.waitFor();
    const numbers = await row.locator('.cc-cell__n').allInnerTexts();
    expect(numbers.slice(0, 4)).toEqual(['1', '1', '0', '50 %']);
    await expect(row.getByRole('button', { name: /therapist only: 0 moments/ }).isDisabled()).resolves.toBe(true);

    await row.getByRole('button', { name: /both sides: 1 moment$/ }).click();
    const drill = page.getByLabel('Moments');
    await drill.locator('.cc-moment').first().waitFor();
    await expect(drill.locator('.cc-moment').count()).resolves.toBe(1);
    await expect(drill.locator('h2').innerText()).resolves.toBe('Feeling unseen: 1 moment coded on both sides');
    const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();
    const moment = squash(await drill.locator('.cc-moment').innerText());
    expect(moment).toContain(squash(bothText.client).slice(0, 40));
    expect(moment).toContain(squash(bothText.therapist).slice(0, 40));
    await h.screenshot('analysis-concordance');

    await page.getByRole('tab', { name: 'Code matrix' }).click();
    const mx = page.getByRole('table', { name: 'Code matrix' });
    await mx.waitFor();
    const mxRow = mx.locator('tr', { hasText: 'Feeling unseen' });
    await expect(mxRow.locator('td').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['2', '1', '3']));
    await h.screenshot('analysis-matrix');

    await page.getByRole('tab', { name: /concordance/ }).click();
    await drill.locator('.cc-moment').first().getByRole('button', { name: 'Open' }).first().click();
    await page.locator('.dyad-view .row').first().waitFor();
    await expect.poll(() => keptPassage(page, 'client')).not.toBeNull();
    expect(h.pageErrors).toEqual([]);
  }, 60_000);

  it('lists a code’s excerpts, alone and in the same moment as itself on the other side', async () => {
    const page = h.page;
    await page.getByRole('button', { name: 'Excerpts', exact: true }).click();
    await page.getByLabel('Code A').selectOption(themeId);
    await page.getByRole('button', { name: 'Show excerpts' }).click();
    const list = page.getByRole('list', { name: 'Excerpts' });
    await list.locator('.an-hit').first().waitFor();
    await expect(page.getByRole('status').first().innerText()).resolves.toBe('3 excerpts of Feeling unseen');
    await expect(list.locator('.an-excerpt__attr').first().innerText()).resolves.toMatch(/^\((client|therapist), dyad \S+, session 1/);
    // Only the moment coded on both sides has the theme on the other side too.
    await page.getByLabel('Combined').selectOption('same-moment');
    await page.getByLabel('Code B').selectOption(themeId);
    await page.getByLabel('B coded').selectOption('other-side');
    await page.getByRole('button', { name: 'Show excerpts' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/^2 excerpts of Feeling unseen in the same moment as Feeling unseen/);
    await h.screenshot('analysis-excerpts');
    expect(h.pageErrors).toEqual([]);
  }, 60_000);
  it('opens the excerpts behind a matrix number: the client column of a code', async () => {
    const page = h.page;
    await page.getByRole('button', { name: 'Concordance', exact: true }).click();
    await page.getByRole('tab', { name: 'Code matrix' }).click();
    const mx = page.getByRole('table', { name: 'Code matrix' });
    await mx.getByRole('button', { name: /^Feeling unseen, client: 2 codings/ }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toBe('2 excerpts of Feeling unseen');
    const attributions = await page.getByRole('list', { name: 'Excerpts' }).locator('.an-excerpt__attr').allInnerTexts();
    expect(attributions).toHaveLength(2);
    for (const a of attributions) expect(a).toMatch(/^\(client, dyad /);
    await expect(page.locator('.an-scope').first().innerText()).resolves.toContain('client interviews');
    expect(h.pageErrors).toEqual([]);
  }, 60_000);
});

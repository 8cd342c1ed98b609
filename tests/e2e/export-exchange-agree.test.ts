import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Harness, useCodedDemo } from './helpers/harness';
import { root } from './helpers/renderer-build';

type Tree = { id: string; name: string; sessions: { id: string; number: number }[] }[];

/** Issue 13, item 8: Export and Exchange speak of the project's own data, in correct plurals, and say what REFI-QDA carries. */
describe('Export and Exchange agree', () => {
  let h: Harness;

  useCodedDemo((started) => (h = started));

  it('previews the attribution on an excerpt of this project, its session time as the dyad view writes it', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const preview = page.getByTestId('attribution-preview');
    await expect.poll(() => page.locator('.ex-attr__preview').innerText()).toMatch(/Preview on an excerpt of dyad/);
    const text = await preview.innerText();
    const tree = await h.api<Tree>('dyads.list', {});
    // The dyad it cites is one of this project's, with one of its sessions.
    const [, dyad, session] = /dyad ([^,]+), session (\d+)/.exec(text) ?? [];
    const d = tree.find((x) => x.name === dyad);
    expect(d, `the preview "${text}" cites a dyad of the project`).toBeTruthy();
    expect(d!.sessions.map((s) => String(s.number))).toContain(session);
    // The session time has the dyad view's form, hh:mm:ss.
    expect(text).toMatch(/\d\d:\d\d:\d\d\)$/);
    await page.locator('.ex-settings').screenshot({ path: join(root, 'test-results', 'e2e', 'export-preview-own-data.png') });
  });

  it('says what REFI-QDA carries, and counts a written .qdpx in correct plurals', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Exchange (REFI-QDA)' }).click();
    const note = page.getByRole('complementary', { name: 'What REFI-QDA carries' });
    await note.waitFor();
    const words = await note.innerText();
    expect(words).toMatch(/every coding, with the coder/);
    expect(words).toMatch(/recall moments and their session times/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .qdpx…' }).click()]);
    expect(download.suggestedFilename()).toBe('Demo study.qdpx');
    const done = page.getByText(/^Saved Demo study\.qdpx:/);
    await done.waitFor();
    const said = await done.innerText();
    // "1 coders" or "2 memo" would be wrong: each count agrees with its noun.
    for (const m of said.matchAll(/\b(\d+) (sources?|codes?|codings?|memos?|coders?)\b/g)) expect(m[2]!.endsWith('s'), m[0]).toBe(m[1] !== '1');
    expect(said).toMatch(/ and \d+ coders?\.$/);
    await page.mouse.move(5, 5);
    await h.screenshot('exchange-note-and-plurals');
    expect(h.pageErrors).toEqual([]);
  });
});

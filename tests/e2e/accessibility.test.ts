import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { type Harness, useCodedDemo } from './helpers/harness';
import { openSession } from './helpers/page';

const PAGES = ['Search', 'Excerpts', 'Concordance', 'Memos', 'Export', "Merge a coder's project", 'Agreement', 'Exchange (REFI-QDA)'];

/** axe's serious and critical findings on the page as it is, one line each (rule, what, where). */
async function seriousViolations(h: Harness): Promise<string[]> {
  const result = await new AxeBuilder({ page: h.page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes
        .slice(0, 5)
        .map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`),
    );
}

describe('accessibility: no serious or critical axe finding on any page of the coded demo', () => {
  let h: Harness;

  useCodedDemo((started) => (h = started));

  it('the start page', async () => {
    expect(await seriousViolations(h)).toEqual([]);
  });

  it('the dyad view with codings, stripes and the codebook', async () => {
    await openSession(h.page, '1', 1);
    await h.page.locator('.cell--client .stripe').first().waitFor();
    expect(await seriousViolations(h)).toEqual([]);
    // The codebook row is named by its code alone, and still shows its count and key to the eye.
    const row = h.page.getByRole('treeitem', { name: 'Repair', exact: true });
    const shown = await row.evaluate((e) => ['.code-row__count', '.code-row__key'].map((c) => getComputedStyle(e.querySelector(c)!, '::after').content));
    expect(shown[0]).toMatch(/^"\d+"$/);
    expect(shown[1]).toBe('"4"');
  });

  for (const title of PAGES) {
    it(`the ${title} page`, async () => {
      await h.page.getByRole('button', { name: title, exact: true }).click();
      await h.page.locator('main h1, .page h1').first().waitFor();
      expect(await seriousViolations(h)).toEqual([]);
    });
  }
});

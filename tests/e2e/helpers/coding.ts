import { errors, type Page } from 'playwright-core';
import { vi } from 'vitest';

/**
 * Selects a phrase in one column the way a researcher's drag would leave it: a DOM Range over the rendered text
 * spans (the selection is then read by the view like any other). Scrolls the phrase into view first.
 * Returns the phrase's offsets in the interview's text, read from the spans' data-start.
 */
export async function selectPhrase(page: Page, side: 'client' | 'therapist', phrase: string): Promise<{ interviewId: string; start: number; end: number }> {
  await page.waitForFunction(
    ({ side, phrase }) => Array.from(document.querySelectorAll(`.cell--${side} .turn__text`)).some((t) => (t.textContent ?? '').includes(phrase)),
    { side, phrase },
    { timeout: 10_000 },
  ).catch(async (e: unknown) => {
    if (!(e instanceof errors.TimeoutError)) throw e;
    // The phrase may be in a row the virtual list has not rendered: scroll through the list until it is.
    await page.evaluate(
      async ({ side, phrase }) => {
        const list = document.querySelector('.rows')!;
        for (let y = 0; y < list.scrollHeight; y += 400) {
          list.scrollTop = y;
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          if (Array.from(document.querySelectorAll(`.cell--${side} .turn__text`)).some((t) => (t.textContent ?? '').includes(phrase))) return;
        }
      },
      { side, phrase },
    );
  });
  return page.evaluate(
    ({ side, phrase }) => {
      const texts = Array.from(document.querySelectorAll(`.cell--${side} .turn__text`));
      const holder = texts.find((t) => (t.textContent ?? '').includes(phrase));
      if (!holder) {
        const seen = texts.map((t) => JSON.stringify((t.textContent ?? '').slice(0, 40)));
        throw new Error(
          `"${phrase}" is not in the ${side} column after scrolling through the whole list; ${texts.length} turns rendered: ${seen.slice(0, 8).join(', ')}${seen.length > 8 ? ', …' : ''}`,
        );
      }
      holder.scrollIntoView({ block: 'center' });
      const at = (holder.textContent ?? '').indexOf(phrase);
      const spans = Array.from(holder.querySelectorAll('[data-start]')) as HTMLElement[];
      const base = Number(spans[0]!.dataset.start);
      const point = (rel: number, end: boolean) => {
        for (const s of spans) {
          const a = Number(s.dataset.start) - base;
          const b = Number(s.dataset.end) - base;
          if ((rel >= a && rel < b) || (end && rel === b)) return { node: s.firstChild!, offset: rel - a };
        }
        throw new Error('phrase outside the spans');
      };
      const a = point(at, false);
      const b = point(at + phrase.length, true);
      const range = document.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      const interviewId = holder.closest('[data-interview-id]')!.getAttribute('data-interview-id')!;
      return { interviewId, start: base + at, end: base + at + phrase.length };
    },
    { side, phrase },
  );
}

/**
 * Presses a key and measures, in the page, from the keydown event to the first coded mark of `codeId` more than
 * there were before (the DOM changed), and to the next animation frame after it (the mark painted).
 */
export async function pressAndTimeMark(page: Page, key: string, codeId: string): Promise<{ domMs: number; frameMs: number }> {
  await page.evaluate(
    ({ codeId, key }) => {
      const w = window as unknown as { __markTiming?: Promise<{ domMs: number; frameMs: number }> };
      const sel = `[data-code-ids~="${codeId}"]`;
      const before = document.querySelectorAll(sel).length;
      w.__markTiming = new Promise((resolve, reject) => {
        let t0 = 0;
        window.addEventListener(
          'keydown',
          (e) => {
            if (e.key === key) t0 = e.timeStamp;
          },
          { capture: true, once: true },
        );
        const mo = new MutationObserver(() => {
          if (!t0 || document.querySelectorAll(sel).length <= before) return;
          const dom = performance.now() - t0;
          mo.disconnect();
          requestAnimationFrame(() => resolve({ domMs: dom, frameMs: performance.now() - t0 }));
        });
        mo.observe(document.querySelector('.rows')!, { subtree: true, childList: true, attributes: true, characterData: true });
        // A deadline, not a sleep: says what it waited for and what it saw.
        setTimeout(
          () => reject(new Error(`no new mark of code ${codeId} within 5 s of pressing ${key}: ${document.querySelectorAll(sel).length} marks, ${before} before${t0 ? '' : '; the keydown never arrived'}`)),
          5000,
        );
      });
    },
    { codeId, key },
  );
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __markTiming: Promise<{ domMs: number; frameMs: number }> }).__markTiming);
}

export interface SessionCoding {
  id: string;
  interviewId: string;
  codeId: string;
  codeName: string;
  coderName: string;
  start: number;
  end: number;
}

export type CodingsOfSession = { interviews: { interviewId: string; role: string; codings: SessionCoding[] }[] };

/**
 * Resolves once no API call of the page has been in flight for `quietMs` (before a reload, so that no answer is
 * cut off half-way and reported as an error by the page being left).
 */
export function trackApiCalls(page: Page): { settled(quietMs?: number): Promise<void> } {
  let inFlight = 0;
  let last = Date.now();
  const isCall = (url: string) => url.includes('/api/call/');
  page.on('request', (r) => {
    if (isCall(r.url())) {
      inFlight++;
      last = Date.now();
    }
  });
  const done = (r: { url(): string }) => {
    if (isCall(r.url())) {
      inFlight = Math.max(0, inFlight - 1);
      last = Date.now();
    }
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    async settled(quietMs = 250) {
      // Gives up loudly: a reload with calls still in flight would report their cut-off answers as errors.
      await vi.waitFor(
        () => {
          if (inFlight > 0) throw new Error(`${inFlight} API call(s) still in flight after 10 s, waiting for none`);
          if (Date.now() - last < quietMs) throw new Error(`API calls kept coming: the last ${Date.now() - last} ms ago, waiting for ${quietMs} ms of quiet`);
        },
        { timeout: 10_000, interval: 50 },
      );
    },
  };
}

/**
 * The passage the view keeps chosen for coding in one column (drawn as the CSS highlight "dyad-kept", see
 * renderer/src/components/coding/useKeptPassage.ts): its first offset, its text, and whether it is on screen.
 */
export async function keptPassage(page: Page, side: 'client' | 'therapist'): Promise<{ start: number; text: string; visible: boolean } | null> {
  return page.evaluate((side) => {
    const h = (CSS.highlights as unknown as Map<string, Iterable<Range>>).get('dyad-kept');
    if (!h) return null;
    const ranges = ([...h] as Range[]).filter((r) => !r.collapsed && r.startContainer.parentElement?.closest(`.cell--${side}`));
    if (!ranges.length) return null;
    const el = ranges[0]!.startContainer.parentElement!;
    const rect = ranges[0]!.getBoundingClientRect();
    return {
      start: Number(el.dataset.start) + ranges[0]!.startOffset,
      text: ranges.map((r) => r.toString()).join(''),
      visible: rect.height > 0 && rect.bottom > 0 && rect.top < window.innerHeight,
    };
  }, side);
}

/**
 * The page's first script (main.ts): asks the core for the project and the navigator's tree at once, draws the first
 * screen from the answers in plain DOM (draw.ts), and hands the page over to React when it has loaded (render.tsx).
 * Until then nothing is dead under the pointer: a click or a context menu on the first screen is kept and replayed on
 * the same element of React's drawing, so unfolding a dyad or choosing a session before React is ready still happens,
 * only a moment later. Focus and scroll positions carry over too.
 */
import { keepToken } from '../api/token';
import { afterPaint } from '../util/afterPaint';
import { sessionFromLocation } from '../util/location';
import { storedNavFolded } from '../util/navFolded';
import { openingPlace } from '../model/navigatorRows';
import { firstScreen } from './draw';
import { startFirstCalls } from './firstCalls';

/** Where an element sits under the root: the index among its parent's elements at each level. */
type Path = number[];

interface KeptEvent {
  type: 'click' | 'contextmenu';
  path: Path;
  init: MouseEventInit;
}

export interface HandOver {
  /** Puts back, on React's drawing, the scroll positions and focus of the first screen and replays what was clicked. */
  restore(root: HTMLElement): void;
}

export interface FirstScreen {
  /**
   * Settles once the first screen is drawn and painted, or once it is clear it will not be (the calls failed, the
   * project is empty) or the core is slow to answer (`atMostMs`): then it is React's turn to load.
   */
  settled: Promise<void>;
  /** React is about to draw: the first screen stops (and draws nothing if the answers are still out). */
  handOver(): HandOver;
}

function pathOf(root: Element, node: Element): Path | null {
  const path: Path = [];
  for (let n: Element | null = node; n !== root; n = n.parentElement) {
    if (!n?.parentElement) return null;
    path.unshift(Array.prototype.indexOf.call(n.parentElement.children, n));
  }
  return path;
}

/** The element at `path`, when it is the same kind of element as the one recorded there. */
function atPath(root: Element, path: Path, tag: string): Element | null {
  let n: Element | undefined = root;
  for (const i of path) n = n?.children[i];
  return n && n.tagName === tag ? n : null;
}

/** The page's #root, once the parser has reached it (the first script runs as soon as it arrives: async). */
export function pageRoot(): Promise<HTMLElement> {
  const find = () => {
    const root = document.getElementById('root');
    if (!root) throw new Error('Dyad: the page has no #root element.');
    return root;
  };
  if (document.readyState !== 'loading') return Promise.resolve(find());
  return new Promise((resolve, reject) =>
    document.addEventListener(
      'DOMContentLoaded',
      () => {
        try {
          resolve(find());
        } catch (e) {
          reject(e);
        }
      },
      { once: true },
    ),
  );
}

export function startFirstScreen(atMostMs = 300): FirstScreen {
  const answers = startFirstCalls();
  // Read while the core answers (the calls are sent): a page's first touch of its storage waits for the browser
  // process, tens of milliseconds on a loaded machine.
  const folded = storedNavFolded();
  let drawn = false;
  let handedOver = false;
  const kept: (KeptEvent & { tag: string })[] = [];
  const keep = (e: MouseEvent) => {
    const target = e.target instanceof Element ? e.target : null;
    const path = target && root && pathOf(root, target);
    // Nothing happens now (a link would change the address); React does it when it has drawn.
    e.preventDefault();
    e.stopPropagation();
    if (!target || !path) return;
    const { clientX, clientY, screenX, screenY, button, buttons, detail, altKey, ctrlKey, metaKey, shiftKey } = e;
    kept.push({ type: e.type as KeptEvent['type'], path, tag: target.tagName, init: { bubbles: true, cancelable: true, composed: true, clientX, clientY, screenX, screenY, button, buttons, detail, altKey, ctrlKey, metaKey, shiftKey } });
  };

  let root: HTMLElement | null = null;
  const settled = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, atMostMs);
    Promise.all([answers, pageRoot()]).then(
      ([[info, tree], page]) => {
        if (handedOver || tree.length === 0) return resolve();
        root = page;
        page.replaceChildren(firstScreen({ info, tree, folded, ...openingPlace(tree, sessionFromLocation()) }));
        drawn = true;
        page.addEventListener('click', keep, true);
        page.addEventListener('contextmenu', keep, true);
        clearTimeout(timer);
        afterPaint(resolve);
      },
      // The store takes the same answers and says what went wrong.
      () => resolve(),
    );
  }).then(() => pageRoot().then(() => {}));

  // Drawn and painted, or not to be drawn: the token may be written down now (api/token.ts).
  void settled.then(keepToken);

  return {
    settled,
    handOver() {
      handedOver = true;
      if (!drawn || !root) return { restore: () => {} };
      root.removeEventListener('click', keep, true);
      root.removeEventListener('contextmenu', keep, true);
      const active = document.activeElement;
      const page = root;
      const focus = active && active !== page && page.contains(active) ? { path: pathOf(page, active), tag: active.tagName } : null;
      const scrolled: { path: Path; tag: string; top: number; left: number }[] = [];
      for (const e of page.querySelectorAll('*')) {
        if (e.scrollTop || e.scrollLeft) scrolled.push({ path: pathOf(page, e)!, tag: e.tagName, top: e.scrollTop, left: e.scrollLeft });
      }
      return {
        restore(root) {
          for (const s of scrolled) {
            const e = atPath(root, s.path, s.tag);
            if (e) {
              e.scrollTop = s.top;
              e.scrollLeft = s.left;
            }
          }
          if (focus?.path) (atPath(root, focus.path, focus.tag) as HTMLElement | null)?.focus({ preventScroll: true });
          for (const k of kept) atPath(root, k.path, k.tag)?.dispatchEvent(new MouseEvent(k.type, k.init));
        },
      };
    },
  };
}

/**
 * The app's first screen in plain DOM, drawn by the page's first script from the project's first answers while React
 * and the store are still loading (issue 17: page load → navigator shown ≤ 150 ms; evaluating react-dom and React's
 * first render cost more than the rest of the page together). It is the markup React's first render gives (App,
 * Navigator, DyadItem, PageLinks, MainArea, Toasts) to the attribute: React then replaces it in one task, with nothing
 * painted between, and the researcher sees no change. What the rows say comes from model/navigatorRows.ts and the
 * icons' shapes from components/common/iconShapes.ts, as React's do; tests/e2e/page-load.test.ts compares the two
 * drawings.
 */
import { iconShapes, type Shape } from '../components/common/iconShapes';
import { dyadRow, projectCounts, toleranceHint, type DyadRow, type SessionRow } from '../model/navigatorRows';
import type { DyadTree, ProjectInfo } from '../model/types';
import { navigatorPages } from '../pages/list';

type Attrs = readonly (readonly [string, string | undefined])[];
type Child = Node | string | null;

/** An element with its attributes in React's order (the order of the JSX props); undefined ones left out, as React does. */
function el(tag: string, attrs: Attrs, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of attrs) if (v !== undefined) e.setAttribute(k, v);
  for (const c of children) if (c !== null) e.append(c);
  return e;
}

const SVG = 'http://www.w3.org/2000/svg';

/** components/common/Icons.tsx's Svg, untitled. */
function icon(shapes: readonly Shape[], size = 14): SVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  const attrs: [string, string][] = [
    ['width', String(size)],
    ['height', String(size)],
    ['viewBox', '0 0 16 16'],
    ['fill', 'none'],
    ['stroke', 'currentColor'],
    ['stroke-width', '1.5'],
    ['stroke-linecap', 'round'],
    ['stroke-linejoin', 'round'],
    ['aria-hidden', 'true'],
    ['class', 'icon'],
  ];
  for (const [k, v] of attrs) svg.setAttribute(k, v);
  for (const [tag, a] of shapes) {
    const shape = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(a)) shape.setAttribute(k, v);
    svg.append(shape);
  }
  return svg;
}

const chevron = (open: boolean, size: number) => icon(open ? iconShapes.chevronOpen : iconShapes.chevronClosed, size);

export interface FirstScreenState {
  info: ProjectInfo;
  tree: DyadTree;
  /** The dyad shown unfolded (model/navigatorRows.ts openingPlace). */
  unfold: string | undefined;
  /** The session the address remembers, which the store opens at once. */
  remembered: string | null;
  folded: boolean;
}

/** DyadItem.tsx's SessionItem. */
function sessionItem(s: SessionRow, selected: boolean): HTMLElement {
  return el(
    'li',
    [['class', 'tree__session-item']],
    el(
      'button',
      [
        ['type', 'button'],
        ['class', `tree__session${selected ? ' is-selected' : ''}`],
        ['aria-current', selected ? 'page' : undefined],
        ['data-session-id', s.id],
      ],
      el(
        'span',
        [['class', 'tree__session-title']],
        el('span', [['class', 'tree__session-num']], `Session ${s.number}`),
        s.date ? el('span', [['class', 'tree__date']], s.date) : null,
      ),
      el(
        'span',
        [['class', 'tree__badges']],
        ...s.badges.map(({ role, interview }) => el('span', [['class', `iv-badge iv-badge--${role}${interview ? '' : ' is-missing'}`]], `${role} ${interview ? '✓' : '–'}`)),
      ),
    ),
    el(
      'button',
      [
        ['type', 'button'],
        ['class', 'icon-btn tree__edit tree__edit--session'],
        ['aria-label', `Session details of ${s.where}…`],
        ['title', 'Session details… (date, recording, interviews)'],
      ],
      icon(iconShapes.pencil, 13),
    ),
  );
}

/** DyadItem.tsx, with MemoButton as it is before the memos are loaded. */
function dyadItem(d: DyadRow, open: boolean, selectedSession: string | null): HTMLElement {
  const memo = `Write a memo on ${d.title}`;
  return el(
    'li',
    [
      ['class', 'tree__dyad'],
      ['data-dyad-name', d.name],
    ],
    el(
      'div',
      [['class', 'tree__dyad-head']],
      el(
        'button',
        [
          ['type', 'button'],
          ['class', 'tree__dyad-btn'],
          ['aria-expanded', String(open)],
          ['title', d.hover],
        ],
        chevron(open, 12),
        el('span', [['class', 'tree__dyad-name']], d.title),
        el('span', [['class', 'tree__meta']], d.sessionCount),
      ),
      el(
        'button',
        [
          ['type', 'button'],
          ['class', 'icon-btn tree__edit'],
          ['aria-label', `Edit ${d.title}…`],
          ['title', 'Edit dyad… (name and attributes)'],
        ],
        icon(iconShapes.pencil, 13),
      ),
    ),
    open
      ? el(
          'div',
          [['class', 'tree__body']],
          d.attributes.length
            ? el('dl', [['class', 'attrs']], ...d.attributes.map(([k, v]) => el('div', [['class', 'attrs__row']], el('dt', [], k), el('dd', [], v))))
            : null,
          el(
            'button',
            [
              ['type', 'button'],
              ['class', 'memo-btn tree__memo'],
              ['aria-label', memo],
              ['title', memo],
            ],
            icon(iconShapes.note, 13),
            el('span', [], 'Memo'),
          ),
          el('ul', [['class', 'tree__sessions']], ...d.sessions.map((s) => sessionItem(s, s.id === selectedSession))),
        )
      : null,
  );
}

/** Navigator.tsx (with PageLinks.tsx), open or folded. */
function navigator(state: FirstScreenState): HTMLElement {
  if (state.folded) {
    return el(
      'aside',
      [
        ['class', 'nav nav--folded'],
        ['aria-label', 'Project'],
      ],
      el(
        'button',
        [
          ['type', 'button'],
          ['class', 'icon-btn nav__fold'],
          ['aria-label', 'Show the navigator'],
          ['title', 'Show the navigator'],
          ['aria-expanded', 'false'],
        ],
        chevron(false, 14),
      ),
    );
  }
  const { info, tree } = state;
  const hint = toleranceHint(info);
  return el(
    'aside',
    [
      ['class', 'nav'],
      ['aria-label', 'Project'],
    ],
    el(
      'header',
      [['class', 'nav__header']],
      el('div', [['class', 'nav__app']], 'Dyad'),
      el('div', [['class', 'nav__project'], ['title', info.path]], info.name),
      el('div', [['class', 'nav__counts']], projectCounts(info)),
    ),
    el(
      'div',
      [['class', 'nav__actions']],
      el('button', [['type', 'button'], ['class', 'btn btn--primary btn--block']], icon(iconShapes.import), ' Import transcripts…'),
    ),
    el(
      'nav',
      [['class', 'nav__tree'], ['aria-label', 'Dyads and sessions']],
      el('ul', [['class', 'tree']], ...tree.map((d) => dyadItem(dyadRow(d), d.id === state.unfold, state.remembered))),
    ),
    el(
      'nav',
      [['class', 'nav__pages'], ['aria-label', 'Analysis']],
      el('div', [['class', 'nav__section-title']], 'Analysis'),
      el('ul', [], ...navigatorPages().map((p) => el('li', [], el('button', [['type', 'button'], ['class', 'nav__page'], ['title', p.description]], p.title)))),
    ),
    el(
      'footer',
      [['class', 'nav__footer']],
      el(
        'button',
        [['type', 'button'], ['class', 'btn btn--quiet btn--block nav__settings']],
        icon(iconShapes.gear),
        el('span', [], 'Settings'),
        hint !== null ? el('span', [['class', 'nav__hint']], hint) : null,
      ),
      el(
        'button',
        [
          ['type', 'button'],
          ['class', 'icon-btn nav__fold'],
          ['aria-label', 'Hide the navigator'],
          ['title', 'Hide the navigator (more room for the columns)'],
          ['aria-expanded', 'true'],
        ],
        el('span', [['class', 'nav__fold-back'], ['aria-hidden', 'true']], chevron(false, 14)),
      ),
    ),
  );
}

/**
 * App.tsx's first screen: the skip link, the navigator, the main area (MainArea.tsx: "Choose a session", or the
 * remembered session opening) and the empty list of messages. For a project with dyads only: an empty project's
 * screen is React's alone (it has nothing to wait for).
 */
export function firstScreen(state: FirstScreenState): HTMLElement {
  const inSession = state.remembered !== null;
  const main = inSession
    ? el('div', [['class', 'empty'], ['aria-busy', 'true']], 'Opening the session…')
    : el(
        'div',
        [['class', 'empty']],
        el('h1', [], 'Choose a session'),
        el('p', [], 'Pick a session of a dyad on the left to read its client and therapist interviews side by side.'),
      );
  return el(
    'div',
    [['class', `app${state.folded ? ' app--nav-folded' : ''}`]],
    el('a', [['href', inSession ? '#transcript' : '#main'], ['class', 'skip-link']], inSession ? 'Skip to the transcript' : 'Skip to the main area'),
    navigator(state),
    el('main', [['id', 'main'], ['class', 'main'], ['tabindex', '-1']], main),
    el('div', [['class', 'toasts'], ['aria-live', 'polite']]),
  );
}

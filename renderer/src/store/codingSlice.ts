import type { StateCreator } from 'zustand';
import type { Input, Output } from '../../../shared/api/contract';
import { escapeCodeName } from '../../../shared/coding/paths';
import type { Code, CodebookTree, CodeNode, Coder, CodingView, Memo, MemoTargetKind, UndoState } from '../../../shared/coding/types';
import { call } from '../api/client';
import { ApiError, messageOf } from '../api/errors';
import { codeById } from '../components/coding/model/codeList';
import { inVivoName } from '../components/coding/model/inVivo';
import type { CoderFilter } from '../components/coding/model/visible';
import type { All } from './types';

export type CoderSummary = Output<'coders.list'>[number];

/** What a code is applied to: a selected passage, a whole speaker turn, or a whole recall moment. */
export type CodingTarget =
  | { kind: 'span'; interviewId: string; start: number; end: number }
  | { kind: 'turn'; interviewId: string; turnId: string; start: number; end: number }
  | { kind: 'moment'; interviewId: string; momentId: string; start: number; end: number };

/** The passage selected in the view. `live` is false once the browser's own selection is gone (a click in the
 * codebook, a code applied): the view then draws it itself, so the next code still knows where to go. */
export interface ViewSelection {
  interviewId: string;
  start: number;
  end: number;
  text: string;
  live: boolean;
}

export interface MemoTarget {
  kind: MemoTargetKind;
  id: string | null;
  label: string;
  /** Open this memo first (when jumping from the Memos page). */
  memoId?: string;
}

export interface CodingSlice {
  coder: Coder | null;
  coders: CoderSummary[];
  codebooks: CodebookTree[];
  /**
   * The codebook panel's counts while the view shows only the current coder's codings: theirs, per code (own and
   * with sub-codes) and per codebook. Null while the view shows every coder's: the panel shows `codebooks`' counts.
   * `codebooks` itself always counts every coder, as the dialogs that delete or merge codes must.
   */
  ownCounts: OwnCounts | null;
  /** The codebook shown in the panel and whose shortcuts the view uses. */
  codebookId: string | null;
  /** Every coder's codings of the open session, by interview (the view filters them by coder). */
  codingsOf: { sessionId: string; byInterview: Record<string, CodingView[]> } | null;
  /** Applied on screen, not yet confirmed by the core (ids 'pending:…'). */
  pendingCodings: CodingView[];
  /** Removed on screen, not yet confirmed by the core. */
  hiddenCodings: Record<string, true>;
  coderFilter: CoderFilter;
  selection: ViewSelection | null;
  selectedCodingId: string | null;
  palette: { target: CodingTarget; label: string } | null;
  coderPrompt: { reason: string } | null;
  undoState: UndoState;
  panelOpen: boolean;
  /** The code highlighted in the codebook panel (after a jump from a memo, a new code…). */
  focusCodeId: string | null;
  memos: Memo[];
  memosLoaded: boolean;
  memoTarget: MemoTarget | null;
  /** The turn segment being corrected in the Lexical editor (its interview and the segment's start). */
  editingTurn: { interviewId: string; start: number } | null;
  /** A passage the view should scroll to (after a jump); seq makes a repeated jump scroll again. */
  reveal: { interviewId: string; offset: number; seq: number } | null;

  loadCoding(): Promise<void>;
  refreshCoders(): Promise<void>;
  refreshCodebooks(): Promise<void>;
  refreshCodings(): Promise<void>;
  refreshUndo(): Promise<void>;
  refreshMemos(): Promise<void>;
  /** Resolves with null when done, else the core's message. */
  chooseCoder(name: string): Promise<string | null>;
  /** Asks who is coding, then runs `then` (the action that needed a coder). */
  askCoder(reason: string, then?: () => void): void;
  cancelCoderPrompt(): void;
  setCoderFilter(patch: Partial<CoderFilter>): void;
  setSelection(selection: ViewSelection | null): void;
  selectCoding(codingId: string | null): void;
  openPalette(target: CodingTarget, label: string): void;
  closePalette(): void;
  /** Applies a code at once on screen and confirms it with the core (rolled back with a message on failure). */
  applyCode(codeId: string, target: CodingTarget): void;
  createAndApply(name: string, target: CodingTarget): Promise<void>;
  codeInVivo(): Promise<void>;
  removeCoding(codingId: string): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
  setPanelOpen(open: boolean): void;
  setCodebookId(codebookId: string): void;
  focusCode(codeId: string | null): void;
  /** codes.create in the active codebook; null after reporting the core's message. */
  createCode(input: Omit<Input<'codes.create'>, 'codebookId'>): Promise<Code | null>;
  openMemos(target: MemoTarget | null): void;
  editTurn(edit: { interviewId: string; start: number } | null): void;
  revealOffset(interviewId: string, offset: number): void;
}

const PANEL_KEY = 'dyad.codebookPanel';

/** The panel as the researcher last left it, or null before they first opened or closed it. */
function storedPanelOpen(): boolean | null {
  try {
    const v = window.localStorage.getItem(PANEL_KEY);
    if (v === 'open' || v === 'closed') return v === 'open';
  } catch {
    /* storage disabled */
  }
  return null;
}

/** The codebook panel as the researcher last left it; the first time, open when the window leaves the two
 * columns enough room beside it (and, see refreshCodebooks, whenever the project has codes to show). */
function initialPanelOpen(): boolean {
  return storedPanelOpen() ?? (typeof window !== 'undefined' && window.innerWidth >= 1600);
}

const NO_UNDO: UndoState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };

// Writes go to the core one after another, in the order the researcher made them: an undo typed right after a
// shortcut undoes that coding, not the one before it.
let queue: Promise<unknown> = Promise.resolve();
function enqueue<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

// A refresh that started before a write finished may miss that write; its answer is dropped (the write's
// 'changed' event brings another refresh).
let writes = 0;
let codingsSeq = 0;
let afterCoder: (() => void) | null = null;
// Calls cut off by a reload or by closing the window are not failures worth a message.
let leaving = false;
if (typeof window !== 'undefined') window.addEventListener('pagehide', () => (leaving = true));
let revealSeq = 0;

const byStart = (a: CodingView, b: CodingView) => a.start - b.start || a.end - b.end || (a.createdAt < b.createdAt ? -1 : 1);

function upsert(map: Record<string, CodingView[]>, c: CodingView): Record<string, CodingView[]> {
  const list = (map[c.interviewId] ?? []).filter((x) => x.id !== c.id);
  list.push(c);
  list.sort(byStart);
  return { ...map, [c.interviewId]: list };
}

function without(map: Record<string, CodingView[]>, id: string): Record<string, CodingView[]> {
  const out: Record<string, CodingView[]> = {};
  for (const [k, list] of Object.entries(map)) out[k] = list.some((c) => c.id === id) ? list.filter((c) => c.id !== id) : list;
  return out;
}

export const createCodingSlice: StateCreator<All, [], [], CodingSlice> = (set, get) => {
  const report = (e: unknown, context: string) => {
    if (!leaving) get().reportError(e, context);
  };
  const activeBook = () => {
    const { codebooks, codebookId } = get();
    return codebooks.find((b) => b.id === codebookId) ?? codebooks[0] ?? null;
  };

  async function afterWrite(): Promise<void> {
    await Promise.all([get().refreshCodings(), get().refreshCodebooks(), get().refreshUndo()]);
  }

  return {
    coder: null,
    coders: [],
    codebooks: [],
    ownCounts: null,
    codebookId: null,
    codingsOf: null,
    pendingCodings: [],
    hiddenCodings: {},
    coderFilter: { mode: 'mine', coderIds: null },
    selection: null,
    selectedCodingId: null,
    palette: null,
    coderPrompt: null,
    undoState: NO_UNDO,
    panelOpen: initialPanelOpen(),
    focusCodeId: null,
    memos: [],
    memosLoaded: false,
    memoTarget: null,
    editingTurn: null,
    reveal: null,

    async loadCoding() {
      // The codebook's counts are the current coder's: asked for once the coder is known (refreshCoders asks then
      // when there is one), instead of once before and again after.
      const codebooks = get()
        .refreshCoders()
        .then(() => (countedCoder(get()) ? undefined : get().refreshCodebooks()));
      await Promise.all([codebooks, get().refreshUndo(), get().refreshMemos()]);
    },
    async refreshCoders() {
      try {
        const [coder, coders] = await Promise.all([call('coders.current', {}), call('coders.list', {})]);
        set({ coder, coders });
        if (countedCoder(get())?.id !== get().ownCounts?.coder.id) void get().refreshCodebooks();
      } catch (e) {
        report(e, 'Could not read the list of coders');
      }
    },
    async refreshCodebooks() {
      try {
        const coder = countedCoder(get());
        const codebooks = await call('codebooks.list', { coderId: coder?.id ?? null });
        // A later filter or coder change has asked again meanwhile: its answer is the one to keep.
        if (countedCoder(get())?.id !== coder?.id) return;
        // On first start with a project that has codes (the demo), the codebook is there to be seen, not hidden.
        const firstLook = !get().panelOpen && storedPanelOpen() === null && codebooks.some((b) => b.codes.length > 0);
        set((s) => ({
          codebooks,
          ownCounts: coder ? ownCountsOf(coder, codebooks) : null,
          codebookId: codebooks.some((b) => b.id === s.codebookId) ? s.codebookId : (codebooks[0]?.id ?? null),
          ...(firstLook ? { panelOpen: true } : {}),
        }));
      } catch (e) {
        report(e, 'Could not read the codebook');
      }
    },
    async refreshCodings() {
      const sessionId = get().sessionId;
      if (!sessionId) {
        set({ codingsOf: null });
        return;
      }
      const seq = ++codingsSeq;
      const writesBefore = writes;
      try {
        const out = await call('codings.forSession', { sessionId });
        if (seq !== codingsSeq || get().sessionId !== sessionId) return;
        if (writes !== writesBefore && get().codingsOf?.sessionId === sessionId) return;
        const byInterview: Record<string, CodingView[]> = {};
        for (const iv of out.interviews) byInterview[iv.interviewId] = iv.codings;
        set((s) => ({
          codingsOf: { sessionId, byInterview },
          selectedCodingId: s.selectedCodingId && out.interviews.some((iv) => iv.codings.some((c) => c.id === s.selectedCodingId)) ? s.selectedCodingId : null,
        }));
      } catch (e) {
        if (seq !== codingsSeq || get().sessionId !== sessionId) return;
        // A session taken out of the project (an undo, a redo, a delete) is closed calmly by viewSlice.refreshSession.
        if (e instanceof ApiError && e.kind === 'not-found') return;
        report(e, 'Could not read the codings of this session');
      }
    },
    async refreshUndo() {
      try {
        set({ undoState: await call('undo.state', {}) });
      } catch (e) {
        report(e, 'Could not read the undo history');
      }
    },
    async refreshMemos() {
      try {
        set({ memos: await call('memos.list', {}), memosLoaded: true });
      } catch (e) {
        report(e, 'Could not read the memos');
      }
    },

    async chooseCoder(name) {
      try {
        const coder = await call('coders.setCurrent', { name });
        set({ coder, coderPrompt: null });
        void get().refreshCoders();
        if (countedCoder(get())?.id !== get().ownCounts?.coder.id) void get().refreshCodebooks();
        const then = afterCoder;
        afterCoder = null;
        then?.();
        return null;
      } catch (e) {
        return messageOf(e);
      }
    },
    askCoder(reason, then) {
      afterCoder = then ?? null;
      set({ coderPrompt: { reason } });
    },
    cancelCoderPrompt() {
      afterCoder = null;
      set({ coderPrompt: null });
    },
    setCoderFilter(patch) {
      const before = countedCoder(get());
      set((s) => ({ coderFilter: { ...s.coderFilter, ...patch } }));
      if (countedCoder(get())?.id !== before?.id) void get().refreshCodebooks();
    },
    setSelection(selection) {
      const cur = get().selection;
      if (
        cur === selection ||
        (cur && selection && cur.interviewId === selection.interviewId && cur.start === selection.start && cur.end === selection.end && cur.live === selection.live)
      ) {
        return;
      }
      set({ selection });
    },
    selectCoding(codingId) {
      if (get().selectedCodingId !== codingId) set({ selectedCodingId: codingId });
    },
    openPalette(target, label) {
      set({ palette: { target, label } });
    },
    closePalette() {
      if (get().palette) set({ palette: null });
    },

    applyCode(codeId, target) {
      const coder = get().coder;
      if (!coder) {
        get().askCoder('Every coding records who made it.', () => get().applyCode(codeId, target));
        return;
      }
      const code = codeById(get().codebooks, codeId);
      if (!code) {
        get().notify('error', 'That code is no longer in the codebook.');
        return;
      }
      const saved = get().codingsOf?.byInterview[target.interviewId] ?? [];
      const twin = [...saved, ...get().pendingCodings].find(
        (c) => c.codeId === codeId && c.coderId === coder.id && c.interviewId === target.interviewId && c.start === target.start && c.end === target.end && !get().hiddenCodings[c.id],
      );
      if (twin) {
        get().notify('info', `You already coded this passage as "${code.name}".`);
        return;
      }
      const temp: CodingView = {
        id: `pending:${crypto.randomUUID()}`,
        interviewId: target.interviewId,
        codeId,
        coderId: coder.id,
        start: target.start,
        end: target.end,
        createdAt: new Date().toISOString(),
        codeName: code.name,
        codePath: code.path,
        color: code.color,
        coderName: coder.name,
      };
      set((s) => ({ pendingCodings: [...s.pendingCodings, temp] }));
      void enqueue(async () => {
        try {
          const r =
            target.kind === 'turn'
              ? await call('codings.codeTurn', { turnId: target.turnId, codeId })
              : target.kind === 'moment'
                ? await call('codings.codeMoment', { momentId: target.momentId, codeId })
                : await call('codings.add', { interviewId: target.interviewId, start: target.start, end: target.end, codeId });
          writes++;
          set((s) => ({
            pendingCodings: s.pendingCodings.filter((p) => p.id !== temp.id),
            codingsOf: s.codingsOf ? { ...s.codingsOf, byInterview: upsert(s.codingsOf.byInterview, r.coding) } : s.codingsOf,
          }));
        } catch (e) {
          set((s) => ({ pendingCodings: s.pendingCodings.filter((p) => p.id !== temp.id) }));
          get().reportError(e, `Could not code the passage as "${code.name}"`);
        }
      });
    },
    async createAndApply(name, target) {
      const code = await get().createCode({ name });
      if (!code) return;
      await get().refreshCodebooks();
      get().applyCode(code.id, target);
    },
    async codeInVivo() {
      const sel = get().selection;
      if (!sel) {
        get().notify('info', 'Select the words to code in vivo first.');
        return;
      }
      if (!get().coder) {
        get().askCoder('Every coding records who made it.', () => void get().codeInVivo());
        return;
      }
      const name = inVivoName(sel.text);
      if (!name) {
        get().notify('info', 'The selection has no words to name a code with.');
        return;
      }
      const target: CodingTarget = { kind: 'span', interviewId: sel.interviewId, start: sel.start, end: sel.end };
      const book = activeBook();
      // The same words coded in vivo before reuse their code instead of failing on the name.
      const existing = book ? await call('codes.find', { codebookId: book.id, path: escapeCodeName(name) }).catch(() => null) : null;
      if (existing) {
        get().applyCode(existing.id, target);
        return;
      }
      const code = await get().createCode({ name });
      if (!code) return;
      await get().refreshCodebooks();
      get().focusCode(code.id);
      get().applyCode(code.id, target);
    },
    removeCoding(codingId) {
      if (codingId.startsWith('pending:')) return;
      const saved = Object.values(get().codingsOf?.byInterview ?? {})
        .flat()
        .find((c) => c.id === codingId);
      set((s) => ({ hiddenCodings: { ...s.hiddenCodings, [codingId]: true }, selectedCodingId: s.selectedCodingId === codingId ? null : s.selectedCodingId }));
      void enqueue(async () => {
        try {
          await call('codings.remove', { codingId });
          writes++;
          set((s) => {
            const { [codingId]: _gone, ...hidden } = s.hiddenCodings;
            return { hiddenCodings: hidden, codingsOf: s.codingsOf ? { ...s.codingsOf, byInterview: without(s.codingsOf.byInterview, codingId) } : s.codingsOf };
          });
        } catch (e) {
          set((s) => {
            const { [codingId]: _gone, ...hidden } = s.hiddenCodings;
            return { hiddenCodings: hidden };
          });
          get().reportError(e, `Could not remove the coding${saved ? ` "${saved.codeName}"` : ''}`);
        }
      });
    },
    async undo() {
      await enqueue(async () => {
        try {
          const r = await call('undo.undo', {});
          writes++;
          set({ undoState: r.state, selectedCodingId: null });
          await afterWrite();
          if (r.undone) get().notify('info', `Undone: ${r.undone}`);
        } catch (e) {
          report(e, 'Could not undo');
        }
      });
    },
    async redo() {
      await enqueue(async () => {
        try {
          const r = await call('undo.redo', {});
          writes++;
          set({ undoState: r.state, selectedCodingId: null });
          await afterWrite();
          if (r.redone) get().notify('info', `Redone: ${r.redone}`);
        } catch (e) {
          report(e, 'Could not redo');
        }
      });
    },
    setPanelOpen(open) {
      set({ panelOpen: open });
      try {
        window.localStorage.setItem(PANEL_KEY, open ? 'open' : 'closed');
      } catch {
        /* storage disabled: the choice lasts this session */
      }
    },
    setCodebookId(codebookId) {
      set({ codebookId });
    },
    focusCode(codeId) {
      set({ focusCodeId: codeId });
      if (codeId && !get().panelOpen) get().setPanelOpen(true);
    },
    async createCode(input) {
      try {
        const code = await enqueue(() => call('codes.create', { ...input, codebookId: activeBook()?.id ?? null }));
        return code;
      } catch (e) {
        get().reportError(e, `Could not create the code "${input.name}"`);
        return null;
      }
    },
    openMemos(target) {
      set({ memoTarget: target });
    },
    editTurn(edit) {
      set({ editingTurn: edit });
    },
    revealOffset(interviewId, offset) {
      set({ reveal: { interviewId, offset, seq: ++revealSeq } });
    },
  };
};

export interface OwnCounts {
  coder: Coder;
  byCode: Record<string, { own: number; total: number }>;
  byBook: Record<string, number>;
}

function ownCountsOf(coder: Coder, books: readonly CodebookTree[]): OwnCounts {
  const byCode: OwnCounts['byCode'] = {};
  const walk = (nodes: readonly CodeNode[]) => {
    for (const n of nodes) {
      byCode[n.id] = { own: n.coderCounts?.codingCount ?? 0, total: n.coderCounts?.totalCodingCount ?? 0 };
      walk(n.children);
    }
  };
  for (const b of books) walk(b.codes);
  return { coder, byCode, byBook: Object.fromEntries(books.map((b) => [b.id, b.coderCodingCount ?? 0])) };
}

/** The coder whose codings the codebook panel counts: the one coding, while the view shows only their codings. */
function countedCoder(s: { coderFilter: CoderFilter; coder: Coder | null }): Coder | null {
  return s.coderFilter.mode === 'mine' ? s.coder : null;
}

import type { StateCreator } from 'zustand';
import type { Input, Output } from '../../../shared/api/contract';
import type { Code, Codebook, CodebookTree, CodeNode, Coder } from '../../../shared/coding/types';
import { call } from '../api/client';
import { countedCoder } from './coderSlice';
import type { All } from './types';
import { enqueue, isLeaving, wrote } from './writeQueue';

export interface OwnCounts {
  coder: Coder;
  byCode: Record<string, { own: number; total: number }>;
  byBook: Record<string, number>;
}

/** The project's codebooks as the codebook panel shows them, and the panel itself. */
export interface CodebookSlice {
  codebooks: CodebookTree[];
  /**
   * The codebook panel's counts while the view shows only the current coder's codings: theirs, per code (own and
   * with sub-codes) and per codebook. Null while the view shows every coder's: the panel shows `codebooks`' counts.
   * `codebooks` itself always counts every coder, as the dialogs that delete or merge codes must.
   */
  ownCounts: OwnCounts | null;
  /** The codebook shown in the panel and whose shortcuts the view uses. */
  codebookId: string | null;
  panelOpen: boolean;
  /** The code highlighted in the codebook panel (after a jump from a memo, a new code…). */
  focusCodeId: string | null;
  refreshCodebooks(): Promise<void>;
  setPanelOpen(open: boolean): void;
  setCodebookId(codebookId: string): void;
  focusCode(codeId: string | null): void;
  /** codes.create in the active codebook; null after reporting the core's message. */
  createCode(input: Omit<Input<'codes.create'>, 'codebookId'>): Promise<Code | null>;

  // The codebook dialogs' writes. Each resolves with the core's answer once the panel and the view show the
  // change, or rejects with the core's refusal (an ApiError: kind and message) for the dialog to show in its words.
  /** A code with every field the edit dialog sets, in the codebook and under the parent it names. */
  addCode(input: Input<'codes.create'>): Promise<Code>;
  updateCode(input: Input<'codes.update'>): Promise<void>;
  moveCode(codeId: string, parentId: string | null, position?: number): Promise<void>;
  /** What deleting or merging the code would take with it (codings, sub-codes, memos), for the confirmation. */
  codeUsage(codeId: string): Promise<Output<'codes.usage'>>;
  deleteCode(codeId: string): Promise<Output<'codes.delete'>>;
  mergeCodes(sourceId: string, targetId: string): Promise<Output<'codes.merge'>>;
  /** The passages coded with this code itself (not its sub-codes), with their text, for the split dialog. */
  passagesOfCode(codeId: string): Promise<Output<'analysis.retrieve'>>;
  splitCode(input: Input<'codes.split'>): Promise<Output<'codes.split'>>;
  addCodebook(name: string): Promise<Codebook>;
  renameCodebook(codebookId: string, name: string): Promise<void>;
  deleteCodebook(codebookId: string): Promise<Output<'codebooks.delete'>>;
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

/** The codebook the panel shows (the chosen one, else the first). */
export function activeBook(s: { codebooks: CodebookTree[]; codebookId: string | null }): CodebookTree | null {
  return s.codebooks.find((b) => b.id === s.codebookId) ?? s.codebooks[0] ?? null;
}

/**
 * A codebook write in the one queue the codings and undo use: a rename or a delete made in a dialog reaches the
 * core after the codings typed before it and before an undo typed after it, and counts as a write for refreshes.
 */
async function write<T>(fn: () => Promise<T>): Promise<T> {
  const r = await enqueue(fn);
  wrote();
  return r;
}

export const createCodebookSlice: StateCreator<All, [], [], CodebookSlice> = (set, get) => {
  /** After a change of codes: the panel's tree and counts, and the marks' names and colours in the view. */
  const codesChanged = () => Promise.all([get().refreshCodebooks(), get().refreshCodings()]).then(() => undefined);
  /** After codes went with their codings: memos on them went too. */
  const codesRemoved = () => Promise.all([get().refreshCodebooks(), get().refreshCodings(), get().refreshMemos()]).then(() => undefined);

  return {
    codebooks: [],
    ownCounts: null,
    codebookId: null,
    panelOpen: initialPanelOpen(),
    focusCodeId: null,

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
        if (!isLeaving()) get().reportError(e, 'Could not read the codebook');
      }
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
        const code = await write(() => call('codes.create', { ...input, codebookId: activeBook(get())?.id ?? null }));
        return code;
      } catch (e) {
        get().reportError(e, `Could not create the code "${input.name}"`);
        return null;
      }
    },

    async addCode(input) {
      const code = await write(() => call('codes.create', input));
      await codesChanged();
      return code;
    },
    async updateCode(input) {
      await write(() => call('codes.update', input));
      await codesChanged();
    },
    async moveCode(codeId, parentId, position) {
      await write(() => call('codes.move', { codeId, parentId, position }));
      await get().refreshCodebooks();
    },
    codeUsage(codeId) {
      return call('codes.usage', { codeId });
    },
    async deleteCode(codeId) {
      const r = await write(() => call('codes.delete', { codeId }));
      await codesRemoved();
      return r;
    },
    async mergeCodes(sourceId, targetId) {
      const r = await write(() => call('codes.merge', { sourceId, targetId }));
      await codesRemoved();
      return r;
    },
    passagesOfCode(codeId) {
      return call('analysis.retrieve', { code: codeId, includeSubcodes: false, limit: 5000 });
    },
    async splitCode(input) {
      const r = await write(() => call('codes.split', input));
      await codesChanged();
      return r;
    },
    async addCodebook(name) {
      const book = await write(() => call('codebooks.create', { name }));
      await get().refreshCodebooks();
      return book;
    },
    async renameCodebook(codebookId, name) {
      await write(() => call('codebooks.rename', { codebookId, name }));
      await get().refreshCodebooks();
    },
    async deleteCodebook(codebookId) {
      const r = await write(() => call('codebooks.delete', { codebookId }));
      await codesRemoved();
      return r;
    },
    };
  };

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

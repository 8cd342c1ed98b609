import type { StateCreator } from 'zustand';
import { escapeCodeName } from '../../../shared/coding/paths';
import type { CodingView } from '../../../shared/coding/types';
import { call } from '../api/client';
import { ApiError } from '../api/errors';
import { codeById } from '../model/codebook';
import { inVivoName } from '../model/inVivo';
import { activeBook } from './codebookSlice';
import { countedCoder } from './coderSlice';
import type { All } from './types';
import { enqueue, isLeaving, wrote, writesDone } from './writeQueue';

/** What a code is applied to: a selected passage, a whole speaker turn, or a whole recall moment. */
export type CodingTarget =
  | { kind: 'span'; interviewId: string; start: number; end: number }
  | { kind: 'turn'; interviewId: string; turnId: string; start: number; end: number }
  | { kind: 'moment'; interviewId: string; momentId: string; start: number; end: number };

/** The codings of the open session, with those applied or removed on screen and not yet confirmed by the core. */
export interface CodingsSlice {
  /** One coding, wherever it is (a memo's jump to the passage it is about). */
  codingById(codingId: string): Promise<CodingView>;
  /** Every coder's codings of the open session, by interview (the view filters them by coder). */
  codingsOf: { sessionId: string; byInterview: Record<string, CodingView[]> } | null;
  /** Applied on screen, not yet confirmed by the core (ids 'pending:…'). */
  pendingCodings: CodingView[];
  /** Removed on screen, not yet confirmed by the core. */
  hiddenCodings: Record<string, true>;
  palette: { target: CodingTarget; label: string } | null;
  /** Everything the coding screens show, read once when they open. */
  loadCoding(): Promise<void>;
  refreshCodings(): Promise<void>;
  openPalette(target: CodingTarget, label: string): void;
  closePalette(): void;
  /** Applies a code at once on screen and confirms it with the core (rolled back with a message on failure). */
  applyCode(codeId: string, target: CodingTarget): void;
  createAndApply(name: string, target: CodingTarget): Promise<void>;
  codeInVivo(): Promise<void>;
  removeCoding(codingId: string): void;
}

let codingsSeq = 0;

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

export const createCodingsSlice: StateCreator<All, [], [], CodingsSlice> = (set, get) => ({
  codingsOf: null,
  pendingCodings: [],
  hiddenCodings: {},
  palette: null,

  codingById: (codingId) => call('codings.get', { codingId }),
  async loadCoding() {
    // The codebook's counts are the current coder's: asked for once the coder is known (refreshCoders asks then
    // when there is one), instead of once before and again after.
    const codebooks = get()
      .refreshCoders()
      .then(() => (countedCoder(get()) ? undefined : get().refreshCodebooks()));
    await Promise.all([codebooks, get().refreshUndo(), get().refreshMemos()]);
  },
  async refreshCodings() {
    const sessionId = get().sessionId;
    if (!sessionId) {
      set({ codingsOf: null });
      return;
    }
    const seq = ++codingsSeq;
    const writesBefore = writesDone();
    try {
      const out = await call('codings.forSession', { sessionId });
      if (seq !== codingsSeq || get().sessionId !== sessionId) return;
      if (writesDone() !== writesBefore && get().codingsOf?.sessionId === sessionId) return;
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
      if (!isLeaving()) get().reportError(e, 'Could not read the codings of this session');
    }
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
        wrote();
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
    const book = activeBook(get());
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
        wrote();
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
});

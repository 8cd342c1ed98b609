import type { StateCreator } from 'zustand';
import { call } from '../api/client';
import { ApiError, messageOf } from '../api/errors';
import { rememberSession } from '../util/location';
import { markSessionData, markSessionOpen } from '../util/timing';
import type { All, ViewSlice } from './types';

// Answers can arrive out of order (a fast click through sessions, a 'changed' event during a link): only the
// newest request of each kind may write to the store.
let sessionSeq = 0;
let alignSeq = 0;

export const createViewSlice: StateCreator<All, [], [], ViewSlice> = (set, get) => ({
  sessionId: null,
  detail: null,
  alignment: null,
  viewStatus: 'idle',
  viewError: null,
  async openSession(sessionId) {
    if (get().page !== 'session') set({ page: 'session' });
    if (get().sessionId === sessionId && get().viewStatus === 'ready') return;
    markSessionOpen(sessionId);
    rememberSession(sessionId);
    set({ sessionId, viewStatus: 'loading', viewError: null, pendingLink: null, find: { ...get().find, index: 0 } });
    await get().refreshSession();
  },
  async refreshSession() {
    const sessionId = get().sessionId;
    if (!sessionId) return;
    const seq = ++sessionSeq;
    const a = ++alignSeq;
    try {
      const [detail, alignment] = await Promise.all([call('sessions.get', { sessionId }), call('sessions.align', { sessionId })]);
      if (seq !== sessionSeq || get().sessionId !== sessionId) return;
      markSessionData(sessionId);
      set({ detail, alignment: a === alignSeq ? alignment : get().alignment ?? alignment, viewStatus: 'ready', viewError: null });
    } catch (e) {
      // Closed meanwhile, e.g. by the navigator's refresh when the session left the project: nothing to report.
      if (seq !== sessionSeq || get().sessionId !== sessionId) return;
      // The session open on screen was taken out of the project (an undone merge or import): close it calmly.
      if (e instanceof ApiError && e.kind === 'not-found' && get().viewStatus === 'ready') {
        get().closeGoneSession();
        return;
      }
      set({ viewStatus: 'error', viewError: messageOf(e) });
      get().reportError(e, 'Could not open the session');
    }
  },
  closeGoneSession(note = true) {
    set({ sessionId: null, detail: null, alignment: null, viewStatus: 'idle', viewError: null });
    rememberSession(null);
    if (note) get().notify('info', 'The session that was open is no longer in the project.');
  },
  async refreshAlignment() {
    const sessionId = get().sessionId;
    if (!sessionId || !get().detail) return;
    const seq = ++alignSeq;
    try {
      const alignment = await call('sessions.align', { sessionId });
      if (seq !== alignSeq || get().sessionId !== sessionId) return;
      set({ alignment });
    } catch (e) {
      get().reportError(e, 'Could not line up the session');
    }
  },
  pendingLink: null,
  async pickForLink(side, unit) {
    const pending = get().pendingLink;
    if (!pending || pending.side === side) {
      set({ pendingLink: pending?.unitId === unit.unitId ? null : { side, unitId: unit.unitId, label: unit.label } });
      return;
    }
    const clientUnitId = side === 'client' ? unit.unitId : pending.unitId;
    const therapistUnitId = side === 'therapist' ? unit.unitId : pending.unitId;
    set({ pendingLink: null });
    await get().setLink(clientUnitId, therapistUnitId, 'link');
  },
  cancelLink() {
    set({ pendingLink: null });
  },
  async setLink(clientUnitId, therapistUnitId, kind) {
    const sessionId = get().sessionId;
    if (!sessionId) return;
    const paired = () => get().alignment?.rows.filter((r) => r.match === 'auto').length ?? 0;
    const before = paired();
    const undoing = get().alignment?.links.find((l) => l.clientUnitId === clientUnitId && l.therapistUnitId === therapistUnitId);
    try {
      await call('sessions.link', { sessionId, clientUnitId, therapistUnitId, kind });
      await get().refreshAlignment();
      const done = { link: 'Linked by hand.', unlink: 'Unpaired: these two moments will not be paired automatically.', clear: undoing?.kind === 'unlink' ? 'Automatic pairing restored.' : 'Link removed.' }[kind];
      get().notify('success', done);
      // Rows keep reading order on both sides, so a link across other moments undoes the pairings it crosses.
      const lost = kind === 'link' ? before - paired() : 0;
      if (lost > 0) {
        get().notify('info', `This link crosses ${lost} automatic pairing${lost === 1 ? '' : 's'}, which now show as unmatched. Remove the link to restore them.`);
      }
    } catch (e) {
      get().reportError(e, kind === 'link' ? 'Could not link the two passages' : 'Could not change the link');
    }
  },
  find: { open: false, query: '', index: 0 },
  openFind() {
    set((s) => ({ find: { ...s.find, open: true } }));
  },
  closeFind() {
    set((s) => ({ find: { ...s.find, open: false } }));
  },
  setFindQuery(query) {
    set((s) => ({ find: { ...s.find, query, index: 0, open: true } }));
  },
  setFindIndex(index) {
    set((s) => ({ find: { ...s.find, index } }));
  },
  async correctTranscript(input) {
    const r = await call('interviews.correct', input);
    get().editTurn(null);
    await Promise.all([get().refreshSession(), get().refreshCodings(), get().refreshUndo()]);
    return r;
  },
});

import type { StateCreator } from 'zustand';
import type { Input, Output } from '../../../shared/api/contract';
import type { All } from './types';

export type AgreementQuery = Omit<Input<'agreement.report'>, 'jobId'>;
export type AgreementReport = Output<'agreement.report'>;
export type Disagreement = Output<'agreement.disagreements'>['items'][number];

/**
 * Team work that outlives a page switch: the agreement report last run (so coming back from a disagreement's
 * session shows it again), the open disagreement list and the consensus coder being settled. Merges keep their
 * state in the page: a preview is worthless once the researcher leaves it.
 */
export interface TeamSlice {
  agreementQuery: AgreementQuery | null;
  agreementReport: AgreementReport | null;
  /** The code whose disagreements are listed; 'all' for every code, null when the list is closed. */
  disagreementsOf: string | 'all' | null;
  /** The consensus coder whose pending disagreements are shown. */
  consensusCoderId: string | null;
  setAgreement(query: AgreementQuery | null, report: AgreementReport | null): void;
  showDisagreements(codeId: string | 'all' | null): void;
  showConsensus(coderId: string | null): void;
  /** Opens the disagreement's session with the compared coders side by side and its passage selected. */
  jumpToDisagreement(d: Disagreement, coderIds: string[]): Promise<void>;
}

export const createTeamSlice: StateCreator<All, [], [], TeamSlice> = (set, get) => ({
  agreementQuery: null,
  agreementReport: null,
  disagreementsOf: null,
  consensusCoderId: null,
  setAgreement(query, report) {
    set({ agreementQuery: query, agreementReport: report });
  },
  showDisagreements(codeId) {
    set({ disagreementsOf: codeId });
  },
  showConsensus(coderId) {
    set({ consensusCoderId: coderId });
  },
  async jumpToDisagreement(d, coderIds) {
    const s = get();
    s.setCoderFilter({ mode: 'side', coderIds });
    s.toggleDyad(d.dyadId, true);
    await s.openSession(d.sessionId);
    await get().refreshCodings();
    get().setSelection({ interviewId: d.interviewId, start: d.start, end: d.end, text: d.text, live: false });
    get().revealOffset(d.interviewId, d.start);
  },
});

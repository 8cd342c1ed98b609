import type { StateCreator } from 'zustand';
import type { Input, Output } from '../../../shared/api/contract';
import type { ProgressEvent } from '../../../shared/api/define';
import { call, startJob, type Job } from '../api/client';
import type { All } from './types';

export type AgreementQuery = Omit<Input<'agreement.report'>, 'jobId'>;
export type AgreementReport = Output<'agreement.report'>;
export type Disagreement = Output<'agreement.disagreements'>['items'][number];
type OnProgress = (p: ProgressEvent) => void;

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

  // The team pages' calls. Each resolves with the core's answer or rejects with its refusal (an ApiError: kind and
  // message), which the page shows where the researcher asked. Long work starts as a job: its progress goes to
  // `onProgress`, its `result` settles when it is done, `cancel` asks the core to stop.
  runAgreement(query: AgreementQuery, onProgress: OnProgress): Job<AgreementReport>;
  exportAgreement(input: Omit<Input<'agreement.export'>, 'jobId'>, onProgress: OnProgress): Job<Output<'agreement.export'>>;
  listDisagreements(input: Input<'agreement.disagreements'>): Promise<Output<'agreement.disagreements'>>;
  /** Builds a consensus coder from the agreed codings; the coders' list then shows it. */
  buildConsensus(query: Input<'consensus.build'>): Promise<Output<'consensus.build'>>;
  listConsensusCoders(): Promise<Output<'consensus.list'>>;
  pendingDisagreements(input: Input<'consensus.pending'>): Promise<Output<'consensus.pending'>>;
  settleDisagreement(input: Input<'consensus.settle'>): Promise<Output<'consensus.settle'>>;
  previewMerge(source: Omit<Input<'merge.preview'>, 'jobId'>, onProgress: OnProgress): Job<Output<'merge.preview'>>;
  /** The merge plan again after a choice on a conflict (a choice can make conflicts appear or go). */
  reviewMerge(input: Input<'merge.review'>): Promise<Output<'merge.review'>>;
  applyMerge(input: Omit<Input<'merge.apply'>, 'jobId'>, onProgress: OnProgress): Job<Output<'merge.apply'>>;
  /** The latest merge, and whether merge.undo can still take it back (only while it is the latest change). */
  lastMerge(): Promise<Output<'merge.last'>>;
  undoMerge(): Promise<Output<'merge.undo'>>;
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

  runAgreement(query, onProgress) {
    return startJob('agreement.report', query, onProgress);
  },
  exportAgreement(input, onProgress) {
    return startJob('agreement.export', input, onProgress);
  },
  listDisagreements(input) {
    return call('agreement.disagreements', input);
  },
  async buildConsensus(query) {
    const r = await call('consensus.build', query);
    await get().refreshCoders();
    return r;
  },
  listConsensusCoders() {
    return call('consensus.list', {});
  },
  pendingDisagreements(input) {
    return call('consensus.pending', input);
  },
  settleDisagreement(input) {
    return call('consensus.settle', input);
  },
  previewMerge(source, onProgress) {
    return startJob('merge.preview', source, onProgress);
  },
  reviewMerge(input) {
    return call('merge.review', input);
  },
  applyMerge(input, onProgress) {
    return startJob('merge.apply', input, onProgress);
  },
  lastMerge() {
    return call('merge.last', {});
  },
  undoMerge() {
    return call('merge.undo', {});
  },
});

import type { StateCreator } from 'zustand';
import type { Input, Output } from '../../../shared/api/contract';
import type { ProgressEvent } from '../../../shared/api/define';
import { call, startJob, type Job } from '../api/client';
import type { All } from './types';

type OnProgress = (p: ProgressEvent) => void;

/** The Exchange page's REFI-QDA work: a project or a codebook in from other QDA software, and out to it. */
export interface ExchangeSlice {
  /** Reads a .qdpx and proposes where each of its sources goes; nothing is written yet. */
  previewQdpx(input: Omit<Input<'refi.previewQdpx'>, 'jobId'>, onProgress: OnProgress): Job<Output<'refi.previewQdpx'>>;
  /** Writes the previewed .qdpx with the researcher's assignments. */
  importQdpx(input: Omit<Input<'refi.importQdpx'>, 'jobId'>, onProgress: OnProgress): Job<Output<'refi.importQdpx'>>;
  /** Adds a .qdc codebook, and reads the codebooks again. */
  importQdc(input: Input<'refi.importQdc'>): Promise<Output<'refi.importQdc'>>;
  exportQdpx(input: Omit<Input<'refi.exportQdpx'>, 'jobId'>, onProgress: OnProgress): Job<Output<'refi.exportQdpx'>>;
  exportQdc(input: Input<'refi.exportQdc'>): Promise<Output<'refi.exportQdc'>>;
  /** The codebook as the appendix table of definitions (.docx, .md). */
  exportCodebookDocument(input: Input<'codebooks.exportDocument'>): Promise<Output<'codebooks.exportDocument'>>;
}

export const createExchangeSlice: StateCreator<All, [], [], ExchangeSlice> = (_set, get) => ({
  previewQdpx: (input, onProgress) => startJob('refi.previewQdpx', input, onProgress),
  importQdpx: (input, onProgress) => startJob('refi.importQdpx', input, onProgress),
  async importQdc(input) {
    const r = await call('refi.importQdc', input);
    await get().refreshCodebooks();
    return r;
  },
  exportQdpx: (input, onProgress) => startJob('refi.exportQdpx', input, onProgress),
  exportQdc: (input) => call('refi.exportQdc', input),
  exportCodebookDocument: (input) => call('codebooks.exportDocument', input),
});

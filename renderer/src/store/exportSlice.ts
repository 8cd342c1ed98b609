import type { StateCreator } from 'zustand';
import type { Input, Output } from '../../../shared/api/contract';
import type { ProgressEvent } from '../../../shared/api/define';
import { call, startJob, type Job } from '../api/client';
import { ApiError } from '../api/errors';
import { downloadBase64 } from '../util/download';
import type { All } from './types';

/** What a method that writes a file answers: where it went, or (without a path) its bytes. */
interface WrittenFile {
  fileName: string;
  mimeType: string;
  path: string | null;
  dataBase64: string | null;
}

interface SaveRequest<R extends WrittenFile> {
  /** The file's name offered in the save dialog (the browser's download takes the core's name). */
  defaultName: string;
  /** What kind of file, for the dialog's filter: "Excel workbook", ['xlsx']. */
  kind: { name: string; extensions: string[] };
  /** Writes to `path` when the app's dialog gave one; without it, returns the bytes. */
  write(path: string | undefined): Promise<R>;
}

export interface ExportSlice {
  /**
   * The one save model of Export, Exchange and the analysis pages: in the desktop app the native save dialog
   * chooses where the core writes the file; in the browser (dyad serve) the core returns the bytes and the page
   * downloads them. Resolves with the core's answer, or null when the researcher cancelled the dialog.
   */
  saveFile<R extends WrittenFile>(request: SaveRequest<R>): Promise<R | null>;
  /** The project's attribution template and de-identification list, as exports use them. */
  exportSettings(): Promise<Output<'export.settings.get'>>;
  saveExportSettings(input: Input<'export.settings.set'>): Promise<Output<'export.settings.set'>>;
  exportDialogue(input: Omit<Input<'export.dialogue'>, 'jobId'>, onProgress: OnProgress): Job<Output<'export.dialogue'>>;
  exportExcerpts(input: Omit<Input<'export.excerpts'>, 'jobId'>, onProgress: OnProgress): Job<Output<'export.excerpts'>>;
}

type OnProgress = (p: ProgressEvent) => void;

export const createExportSlice: StateCreator<All, [], [], ExportSlice> = () => ({
  exportSettings: () => call('export.settings.get', {}),
  saveExportSettings: (input) => call('export.settings.set', input),
  exportDialogue: (input, onProgress) => startJob('export.dialogue', input, onProgress),
  exportExcerpts: (input, onProgress) => startJob('export.excerpts', input, onProgress),
  async saveFile(request) {
    const shell = typeof window !== 'undefined' ? window.dyad?.shell : undefined;
    if (shell?.saveFile) {
      const chosen = await shell.saveFile({ defaultName: request.defaultName, filters: [request.kind] });
      if (!chosen.ok) throw ApiError.from(chosen.error);
      if (chosen.value === null) return null;
      return request.write(chosen.value.path);
    }
    const r = await request.write(undefined);
    if (r.dataBase64) downloadBase64(r.dataBase64, r.fileName, r.mimeType);
    return r;
  },
});

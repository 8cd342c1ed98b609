import type { Input, Output } from '../../../shared/api/contract';
import type { ProjectSettings, SpeakerRole, Role } from '../../../shared/domain/types';
import type { AnalysisSlice } from './analysisSlice';
import type { CodebookSlice } from './codebookSlice';
import type { CoderSlice } from './coderSlice';
import type { CodingsSlice } from './codingsSlice';
import type { ConcordanceSlice } from './concordanceSlice';
import type { ExchangeSlice } from './exchangeSlice';
import type { ExportSlice } from './exportSlice';
import type { LabReviewSlice } from './labReviewSlice';
import type { LabSlice } from './labSlice';
import type { MemosSlice } from './memosSlice';
import type { PlayerSlice } from './playerSlice';
import type { SelectionSlice } from './selectionSlice';
import type { TeamSlice } from './teamSlice';
import type { UndoSlice } from './undoSlice';
import type { AlignedSide, DyadTree, ImportPreview, ProjectInfo, SessionAlignment, SessionDetail, Side } from '../model/types';

interface Toast {
  id: number;
  tone: 'error' | 'info' | 'success';
  message: string;
}

interface JobProgress {
  label: string;
  done: number;
  total: number;
  message: string;
  cancel(): Promise<void>;
}

export interface UiSlice {
  toasts: Toast[];
  notify(tone: Toast['tone'], message: string): void;
  /** Shows a failed call to the researcher; a cancelled job is not an error. */
  reportError(e: unknown, context?: string): void;
  dismissToast(id: number): void;
  jobs: Record<string, JobProgress>;
  setJob(jobId: string, progress: JobProgress): void;
  updateJob(jobId: string, progress: Pick<JobProgress, 'done' | 'total' | 'message'>): void;
  endJob(jobId: string): void;
  settingsOpen: boolean;
  setSettingsOpen(open: boolean): void;
  /** The navigator folded to a narrow strip, leaving its width to the columns (kept across starts). */
  navFolded: boolean;
  setNavFolded(folded: boolean): void;
}

export interface ProjectSlice {
  info: ProjectInfo | null;
  tree: DyadTree;
  treeLoaded: boolean;
  expandedDyads: Record<string, boolean>;
  loadProject(): Promise<void>;
  refreshTree(): Promise<void>;
  toggleDyad(dyadId: string, open?: boolean): void;
  /** Resolves with null when saved, else the core's message (the settings dialog shows it). */
  updateSettings(patch: Partial<ProjectSettings>): Promise<string | null>;

  // The navigator's and the settings' writes. Each resolves once the navigator shows the change, or rejects with
  // the core's refusal (an ApiError: kind and message) for the dialog to show in its words.
  updateDyad(input: Input<'dyads.update'>): Promise<void>;
  updateSession(input: Input<'sessions.update'>): Promise<void>;
  setInterviewRole(interviewId: string, role: Role): Promise<void>;
  /** What deleting the interview would take with it, for the confirmation. */
  interviewUsage(interviewId: string): Promise<Output<'interviews.usage'>>;
  /** Deletes the interview of session `sessionId`; the session, if the delete takes it, is closed on screen first. */
  deleteInterview(interviewId: string, sessionId: string): Promise<Output<'interviews.delete'>>;
  /** Looks for recall moments in the imported transcripts with the project's marker patterns; adds them if `apply`. */
  rescanMoments(apply: boolean): Promise<Output<'moments.rescan'>>;
  /** The project file's size on disk and the free space inside it, read now (it changes with every import and removal). */
  diskUse(): Promise<ProjectInfo['disk']>;
  /** Gives back the free space inside the project file (core/compact.ts): its size before and after. */
  compactProject(): Promise<Output<'project.compact'>>;
}

export interface PendingLink {
  side: Side;
  unitId: string;
  label: string;
}

interface FindState {
  open: boolean;
  query: string;
  /** Position of the current hit among all hits (the hits themselves are derived from the rows). */
  index: number;
}

export interface ViewSlice {
  sessionId: string | null;
  detail: SessionDetail | null;
  alignment: SessionAlignment | null;
  viewStatus: 'idle' | 'loading' | 'ready' | 'error';
  viewError: string | null;
  openSession(sessionId: string): Promise<void>;
  refreshSession(): Promise<void>;
  /** Closes the session on screen, which is no longer in the project, with a note saying so unless `note` is false. */
  closeGoneSession(note?: boolean): void;
  refreshAlignment(): Promise<void>;
  pendingLink: PendingLink | null;
  /** First click picks a unit; a click on a unit of the other column links the two. */
  pickForLink(side: Side, unit: AlignedSide): Promise<void>;
  cancelLink(): void;
  setLink(clientUnitId: string, therapistUnitId: string, kind: 'link' | 'unlink' | 'clear'): Promise<void>;
  find: FindState;
  openFind(): void;
  closeFind(): void;
  setFindQuery(query: string): void;
  setFindIndex(index: number): void;
  /**
   * Corrects the text of an interview (a turn edited in place), closes the editor and shows the corrected session;
   * rejects with the core's refusal, the editor still open.
   */
  correctTranscript(input: Input<'interviews.correct'>): Promise<Output<'interviews.correct'>>;
}

export interface ImportDraft {
  include: boolean;
  dyad: string;
  session: string;
  role: Role;
  speakerRoles: Record<string, SpeakerRole>;
  /** Names typed in the preview for speakers, by the label the file gives them ("Speaker" → "Client"). */
  speakerNames: Record<string, string>;
}

export interface ImportSlice {
  importOpen: boolean;
  importStage: 'choose' | 'reading' | 'preview' | 'committing';
  importFiles: string[];
  preview: ImportPreview | null;
  drafts: Record<number, ImportDraft>;
  /** The preview or commit under way; its progress is in `jobs`. */
  importJobId: string | null;
  importError: string | null;
  openImport(): void;
  closeImport(): void;
  previewFiles(files: File[]): Promise<void>;
  /** A chosen file as the calls that read files take it: uploaded under `dyad serve`, its bytes in the app. */
  sourceOf(file: File): Promise<{ uploadId: string; name: string } | { dataBase64: string; name: string }>;
  updateDraft(index: number, patch: Partial<ImportDraft>): void;
  setSpeakerRole(index: number, label: string, role: SpeakerRole): void;
  setSpeakerName(index: number, label: string, name: string): void;
  commitImport(): Promise<void>;
  cancelImportJob(): Promise<void>;
}

export type All = UiSlice &
  ProjectSlice &
  ViewSlice &
  ImportSlice &
  PageSlice &
  CoderSlice &
  CodebookSlice &
  CodingsSlice &
  SelectionSlice &
  UndoSlice &
  MemosSlice &
  TeamSlice &
  LabSlice &
  LabReviewSlice &
  AnalysisSlice &
  PlayerSlice &
  ConcordanceSlice &
  ExportSlice &
  ExchangeSlice;

export interface PageSlice {
  /** 'session' shows the dyad view; any other id is a page of renderer/src/pages/list.ts. */
  page: string;
  setPage(page: string): void;
}

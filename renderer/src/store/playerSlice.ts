import type { StateCreator } from 'zustand';
import type { Output } from '../../../shared/api/contract';
import { call } from '../api/client';
import type { All } from './types';

/** What a Play button asks for: the session's recording at a session time, or an interview's own at its time. */
interface PlayRequest {
  kind: 'session' | 'interview';
  sessionId: string;
  /** The interview whose recording plays (kind 'interview'). */
  interviewId: string | null;
  /** Seconds on that recording's clock: session time, or the interview's own time. */
  at: number;
}

export interface PlayerSlice {
  /** The latest request; `seq` tells a second click on the same button from the first. */
  playRequest: (PlayRequest & { seq: number }) | null;
  /** What the player has loaded and where it is, on that recording's clock, while it plays or is paused. */
  playhead: { kind: 'session' | 'interview'; interviewId: string | null; time: number } | null;
  /** The view keeps the row (or words) at the playhead in sight. */
  follow: boolean;
  playFrom(request: PlayRequest): void;
  setPlayhead(playhead: PlayerSlice['playhead']): void;
  setFollow(on: boolean): void;
  /** The recordings attached to this project, and where Dyad finds each. */
  listMedia(): Promise<Output<'media.list'>>;
  /** What a recording holds (container, codecs, whether Chromium plays them), read from its header. */
  probeMedia(path: string): Promise<Output<'media.probe'>>;
  /**
   * Looks in a folder (and below) for every missing recording of the study by its file name and attaches what it
   * finds, for all sessions at once (one undo step); the open session is read again so the player sees the change.
   */
  relinkMedia(folder: string): Promise<Output<'media.relink'>>;
}

const FOLLOW_KEY = 'dyad.player.follow';
let seq = 0;

function storedFollow(): boolean {
  try {
    return window.localStorage.getItem(FOLLOW_KEY) !== 'off';
  } catch {
    return true;
  }
}

export const createPlayerSlice: StateCreator<All, [], [], PlayerSlice> = (set, get) => ({
  playRequest: null,
  playhead: null,
  follow: storedFollow(),
  playFrom(request) {
    set({ playRequest: { ...request, seq: ++seq } });
  },
  setPlayhead(playhead) {
    set({ playhead });
  },
  setFollow(on) {
    set({ follow: on });
    try {
      window.localStorage.setItem(FOLLOW_KEY, on ? 'on' : 'off');
    } catch {
      /* storage disabled: the choice lasts this session */
    }
  },
  listMedia: () => call('media.list', {}),
  probeMedia: (path) => call('media.probe', { path }),
  async relinkMedia(folder) {
    const r = await call('media.relink', { folder });
    await Promise.all([get().refreshSession(), get().refreshUndo()]);
    return r;
  },
});

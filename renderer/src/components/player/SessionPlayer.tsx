import { useCallback, useEffect, useRef, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import { messageOf } from '../../api/errors';
import type { SessionDetail } from '../../model/types';
import { useStore } from '../../store';
import { mediaUrl } from '../../util/mediaUrl';
import { formatTime } from '../../util/time';
import { plural } from '../../util/plural';
import { keysBelongElsewhere } from '../coding/useCodingKeys';
import { BackIcon, ForwardIcon, PauseIcon, PlayIcon } from '../common/Icons';
import { PLAYER_KEYS, SKIP_SECONDS, playerActionOf } from './playerKeys';
import { unplayableMessage } from './unplayable';

type Medium = Output<'media.list'>[number];
const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2];

/** The stamp of what a Play button asked for that the player is still to honour once the file is loaded. */
interface Pending {
  at: number;
  play: boolean;
}

/**
 * The player docked under the session's rows: the session recording (its picture shown when it has one) or an
 * interview's own recording, with play/pause, 5-second skips, speed and the time on that recording's clock. Where
 * it is goes to the store (playhead), from which the rows and words at the playhead are highlighted and followed.
 */
export function SessionPlayer({ detail }: { detail: SessionDetail }) {
  const sessionId = detail.session.id;
  const request = useStore((s) => s.playRequest);
  const setPlayhead = useStore((s) => s.setPlayhead);
  const follow = useStore((s) => s.follow);
  const setFollow = useStore((s) => s.setFollow);
  const listMedia = useStore((s) => s.listMedia);
  const probeMedia = useStore((s) => s.probeMedia);
  const ref = useRef<HTMLVideoElement>(null);
  const pending = useRef<Pending | null>(null);
  const [media, setMedia] = useState<Medium[] | null>(null);
  const [loaded, setLoaded] = useState<Medium | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** Set while the problem is a recording that is not where the project says: the player then offers to relink. */
  const [missing, setMissing] = useState(false);
  const [paused, setPaused] = useState(true);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState<number | null>(null);
  const [speed, setSpeed] = useState(1);
  const [hasPicture, setHasPicture] = useState(false);

  // What this session has attached, and where Dyad finds it; asked again when a recording is attached or relinked.
  const attachedKey = [detail.session.recordingPath, ...detail.interviews.map((i) => i.audioPath)].join('\n');
  useEffect(() => {
    let live = true;
    listMedia()
      .then((all) => live && setMedia(all.filter((m) => m.sessionId === sessionId)))
      .catch((e: unknown) => live && setProblem(messageOf(e)));
    return () => {
      live = false;
    };
  }, [sessionId, attachedKey]);

  const load = useCallback(
    (m: Medium, want: Pending | null) => {
      const v = ref.current;
      if (!v) return;
      setProblem(null);
      setMissing(!m.found);
      if (!m.found) {
        setProblem(`The recording of ${m.label} is not where the project says: Dyad looked at ${m.resolvedPath}. Name the folder it is in now, below, or attach it again in Session details….`);
        return;
      }
      if (loaded?.resolvedPath === m.resolvedPath && v.readyState >= HTMLMediaElement.HAVE_METADATA && !v.error) {
        if (want) {
          v.currentTime = want.at;
          if (want.play) void v.play().catch(() => {});
        }
        return;
      }
      pending.current = want;
      setLoaded(m);
      setHasPicture(false);
      setDuration(null);
      v.src = mediaUrl(m.resolvedPath);
      v.load();
    },
    [loaded],
  );

  // Open on the session recording, loaded ahead so the first Play starts at once; a recording attached in its
  // place is loaded instead.
  const sessionMedium = media?.find((m) => m.kind === 'session') ?? null;
  useEffect(() => {
    if (sessionMedium && (!loaded || (loaded.kind === 'session' && loaded.resolvedPath !== sessionMedium.resolvedPath))) load(sessionMedium, null);
  }, [sessionMedium?.resolvedPath, sessionMedium?.found]);

  useEffect(() => {
    if (!request || request.sessionId !== sessionId || !media) return;
    const m = request.kind === 'session' ? sessionMedium : media.find((x) => x.kind === 'interview' && x.interviewId === request.interviewId);
    if (!m) {
      setProblem(request.kind === 'session' ? 'This session has no recording attached (Session details… attaches one).' : 'This interview has no recording of its own attached.');
      return;
    }
    load(m, { at: request.at, play: true });
  }, [request?.seq, media]);

  // The session is left: nothing plays on behind another page, and no row stays lit.
  useEffect(() => () => setPlayhead(null), [sessionId]);

  const report = () => {
    const v = ref.current;
    if (!v || !loaded) return;
    setTime(v.currentTime);
    setPlayhead({ kind: loaded.kind, interviewId: loaded.interviewId, time: v.currentTime });
  };

  const onMetadata = () => {
    const v = ref.current;
    if (!v || !loaded) return;
    setDuration(Number.isFinite(v.duration) ? v.duration : null);
    setHasPicture(v.videoWidth > 0);
    v.playbackRate = speed;
    const want = pending.current;
    pending.current = null;
    if (want) {
      v.currentTime = want.at;
      if (want.play) void v.play().catch(() => {});
    }
    report();
    // A video file whose picture Chromium cannot decode plays its sound over nothing: say why instead.
    if (v.videoWidth === 0 && /\.(mp4|m4v|mov|webm)$/i.test(loaded.resolvedPath)) {
      void probeMedia(loaded.resolvedPath)
        .then((probe) => {
          if (probe.tracks.some((t) => t.kind === 'video' && t.plays === false)) setProblem(unplayableMessage(probe, 'picture'));
        })
        .catch(() => {});
    }
  };

  const onError = () => {
    const m = loaded;
    if (!m) return;
    setPaused(true);
    void probeMedia(m.resolvedPath)
      .then((probe) => setProblem(unplayableMessage(probe, 'file')))
      .catch((e: unknown) => setProblem(`Dyad cannot play ${m.resolvedPath}: ${messageOf(e)}`));
  };

  const toggle = useCallback(() => {
    const v = ref.current;
    if (!v || !loaded || problem) return;
    if (v.paused) void v.play().catch(() => {});
    else v.pause();
  }, [loaded, problem]);
  const skip = useCallback(
    (by: number) => {
      const v = ref.current;
      if (!v || !loaded) return;
      v.currentTime = Math.max(0, Math.min(Number.isFinite(v.duration) ? v.duration : Infinity, v.currentTime + by));
    },
    [loaded],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = playerActionOf(e);
      if (!action || e.defaultPrevented) return;
      if (keysBelongElsewhere(e) && !(e.target as HTMLElement | null)?.closest?.('.player')) return;
      if (useStore.getState().page !== 'session') return;
      e.preventDefault();
      if (action === 'toggle') toggle();
      else skip(action === 'back' ? -SKIP_SECONDS : SKIP_SECONDS);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle, skip]);

  if (!media || media.length === 0) return null;
  const clock = loaded?.kind === 'interview' ? `${roleOf(detail, loaded.interviewId)} interview time` : 'Session time';
  const what = loaded?.kind === 'interview' ? `${roleOf(detail, loaded.interviewId)} interview` : 'Session recording';
  const keyHelp = PLAYER_KEYS.map((k) => `${k.keys}: ${k.does}`).join('\n');
  return (
    <section className={`player${hasPicture ? ' player--video' : ' player--audio'}`} aria-label="Player" data-source={loaded?.kind ?? ''}>
      <video
        ref={ref}
        className="player__video"
        preload="auto"
        playsInline
        aria-label={what}
        onLoadedMetadata={onMetadata}
        onTimeUpdate={report}
        onSeeked={report}
        onPlay={() => setPaused(false)}
        onPause={() => setPaused(true)}
        onEnded={() => setPaused(true)}
        onError={onError}
      />
      <div className="player__bar">
        <button type="button" className="player__btn player__btn--main" onClick={toggle} disabled={!loaded || !!problem} aria-label={paused ? 'Play' : 'Pause'} title={`${paused ? 'Play' : 'Pause'} (Ctrl+Space)`}>
          {paused ? <PlayIcon size={16} /> : <PauseIcon size={16} />}
        </button>
        <button type="button" className="player__btn" onClick={() => skip(-SKIP_SECONDS)} disabled={!loaded || !!problem} aria-label={`Back ${SKIP_SECONDS} seconds`} title={`Back ${SKIP_SECONDS} s (Alt+←)`}>
          <BackIcon size={15} />
          <span className="player__skip">{SKIP_SECONDS}</span>
        </button>
        <button type="button" className="player__btn" onClick={() => skip(SKIP_SECONDS)} disabled={!loaded || !!problem} aria-label={`Forward ${SKIP_SECONDS} seconds`} title={`Forward ${SKIP_SECONDS} s (Alt+→)`}>
          <ForwardIcon size={15} />
          <span className="player__skip">{SKIP_SECONDS}</span>
        </button>
        <span className="player__time" title={clock} aria-label={clock} role="timer" aria-live="off">
          <span className="player__now" data-seconds={time.toFixed(2)}>
            {formatTime(time)}
          </span>
          {duration !== null ? <span className="player__duration"> / {formatTime(duration)}</span> : null}
        </span>
        <span className="player__what" title={loaded?.resolvedPath}>
          {what}
        </span>
        <label className="player__speed">
          Speed
          <select value={speed} onChange={(e) => {
            const r = Number(e.target.value);
            setSpeed(r);
            if (ref.current) ref.current.playbackRate = r;
          }}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <label className="player__follow" title="Keep the moment or words being played in view">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          Follow
        </label>
        <details className="player__keys" title={keyHelp}>
          <summary>Keys</summary>
          <dl className="player__keylist">
            {PLAYER_KEYS.map((k) => (
              <div key={k.keys}>
                <dt>
                  <kbd>{k.keys}</kbd>
                </dt>
                <dd>{k.does}</dd>
              </div>
            ))}
          </dl>
        </details>
      </div>
      {problem ? (
        <p className="player__problem" role="alert">
          {problem}
        </p>
      ) : null}
      {missing ? <RelinkForm /> : null}
    </section>
  );
}

function roleOf(detail: SessionDetail, interviewId: string | null): string {
  const role = detail.interviews.find((i) => i.id === interviewId)?.role ?? 'other';
  return role === 'client' ? 'Client' : role === 'therapist' ? 'Therapist' : 'Other';
}

/**
 * "Find the recordings": every missing recording of the study is looked for by its file name in the folder the
 * researcher names (and its subfolders), and attached where found, for all sessions at once.
 */
function RelinkForm() {
  const relink = useStore((s) => s.relinkMedia);
  const notify = useStore((s) => s.notify);
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const find = async () => {
    if (!folder.trim()) return;
    setBusy(true);
    setSaid(null);
    try {
      const r = await relink(folder.trim());
      const found = r.relinked.length ? `Found ${plural(r.relinked.length, 'recording')}: ${r.relinked.map((x) => x.label).join(', ')}.` : 'No missing recording is in that folder.';
      const still = r.missing.length ? ` Still missing: ${r.missing.map((x) => x.label).join(', ')}.` : '';
      // Said in the form and in a toast: once the recording is found the player loads it and this form goes.
      setSaid(found + still);
      notify(r.relinked.length ? 'success' : 'info', found + still);
    } catch (e) {
      setSaid(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="player__relink"
      onSubmit={(e) => {
        e.preventDefault();
        void find();
      }}
    >
      <label>
        <span>Folder to search for missing recordings</span>
        <input className="input" value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="e.g. /home/me/Study/Recordings" spellCheck={false} />
      </label>
      <button type="submit" className="btn btn--small" disabled={busy || !folder.trim()}>
        {busy ? 'Searching…' : 'Find recordings'}
      </button>
      {said ? (
        <p className="player__relinked" role="status">
          {said}
        </p>
      ) : null}
    </form>
  );
}

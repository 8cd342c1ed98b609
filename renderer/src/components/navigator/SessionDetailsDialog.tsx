import { useRef, useState } from 'react';
import { useStore } from '../../store';
import { dyadTitle } from '../../util/names';
import { useFocusLater } from '../coding/useFocusLater';
import { DialogFooter } from '../common/DialogFooter';
import { Modal } from '../common/Modal';
import { useDialogAction } from '../common/useDialogAction';
import { SessionInterviews } from './SessionInterviews';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A session's date and recording, and its interviews: for fixing an import that went to the wrong session or
 * role. The date and recording are saved with Save; a role change or a delete happens at once (a delete is
 * undoable, and the dialog says what it took).
 */
export function SessionDetailsDialog({ sessionId, onClose }: { sessionId: string; onClose(): void }) {
  const dyad = useStore((s) => s.tree.find((d) => d.sessions.some((x) => x.id === sessionId)));
  const session = dyad?.sessions.find((x) => x.id === sessionId);
  const found = dyad && session ? { dyad, session } : null;
  const [date, setDate] = useState(found?.session.date ?? '');
  const [recording, setRecording] = useState(found?.session.recordingPath ?? '');
  const [done, setDone] = useState<{ sentence: string; interviewId: string } | null>(null);
  // An Undo that brings the deleted interview back makes the note about deleting it untrue.
  const shownDone = done && !session?.interviews.some((i) => i.id === done.interviewId) ? done.sentence : null;
  const { busy, problem, setProblem, run } = useDialogAction();
  const dateRef = useRef<HTMLInputElement>(null);
  useFocusLater(dateRef);

  // The core keeps dates as text; one typed elsewhere ("spring 2025") is kept unless a calendar day replaces it.
  const stored = found?.session.date ?? '';
  const freeText = stored !== '' && !ISO_DAY.test(stored);
  const [dateTouched, setDateTouched] = useState(false);

  // Named once: the dialog keeps its title when a delete takes the session (and its dyad) away.
  const [title] = useState(() => (found ? `${dyadTitle(found.dyad.name)}, session ${found.session.number}` : 'Session'));
  const save = async () => {
    if (!found) return onClose();
    const nextDate = freeText && !dateTouched ? stored : date.trim() || null;
    const nextRecording = recording.trim() || null;
    if (nextDate === found.session.date && nextRecording === found.session.recordingPath) return onClose();
    if (nextDate && !freeText && !ISO_DAY.test(nextDate)) {
      setProblem('The date is not a whole calendar day; pick one, or clear it.');
      return;
    }
    await run(async () => {
      const s = useStore.getState();
      await s.updateSession({ sessionId, date: nextDate, recordingPath: nextRecording });
      s.notify('success', `Saved the details of ${title}.`);
      onClose();
    });
  };

  return (
    <Modal
      title={`${title}: details`}
      onClose={onClose}
      footer={
        found ? (
          <DialogFooter problem={problem} onCancel={onClose}>
            <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void save()}>
              Save
            </button>
          </DialogFooter>
        ) : (
          // Nothing is left to save or cancel once the session is gone.
          <>
            <span className="modal__footer-msg" />
            <button type="button" className="btn btn--primary" onClick={onClose}>
              Close
            </button>
          </>
        )
      }
    >
      <div className="session-details">
        <p className="session-details__done" role="status" hidden={!shownDone}>
          {shownDone}
        </p>
        {found ? (
          <>
            <form
              className="form form--tight"
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
            >
              <div className="form__row">
                <label className="form__field">
                  <span className="form__label">Date</span>
                  <input
                    ref={dateRef}
                    type="date"
                    className="input session-details__date"
                    value={freeText && !dateTouched ? '' : date}
                    onChange={(e) => {
                      setProblem(null);
                      setDateTouched(true);
                      setDate(e.target.value);
                    }}
                  />
                </label>
                <label className="form__field form__field--grow">
                  <span className="form__label">Recording</span>
                  <input
                    className="input"
                    value={recording}
                    maxLength={4000}
                    placeholder="e.g. D:\Study\recordings\D01_S1.mp4"
                    aria-describedby="session-recording-help"
                    onChange={(e) => {
                      setProblem(null);
                      setRecording(e.target.value);
                    }}
                  />
                </label>
              </div>
              <p id="session-recording-help" className="form__help">
                {freeText && !dateTouched ? <>The date is kept as written (“{stored}”) unless you pick a day. </> : null}
                Where the session's recording is kept on this computer or the study drive. Dyad only notes the path; the recording stays where it is.
              </p>
              <button type="submit" hidden />
            </form>
            <section className="session-details__interviews" aria-labelledby="session-interviews-title">
              <h3 id="session-interviews-title" className="session-details__heading">
                Interviews
              </h3>
              <p className="form__help">A role change or a delete takes effect at once; Save is for the date and recording.</p>
              <SessionInterviews dyad={found.dyad} session={found.session} dyadTitle={dyadTitle(found.dyad.name)} onDone={(sentence, interviewId) => setDone({ sentence, interviewId })} />
            </section>
          </>
        ) : (
          <p className="muted">This session is no longer in the project.</p>
        )}
      </div>
    </Modal>
  );
}

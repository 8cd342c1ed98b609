import { useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import { formatTime } from '../../../../shared/import/time';
import { messageOf } from '../../api/errors';
import { useStore } from '../../store';
import { undoKey } from '../navigator/deleteWords';
import { DialogFooter } from './DialogFooter';
import { Modal } from './Modal';
import { addedSentence, foundSentence } from './markerPatterns';

type Found = Output<'moments.rescan'>;
type Step = { kind: 'offer' } | { kind: 'found'; found: Found } | { kind: 'added'; added: Found };

/**
 * After new marker patterns are saved: the transcripts imported before were read without them, so offer to look
 * there, show what would be added (with examples to check), and add it as one undoable step.
 */
export function MarkerRescan({ onClose }: { onClose(): void }) {
  const [step, setStep] = useState<Step>({ kind: 'offer' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const rescanMoments = useStore((s) => s.rescanMoments);

  const run = async (apply: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      const r = await rescanMoments(apply);
      setStep(apply ? { kind: 'added', added: r } : { kind: 'found', found: r });
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const finished = step.kind === 'added' || (step.kind === 'found' && step.found.moments === 0);
  const action =
    step.kind === 'offer' ? (
      <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void run(false)}>
        {busy ? 'Looking…' : 'Find moments in the imported transcripts'}
      </button>
    ) : step.kind === 'found' && step.found.moments > 0 ? (
      <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void run(true)}>
        {busy ? 'Adding…' : 'Add them'}
      </button>
    ) : null;

  return (
    <Modal
      title="Session-time markers saved"
      onClose={onClose}
      footer={
        <DialogFooter problem={problem} onCancel={onClose} cancelLabel={finished ? 'Close' : 'Not now'} cancelPrimary={finished}>
          {action}
        </DialogFooter>
      }
    >
      <div className="rescan">
        {step.kind === 'offer' ? (
          <p className="rescan__lead">
            Your patterns are saved and will be used for every transcript you import from now on. The transcripts already in the project were read
            without them: Dyad can look for recall moments there too. Nothing is added until you say so.
          </p>
        ) : step.kind === 'found' ? (
          <FoundMoments found={step.found} />
        ) : (
          <p className="rescan__done" role="status">
            {addedSentence(step.added, undoKey)}
          </p>
        )}
      </div>
    </Modal>
  );
}

function FoundMoments({ found }: { found: Found }) {
  if (found.moments === 0) {
    return (
      <p className="rescan__lead" role="status">
        {foundSentence(found)} They will be used for the transcripts you import from now on.
      </p>
    );
  }
  const more = found.moments - found.sample.length;
  return (
    <>
      <p className="rescan__lead" role="status">
        {foundSentence(found)}
      </p>
      <table className="rescan__sample">
        <caption className="visually-hidden">Some of the recall moments found</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Marker</th>
            <th scope="col" className="num">
              Session time
            </th>
          </tr>
        </thead>
        <tbody>
          {found.sample.map((s, i) => (
            <tr key={i}>
              <td className="rescan__file">{s.sourceName}</td>
              <td>
                <code>{s.label}</code>
              </td>
              <td className="num">{formatTime(s.sessionTime)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 ? <p className="form__help">and {more.toLocaleString('en')} more.</p> : null}
      <p className="form__help">
        Adding them is one step: Undo ({undoKey}, or Undo in the toolbar) takes them all away again. Moments already in the transcripts stay as they
        are.
      </p>
    </>
  );
}

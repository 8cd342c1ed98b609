import { useEffect, useRef, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import type { Role } from '../../../../shared/domain/types';
import { ApiError, messageOf } from '../../api/errors';
import type { DyadTree } from '../../model/types';
import { useStore } from '../../store';
import { alsoEmptied, deletedSentence, undoKey, whatGoesWith } from './deleteWords';

type TreeDyad = DyadTree[number];
type TreeSession = TreeDyad['sessions'][number];

const ROLES: readonly { value: Role; label: string }[] = [
  { value: 'client', label: 'Client' },
  { value: 'therapist', label: 'Therapist' },
  { value: 'other', label: 'Other' },
];

interface Confirm {
  interviewId: string;
  usage: Output<'interviews.usage'> | null;
}

/**
 * The session's interviews: file, size, role (changed at once), and deleting one after saying what goes with it.
 * `onDone` gets the sentence that says what a delete did.
 */
export function SessionInterviews({ dyad, session, dyadTitle, onDone }: { dyad: TreeDyad; session: TreeSession; dyadTitle: string; onDone(sentence: string, interviewId: string): void }) {
  const [pendingRole, setPendingRole] = useState<Record<string, Role>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [deleting, setDeleting] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const memos = useStore((s) => s.memos);
  useEffect(() => {
    if (confirm?.usage) keepRef.current?.focus();
  }, [confirm?.usage]);

  const setProblem = (id: string, message: string | null) =>
    setProblems((p) => {
      const { [id]: _, ...rest } = p;
      return message ? { ...rest, [id]: message } : rest;
    });

  const changeRole = async (interviewId: string, role: Role) => {
    setProblem(interviewId, null);
    setPendingRole((p) => ({ ...p, [interviewId]: role }));
    try {
      await useStore.getState().setInterviewRole(interviewId, role);
    } catch (e) {
      const hint = e instanceof ApiError && e.kind === 'conflict' ? ' Set that interview to another role first (“Other” frees it), then change this one.' : '';
      setProblem(interviewId, messageOf(e) + hint);
    } finally {
      setPendingRole(({ [interviewId]: _, ...rest }) => rest);
    }
  };

  const askDelete = async (interviewId: string) => {
    setProblem(interviewId, null);
    setConfirm({ interviewId, usage: null });
    try {
      const usage = await useStore.getState().interviewUsage(interviewId);
      setConfirm((c) => (c?.interviewId === interviewId ? { interviewId, usage } : c));
    } catch (e) {
      setConfirm(null);
      setProblem(interviewId, messageOf(e));
    }
  };

  const remove = async (interviewId: string) => {
    setDeleting(true);
    try {
      const r = await useStore.getState().deleteInterview(interviewId, session.id);
      setConfirm(null);
      onDone(deletedSentence(r, { sessionNumber: session.number, dyadTitle }), interviewId);
    } catch (e) {
      setProblem(interviewId, messageOf(e));
      setConfirm(null);
    } finally {
      setDeleting(false);
    }
  };

  const hasMemo = (kind: 'session' | 'dyad', id: string) => memos.some((m) => m.targetKind === kind && m.targetId === id);
  const lastInSession = session.interviews.length === 1 && !hasMemo('session', session.id);
  const lastInDyad = lastInSession && dyad.sessions.length === 1 && !hasMemo('dyad', dyad.id);

  if (!session.interviews.length) return <p className="muted">This session has no interviews.</p>;
  return (
    <ul className="iv-list">
      {session.interviews.map((iv) => {
        const asking = confirm?.interviewId === iv.id ? confirm : null;
        const problem = problems[iv.id];
        return (
          <li key={iv.id} className="iv-list__item" data-interview-id={iv.id}>
            <div className="iv-list__row">
              <div className="iv-list__file">
                <span className="iv-list__name">{iv.sourceName}</span>
                <span className="iv-list__facts">
                  {iv.wordCount.toLocaleString()} words · {iv.momentCount} recall moment{iv.momentCount === 1 ? '' : 's'}
                </span>
              </div>
              <label className="iv-list__role">
                <span className="visually-hidden">Role of {iv.sourceName}</span>
                <select
                  className={`input iv-list__select iv-list__select--${pendingRole[iv.id] ?? iv.role}`}
                  value={pendingRole[iv.id] ?? iv.role}
                  disabled={iv.id in pendingRole || deleting}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `iv-problem-${iv.id}` : undefined}
                  onChange={(e) => void changeRole(iv.id, e.target.value as Role)}
                >
                  {ROLES.map((r) => (
                    <option key={r.value} value={r.value}>
                      {r.label}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className="btn btn--small btn--danger" disabled={!!asking || deleting} onClick={() => void askDelete(iv.id)}>
                Delete interview…
              </button>
            </div>
            {problem ? (
              <p id={`iv-problem-${iv.id}`} className="iv-list__problem text-error" role="alert">
                {problem}
              </p>
            ) : null}
            {asking ? (
              <div className="confirm-box iv-list__confirm" role="group" aria-label={`Delete ${iv.sourceName}?`}>
                {asking.usage ? (
                  <>
                    <p>
                      <strong>Delete {iv.sourceName}?</strong> {whatGoesWith(asking.usage)} {alsoEmptied({ sessionNumber: session.number, dyadTitle, lastInSession, lastInDyad }) ?? ''}
                    </p>
                    <p className="muted">You can undo this with {undoKey}.</p>
                    <div className="iv-list__confirm-actions">
                      <button ref={keepRef} type="button" className="btn btn--small" disabled={deleting} onClick={() => setConfirm(null)}>
                        Keep it
                      </button>
                      <button type="button" className="btn btn--small btn--danger-solid" disabled={deleting} onClick={() => void remove(iv.id)}>
                        {deleting ? 'Deleting…' : 'Delete interview'}
                      </button>
                    </div>
                  </>
                ) : (
                  <p className="muted">Counting what {iv.sourceName} carries…</p>
                )}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

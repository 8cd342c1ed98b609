import { useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../../util/dates';
import type { Memo } from '../../../../shared/coding/types';
import { messageOf } from '../../api/errors';
import { useStore } from '../../store';
import type { MemoTarget } from '../../store/memosSlice';
import { useFocusLater } from '../coding/useFocusLater';

const DELAY = 700;

interface Props {
  target: MemoTarget;
  memo: Memo | null;
  autoFocus: boolean;
  onCreated(memo: Memo): void;
  onDeleted(): void;
}

type Status = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';

/**
 * One memo: a title and its text, saved as the researcher types (after a short pause, and when the editor
 * closes). A new memo is created with its first words.
 */
export function MemoEditor({ target, memo, autoFocus, onCreated, onDeleted }: Props) {
  const [title, setTitle] = useState(memo?.title ?? '');
  const [text, setText] = useState(memo?.text ?? '');
  const [status, setStatus] = useState<Status>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useRef<string | null>(memo?.id ?? null);
  const latest = useRef({ title, text });
  latest.current = { title, text };
  const saved = useRef({ title: memo?.title ?? '', text: memo?.text ?? '' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  useFocusLater(titleRef, autoFocus);

  const save = async (): Promise<void> => {
    if (inFlight.current) await inFlight.current;
    const { title: t, text: x } = latest.current;
    if (t === saved.current.title && x === saved.current.text) return;
    if (!id.current && !t.trim() && !x.trim()) return;
    setStatus('saving');
    const run = (async () => {
      try {
        const isNew = !id.current;
        const memo = await useStore.getState().saveMemo(id.current, target, t, x);
        if (isNew) {
          id.current = memo.id;
          onCreated(memo);
        }
        saved.current = { title: t, text: x };
        setProblem(null);
        setStatus(latest.current.title === t && latest.current.text === x ? 'saved' : 'dirty');
      } catch (e) {
        setStatus('error');
        setProblem(`Not saved: ${messageOf(e)}`);
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
  };

  const schedule = () => {
    setStatus('dirty');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), DELAY);
  };

  // Whatever is typed is kept when the dialog closes (on unmount only, with the text typed last).
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      void save();
    },
    [],
  );

  const remove = async () => {
    if (timer.current) clearTimeout(timer.current);
    if (!id.current) {
      onDeleted();
      return;
    }
    try {
      await useStore.getState().deleteMemo(id.current);
      saved.current = latest.current;
      id.current = null;
      onDeleted();
      useStore.getState().notify('info', 'Memo deleted. Undo brings it back.');
    } catch (e) {
      setProblem(`Not deleted: ${messageOf(e)}`);
    }
  };

  const statusText = { idle: memo ? `Last changed ${formatDateTime(memo.updatedAt)}` : 'New memo', dirty: 'Editing…', saving: 'Saving…', saved: 'Saved', error: '' }[status];
  return (
    <div className="memo-ed" data-memo-id={id.current ?? undefined}>
      <input
        className="input memo-ed__title"
        aria-label="Memo title"
        placeholder="Title"
        value={title}
        maxLength={500}
        ref={titleRef}
        onChange={(e) => {
          setTitle(e.target.value);
          schedule();
        }}
        onBlur={() => void save()}
      />
      <textarea
        className="input memo-ed__text"
        aria-label="Memo text"
        placeholder="What you notice, wonder about, decide…"
        value={text}
        rows={7}
        onChange={(e) => {
          setText(e.target.value);
          schedule();
        }}
        onBlur={() => void save()}
      />
      <div className="memo-ed__bar">
        <span className={`memo-ed__status${status === 'error' ? ' text-error' : ''}`} role="status" aria-live="polite">
          {problem ?? statusText}
          {memo?.coderName ? ` · ${memo.coderName}` : ''}
        </span>
        <button type="button" className="btn btn--small btn--quiet" onClick={() => void remove()}>
          Delete memo
        </button>
      </div>
    </div>
  );
}

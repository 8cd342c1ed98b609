import { useEffect, useLayoutEffect, useState } from 'react';
import { formatDateTime } from '../../util/dates';
import { useStore } from '../../store';
import { CloseIcon } from '../common/Icons';
import { NoteIcon, TrashIcon } from './icons';
import { pathLabel } from './model/codeList';
import { quote } from './targets';

/** The selected coding's details beside its stripe: code, coder, when, memo, remove. */
export function CodingPopover() {
  const id = useStore((s) => s.selectedCodingId);
  const page = useStore((s) => s.page);
  if (!id || page !== 'session') return null;
  return <PopoverBody id={id} />;
}

function PopoverBody({ id }: { id: string }) {
  const coding = useStore((s) => {
    for (const list of Object.values(s.codingsOf?.byInterview ?? {})) {
      const hit = list.find((c) => c.id === id);
      if (hit) return hit;
    }
    return null;
  });
  const interview = useStore((s) => s.detail?.interviews.find((i) => i.id === coding?.interviewId) ?? null);
  const memoCount = useStore((s) => s.memos.filter((m) => m.targetKind === 'coding' && m.targetId === id).length);
  const select = useStore((s) => s.selectCoding);
  const remove = useStore((s) => s.removeCoding);
  const openMemos = useStore((s) => s.openMemos);
  const [pos, setPos] = useState<{ x: number; y: number; flip: boolean } | null>(null);

  // A click anywhere else lets go of the coding (a stripe's own click chooses another).
  useEffect(() => {
    const down = (e: MouseEvent) => {
      const t = e.target as Element | null;
      if (!t?.closest?.('.coding-pop, .stripe, .modal-backdrop, .toasts')) select(null);
    };
    document.addEventListener('mousedown', down);
    return () => document.removeEventListener('mousedown', down);
  }, [select]);

  useLayoutEffect(() => {
    const place = () => {
      const stripe = document.querySelector(`.stripe[data-coding-id="${CSS.escape(id)}"]`);
      const list = document.querySelector('.rows');
      if (!stripe || !list) {
        setPos(null);
        return;
      }
      const r = stripe.getBoundingClientRect();
      const box = list.getBoundingClientRect();
      const top = Math.max(box.top + 4, Math.min(r.top, box.bottom - 190));
      const flip = r.right + 350 > window.innerWidth;
      setPos({ x: flip ? r.left - 338 : r.right + 8, y: top, flip });
    };
    place();
    const list = document.querySelector('.rows');
    list?.addEventListener('scroll', place, { passive: true });
    window.addEventListener('resize', place);
    return () => {
      list?.removeEventListener('scroll', place);
      window.removeEventListener('resize', place);
    };
  }, [id, coding]);

  if (!coding || !pos) return null;
  const when = new Date(coding.createdAt);
  const excerpt = interview ? interview.text.slice(coding.start, coding.end) : '';
  return (
    <div className="coding-pop" role="dialog" aria-label={`Coding ${coding.codePath}`} style={{ left: pos.x, top: pos.y }}>
      <div className="coding-pop__head">
        <span className="swatch" style={{ background: coding.color }} aria-hidden />
        <strong className="coding-pop__code">{pathLabel(coding.codePath)}</strong>
        <button type="button" className="icon-btn" aria-label="Close" onClick={() => select(null)}>
          <CloseIcon />
        </button>
      </div>
      <div className="coding-pop__meta">
        Coded by <strong>{coding.coderName}</strong> · {formatDateTime(when)}
        {interview ? ` · ${interview.role}` : ''}
      </div>
      {excerpt ? <blockquote className="coding-pop__text">{quote(excerpt, 220)}</blockquote> : null}
      <div className="coding-pop__actions">
        <button
          type="button"
          className="btn btn--small"
          onClick={() => openMemos({ kind: 'coding', id: coding.id, label: `Coding “${coding.codeName}” by ${coding.coderName}` })}
        >
          <NoteIcon size={13} /> {memoCount ? `Memos (${memoCount})` : 'Write memo'}
        </button>
        <button type="button" className="btn btn--small btn--danger" onClick={() => remove(coding.id)}>
          <TrashIcon size={13} /> Remove coding
        </button>
        <span className="coding-pop__key">
          <kbd>Del</kbd>
        </span>
      </div>
    </div>
  );
}

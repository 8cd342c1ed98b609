import type { MemoTargetKind } from '../../../../shared/coding/types';
import { useStore } from '../../store';
import { NoteIcon } from '../coding/icons';

interface Props {
  kind: MemoTargetKind;
  id: string | null;
  /** What the memo is on, in words ("Dyad 1, session 1"). */
  label: string;
  className?: string;
  /** Show the word "Memo" beside the icon. */
  text?: boolean;
}

/** Opens the memos on a target; shows how many there are. */
export function MemoButton({ kind, id, label, className = 'memo-btn', text = true }: Props) {
  const count = useStore((s) => s.memos.filter((m) => m.targetKind === kind && m.targetId === id).length);
  const open = useStore((s) => s.openMemos);
  const name = count ? `Memos on ${label} (${count})` : `Write a memo on ${label}`;
  return (
    <button
      type="button"
      className={`${className}${count ? ' has-memos' : ''}`}
      aria-label={name}
      title={name}
      onClick={(e) => {
        e.stopPropagation();
        open({ kind, id, label });
      }}
    >
      <NoteIcon size={13} />
      {text ? <span>{count ? `Memo${count > 1 ? 's' : ''} ${count}` : 'Memo'}</span> : count ? <span className="memo-btn__count">{count}</span> : null}
    </button>
  );
}

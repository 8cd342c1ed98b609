import { useEffect, useRef, useState } from 'react';
import type { CodeNode } from '../../../../shared/coding/types';
import { messageOf } from '../../api/errors';
import { useStore } from '../../store';
import { ChevronIcon } from '../common/Icons';
import { MoreIcon, TagIcon } from '../coding/icons';
import { Menu, MenuItems } from '../coding/Menu';
import { spanTarget } from '../coding/targets';
import { MemoButton } from '../memos/MemoButton';
import { CODE_MIME, zoneAt, type DropZone } from './dnd';

export type CodeAction = 'edit' | 'sub' | 'merge' | 'split' | 'delete' | 'up' | 'down' | 'top';

interface Props {
  code: CodeNode;
  depth: number;
  open: boolean;
  onToggle(): void;
  onAction(action: CodeAction, code: CodeNode): void;
  /** The drop hint shown on this row while a code is dragged over it. */
  drop: DropZone | null;
  onDragOverZone(zone: DropZone | null): void;
  onDropZone(draggedId: string, zone: DropZone): void;
  canMoveUp: boolean;
  canMoveDown: boolean;
  /** The row that takes Tab when no code is focused (the first). */
  tabStop: boolean;
}

/** One code in the codebook: swatch, name (double-click renames), counts, shortcut, memo, and its actions. */
export function CodeRow({ code, depth, open, onToggle, onAction, drop, onDragOverZone, onDropZone, canMoveUp, canMoveDown, tabStop }: Props) {
  const focused = useStore((s) => s.focusCodeId === code.id);
  const focus = useStore((s) => s.focusCode);
  const hasSelection = useStore((s) => s.selection !== null);
  const [renaming, setRenaming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const row = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focused) return;
    row.current?.scrollIntoView({ block: 'nearest' });
    if (row.current?.closest('.codebook')?.contains(document.activeElement)) row.current.focus({ preventScroll: true });
  }, [focused]);

  // While the view shows only the current coder's codings, so does the count.
  const ownCounts = useStore((s) => s.ownCounts);
  const counted = ownCounts?.byCode[code.id] ?? { own: code.codingCount, total: code.totalCodingCount };
  const total = counted.total;
  const by = ownCounts ? ` by ${ownCounts.coder.name}` : ' by all coders';
  const codingsWord = (n: number) => `${n} coding${n === 1 ? '' : 's'}`;
  const countTitle = code.children.length ? `${codingsWord(counted.own)}${by} of this code, ${total} with its sub-codes` : `${codingsWord(counted.own)}${by}`;
  return (
    <div
      ref={row}
      className={`code-row${focused ? ' is-focused' : ''}${drop ? ` drop-${drop}` : ''}`}
      style={{ paddingLeft: 6 + depth * 16 }}
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={code.children.length ? open : undefined}
      aria-selected={focused}
      aria-label={code.name}
      aria-describedby={`code-row-about-${code.id}`}
      data-code-id={code.id}
      draggable={!renaming}
      tabIndex={focused || tabStop ? 0 : -1}
      onClick={() => focus(code.id)}
      onFocus={(e) => e.target === e.currentTarget && !focused && focus(code.id)}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          // The tree's rows in reading order, one Tab stop: arrows move between them.
          e.preventDefault();
          const rows = [...(e.currentTarget.closest('[role="tree"]')?.querySelectorAll<HTMLElement>('.code-row') ?? [])];
          rows[rows.indexOf(e.currentTarget) + (e.key === 'ArrowDown' ? 1 : -1)]?.focus();
        } else if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && code.children.length && open !== (e.key === 'ArrowRight')) {
          e.preventDefault();
          onToggle();
        } else if (e.key === 'F2') {
          e.preventDefault();
          setRenaming(true);
        } else if (e.key === 'Enter') {
          e.preventDefault();
          onAction('edit', code);
        }
      }}
      onDragStart={(e) => {
        e.dataTransfer.setData(CODE_MIME, code.id);
        e.dataTransfer.setData('text/plain', code.name);
        e.dataTransfer.effectAllowed = 'copyMove';
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(CODE_MIME)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        const r = e.currentTarget.getBoundingClientRect();
        onDragOverZone(zoneAt(e.clientY - r.top, r.height));
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onDragOverZone(null);
      }}
      onDrop={(e) => {
        const id = e.dataTransfer.getData(CODE_MIME);
        const r = e.currentTarget.getBoundingClientRect();
        e.preventDefault();
        e.stopPropagation();
        onDragOverZone(null);
        if (id && id !== code.id) onDropZone(id, zoneAt(e.clientY - r.top, r.height));
      }}
    >
      {code.children.length ? (
        <button
          type="button"
          className="code-row__chev"
          aria-label={open ? `Fold ${code.name}` : `Unfold ${code.name}`}
          onClick={(e) => {
            e.stopPropagation();
            onToggle();
          }}
        >
          <ChevronIcon open={open} size={11} />
        </button>
      ) : (
        <span className="code-row__chev" />
      )}
      <button
        type="button"
        className="swatch swatch--btn"
        style={{ background: code.color }}
        aria-label={`Colour and details of ${code.name}`}
        title="Edit code"
        onClick={(e) => {
          e.stopPropagation();
          onAction('edit', code);
        }}
      />
      {renaming ? (
        <RenameInput
          code={code}
          onDone={(p) => {
            setRenaming(false);
            setProblem(p);
          }}
        />
      ) : (
        <span className="code-row__name" title={code.definition || code.name} onDoubleClick={() => setRenaming(true)}>
          {code.name}
        </span>
      )}
      {hasSelection ? (
        <button
          type="button"
          className="code-row__apply"
          title={`Code the selected passage as “${code.name}”`}
          aria-label={`Code the selected passage as ${code.name}`}
          onClick={(e) => {
            e.stopPropagation();
            const s = useStore.getState();
            if (s.selection) s.applyCode(code.id, spanTarget(s.selection).target);
          }}
        >
          <TagIcon size={12} />
        </button>
      ) : null}
      {/* The count (a pill with a stripe) and the key (a key cap) are kept apart by the memo button: two numbers
          side by side read as one. */}
      {/* Read after the name as its description; the count and key themselves are for the eye (a name that
          leaves out text shown in the row confuses speech input). */}
      <span id={`code-row-about-${code.id}`} className="visually-hidden" aria-hidden="true">
        {countTitle}
        {code.shortcut ? `; key ${code.shortcut}` : ''}
      </span>
      {/* The count and the key are drawn from data-n by CSS, not written as text: the row's accessible name is the
          code's name, and speech input ("click Repair") and axe's label-in-name rule then find no visible word
          missing from it. The words themselves are in the description above. */}
      <span className="code-row__count" title={countTitle} aria-label={countTitle} aria-hidden="true" data-n={open || !code.children.length ? counted.own : total}>
        <i className="code-row__count-bar" style={{ background: code.color }} aria-hidden="true" />
      </span>
      <MemoButton kind="code" id={code.id} label={`code “${code.name}”`} className="memo-btn memo-btn--icon" text={false} />
      {code.shortcut ? (
        <kbd className="code-row__key" aria-label={`Key ${code.shortcut}`} aria-hidden="true" data-n={code.shortcut} title={`Press ${code.shortcut} to code a selected passage as “${code.name}”`} />
      ) : (
        <span className="code-row__key code-row__key--none" />
      )}
      <Menu buttonClass="icon-btn code-row__more" buttonLabel={`Actions for ${code.name}`} button={<MoreIcon />} align="right">
        {(close) => (
          <MenuItems
            close={close}
            items={[
              { id: 'edit', label: 'Edit…' },
              { id: 'rename', label: 'Rename' },
              { id: 'sub', label: 'Add sub-code…' },
              { id: 'memo', label: 'Memo…' },
              { id: 'merge', label: 'Merge into…' },
              { id: 'split', label: 'Split…' },
              { id: 'up', label: 'Move up', disabled: !canMoveUp },
              { id: 'down', label: 'Move down', disabled: !canMoveDown },
              { id: 'top', label: 'Move to top level', disabled: !code.parentId },
              { id: 'delete', label: 'Delete…', danger: true },
            ]}
            onChoose={(a) => {
              if (a === 'rename') setRenaming(true);
              else if (a === 'memo') useStore.getState().openMemos({ kind: 'code', id: code.id, label: `code “${code.name}”` });
              else onAction(a, code);
            }}
          />
        )}
      </Menu>
      {problem ? (
        <div className="code-row__problem text-error" role="alert">
          {problem}
        </div>
      ) : null}
    </div>
  );
}

function RenameInput({ code, onDone }: { code: CodeNode; onDone(problem: string | null): void }) {
  const [name, setName] = useState(code.name);
  const input = useRef<HTMLInputElement>(null);
  const settled = useRef(false);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const commit = async () => {
    if (settled.current) return;
    settled.current = true;
    const next = name.trim();
    if (!next || next === code.name) {
      onDone(null);
      return;
    }
    try {
      await useStore.getState().updateCode({ codeId: code.id, name: next });
      onDone(null);
    } catch (e) {
      onDone(messageOf(e));
    }
  };
  return (
    <input
      ref={input}
      className="input input--small code-row__rename"
      aria-label={`New name for ${code.name}`}
      value={name}
      maxLength={200}
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => setName(e.target.value)}
      onBlur={() => void commit()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') {
          e.preventDefault();
          void commit();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          settled.current = true;
          onDone(null);
        }
      }}
    />
  );
}

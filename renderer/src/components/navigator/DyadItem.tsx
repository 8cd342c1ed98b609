import { useMemo } from 'react';
import { useStore } from '../../store';
import { roleTitle } from '../../util/names';
import { ChevronIcon } from '../common/Icons';
import { PencilIcon } from '../coding/icons';
import { MemoButton } from '../memos/MemoButton';
import { dyadRow, type SessionRow } from '../../model/navigatorRows';
import { useRowMenu } from './RowMenu';
import { plural } from '../../util/plural';

export interface StructureActions {
  editDyad(dyadId: string): void;
  sessionDetails(sessionId: string): void;
}

export function DyadItem({ dyadId, actions }: { dyadId: string; actions: StructureActions }) {
  const dyad = useStore((s) => s.tree.find((d) => d.id === dyadId));
  const open = useStore((s) => !!s.expandedDyads[dyadId]);
  const toggle = useStore((s) => s.toggleDyad);
  // What the row says, shared with the first screen drawn before React (firstScreen/draw.ts).
  const row = useMemo(() => (dyad ? dyadRow(dyad) : null), [dyad]);
  const title = row?.title ?? '';
  const menu = useRowMenu(
    [
      { id: 'edit', label: 'Edit dyad…' },
      { id: 'memo', label: 'Memos…' },
      { id: 'fold', label: open ? 'Fold' : 'Unfold' },
    ] as const,
    (a) => {
      if (a === 'edit') actions.editDyad(dyadId);
      else if (a === 'memo') useStore.getState().openMemos({ kind: 'dyad', id: dyadId, label: title });
      else toggle(dyadId);
    },
    `Actions for ${title}`,
  );
  if (!row) return null;
  return (
    <li className="tree__dyad" data-dyad-name={row.name}>
      <div className="tree__dyad-head" onContextMenu={menu.open}>
        <button
          type="button"
          className="tree__dyad-btn"
          aria-expanded={open}
          title={row.hover}
          onClick={() => toggle(dyadId)}
        >
          <ChevronIcon open={open} size={12} />
          {/* Read as "Dyad 1, 2 sessions", not "Dyad 12 sessions": the comma is drawn invisible (app.css). */}
          <span className="tree__dyad-name">{title}</span>
          <span className="tree__meta">{row.sessionCount}</span>
        </button>
        <button type="button" className="icon-btn tree__edit" aria-label={`Edit ${title}…`} title="Edit dyad… (name and attributes)" onClick={() => actions.editDyad(dyadId)}>
          <PencilIcon size={13} />
        </button>
      </div>
      {menu.menu}
      {open ? (
        <div className="tree__body">
          {row.attributes.length ? (
            <dl className="attrs">
              {row.attributes.map(([k, v]) => (
                <div key={k} className="attrs__row">
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          <MemoButton kind="dyad" id={row.id} label={title} className="memo-btn tree__memo" />
          <ul className="tree__sessions">
            {row.sessions.map((s) => (
              <SessionItem key={s.id} session={s} onDetails={actions.sessionDetails} />
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}

function SessionItem({ session, onDetails }: { session: SessionRow; onDetails(sessionId: string): void }) {
  const selected = useStore((s) => s.sessionId === session.id);
  const openSession = useStore((s) => s.openSession);
  const { where } = session;
  const menu = useRowMenu(
    [
      { id: 'open', label: 'Open side by side' },
      { id: 'details', label: 'Session details…' },
    ] as const,
    (a) => (a === 'open' ? void openSession(session.id) : onDetails(session.id)),
    `Actions for ${where}`,
  );
  return (
    <li className="tree__session-item" onContextMenu={menu.open}>
      <button
        type="button"
        className={`tree__session${selected ? ' is-selected' : ''}`}
        aria-current={selected ? 'page' : undefined}
        data-session-id={session.id}
        onClick={() => void openSession(session.id)}
      >
        <span className="tree__session-title">
          <span className="tree__session-num">Session {session.number}</span>
          {session.date ? <span className="tree__date">{session.date}</span> : null}
        </span>
        <span className="tree__badges">
          {session.badges.map(({ role, interview: iv }) => (
            <span
              key={role}
              className={`iv-badge iv-badge--${role}${iv ? '' : ' is-missing'}`}
              // Written when pointed at, not with the list: a word count (10,000) needs the locale's number
              // formatting, whose first use costs more than the rest of the navigator's first screen (util/plural.ts).
              onPointerEnter={(e) => (e.currentTarget.title = iv ? `${roleTitle(role)} interview: ${iv.sourceName} (${plural(iv.wordCount, 'word')}, ${plural(iv.momentCount, 'recall moment')})` : `No ${role} interview yet`)}
            >
              {role} {iv ? '✓' : '–'}
            </span>
          ))}
        </span>
      </button>
      <button type="button" className="icon-btn tree__edit tree__edit--session" aria-label={`Session details of ${where}…`} title="Session details… (date, recording, interviews)" onClick={() => onDetails(session.id)}>
        <PencilIcon size={13} />
      </button>
      {menu.menu}
    </li>
  );
}

import { useStore } from '../../store';
import { dyadTitle, roleTitle } from '../../util/names';
import { ChevronIcon } from '../common/Icons';
import { MemoButton } from '../memos/MemoButton';
import type { DyadTree } from '../../model/types';

type TreeSession = DyadTree[number]['sessions'][number];

export function DyadItem({ dyadId }: { dyadId: string }) {
  const dyad = useStore((s) => s.tree.find((d) => d.id === dyadId));
  const open = useStore((s) => !!s.expandedDyads[dyadId]);
  const toggle = useStore((s) => s.toggleDyad);
  if (!dyad) return null;
  const attrs = Object.entries(dyad.attributes);
  const hover = attrs.map(([k, v]) => `${k}: ${v}`).join('\n');
  return (
    <li className="tree__dyad" data-dyad-name={dyad.name}>
      <button
        type="button"
        className="tree__dyad-btn"
        aria-expanded={open}
        title={hover || undefined}
        onClick={() => toggle(dyadId)}
      >
        <ChevronIcon open={open} size={12} />
        <span className="tree__dyad-name">{dyadTitle(dyad.name)}</span>
        <span className="tree__meta">{dyad.sessions.length === 1 ? '1 session' : `${dyad.sessions.length} sessions`}</span>
      </button>
      {open ? (
        <div className="tree__body">
          {attrs.length ? (
            <dl className="attrs">
              {attrs.map(([k, v]) => (
                <div key={k} className="attrs__row">
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          <MemoButton kind="dyad" id={dyad.id} label={dyadTitle(dyad.name)} className="memo-btn tree__memo" />
          <ul className="tree__sessions">
            {dyad.sessions.map((s) => (
              <SessionItem key={s.id} session={s} />
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}

function SessionItem({ session }: { session: TreeSession }) {
  const selected = useStore((s) => s.sessionId === session.id);
  const openSession = useStore((s) => s.openSession);
  const has = (role: 'client' | 'therapist') => session.interviews.find((i) => i.role === role);
  return (
    <li>
      <button
        type="button"
        className={`tree__session${selected ? ' is-selected' : ''}`}
        aria-current={selected ? 'page' : undefined}
        data-session-id={session.id}
        onClick={() => void openSession(session.id)}
      >
        <span className="tree__session-title">
          Session {session.number}
          {session.date ? <span className="tree__date">{session.date}</span> : null}
        </span>
        <span className="tree__badges">
          {(['client', 'therapist'] as const).map((role) => {
            const iv = has(role);
            return (
              <span
                key={role}
                className={`iv-badge iv-badge--${role}${iv ? '' : ' is-missing'}`}
                title={iv ? `${roleTitle(role)} interview: ${iv.sourceName} (${iv.wordCount.toLocaleString()} words, ${iv.momentCount} recall moments)` : `No ${role} interview yet`}
              >
                {role} {iv ? '✓' : '–'}
              </span>
            );
          })}
        </span>
      </button>
    </li>
  );
}

import { useMemo } from 'react';
import { useStore } from '../../store';
import { toggle } from './format';
import { attributeValues, scopeSummary, type Scope } from './scope';

const ROLES = [
  { id: 'client', label: 'Client' },
  { id: 'therapist', label: 'Therapist' },
] as const;
const SPEAKER_ROLES = [
  { id: 'participant', label: 'Participant (the one recalling)' },
  { id: 'interviewer', label: 'Interviewer' },
] as const;

interface Props {
  value: Scope;
  onChange(scope: Scope): void;
  roles?: boolean;
  speakerRoles?: boolean;
  coders?: boolean;
  /** Folded by default; the summary line says what is chosen. */
  open?: boolean;
  label?: string;
}

function Chip({ on, label, onToggle, title }: { on: boolean; label: string; onToggle(): void; title?: string }) {
  return (
    <label className={`chip${on ? ' is-on' : ''}`} title={title}>
      <input type="checkbox" className="chip__box" checked={on} onChange={onToggle} />
      {label}
    </label>
  );
}

/** Dyads, sessions, interview roles, speaker roles, coders and dyad attributes: nothing chosen means all. */
export function ScopeFilters({ value, onChange, roles, speakerRoles, coders, open, label = 'Filters' }: Props) {
  const tree = useStore((s) => s.tree);
  const coderList = useStore((s) => s.coders);
  const numbers = useMemo(() => [...new Set(tree.flatMap((d) => d.sessions.map((s) => s.number)))].sort((a, b) => a - b), [tree]);
  const attrs = useMemo(() => attributeValues(tree), [tree]);
  const set = (patch: Partial<Scope>) => onChange({ ...value, ...patch });

  return (
    <details className="an-scope" open={open}>
      <summary>
        <span className="an-scope__label">{label}:</span> {scopeSummary(value, { roles, coders, speakerRoles })}
      </summary>
      <div className="an-scope__body">
        <fieldset className="an-group">
          <legend>Dyads</legend>
          <div className="chips">
            {tree.map((d) => (
              <Chip key={d.id} on={value.dyadIds.includes(d.id)} label={`Dyad ${d.name}`} onToggle={() => set({ dyadIds: toggle(value.dyadIds, d.id) })} />
            ))}
          </div>
        </fieldset>
        <fieldset className="an-group">
          <legend>Sessions</legend>
          <div className="chips">
            {numbers.map((n) => (
              <Chip key={n} on={value.sessionNumbers.includes(n)} label={`Session ${n}`} onToggle={() => set({ sessionNumbers: toggle(value.sessionNumbers, n) })} />
            ))}
          </div>
        </fieldset>
        {roles ? (
          <fieldset className="an-group">
            <legend>Interviews</legend>
            <div className="chips">
              {ROLES.map((r) => (
                <Chip key={r.id} on={value.roles.includes(r.id)} label={r.label} onToggle={() => set({ roles: toggle(value.roles, r.id) })} />
              ))}
            </div>
          </fieldset>
        ) : null}
        {speakerRoles ? (
          <fieldset className="an-group">
            <legend>Speakers</legend>
            <div className="chips">
              {SPEAKER_ROLES.map((r) => (
                <Chip key={r.id} on={value.speakerRoles.includes(r.id)} label={r.label} onToggle={() => set({ speakerRoles: toggle(value.speakerRoles, r.id) })} />
              ))}
            </div>
          </fieldset>
        ) : null}
        {coders && coderList.length > 0 ? (
          <fieldset className="an-group">
            <legend>Coders</legend>
            <div className="chips">
              {coderList.map((c) => (
                <Chip key={c.id} on={value.coderIds.includes(c.id)} label={c.name} onToggle={() => set({ coderIds: toggle(value.coderIds, c.id) })} />
              ))}
            </div>
          </fieldset>
        ) : null}
        {attrs.map(([key, values]) => (
          <fieldset key={key} className="an-group">
            <legend>{key}</legend>
            <div className="chips">
              {values.map((v) => {
                const chosen = value.attributes[key] ?? [];
                return <Chip key={v} on={chosen.includes(v)} label={v} onToggle={() => set({ attributes: { ...value.attributes, [key]: toggle(chosen, v) } })} />;
              })}
            </div>
          </fieldset>
        ))}
        <p className="an-muted">Nothing chosen in a group means all of it.</p>
      </div>
    </details>
  );
}

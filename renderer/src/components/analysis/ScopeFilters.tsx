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

/** One group of chips, each toggling its id in or out of `chosen`. */
function ChipGroup<T extends string | number>({ legend, options, chosen, onChange }: { legend: string; options: readonly { id: T; label: string }[]; chosen: readonly T[]; onChange(next: T[]): void }) {
  return (
    <fieldset className="an-group">
      <legend>{legend}</legend>
      <div className="chips">
        {options.map((o) => (
          <Chip key={o.id} on={chosen.includes(o.id)} label={o.label} onToggle={() => onChange(toggle(chosen, o.id))} />
        ))}
      </div>
    </fieldset>
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
        <ChipGroup legend="Dyads" options={tree.map((d) => ({ id: d.id, label: `Dyad ${d.name}` }))} chosen={value.dyadIds} onChange={(dyadIds) => set({ dyadIds })} />
        <ChipGroup legend="Sessions" options={numbers.map((n) => ({ id: n, label: `Session ${n}` }))} chosen={value.sessionNumbers} onChange={(sessionNumbers) => set({ sessionNumbers })} />
        {roles ? <ChipGroup legend="Interviews" options={ROLES} chosen={value.roles} onChange={(r) => set({ roles: r })} /> : null}
        {speakerRoles ? <ChipGroup legend="Speakers" options={SPEAKER_ROLES} chosen={value.speakerRoles} onChange={(r) => set({ speakerRoles: r })} /> : null}
        {coders && coderList.length > 0 ? (
          <ChipGroup legend="Coders" options={coderList.map((c) => ({ id: c.id, label: c.name }))} chosen={value.coderIds} onChange={(coderIds) => set({ coderIds })} />
        ) : null}
        {attrs.map(([key, values]) => (
          <ChipGroup
            key={key}
            legend={key}
            options={values.map((v) => ({ id: v, label: v }))}
            chosen={value.attributes[key] ?? []}
            onChange={(chosen) => set({ attributes: { ...value.attributes, [key]: chosen } })}
          />
        ))}
        <p className="an-muted">Nothing chosen in a group means all of it.</p>
      </div>
    </details>
  );
}

import { useMemo, useState } from 'react';
import { useStore } from '../../store';
import type { AgreementQuery } from '../../store/teamSlice';
import { flattenCodes } from '../coding/model/codeList';

const UNITS: { id: AgreementQuery['unit']; label: string; help: string }[] = [
  { id: 'char', label: 'Character', help: 'Every character of the text is a unit: the strictest measure, sensitive to where a coding starts and ends' },
  { id: 'turn', label: 'Speaker turn', help: 'A turn counts as coded when a coder coded any part of it' },
  { id: 'moment', label: 'Recall moment', help: 'A recall moment (marker to marker) counts as coded when a coder coded any part of it' },
];
const ROLES = [
  { id: 'client', label: 'Client interviews' },
  { id: 'therapist', label: 'Therapist interviews' },
] as const;

const toggle = <T,>(list: T[], v: T): T[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

/** Who is compared, by what unit, over which part of the study and which codes. */
export function AgreementForm({ initial, busy, onRun }: { initial: AgreementQuery | null; busy: boolean; onRun(q: AgreementQuery): void }) {
  const coders = useStore((s) => s.coders);
  const tree = useStore((s) => s.tree);
  const codebooks = useStore((s) => s.codebooks);
  const [coderIds, setCoderIds] = useState<string[]>(initial?.coders ?? []);
  const [unit, setUnit] = useState<AgreementQuery['unit']>(initial?.unit ?? 'char');
  const [dyadIds, setDyadIds] = useState<string[]>(initial?.dyadIds ?? []);
  const [sessionNumbers, setSessionNumbers] = useState<number[]>([]);
  const [roles, setRoles] = useState<string[]>(initial?.roles ?? []);
  const [codeIds, setCodeIds] = useState<string[]>(initial?.codeIds ?? []);

  const codes = useMemo(() => codebooks.flatMap((b) => flattenCodes(b.codes)), [codebooks]);
  const sessionNumbersAll = useMemo(() => [...new Set(tree.flatMap((d) => d.sessions.map((s) => s.number)))].sort((a, b) => a - b), [tree]);

  function run() {
    const inDyads = tree.filter((d) => dyadIds.length === 0 || dyadIds.includes(d.id));
    const sessionIds = sessionNumbers.length ? inDyads.flatMap((d) => d.sessions.filter((s) => sessionNumbers.includes(s.number)).map((s) => s.id)) : undefined;
    onRun({
      coders: coderIds,
      unit,
      ...(dyadIds.length ? { dyadIds } : {}),
      ...(sessionIds ? { sessionIds } : {}),
      ...(roles.length ? { roles: roles as AgreementQuery['roles'] } : {}),
      ...(codeIds.length ? { codeIds } : {}),
    });
  }

  return (
    <form
      className="team-card agreement-form"
      aria-label="Agreement settings"
      onSubmit={(e) => {
        e.preventDefault();
        run();
      }}
    >
      <fieldset className="agreement-form__group">
        <legend>Coders to compare</legend>
        {coders.length < 2 ? <p className="team-muted">Agreement needs at least two coders. Merge another coder’s copy of the project first.</p> : null}
        <div className="chips">
          {coders.map((c) => (
            <label key={c.id} className={`chip${coderIds.includes(c.id) ? ' is-on' : ''}`}>
              <input type="checkbox" className="chip__box" checked={coderIds.includes(c.id)} onChange={() => setCoderIds(toggle(coderIds, c.id))} />
              {c.name} <span className="chip__n">{c.codingCount}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="agreement-form__group">
        <legend>Unit</legend>
        <div className="chips">
          {UNITS.map((u) => (
            <label key={u.id} className={`chip${unit === u.id ? ' is-on' : ''}`} title={u.help}>
              <input type="radio" className="chip__box" name="agreement-unit" checked={unit === u.id} onChange={() => setUnit(u.id)} />
              {u.label}
            </label>
          ))}
        </div>
      </fieldset>

      <details className="agreement-form__scope">
        <summary>
          Scope:{' '}
          {[
            dyadIds.length ? `${dyadIds.length} dyad${dyadIds.length === 1 ? '' : 's'}` : 'every dyad',
            sessionNumbers.length ? `session ${sessionNumbers.join(', ')}` : 'every session',
            roles.length === 1 ? (roles[0] === 'client' ? 'client interviews' : 'therapist interviews') : 'both interviews',
            codeIds.length ? `${codeIds.length} code${codeIds.length === 1 ? '' : 's'}` : 'every code',
          ].join(' · ')}
        </summary>
        <div className="agreement-form__scope-body">
          <fieldset className="agreement-form__group">
            <legend>Dyads</legend>
            <div className="chips">
              {tree.map((d) => (
                <label key={d.id} className={`chip${dyadIds.includes(d.id) ? ' is-on' : ''}`}>
                  <input type="checkbox" className="chip__box" checked={dyadIds.includes(d.id)} onChange={() => setDyadIds(toggle(dyadIds, d.id))} />
                  Dyad {d.name}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="agreement-form__group">
            <legend>Sessions</legend>
            <div className="chips">
              {sessionNumbersAll.map((n) => (
                <label key={n} className={`chip${sessionNumbers.includes(n) ? ' is-on' : ''}`}>
                  <input type="checkbox" className="chip__box" checked={sessionNumbers.includes(n)} onChange={() => setSessionNumbers(toggle(sessionNumbers, n))} />
                  Session {n}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="agreement-form__group">
            <legend>Interviews</legend>
            <div className="chips">
              {ROLES.map((r) => (
                <label key={r.id} className={`chip${roles.includes(r.id) ? ' is-on' : ''}`}>
                  <input type="checkbox" className="chip__box" checked={roles.includes(r.id)} onChange={() => setRoles(toggle(roles, r.id))} />
                  {r.label}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="agreement-form__group">
            <legend>Codes (none chosen: every code the coders applied)</legend>
            <div className="agreement-form__codes">
              {codes.map(({ code, depth, trail }) => (
                <label key={code.id} className="agreement-form__code" style={{ paddingLeft: depth * 16 }} title={trail.join(' › ')}>
                  <input type="checkbox" checked={codeIds.includes(code.id)} onChange={() => setCodeIds(toggle(codeIds, code.id))} />
                  <span className="swatch" style={{ background: code.color }} aria-hidden="true" />
                  {code.name}
                </label>
              ))}
            </div>
          </fieldset>
          <p className="team-muted">Nothing chosen in a group means all of it.</p>
        </div>
      </details>

      <div className="team-actions team-actions--left">
        <button type="submit" className="btn btn--primary" disabled={coderIds.length < 2 || busy}>
          Compute agreement
        </button>
        {coderIds.length < 2 && coders.length >= 2 ? <span className="team-muted">Choose two or more coders.</span> : null}
      </div>
    </form>
  );
}

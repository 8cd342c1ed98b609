import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import { fieldName, serverTime } from '../../../../shared/labServer/review';
import { useStore } from '../../store';
import { plural } from '../../util/plural';

type Conflict = Output<'team.conflicts'>[number];

/**
 * Changes of the same field of a code by two leads who had not seen each other's, in the merge review's look: each
 * conflict with both values, who made them and when (the server's time), and a choice; the later one is used until a
 * lead chooses. The choice is sent with the next sync, so it reaches everyone.
 */
export function ConflictReview() {
  const lastSync = useStore((s) => s.labLastSync);
  const members = useStore((s) => s.labStatus?.members ?? null);
  const conflicts = useStore((s) => s.labConflicts);
  const [choices, setChoices] = useState<Record<number, 'earlier' | 'later'>>({});
  const [busy, setBusy] = useState<number | null>(null);

  // Asked again after each sync: that is when others' changes, and so new conflicts, arrive.
  useEffect(() => {
    void useStore.getState().refreshLabConflicts();
  }, [lastSync]);

  const who = (login: string) => members?.find((m) => m.role === login)?.coder ?? login;
  const keep = async (c: Conflict) => {
    setBusy(c.id);
    await useStore.getState().resolveLabConflict(c.id, choices[c.id] ?? 'later');
    setBusy(null);
  };

  if (!conflicts?.length) return null;
  return (
    <section className="team-card merge-review" aria-label="Changes to review">
      <h2 className="team-h2">{plural(conflicts.length, 'change')} to review</h2>
      <p className="team-muted">
        Two leads changed the same thing in the codebook without seeing each other’s change. The later one is used for now; choose which stays, and
        everyone receives your choice when you sync.
      </p>
      <ol className="conflicts">
        {conflicts.map((c) => {
          const chosen = choices[c.id] ?? 'later';
          const sides = [
            ['earlier', c.earlier],
            ['later', c.later],
          ] as const;
          return (
            <li key={c.id} className="conflict" data-conflict-id={c.id} data-kind={c.field}>
              <fieldset>
                <legend className="conflict__desc">
                  The {fieldName(c.field)} of {c.code ? <strong>{c.code}</strong> : 'a code deleted since'}
                </legend>
                <div className="conflict__options">
                  {sides.map(([key, s]) => (
                    <label key={key} className="conflict__option">
                      <input type="radio" name={`lab-conflict-${c.id}`} value={key} checked={chosen === key} onChange={() => setChoices((x) => ({ ...x, [c.id]: key }))} />
                      <span>
                        {c.field === 'color' ? <span className="swatch" style={{ background: String(s.value), marginRight: 6 }} aria-hidden="true" /> : null}
                        {s.shown}
                      </span>
                      <span className="team-muted">
                        {' '}
                        by {who(s.author)}, {serverTime(s.at)}
                        {key === 'later' ? ' (used for now)' : ''}
                      </span>
                    </label>
                  ))}
                </div>
                <div className="team-actions">
                  <button type="button" className="btn btn--primary" disabled={busy !== null || !c.code} aria-busy={busy === c.id} onClick={() => void keep(c)}>
                    Keep this one
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

import type { Output } from '../../../../shared/api/contract';
import { MergeCounts } from './MergeCounts';
import { plural } from './format';

type Preview = Output<'merge.preview'>;

interface Props {
  preview: Preview;
  choices: Record<string, string>;
  onChoose(conflictId: string, optionId: string): void;
  onMerge(): void;
  onCancel(): void;
}

/** The previewed merge: counts, warnings and each conflict with the choices the plan offers. */
export function MergeReview({ preview, choices, onChoose, onMerge, onCancel }: Props) {
  const s = preview.summary;
  const warnings = [...preview.fileWarnings, ...s.warnings];
  return (
    <div className="team-card merge-review" aria-label="Merge preview">
      <h2 className="team-h2">
        Merging <span className="team-file">{s.from}</span>
      </h2>
      <p className="team-muted">Nothing has been written yet. Review the changes and answer the conflicts; where you do not choose, the preselected answer is used.</p>
      {s.nothingToDo ? <p className="merge-nothing">Everything in this file is already in the project: there is nothing to merge.</p> : <MergeCounts s={s} done={false} />}

      {s.conflicts.length ? (
        <>
          <h3 className="team-h3">{plural(s.conflicts.length, 'conflict')} to decide</h3>
          <ol className="conflicts">
            {s.conflicts.map((c) => {
              const chosen = choices[c.id] ?? c.defaultOption;
              return (
                <li key={c.id} className="conflict" data-conflict-id={c.id} data-kind={c.kind}>
                  <fieldset>
                    <legend className="conflict__desc">{c.description}</legend>
                    {c.mine !== null || c.theirs !== null ? (
                      <div className="conflict__sides">
                        {c.mine !== null ? (
                          <span>
                            <span className="conflict__side">This project:</span> {c.mine}
                          </span>
                        ) : null}
                        {c.theirs !== null ? (
                          <span>
                            <span className="conflict__side">{s.from}:</span> {c.theirs}
                          </span>
                        ) : null}
                      </div>
                    ) : null}
                    <div className="conflict__options">
                      {c.options.map((o) => (
                        <label key={o.id} className="conflict__option">
                          <input type="radio" name={`conflict-${c.id}`} value={o.id} checked={chosen === o.id} onChange={() => onChoose(c.id, o.id)} />
                          <span>{o.label}</span>
                          {o.id === c.defaultOption ? <span className="team-muted"> (default)</span> : null}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
        </>
      ) : (
        <p className="team-muted">No conflicts: the two projects agree on every code, interview and memo they share.</p>
      )}

      {warnings.length ? (
        <details className="merge-warnings">
          <summary>{plural(warnings.length, 'note')} about this file</summary>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}

      <div className="team-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Choose another file
        </button>
        <button type="button" className="btn btn--primary" onClick={onMerge} disabled={s.nothingToDo}>
          Merge
        </button>
      </div>
    </div>
  );
}

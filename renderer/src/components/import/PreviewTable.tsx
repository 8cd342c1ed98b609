import type { Role, SpeakerRole } from '../../../../shared/domain/types';
import type { PreviewItem } from '../../model/types';
import { useStore } from '../../store';
import { draftProblem } from '../../store/importSlice';
import { formatTime } from '../../util/time';
import { plural } from '../../util/plural';

const ROLES: Role[] = ['client', 'therapist', 'other'];
const SPEAKER_ROLES: SpeakerRole[] = ['interviewer', 'participant', 'unknown'];

export function PreviewTable({ items, disabled }: { items: PreviewItem[]; disabled: boolean }) {
  const ok = items.filter((i) => i.ok).length;
  return (
    <div className="preview">
      <p className="preview__summary">
        {items.length} file{items.length === 1 ? '' : 's'} read{items.length - ok ? `, ${items.length - ok} with problems` : ''}. Check each one before importing.
      </p>
      <table className="preview__table">
        <thead>
          <tr>
            <th scope="col" className="col-include">
              <span className="visually-hidden">Import</span>
            </th>
            <th scope="col">File</th>
            <th scope="col">Dyad</th>
            <th scope="col">Session</th>
            <th scope="col">Role</th>
            <th scope="col">Speakers</th>
            <th scope="col" className="num">
              Turns
            </th>
            <th scope="col" className="num">
              Moments
            </th>
          </tr>
        </thead>
        {items.map((it) => (
          <PreviewRows key={it.index} item={it} disabled={disabled} />
        ))}
      </table>
    </div>
  );
}

function PreviewRows({ item, disabled }: { item: PreviewItem; disabled: boolean }) {
  const draft = useStore((s) => s.drafts[item.index]);
  const update = useStore((s) => s.updateDraft);
  const setSpeakerRole = useStore((s) => s.setSpeakerRole);
  const setSpeakerName = useStore((s) => s.setSpeakerName);
  if (!draft) return null;
  const off = disabled || !item.ok || !draft.include;
  const problem = item.ok && draft.include ? draftProblem(draft) : null;
  const turnCount = item.speakers.reduce((n, s) => n + s.turns, 0);
  const id = `pv-${item.index}`;
  return (
    <tbody className={`preview__file${item.ok ? '' : ' has-error'}`} data-file={item.name}>
      <tr>
        <td className="col-include">
          <input
            type="checkbox"
            aria-label={`Import ${item.name}`}
            checked={item.ok && draft.include}
            disabled={disabled || !item.ok}
            onChange={(e) => update(item.index, { include: e.target.checked })}
          />
        </td>
        <td className="preview__name">
          <div className="preview__filename">{item.name}</div>
          <div className="preview__format">
            {item.format}
            {item.encoding ? ` · ${item.encoding}` : ''}
            {item.ok ? ` · ${item.wordCount.toLocaleString()} words` : ''}
          </div>
        </td>
        <td>
          <input
            className={`input input--dyad${problem && !draft.dyad.trim() ? ' is-invalid' : ''}`}
            aria-label={`Dyad of ${item.name}`}
            value={draft.dyad}
            placeholder="e.g. 4"
            disabled={off}
            onChange={(e) => update(item.index, { dyad: e.target.value })}
          />
        </td>
        <td>
          <input
            className={`input input--session${problem && draftProblem({ ...draft, dyad: 'x' }) ? ' is-invalid' : ''}`}
            aria-label={`Session of ${item.name}`}
            value={draft.session}
            inputMode="numeric"
            placeholder="1"
            disabled={off}
            onChange={(e) => update(item.index, { session: e.target.value })}
          />
        </td>
        <td>
          <select className="input" aria-label={`Role of ${item.name}`} value={draft.role} disabled={off} onChange={(e) => update(item.index, { role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </td>
        <td>
          <div className="speakers">
            {item.speakers.map((s) => (
              <div key={s.label} className="speakers__row">
                {/* The name is editable: a file without labels gives "Speaker", and a label may be an initial. */}
                <input
                  className="input input--small speakers__label"
                  aria-label={`Name for ${s.label}, ${item.name}`}
                  title={`${plural(s.turns, 'turn')}, labelled "${s.label}" in the file`}
                  value={draft.speakerNames[s.label] ?? s.label}
                  disabled={off}
                  onChange={(e) => setSpeakerName(item.index, s.label, e.target.value)}
                />
                <select
                  className="input input--small"
                  aria-label={`Speaker ${s.label} in ${item.name}`}
                  value={draft.speakerRoles[s.label] ?? 'unknown'}
                  disabled={off}
                  onChange={(e) => setSpeakerRole(item.index, s.label, e.target.value as SpeakerRole)}
                >
                  {SPEAKER_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
        </td>
        <td className="num">{item.ok ? turnCount : ''}</td>
        <td className="num">{item.ok ? item.moments.length : ''}</td>
      </tr>
      <tr className="preview__detail-row">
        <td />
        <td colSpan={7}>
          {item.error ? (
            <p className="text-error" role="alert">
              {item.error.includes(item.name) ? item.error : `${item.name}: ${item.error}`}
            </p>
          ) : null}
          {problem ? <p className="text-warn">{item.name}: {problem} (the file name does not say).</p> : null}
          {item.warnings.length ? (
            <ul className="preview__warnings" aria-label={`Warnings for ${item.name}`}>
              {item.warnings.map((w, i) => (
                <li key={i} className="text-warn">
                  {w}
                </li>
              ))}
            </ul>
          ) : null}
          {item.ok ? (
            <details className="preview__details" id={id}>
              <summary>
                First turns{item.moments.length ? ` and the ${item.moments.length} recall moments found` : ' (no session-time markers found)'}
              </summary>
              {item.moments.length ? (
                <div className="preview__moments">
                  {item.moments.map((m, i) => (
                    <span key={i} className="marker-chip" title={m.label}>
                      {formatTime(m.sessionTime)}
                    </span>
                  ))}
                </div>
              ) : null}
              <table className="preview__turns">
                <thead>
                  <tr>
                    <th scope="col">Speaker</th>
                    <th scope="col" className="num">
                      Interview time
                    </th>
                    <th scope="col">Text</th>
                  </tr>
                </thead>
                <tbody>
                  {item.turns.map((t, i) => (
                    <tr key={i}>
                      <td className="preview__speaker">{t.speaker}</td>
                      <td className="num" title={t.timePoints.length > 1 ? `${t.timePoints.length} timed stretches: ${t.timePoints.map(formatTime).join(', ')}` : undefined}>
                        {t.interviewTime !== null ? formatTime(t.interviewTime) : '—'}
                      </td>
                      <td className="preview__text">
                        {t.sessionTimes.map((st, j) => (
                          <span key={j} className="marker-chip">
                            session {formatTime(st)}
                          </span>
                        ))}
                        {t.text.length > 280 ? `${t.text.slice(0, 280)}…` : t.text}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ) : null}
        </td>
      </tr>
    </tbody>
  );
}

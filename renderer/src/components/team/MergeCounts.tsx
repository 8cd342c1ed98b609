import type { Output } from '../../../../shared/api/contract';
import { plural } from './format';

type Summary = Output<'merge.preview'>['summary'];

/** What a merge adds and matches, in a researcher's words; `done` switches the verbs to the past. */
export function MergeCounts({ s, done }: { s: Summary; done: boolean }) {
  const renamed = s.codes.updated.filter((u) => u.fields.includes('name'));
  const otherUpdates = s.codes.updated.filter((u) => !u.fields.includes('name'));
  const add = done ? 'added' : 'to add';
  const rows: { label: string; value: string; detail?: string }[] = [
    {
      label: 'Codes',
      value: `${s.codes.added.length} ${add}`,
      detail: [
        `${s.codes.matchedById + s.codes.matchedByName.length} matched${s.codes.matchedByName.length ? ` (${s.codes.matchedByName.length} by name)` : ''}`,
        renamed.length ? `${renamed.length} renamed` : '',
        otherUpdates.length ? `${otherUpdates.length} with other changes` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    },
    {
      label: 'Codings',
      value: `${s.codings.added} ${add}`,
      detail: [
        `${s.codings.alreadyThere} already here`,
        ...s.codings.byCoder.filter((c) => c.added > 0).map((c) => `${c.added} by ${c.coder}`),
        s.codings.unplaced ? `${s.codings.unplaced} could not be placed` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    },
    {
      label: 'Interviews',
      value: `${s.interviews.added.length} ${add}`,
      detail: [`${s.interviews.matchedById + s.interviews.matchedByText} matched`, s.interviews.skipped.length ? `${s.interviews.skipped.length} left out` : ''].filter(Boolean).join(' · '),
    },
    { label: 'Memos', value: `${s.memos.added} ${add}`, detail: `${s.memos.matched} matched${s.memos.updated ? ` · ${s.memos.updated} updated` : ''}` },
    {
      label: 'Coders',
      value: `${s.coders.added.length} ${add}`,
      detail: [s.coders.added.length ? s.coders.added.join(', ') : '', `${s.coders.matched} matched`].filter(Boolean).join(' · '),
    },
  ];
  if (s.dyads.added.length || s.sessions.added) rows.push({ label: 'Dyads and sessions', value: `${plural(s.dyads.added.length, 'dyad')}, ${plural(s.sessions.added, 'session')} ${add}` });
  const { links } = s;
  if (links.added || links.alreadyThere || links.skipped || s.sessions.recordings) {
    rows.push({
      label: 'Moment links',
      value: `${links.added} ${add}`,
      detail: [
        links.alreadyThere ? `${links.alreadyThere} already here` : '',
        links.skipped ? `${links.skipped} could not be carried (see the notes)` : '',
        s.sessions.recordings ? `${plural(s.sessions.recordings, 'recording path')} ${done ? 'filled in' : 'to fill in'}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    });
  }

  return (
    <dl className="merge-counts">
      {rows.map((r) => (
        <div key={r.label} className="merge-counts__item" data-count={r.label}>
          <dt>{r.label}</dt>
          <dd>
            <strong>{r.value}</strong>
            {r.detail ? <span className="merge-counts__detail">{r.detail}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

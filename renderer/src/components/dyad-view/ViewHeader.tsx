import type { RefObject } from 'react';
import type { Interview } from '../../../../shared/domain/types';
import type { SessionAlignment, SessionDetail } from '../../model/types';
import { dyadTitle } from '../../util/names';
import { MemoButton } from '../memos/MemoButton';
import type { RowModel } from '../../model/rows';
import { FindBox } from './FindBox';
import { MomentJump } from './MomentJump';
import { plural } from '../../util/plural';

interface Props {
  detail: SessionDetail;
  alignment: SessionAlignment;
  findRef: RefObject<HTMLInputElement | null>;
  matchCount: number;
  onStep(direction: 1 | -1): void;
  rows: readonly RowModel[];
  onGoTo(index: number): void;
}

export function ViewHeader({ detail, alignment, findRef, matchCount, onStep, rows: rowModels, onGoTo }: Props) {
  const rows = alignment.rows;
  const count = (m: string) => rows.filter((r) => r.match === m).length;
  const unmatched = rows.filter((r) => r.match === 'none' && r.client?.kind !== 'opening' && r.therapist?.kind !== 'opening').length;
  const facts = [
    detail.session.date,
    `${count('auto')} paired`,
    count('manual') ? `${count('manual')} linked by hand` : null,
    `${unmatched} unmatched`,
    `pairing within ±${alignment.toleranceSeconds} s`,
  ].filter(Boolean);
  return (
    <header className="view-header">
      <div className="view-header__title">
        <h1>
          {dyadTitle(detail.dyad.name)} · Session {detail.session.number}
        </h1>
        <div className="view-header__facts">{facts.join(' · ')}</div>
      </div>
      <MomentJump rows={rowModels} onGoTo={onGoTo} />
      <FindBox ref={findRef} count={matchCount} onStep={onStep} />
    </header>
  );
}

export function ColumnsHeader({ client, therapist }: { client: Interview | null; therapist: Interview | null }) {
  return (
    <div className="columns-head" role="row">
      <div className="columns-head__gutter" role="columnheader">
        Session time
      </div>
      <ColumnHead role="client" interview={client} />
      <ColumnHead role="therapist" interview={therapist} />
    </div>
  );
}

function ColumnHead({ role, interview }: { role: 'client' | 'therapist'; interview: Interview | null }) {
  return (
    <div className={`columns-head__col columns-head__col--${role}`} role="columnheader" data-column={role}>
      <div className="columns-head__top">
        <div className="columns-head__role">{role === 'client' ? 'Client' : 'Therapist'}</div>
        {interview ? <MemoButton kind="interview" id={interview.id} label={`the ${role} interview ${interview.sourceName}`} className="memo-btn memo-btn--head" /> : null}
      </div>
      {interview ? (
        <div className="columns-head__file" title={interview.sourceName}>
          {interview.sourceName}
          <span className="columns-head__meta">
            {' '}
            · {plural(interview.wordCount, 'word')} · {plural(interview.moments.length, 'recall moment')}
          </span>
        </div>
      ) : (
        <div className="columns-head__file is-missing">No {role} interview imported</div>
      )}
    </div>
  );
}

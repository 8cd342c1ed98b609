import { useStore } from '../../store';
import { EMPTY_SCOPE, type Scope } from './scope';

export type Op = '' | 'and-overlap' | 'but-not' | 'same-moment';
export type MomentScope = 'same-side' | 'other-side' | 'either-side';

/** What the Excerpts page asks for; kept in the store so it survives a jump to a passage and back. */
export interface ExcerptsQuery {
  code: string;
  op: Op;
  other: string;
  momentScope: MomentScope;
  includeSubcodes: boolean;
  scope: Scope;
}

export const EMPTY_EXCERPTS_QUERY: ExcerptsQuery = { code: '', op: '', other: '', momentScope: 'same-side', includeSubcodes: false, scope: EMPTY_SCOPE };
export const EXCERPTS_QUERY_KEY = 'excerpts.query';
export const EXCERPTS_RESULT_KEY = 'excerpts.result';
/** Set by another page that sends the researcher here: the Excerpts page runs the query as it opens. */
export const EXCERPTS_AUTORUN_KEY = 'excerpts.autorun';

/** Opens the Excerpts page on a code (from a matrix cell, say) and shows its excerpts at once. */
export function openExcerpts(query: Partial<ExcerptsQuery> & { code: string }): void {
  const s = useStore.getState();
  s.remember(EXCERPTS_QUERY_KEY, { ...EMPTY_EXCERPTS_QUERY, ...query });
  s.remember(EXCERPTS_RESULT_KEY, null);
  s.remember(EXCERPTS_AUTORUN_KEY, true);
  s.setPage('excerpts');
}

import { call } from '../api/client';
import type { DyadTree, ProjectInfo } from '../model/types';

/**
 * The project's first two calls, made by the page's first script before anything else has loaded: the project's
 * name and the navigator's tree, nothing beside them (the core answers one call at a time). The first screen draws
 * from the answers; the store then takes the same answers instead of asking again.
 */
type Answers = Promise<[ProjectInfo, DyadTree]>;

let first: Answers | null = null;
let taken = false;

const ask = (): Answers => Promise.all([call('project.info', {}), call('dyads.navigator', {})]);

export function startFirstCalls(): Answers {
  return (first ??= ask());
}

/** The first answers for the store's first load; asked again afterwards (a second load wants what is new). */
export function takeFirstAnswers(): Answers {
  if (taken) return ask();
  taken = true;
  return startFirstCalls();
}

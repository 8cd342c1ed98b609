/**
 * Ids drawn in order rather than at random, so that a case of the three-replica tests replays: the actions pick
 * codes and codings by their order of id, and the product breaks some ties by id (a short id in a taken name,
 * sub-codes in id order), so random UUIDs made the same case take different paths. A test file mocks node:crypto's
 * randomUUID with `drawnUUID` (no imports here: the mock's factory loads this file while node:crypto is being mocked).
 *
 * Each case draws from its own sequence (`ids.run`, named by its actions and how often they ran in this process), so
 * replaying one case alone draws the same ids; the study made once before the cases is run ''.
 */
export const ids = { run: '', n: 0 };

type Hash = (algorithm: string) => { update(s: string): { digest(encoding: 'hex'): string } };

/** Random-looking still (a short id in a name stays distinct), but the same for the same run and draw. */
export function drawnUUID(createHash: Hash): `${string}-${string}-${string}-${string}-${string}` {
  const h = createHash('sha1').update(`${ids.run}#${++ids.n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Starts a case's own sequence of ids. */
export function drawIdsFor(run: string): void {
  ids.run = run;
  ids.n = 0;
}

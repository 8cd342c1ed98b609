/**
 * How the coding slices' calls keep their order, shared by every slice that writes (codings, codes, undo).
 *
 * Writes go to the core one after another, in the order the researcher made them: an undo typed right after a
 * shortcut undoes that coding, not the one before it. A refresh that started before a write finished may miss
 * that write: it compares `writesDone()` before and after and drops its answer (the write's 'changed' event brings
 * another refresh).
 */
let queue: Promise<unknown> = Promise.resolve();
let writes = 0;

export function enqueue<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

/** Counts a write the core has confirmed. */
export function wrote(): void {
  writes++;
}

export function writesDone(): number {
  return writes;
}

// Calls cut off by a reload or by closing the window are not failures worth a message.
let leaving = false;
if (typeof window !== 'undefined') window.addEventListener('pagehide', () => (leaving = true));

/** True once the page is being left: a failed refresh then says nothing. */
export function isLeaving(): boolean {
  return leaving;
}

/**
 * Runs `f` once the next frame is painted: what starts then is not paid for before what was just drawn shows. A hidden
 * window may never give a frame: then a timer does it.
 */
export function afterPaint(f: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    f();
  };
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, 200);
}

/**
 * Where a coding goes in a push, among this replica's transcript corrections.
 *
 * A coding is sent as it is when pushing (replica.ts), so its offsets are on the interview's text after every
 * correction made here. The others apply the operations in order: a coding sent before one of these corrections is
 * moved again by it, and lands somewhere else than here. Its outbox entry is normally behind them (a correction that
 * moves a coding re-records it), but not always: undoing a correction puts the codings back before it puts the text
 * back, so their entries sit before the undo's own correction, and the others shifted such a coding twice (once in
 * the undone place it was sent with, once by the undo's correction).
 *
 * So a coding of an interview corrected later in the push goes right after the last of those corrections; everything
 * else keeps its order.
 */
import type { Op } from '../../shared/labServer/ops';

type Sent = { opId: string; op: Op };

const interviewOf = (op: Op): string | null => (op.kind === 'put' && op.target === 'codings' && typeof op.row.interview_id === 'string' ? op.row.interview_id : null);

export function codingsAfterCorrections(ops: readonly Sent[]): Sent[] {
  const lastCorrection = new Map<string, number>();
  ops.forEach((o, i) => {
    if (o.op.kind === 'text') lastCorrection.set(o.op.rowId, i);
  });
  const held = new Map<number, Sent[]>();
  const out: Sent[] = [];
  ops.forEach((o, i) => {
    const interview = interviewOf(o.op);
    const last = interview === null ? undefined : lastCorrection.get(interview);
    if (last !== undefined && last > i) {
      held.set(last, [...(held.get(last) ?? []), o]);
      return;
    }
    out.push(o, ...(held.get(i) ?? []));
  });
  return out;
}

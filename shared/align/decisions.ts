import type { IgnoredDecision, ManualDecision } from './types';
import type { Side } from './sequence';

/** A link the rows will honour, as positions in each side's reading order. */
interface AcceptedLink {
  client: number;
  therapist: number;
  index: number;
}

interface ResolvedDecisions {
  /** Accepted links sorted by client position; therapist positions then increase too (no crossings). */
  links: AcceptedLink[];
  /** Forbidden automatic pairs, as `client * therapistCount + therapist`. */
  forbidden: Set<number>;
  ignored: IgnoredDecision[];
}

/**
 * Replays the researcher's decisions in the order they were made.
 *
 * - unlink(c, t) forbids the automatic pair; it also undoes an earlier link of the same two units.
 * - link(c, t) forces the pair, overriding tolerance and an earlier unlink of the same two units. A unit sits
 *   in at most one link, so a link takes its units away from earlier links (those are reported replaced).
 * - A link that would cross an earlier accepted link (one not sharing a unit with it) is ignored: keeping the
 *   earlier one means a new click never silently undoes older work, and the report lets the view say so.
 * - A decision naming a unit that is not there (e.g. removed by a re-import) is ignored.
 * An ignored decision changes nothing, not even the links it would have replaced.
 */
export function resolveDecisions(decisions: readonly ManualDecision[], client: Side, therapist: Side): ResolvedDecisions {
  const m = therapist.units.length;
  const linkByClient = new Map<number, AcceptedLink>();
  const linkByTherapist = new Map<number, AcceptedLink>();
  const unlinks = new Map<number, number>(); // pair key → decision index
  const ignored: IgnoredDecision[] = [];
  const ignore = (index: number, reason: IgnoredDecision['reason'], because: number | null) => {
    ignored.push({ decision: decisions[index] as ManualDecision, index, reason, because });
  };
  const dropLink = (link: AcceptedLink) => {
    linkByClient.delete(link.client);
    linkByTherapist.delete(link.therapist);
  };

  decisions.forEach((d, index) => {
    const c = client.position.get(d.clientUnitId);
    const t = therapist.position.get(d.therapistUnitId);
    if (c === undefined || t === undefined) {
      ignore(index, 'unknown-unit', null);
      return;
    }
    const key = c * m + t;
    const samePairLink = linkByClient.get(c);
    if (d.kind === 'unlink') {
      if (samePairLink && samePairLink.therapist === t) {
        dropLink(samePairLink);
        ignore(samePairLink.index, 'superseded', index);
      }
      const earlier = unlinks.get(key);
      if (earlier !== undefined) ignore(earlier, 'superseded', index);
      unlinks.set(key, index);
      return;
    }
    for (const other of linkByClient.values()) {
      if (other.client === c || other.therapist === t) continue;
      if (other.client < c !== other.therapist < t) {
        ignore(index, 'crosses-earlier-link', other.index);
        return;
      }
    }
    for (const sharing of [linkByClient.get(c), linkByTherapist.get(t)]) {
      if (!sharing || !linkByClient.has(sharing.client)) continue; // the same link may be found from both ends
      dropLink(sharing);
      const samePair = sharing.client === c && sharing.therapist === t;
      ignore(sharing.index, samePair ? 'superseded' : 'replaced-by-later-link', index);
    }
    const unlink = unlinks.get(key);
    if (unlink !== undefined) {
      unlinks.delete(key);
      ignore(unlink, 'superseded', index);
    }
    const link = { client: c, therapist: t, index };
    linkByClient.set(c, link);
    linkByTherapist.set(t, link);
  });

  const links = [...linkByClient.values()].sort((a, b) => a.client - b.client);
  ignored.sort((a, b) => a.index - b.index);
  return { links, forbidden: new Set(unlinks.keys()), ignored };
}

/**
 * Codings and memos of the incoming project, carried over under their matched code, interview and coder.
 *
 * - A coding is the same coding when interview, passage, code and coder are the same (the database's own
 *   uniqueness): it is never added twice, so merging the same file again adds nothing.
 * - A memo is the same memo by id, else by target, coder and text. The same memo edited differently in the two
 *   copies is a conflict. A memo whose target was left out (an interview the lead skipped) is kept as a memo on
 *   the project, never dropped.
 */
import type { ProjectSnapshot, SnapshotCoding, SnapshotMemo } from '../exchange/snapshot';
import { ConflictLog, quote } from './conflicts';
import { freeId } from './ids';
import { normaliseLongText, normaliseName } from './normalise';
import type { InterviewTarget } from './structure';

/**
 * Codings are compared by (interview, start, end, code, coder). Ids are 36-character UUIDs: keys are built from
 * small numbers standing for them, which keeps de-duplicating 100,000 codings to a few tens of milliseconds.
 */
class CodingKeys {
  private readonly numbers = new Map<string, number>();
  private n(id: string): number {
    let k = this.numbers.get(id);
    if (k === undefined) this.numbers.set(id, (k = this.numbers.size));
    return k;
  }
  key(interviewId: string, start: number, end: number, codeId: string, coderId: string): string {
    return `${this.n(interviewId)},${start},${end},${this.n(codeId)},${this.n(coderId)}`;
  }
}

export interface CodingOutcome {
  map: Map<string, string>;
  added: SnapshotCoding[];
  alreadyThere: number;
  unplaced: number;
  /** Codings left out with an interview the lead chose to skip, per interview. */
  skippedByInterview: Map<string, number>;
  byCoder: Map<string, number>;
}

export function mergeCodings(
  into: ProjectSnapshot,
  from: ProjectSnapshot,
  maps: { interviews: Map<string, InterviewTarget>; codes: Map<string, string>; coders: Map<string, string> },
  label: string,
  log: ConflictLog,
): CodingOutcome {
  const keys = new CodingKeys();
  const existing = new Map<string, string>();
  const ids = new Set<string>();
  for (const c of into.codings) {
    existing.set(keys.key(c.interviewId, c.start, c.end, c.codeId, c.coderId), c.id);
    ids.add(c.id);
  }
  const out: CodingOutcome = { map: new Map(), added: [], alreadyThere: 0, unplaced: 0, skippedByInterview: new Map(), byCoder: new Map() };
  const unplacedIn = new Map<string, number>();
  for (const c of from.codings) {
    const iv = maps.interviews.get(c.interviewId);
    if (!iv) {
      out.skippedByInterview.set(c.interviewId, (out.skippedByInterview.get(c.interviewId) ?? 0) + 1);
      continue;
    }
    const span = iv.textMap ? iv.textMap.map(c.start, c.end) : { start: c.start, end: c.end };
    if (!span) {
      out.unplaced++;
      unplacedIn.set(iv.id, (unplacedIn.get(iv.id) ?? 0) + 1);
      continue;
    }
    const codeId = maps.codes.get(c.codeId) as string;
    const coderId = maps.coders.get(c.coderId) as string;
    const key = keys.key(iv.id, span.start, span.end, codeId, coderId);
    const there = existing.get(key);
    if (there) {
      out.map.set(c.id, there);
      out.alreadyThere++;
      continue;
    }
    const id = freeId(c.id, (x) => ids.has(x), 'coding');
    ids.add(id);
    existing.set(key, id);
    out.map.set(c.id, id);
    out.added.push({ id, interviewId: iv.id, codeId, coderId, start: span.start, end: span.end, createdAt: c.createdAt });
    out.byCoder.set(coderId, (out.byCoder.get(coderId) ?? 0) + 1);
  }
  for (const [interviewId, n] of unplacedIn) {
    const name = into.interviews.find((i) => i.id === interviewId)?.sourceName ?? interviewId;
    log.warn(`${n} coding${n === 1 ? '' : 's'} from ${label} lay wholly in text that ${quote(name)} no longer has here; they are not carried over.`);
  }
  return out;
}

export interface MemoOutcome {
  map: Map<string, string>;
  added: SnapshotMemo[];
  updated: { id: string; title: string; text: string }[];
  matched: number;
}

export function mergeMemos(
  into: ProjectSnapshot,
  from: ProjectSnapshot,
  maps: {
    codes: Map<string, string>;
    codings: Map<string, string>;
    interviews: Map<string, InterviewTarget>;
    sessions: Map<string, string>;
    dyads: Map<string, string>;
    dyadByName: Map<string, string>;
    coders: Map<string, string>;
  },
  label: string,
  log: ConflictLog,
): MemoOutcome {
  const byId = new Map(into.memos.map((m) => [m.id, m]));
  const key = (kind: string, target: string, coder: string | null, text: string) => `${kind}\u0000${target}\u0000${coder ?? ''}\u0000${normaliseLongText(text)}`;
  const byContent = new Map(into.memos.map((m) => [key(m.targetKind, m.targetId, m.coderId, m.text), m.id]));
  const out: MemoOutcome = { map: new Map(), added: [], updated: [], matched: 0 };
  let orphans = 0;
  for (const m of from.memos) {
    let kind = m.targetKind;
    let target: string | undefined;
    switch (m.targetKind) {
      case 'project':
        target = '';
        break;
      case 'code':
        target = maps.codes.get(m.targetId);
        break;
      case 'coding':
        target = maps.codings.get(m.targetId);
        break;
      case 'interview':
        target = maps.interviews.get(m.targetId)?.id;
        break;
      case 'session':
        target = maps.sessions.get(m.targetId);
        break;
      case 'dyad':
        target = maps.dyads.get(m.targetId) ?? (m.targetName ? maps.dyadByName.get(normaliseName(m.targetName)) : undefined);
        break;
    }
    if (target === undefined) {
      kind = 'project';
      target = '';
      orphans++;
    }
    const coderId = m.coderId === null ? null : (maps.coders.get(m.coderId) ?? null);
    const mine = byId.get(m.id);
    if (mine) {
      out.map.set(m.id, mine.id);
      if (normaliseLongText(mine.text) === normaliseLongText(m.text) && mine.title.trim() === m.title.trim()) {
        out.matched++;
        continue;
      }
      const choice = log.decide({
        id: `memo-text:${mine.id}`,
        kind: 'memo-text',
        description: `The memo ${quote(mine.title || mine.text.slice(0, 60))} was edited differently in ${label}.`,
        options: [
          { id: 'keep-mine', label: "Keep this project's memo" },
          { id: 'take-theirs', label: `Use the one from ${label}` },
          { id: 'keep-both', label: 'Keep both memos' },
        ],
        mine: mine.text,
        theirs: m.text,
        subjectId: mine.id,
      });
      if (choice === 'take-theirs') out.updated.push({ id: mine.id, title: m.title, text: m.text });
      if (choice !== 'keep-both') {
        out.matched++;
        continue;
      }
    }
    const same = byContent.get(key(kind, target, coderId, m.text));
    if (same) {
      out.map.set(m.id, same);
      out.matched++;
      continue;
    }
    // A second copy kept beside an edited memo gets an id derived from the first, so merging again finds it.
    const id = freeId(m.id, (x) => byId.has(x), 'memo');
    const memo: SnapshotMemo = { id, targetKind: kind, targetId: target, coderId, title: m.title, text: m.text, createdAt: m.createdAt, updatedAt: m.updatedAt };
    out.added.push(memo);
    byId.set(id, memo);
    byContent.set(key(kind, target, coderId, m.text), id);
    if (!mine) out.map.set(m.id, id);
  }
  if (orphans) log.warn(`${orphans} memo${orphans === 1 ? '' : 's'} from ${label} were written on something left out of the merge; they are kept as memos on the project.`);
  return out;
}

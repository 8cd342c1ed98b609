/**
 * Codings and memos of the incoming project, carried over under their matched code, interview and coder.
 *
 * - A coding is the same coding when interview, passage, code and coder are the same (the database's own
 *   uniqueness): it is never added twice, so merging the same file again adds nothing.
 * - A memo is the same memo by id, else by target, coder and text. The same memo edited differently in the two
 *   copies is a conflict. A memo whose target was left out (an interview the lead skipped) is kept as a memo on
 *   the project, never dropped.
 */
import type { ProjectSnapshot, SnapshotCoding, SnapshotMemo } from '../snapshot/types';
import { ConflictLog, quote } from './conflicts';
import { freeId } from './ids';
import { normaliseLongText, normaliseName } from './normalise';
import type { InterviewTarget } from './structure';

/**
 * Codings are compared by (interview, start, end, code, coder). Ids are 36-character UUIDs: each interview, code
 * and coder gets a small number once, and a coding's key is those numbers and its offsets written as UTF-16 code
 * units (two per value, so every value below 2³² is exact): a flat 10-unit string made in one call. Keys made by
 * a template (`${a},${b},…`) cost three times as much in time and garbage for 100,000 codings.
 */
const codingKey = (interview: number, start: number, end: number, code: number, coder: number): string =>
  String.fromCharCode(interview & 0xffff, interview >>> 16, code & 0xffff, code >>> 16, coder & 0xffff, coder >>> 16, start & 0xffff, start >>> 16, end & 0xffff, end >>> 16);

/** Small numbers for ids; the same id always gets the same number. */
class Numbers {
  private readonly numbers = new Map<string, number>();
  of(id: string): number {
    let k = this.numbers.get(id);
    if (k === undefined) this.numbers.set(id, (k = this.numbers.size));
    return k;
  }
}

interface CodingOutcome {
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
  const interviewNo = new Numbers();
  const codeNo = new Numbers();
  const coderNo = new Numbers();
  const existing = new Map<string, string>();
  const ids = new Set<string>();
  for (const c of into.codings) {
    existing.set(codingKey(interviewNo.of(c.interviewId), c.start, c.end, codeNo.of(c.codeId), coderNo.of(c.coderId)), c.id);
    ids.add(c.id);
  }
  const out: CodingOutcome = { map: new Map(), added: [], alreadyThere: 0, unplaced: 0, skippedByInterview: new Map(), byCoder: new Map() };
  const unplacedIn = new Map<string, number>();
  // Incoming ids repeat thousands of times: each is looked up once, to where it goes and that place's number.
  const interviewOf = new Map<string, { target: InterviewTarget; no: number } | null>();
  const codeOf = new Map<string, { id: string; no: number }>();
  const coderOf = new Map<string, { id: string; no: number }>();
  for (const c of from.codings) {
    let iv = interviewOf.get(c.interviewId);
    if (iv === undefined) {
      const target = maps.interviews.get(c.interviewId);
      iv = target ? { target, no: interviewNo.of(target.id) } : null;
      interviewOf.set(c.interviewId, iv);
    }
    if (iv === null) {
      out.skippedByInterview.set(c.interviewId, (out.skippedByInterview.get(c.interviewId) ?? 0) + 1);
      continue;
    }
    let start = c.start;
    let end = c.end;
    const textMap = iv.target.textMap;
    if (textMap) {
      const span = textMap.map(start, end);
      if (!span) {
        out.unplaced++;
        unplacedIn.set(iv.target.id, (unplacedIn.get(iv.target.id) ?? 0) + 1);
        continue;
      }
      start = span.start;
      end = span.end;
    }
    let code = codeOf.get(c.codeId);
    if (code === undefined) {
      const id = maps.codes.get(c.codeId) as string;
      codeOf.set(c.codeId, (code = { id, no: codeNo.of(id) }));
    }
    let coder = coderOf.get(c.coderId);
    if (coder === undefined) {
      const id = maps.coders.get(c.coderId) as string;
      coderOf.set(c.coderId, (coder = { id, no: coderNo.of(id) }));
    }
    const key = codingKey(iv.no, start, end, code.no, coder.no);
    const there = existing.get(key);
    if (there) {
      out.map.set(c.id, there);
      out.alreadyThere++;
      continue;
    }
    const id = ids.has(c.id) ? freeId(c.id, (x) => ids.has(x), 'coding') : c.id;
    ids.add(id);
    existing.set(key, id);
    out.map.set(c.id, id);
    out.added.push({ id, interviewId: iv.target.id, codeId: code.id, coderId: coder.id, start, end, createdAt: c.createdAt });
    out.byCoder.set(coder.id, (out.byCoder.get(coder.id) ?? 0) + 1);
  }
  for (const [interviewId, n] of unplacedIn) {
    const name = into.interviews.find((i) => i.id === interviewId)?.sourceName ?? interviewId;
    log.warn(`${n} coding${n === 1 ? '' : 's'} from ${label} lay wholly in text that ${quote(name)} no longer has here; they are not carried over.`);
  }
  return out;
}

interface MemoOutcome {
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

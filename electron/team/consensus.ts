/**
 * A consensus layer: a coder of its own ("Consensus (Ann+Bea)") whose codings are what the chosen coders agree
 * on, plus what the lead settles where they differ. It is an ordinary coder: its codings show, filter, count and
 * export like anyone's.
 *
 * - Building it takes over the agreements: with character units, the stretches every coder who coded the
 *   interview gave the code (the intersection of their passages); with turns or moments, the whole units they all
 *   coded. Building again adds only what is new; nothing the lead settled is undone.
 * - Each disagreement (agreement.ts) is then settled by a choice: include the passage, exclude it, or include a
 *   passage the lead draws. A settled passage leaves the pending list; one whose consensus coding was later undone
 *   comes back to it.
 * The layer's settings (coders, unit, codes, interviews, and the choices made) are kept in the project file.
 */
import { agreedSpans, type CoderSpan } from '../../shared/agreement';
import { DyadError } from '../../shared/api/errors';
import { checkSpan, ensureCoder, getCode, getCoding, undoable } from '../core/coding';
import type { CodingView } from '../../shared/coding/types';
import type { Db } from '../core/database';
import { newId, now } from '../core/ids';
import { insertCodingsRecorded } from '../core/coding/undoStructure';
import { computeAgreement, disagreementId as disagreementKey, expand, parseDisagreementId, withContext, type AgreementQuery, type DisagreementItem } from './agreement';
import { resolveCoders, type AgreementUnit } from './scope';

interface ConsensusInput extends Omit<AgreementQuery, 'unit'> {
  unit?: AgreementUnit | undefined;
  /** The consensus coder's name; default "Consensus (A+B)". */
  name?: string | undefined;
}

interface Layer {
  query: AgreementQuery & { coders: string[] };
  /** disagreement id → the lead's choice */
  settled: Record<string, Choice>;
}

export type Choice = 'include' | 'exclude' | { start: number; end: number };

const key = (coderId: string) => `team.consensus.${coderId}`;
const CHUNK = 10_000;

function readLayer(db: Db, coderId: string): Layer {
  const row = db.prepare('SELECT value FROM project_settings WHERE key = ?').get(key(coderId)) as { value: string } | undefined;
  if (!row) throw new DyadError('not-found', 'This coder is not a consensus layer built in this project; build it first.');
  return JSON.parse(row.value) as Layer;
}

function writeLayer(db: Db, coderId: string, layer: Layer): void {
  db.prepare('INSERT INTO project_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key(coderId), JSON.stringify(layer));
}

export function listConsensusLayers(db: Db): { coderId: string; name: string; coders: string[]; unit: AgreementUnit; settled: number }[] {
  const rows = db.prepare("SELECT key, value FROM project_settings WHERE key LIKE 'team.consensus.%'").all() as { key: string; value: string }[];
  const names = new Map((db.prepare('SELECT id, name FROM coders').all() as { id: string; name: string }[]).map((c) => [c.id, c.name]));
  return rows
    .map((r) => ({ id: r.key.slice('team.consensus.'.length), layer: JSON.parse(r.value) as Layer }))
    .filter((r) => names.has(r.id))
    .map(({ id, layer }) => ({ coderId: id, name: names.get(id) as string, coders: layer.query.coders.map((c) => names.get(c) ?? c), unit: layer.query.unit, settled: Object.keys(layer.settled).length }));
}

interface ConsensusBuilt {
  coder: { id: string; name: string };
  unit: AgreementUnit;
  added: number;
  alreadyThere: number;
  pending: number;
}

export function buildConsensus(db: Db, input: ConsensusInput): ConsensusBuilt {
  const unit = input.unit ?? 'char';
  const coders = resolveCoders(db, input.coders);
  const query: Layer['query'] = { ...input, unit, coders: coders.map((c) => c.id) };
  delete (query as { name?: string }).name;
  const c = computeAgreement(db, query);
  const name = input.name?.trim() || `Consensus (${coders.map((x) => x.name).join('+')})`;
  if (coders.some((x) => x.name.toLowerCase() === name.toLowerCase())) throw new DyadError('invalid-input', `"${name}" is one of the coders compared; give the consensus another name.`);
  // Codings go in ten thousand to a statement, recorded for undo as one range of rowids (as a merge writes them):
  // one statement and one undo row per coding made 40,000 agreed passages cost seconds.
  // The coder and the time are the same for every row: bound once, not repeated in each row's JSON.
  const insert = db.prepare(
    `INSERT INTO codings (id, interview_id, code_id, coder_id, start, "end", created_at)
     SELECT value ->> 0, value ->> 1, value ->> 2, @coder, value ->> 3, value ->> 4, @createdAt FROM json_each(@rows) WHERE true
     ON CONFLICT DO NOTHING`,
  );
  let added = 0;
  let alreadyThere = 0;
  const coder = db.transaction(() => ensureCoder(db, name))();
  undoable(db, `Build ${name}`, () => {
    const t = now();
    // What building again would add twice (the same passage of the same code) is counted, not written.
    const had = new Set(
      (db.prepare('SELECT interview_id, code_id, start, "end" FROM codings WHERE coder_id = ?').raw().all(coder.id) as [string, string, number, number][]).map((r) => r.join('|')),
    );
    const rows: [string, string, string, number, number][] = [];
    for (const code of c.scope.codes) {
      const perInterview = c.byCode.get(code.id);
      if (!perInterview) continue;
      for (const iv of c.compared) {
        const codings = perInterview.get(iv.id);
        if (!codings?.length) continue;
        const spans = agreedSpans(
          { interviewId: iv.id, coders: c.scope.participants.get(iv.id) as string[], textLength: iv.length, segments: c.scope.segments.get(iv.id) ?? [], codings },
          unit,
        );
        for (const s of spans) {
          if (had.has(`${iv.id}|${code.id}|${s.start}|${s.end}`)) alreadyThere++;
          else rows.push(['', iv.id, code.id, s.start, s.end]);
        }
      }
    }
    // In the order of the interview index: index upkeep is what a bulk insert of codings is bound by.
    rows.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[3] - b[3]));
    // New ids handed out in ascending order along the rows, so that the primary key's index too takes them in its
    // order: a fifth less work than the same random ids in any order. (They are random ids all the same.)
    const ids = rows.map(() => newId()).sort();
    rows.forEach((r, i) => (r[0] = ids[i] as string));
    insertCodingsRecorded(
      db,
      rows.map((r) => r[0]),
      () => {
        for (let i = 0; i < rows.length; i += CHUNK) added += insert.run({ rows: JSON.stringify(rows.slice(i, i + CHUNK)), coder: coder.id, createdAt: t }).changes;
      },
    );
    alreadyThere += rows.length - added;
    let layer: Layer;
    try {
      layer = readLayer(db, coder.id);
      layer.query = query;
    } catch {
      layer = { query, settled: {} };
    }
    writeLayer(db, coder.id, layer);
  });
  return { coder: { id: coder.id, name: coder.name }, unit, added, alreadyThere, pending: pendingCount(db, coder.id, readLayer(db, coder.id), c) };
}

function consensusCodings(db: Db, coderId: string): Map<string, CoderSpan[]> {
  const out = new Map<string, CoderSpan[]>();
  for (const [codeId, interviewId, start, end] of db.prepare('SELECT code_id, interview_id, start, "end" FROM codings WHERE coder_id = ?').raw().all(coderId) as [string, string, number, number][]) {
    const k = `${codeId}|${interviewId}`;
    const list = out.get(k);
    const span = { coder: coderId, start, end };
    if (list) list.push(span);
    else out.set(k, [span]);
  }
  return out;
}

/** Disagreements not settled. `computed` may be passed when the compared coders' codings are known not to have changed. */
function pendingOf(db: Db, coderId: string, layer: Layer, computed?: ReturnType<typeof computeAgreement>) {
  const c = computed ?? computeAgreement(db, layer.query);
  // The consensus codings are read only when a passage was included: a build's tens of thousands cost time.
  let mine: Map<string, CoderSpan[]> | null = null;
  return expand(c).filter((d) => {
    const choice = layer.settled[disagreementKey(d.codeId, d.interviewId, d.start, d.end)];
    if (choice === undefined) return true;
    if (choice === 'exclude') return false;
    // Included, but its consensus coding is gone (undone): open again.
    const span = choice === 'include' ? d : choice;
    mine ??= consensusCodings(db, coderId);
    return !(mine.get(`${d.codeId}|${d.interviewId}`) ?? []).some((k) => k.start < span.end && k.end > span.start);
  });
}

/** How many disagreements are open; with none settled yet (a first build), all of them, counted without listing them. */
function pendingCount(db: Db, coderId: string, layer: Layer, computed: ReturnType<typeof computeAgreement>): number {
  if (Object.keys(layer.settled).length) return pendingOf(db, coderId, layer, computed).length;
  let n = 0;
  for (const code of computed.scope.codes) n += computed.disagreements.get(code.id)?.length ?? 0;
  return n;
}

interface PendingItem extends DisagreementItem {
  /** The lead's earlier choice, when one was made and the passage is open again. */
  settled: Choice | null;
}

/**
 * The open passages (`total` of them) and how many of the same disagreements are settled already, so the lead
 * sees "12 of 48 settled"; each passage comes in its turn, with where it is in the session (withContext).
 */
export function pendingDisagreements(db: Db, input: { consensusCoderId: string; codeId?: string | null | undefined; offset?: number | undefined; limit?: number | undefined }): { total: number; settled: number; items: PendingItem[] } {
  const layer = readLayer(db, input.consensusCoderId);
  const c = computeAgreement(db, layer.query);
  const inScope = (d: { codeId: string }) => !input.codeId || d.codeId === input.codeId;
  const all = pendingOf(db, input.consensusCoderId, layer, c).filter(inScope);
  const offset = input.offset ?? 0;
  return {
    total: all.length,
    settled: expand(c).filter(inScope).length - all.length,
    items: all.slice(offset, offset + (input.limit ?? 200)).map((d) => {
      const item = withContext(db, d.item());
      return { ...item, settled: layer.settled[item.id] ?? null };
    }),
  };
}

export interface Settled {
  disagreementId: string;
  choice: Choice;
  /** The consensus coding that now covers the passage (null when excluded). */
  coding: CodingView | null;
  pending: number;
}

/** Settles one disagreement: one undoable step when it adds or widens a consensus coding. */
export function settleDisagreement(db: Db, input: { consensusCoderId: string; disagreementId: string; choice: Choice }): Settled {
  const layer = readLayer(db, input.consensusCoderId);
  const d = parseDisagreementId(input.disagreementId);
  const code = getCode(db, d.codeId);
  const choice = input.choice;
  let coding: CodingView | null = null;
  if (choice !== 'exclude') {
    const span = choice === 'include' ? { start: d.start, end: d.end } : choice;
    checkSpan(db, d.interviewId, span.start, span.end);
    coding = undoable(db, `Settle '${code.name}' for the consensus`, () => {
      // Consensus codings of the code that overlap or touch the passage become one coding covering them all.
      const near = db
        .prepare('SELECT id, start, "end" FROM codings WHERE coder_id = ? AND code_id = ? AND interview_id = ? AND start <= ? AND "end" >= ? ORDER BY start')
        .all(input.consensusCoderId, d.codeId, d.interviewId, span.end, span.start) as { id: string; start: number; end: number }[];
      const start = Math.min(span.start, ...near.map((k) => k.start));
      const end = Math.max(span.end, ...near.map((k) => k.end));
      const hasMemo = db.prepare("SELECT 1 FROM memos WHERE target_kind = 'coding' AND target_id = ?").pluck();
      const keep = near.find((k) => hasMemo.get(k.id) !== undefined) ?? near[0];
      for (const k of near) if (k !== keep && hasMemo.get(k.id) === undefined) db.prepare('DELETE FROM codings WHERE id = ?').run(k.id);
      if (keep) {
        db.prepare('UPDATE codings SET start = ?, "end" = ? WHERE id = ?').run(start, end, keep.id);
        return getCoding(db, keep.id);
      }
      const id = newId();
      db.prepare('INSERT INTO codings (id, interview_id, code_id, coder_id, start, "end", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, d.interviewId, d.codeId, input.consensusCoderId, start, end, now());
      return getCoding(db, id);
    });
  }
  layer.settled[input.disagreementId] = choice;
  writeLayer(db, input.consensusCoderId, layer);
  return { disagreementId: input.disagreementId, choice, coding, pending: pendingOf(db, input.consensusCoderId, layer).length };
}

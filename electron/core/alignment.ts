import { z } from 'zod';
import { alignUnits } from '../../shared/align/align';
import type { AlignUnit } from '../../shared/align/types';
import { DyadError } from '../../shared/api/errors';
import type { alignedRow, alignedSide } from '../../shared/api/methods/sessions';
import type { Interview, MomentLink } from '../../shared/domain/types';
import type { Db } from './database';
import { getSession } from './dyads';
import { getInterview, sessionInterviewIds } from './interviews';
import { newId, now } from './ids';

type AlignedSide = z.infer<typeof alignedSide>;
type AlignedRow = z.infer<typeof alignedRow>;

export interface SessionAlignment {
  toleranceSeconds: number;
  clientInterviewId: string | null;
  therapistInterviewId: string | null;
  rows: AlignedRow[];
  links: MomentLink[];
}

/** A side's units: its recall moments when it marks session times, else its speaker turns. */
export function sideUnits(iv: Interview): { units: AlignUnit[]; sides: Map<string, AlignedSide>; opening: AlignedSide | null } {
  const sides = new Map<string, AlignedSide>();
  const units: AlignUnit[] = [];
  let opening: AlignedSide | null = null;
  if (iv.moments.length) {
    const first = iv.moments[0]!;
    if (iv.text.slice(0, first.offset).trim()) {
      opening = { unitId: `open:${iv.id}`, kind: 'opening', interviewId: iv.id, sessionTime: null, label: 'Before the first stop', start: 0, end: first.offset };
    }
    iv.moments.forEach((m, i) => {
      const end = i + 1 < iv.moments.length ? iv.moments[i + 1]!.offset : iv.text.length;
      sides.set(m.id, { unitId: m.id, kind: 'moment', interviewId: iv.id, sessionTime: m.sessionTime, label: m.label, start: m.offset, end });
      units.push({ id: m.id, time: m.sessionTime });
    });
  } else {
    for (const t of iv.turns) {
      sides.set(t.id, { unitId: t.id, kind: 'turn', interviewId: iv.id, sessionTime: null, label: `${t.speaker} (turn ${t.seq + 1})`, start: t.start, end: t.end });
      units.push({ id: t.id, time: null });
    }
  }
  return { units, sides, opening };
}

export function getLinks(db: Db, sessionId: string): MomentLink[] {
  const rows = db
    .prepare('SELECT id, session_id, client_unit_id, therapist_unit_id, kind FROM moment_links WHERE session_id = ? ORDER BY created_at, rowid')
    .all(sessionId) as { id: string; session_id: string; client_unit_id: string; therapist_unit_id: string; kind: 'link' | 'unlink' }[];
  return rows.map((r) => ({ id: r.id, sessionId: r.session_id, clientUnitId: r.client_unit_id, therapistUnitId: r.therapist_unit_id, kind: r.kind }));
}

function roleInterviews(db: Db, sessionId: string): { client: Interview | null; therapist: Interview | null } {
  const ids = sessionInterviewIds(db, sessionId);
  const pick = (role: string) => {
    const hit = ids.find((i) => i.role === role);
    return hit ? getInterview(db, hit.id) : null;
  };
  return { client: pick('client'), therapist: pick('therapist') };
}

export function alignSession(db: Db, sessionId: string, toleranceSeconds: number): SessionAlignment {
  getSession(db, sessionId);
  const { client, therapist } = roleInterviews(db, sessionId);
  const c = client ? sideUnits(client) : { units: [], sides: new Map<string, AlignedSide>(), opening: null };
  const t = therapist ? sideUnits(therapist) : { units: [], sides: new Map<string, AlignedSide>(), opening: null };
  const links = getLinks(db, sessionId);
  const valid = links.filter((l) => c.sides.has(l.clientUnitId) && t.sides.has(l.therapistUnitId));
  const rows = alignUnits(c.units, t.units, valid, toleranceSeconds).map((r) => ({
    sessionTime: r.sessionTime,
    client: r.client ? c.sides.get(r.client)! : null,
    therapist: r.therapist ? t.sides.get(r.therapist)! : null,
    match: r.match,
    delta: r.delta,
  }));
  if (c.opening || t.opening) rows.unshift({ sessionTime: null, client: c.opening, therapist: t.opening, match: 'none', delta: null });
  return { toleranceSeconds, clientInterviewId: client?.id ?? null, therapistInterviewId: therapist?.id ?? null, rows, links };
}

/** Draws a link, forbids an automatic pairing ('unlink'), or clears what was drawn between two units. */
export function setLink(db: Db, sessionId: string, clientUnitId: string, therapistUnitId: string, kind: 'link' | 'unlink' | 'clear'): MomentLink[] {
  const { client, therapist } = roleInterviews(db, sessionId);
  const cu = client ? sideUnits(client).sides : new Map();
  const tu = therapist ? sideUnits(therapist).sides : new Map();
  if (!cu.has(clientUnitId)) throw new DyadError('not-found', `No client recall moment or turn ${clientUnitId} in this session.`);
  if (!tu.has(therapistUnitId)) throw new DyadError('not-found', `No therapist recall moment or turn ${therapistUnitId} in this session.`);
  db.transaction(() => {
    db.prepare('DELETE FROM moment_links WHERE session_id = ? AND client_unit_id = ? AND therapist_unit_id = ?').run(sessionId, clientUnitId, therapistUnitId);
    if (kind === 'link') {
      // A unit belongs to one link at a time: a new link replaces the old ones of either unit.
      db.prepare("DELETE FROM moment_links WHERE session_id = ? AND kind = 'link' AND (client_unit_id = ? OR therapist_unit_id = ?)").run(
        sessionId,
        clientUnitId,
        therapistUnitId,
      );
    }
    if (kind !== 'clear') {
      db.prepare('INSERT INTO moment_links (id, session_id, client_unit_id, therapist_unit_id, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        newId(),
        sessionId,
        clientUnitId,
        therapistUnitId,
        kind,
        now(),
      );
    }
  })();
  return getLinks(db, sessionId);
}

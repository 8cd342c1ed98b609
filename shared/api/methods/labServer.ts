/**
 * The lab server (electron/labServer/): a team's project on the lab's own PostgreSQL. The open project is a
 * replica; these calls publish it, sync it, invite and revoke coders, and say where it stands. The secret lives
 * beside the file (FILE.team-secret) and is never part of an answer except the one join URL `team.invite` returns.
 *
 * Joining makes a new file from the server's copy, so it needs no open project and is not a method here: the
 * command line reaches it through electron/api/local.ts (`joinTeamProject`), see docs/ARCHITECTURE.md.
 */
import { z } from 'zod';
import { method } from '../define';

const coderName = z.string().trim().min(1).max(63);

const syncResult = z.object({
  server: z.string(),
  pulled: z.number().int(),
  applied: z.number().int(),
  pushed: z.number().int(),
  /** Operations the server refused for good in this sync: skipped, kept with the reason (status.refused). */
  refused: z.number().int(),
  pending: z.number().int(),
  lastSeq: z.number().int(),
});

/** A change the server refused for good; `id` names it to `team.discard`. */
const refusedChange = z.object({ id: z.string(), what: z.string(), reason: z.string(), at: z.string() });

export const teamStatus = z.object({
  /** host:port/database, never the secret. */
  server: z.string(),
  projectId: z.string(),
  /** This replica's login on the server. */
  member: z.string(),
  lastSync: z.string().nullable(),
  lastSeq: z.number().int(),
  /** Changes made here and not yet sent. */
  pending: z.number().int(),
  /** Changes the server refused for good (a right this member no longer has…): how many, the latest with the reason. */
  refused: z.object({ count: z.number().int(), latest: z.array(refusedChange) }),
  /** Null when the server could not be reached (then `offline` says why). */
  members: z.array(z.object({ coder: z.string(), role: z.string(), lead: z.boolean(), revoked: z.boolean() })).nullable(),
  offline: z.string().nullable(),
  /**
   * Whether the team's changes arrive as they are pushed (the app or `dyad serve` listens on the server):
   * 'listening', 'connecting', 'offline' (reconnecting); absent when nothing listens (the command line).
   */
  live: z.enum(['connecting', 'listening', 'offline', 'stopped']).optional(),
  /** Why live updates could not start here ('stopped'); syncs still send and receive. */
  liveError: z.string().optional(),
});

export const labServerMethods = {
  'team.status': method({
    summary: "Where this replica stands on the lab server: the server, the members, the last sync, the changes waiting; null when the project is not on a lab server.",
    input: z.object({}),
    output: teamStatus.nullable(),
  }),
  'team.sync': method({
    summary: "Receive the team's changes from the lab server and send this replica's own.",
    job: true,
    input: z.object({ jobId: z.string().max(100).optional() }),
    output: syncResult,
  }),
  'team.refused': method({
    summary: 'The changes the lab server refused for good, oldest first, each with the deletions held back with it (a removed interview\'s codings).',
    input: z.object({}),
    output: z.array(refusedChange.extend({ heldBack: z.number().int() })),
  }),
  'team.discard': method({
    summary: "Take the server's value for refused changes (one by its id, or all): each is dropped and what it touched gets the server's state back.",
    input: z.object({ change: z.string().min(1).max(100).optional(), all: z.boolean().default(false) }),
    output: z.object({ changes: z.array(z.object({ id: z.string(), what: z.string() })) }),
  }),
  'team.publish': method({
    summary: "Publish this project to the lab's PostgreSQL server (the lead's connection URL); it becomes the first replica.",
    input: z.object({ server: z.string().min(1).max(2000), coder: coderName.optional() }),
    output: z.object({ projectId: z.string(), schema: z.string(), server: z.string(), lead: z.string() }),
  }),
  'team.invite': method({
    summary: 'Invite a coder (lead only): returns the join URL with their secret, shown once.',
    input: z.object({ coder: coderName, lead: z.boolean().default(false) }),
    output: z.object({ coder: z.string(), joinUrl: z.string() }),
  }),
  'team.revoke': method({
    summary: "Revoke a coder (lead only): they can no longer connect, read or write the team's project.",
    input: z.object({ coder: coderName }),
    output: z.object({ coder: z.string() }),
  }),
};

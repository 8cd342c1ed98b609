/**
 * `dyad team`: a team's project on the lab's own PostgreSQL, through the handler table's team.* methods
 * (shared/api/methods/labServer.ts). The lead publishes and invites; a coder joins with the URL the lead gave them,
 * and syncs. Joining makes a new file, so it is the one action that is not a method call (joinTeamProject).
 */
import type { Output } from '../../../shared/api/contract';
import { DyadError } from '../../../shared/api/errors';
import { fieldName, serverTime } from '../../../shared/labServer/review';
import { UsageError } from '../io';
import { withProject } from '../project';
import { command, json } from '../spec';

type Conflict = Output<'team.conflicts'>[number];

function conflictText(c: Conflict): string {
  const when = (at: string | null) => ` (${serverTime(at)})`;
  const state = c.resolved ? `settled by ${c.resolved.by}: ${c.resolved.shown}${c.resolved.sent ? '' : ' (not yet sent: sync)'}` : 'open: the later one is used for now';
  return [
    `#${c.id}  the ${fieldName(c.field)} of ${c.code ?? 'a deleted code'} — ${state}`,
    `  earlier: ${c.earlier.shown}  by ${c.earlier.author}${when(c.earlier.at)}`,
    `  later:   ${c.later.shown}  by ${c.later.author}${when(c.later.at)}`,
  ].join('\n');
}

export const cmdTeam = command({
  summary: "a team's project on the lab's PostgreSQL server: publish, invite, join, sync",
  usage: [
    'dyad team init FILE --server URL [--coder NAME]',
    'dyad team invite FILE --coder NAME [--lead]',
    'dyad team revoke FILE --coder NAME',
    'dyad team join URL OUT.dyad',
    'dyad team sync FILE [--json]',
    'dyad team status FILE [--json]',
    'dyad team conflicts FILE [--all] [--json]',
    'dyad team resolve FILE ID --keep earlier|later',
    'dyad team refused FILE [--json]',
    'dyad team discard FILE --change ID | --all',
  ],
  args: [
    ['FILE', 'a replica of the team project (.dyad)'],
    ['URL', 'postgres://NAME:SECRET@host:port/database?project=ID, as `invite` printed it'],
    ['ID', 'a conflict, as `conflicts` numbers it'],
  ],
  options: {
    server: { type: 'string', arg: 'URL', help: "init: the lead's connection, postgres://ROLE:PASSWORD@host:port/database (sslmode=… honoured)" },
    coder: { type: 'string', arg: 'NAME', help: "invite, revoke: the coder's login (lower-case); init: the lead's coder name" },
    lead: { type: 'boolean', help: 'invite: the coder may also change the codebook and correct transcripts' },
    keep: { type: 'string', arg: 'SIDE', help: "resolve: which change stays, 'earlier' or 'later' in the server's order (or its author's login)" },
    all: { type: 'boolean', help: 'conflicts: settled ones too; discard: every refused change' },
    change: { type: 'string', arg: 'ID', help: 'discard: the refused change, by the id `refused` shows' },
    ...json,
  },
  notes: [
    'The secret is kept beside the replica in FILE.team-secret, readable by you only; it is never written into the',
    'project, its exports or any log. The join URL is printed once: give it to the coder in person or by a safe channel.',
    '`conflicts` lists changes of the same field of a code by two leads who had not seen each other\'s (the later one',
    'is the value for now); `resolve` keeps one of them, and the choice reaches everyone with the next sync.',
    '`refused` lists the changes the server refused for good (kept here, never sent); `discard` drops one (or all)',
    "and takes the server's value back for what it touched: a removed interview comes back with its codings.",
  ],
  examples: [
    'dyad team init study.dyad --server postgres://lab_admin:…@db.lab.example:5432/ipr',
    'dyad team invite study.dyad --coder ana',
    'dyad team join "postgres://ana:…@db.lab.example:5432/ipr?project=…" ana.dyad',
    'dyad team sync ana.dyad',
    'dyad team conflicts study.dyad',
    'dyad team resolve study.dyad 42 --keep earlier',
    'dyad team refused ana.dyad',
    'dyad team discard ana.dyad --change 6f1c…',
  ],
  async run({ values, positionals: [action, first, second, ...more] }, io) {
    if (!action || !first || more.length) throw new UsageError('give an action (init, invite, revoke, join, sync, status, conflicts, resolve, refused, discard) and FILE');
    const print = (value: unknown, text: string) => io.out(values.json ? JSON.stringify(value, null, 2) : text);
    switch (action) {
      case 'init': {
        if (!values.server || second) throw new UsageError('give FILE and --server URL');
        const server = values.server;
        const r = await withProject(first, (p) => p.call('team.publish', { server, coder: values.coder }));
        print(r, `Published ${first} to ${r.server} as project ${r.projectId} (schema ${r.schema}); ${r.lead} is its lead.\nInvite coders with: dyad team invite ${first} --coder NAME`);
        return 0;
      }
      case 'invite': {
        if (!values.coder || second) throw new UsageError('give FILE and --coder NAME');
        const coder = values.coder;
        const r = await withProject(first, (p) => p.call('team.invite', { coder, lead: values.lead ?? false }));
        // The one place the secret is shown; it is written nowhere else.
        print(r, `Invited ${r.coder}${values.lead ? ' as a lead' : ''}. Give them this, once, by a safe channel:\n  dyad team join "${r.joinUrl}" ${r.coder}.dyad`);
        return 0;
      }
      case 'revoke': {
        if (!values.coder || second) throw new UsageError('give FILE and --coder NAME');
        const coder = values.coder;
        const r = await withProject(first, (p) => p.call('team.revoke', { coder }));
        print(r, `Revoked ${r.coder}: they can no longer connect, read or write the team project.`);
        return 0;
      }
      case 'join': {
        if (!second) throw new UsageError('give URL and OUT.dyad');
        // No project to open yet: the new file is the server's copy (see joinTeamProject).
        const { joinTeamProject } = await import('../../api/local');
        const r = await joinTeamProject(first, second);
        print({ file: second, ...r }, `Joined project ${r.projectId} as ${r.coder}: ${second} (${r.sync.pulled} changes since it was published).`);
        return 0;
      }
      case 'sync': {
        if (second) throw new UsageError('give FILE only');
        const r = await withProject(first, (p) => p.call('team.sync', {}));
        print(r, `Synced with ${r.server}: ${r.pulled} received (${r.applied} changed this replica), ${r.pushed} sent, ${r.pending} waiting.${r.refused ? ` ${r.refused} refused by the server (dyad team status says why).` : ''}`);
        return 0;
      }
      case 'status': {
        if (second) throw new UsageError('give FILE only');
        const r = await withProject(first, (p) => p.call('team.status', {}), { readOnly: true });
        if (!r) throw new DyadError('invalid-input', `${first} is not on a lab server: publish it with dyad team init, or join a team's project with dyad team join.`);
        const members = r.members?.map((m) => `${m.coder}${m.lead ? ' (lead)' : ''}${m.revoked ? ' (revoked)' : ''}`).join(', ');
        print(
          r,
          [
            `Server: ${r.server}, project ${r.projectId}, you are ${r.member}`,
            `Last sync: ${r.lastSync ?? 'never'}; ${r.pending} change${r.pending === 1 ? '' : 's'} waiting to be sent`,
            ...(r.refused.count ? [`Refused by the server: ${r.refused.count} (kept here, not sent)`, ...r.refused.latest.map((x) => `  ${x.what}: ${x.reason}`)] : []),
            r.offline ? `Offline: ${r.offline}` : `Members: ${members}`,
          ].join('\n'),
        );
        return 0;
      }
      case 'conflicts': {
        if (second) throw new UsageError('give FILE only');
        const r = await withProject(first, (p) => p.call('team.conflicts', { all: values.all ?? false }), { readOnly: true });
        print(r, r.length ? r.map(conflictText).join('\n\n') : `No ${values.all ? '' : 'open '}conflicts: no two leads changed the same field of a code without seeing each other's change.`);
        return 0;
      }
      case 'resolve': {
        const id = Number(second);
        if (!second || !Number.isInteger(id) || id <= 0) throw new UsageError('give FILE and the conflict ID that `dyad team conflicts` shows');
        if (!values.keep) throw new UsageError("give --keep earlier or --keep later (or the login of the change's author)");
        const want = values.keep;
        const r = await withProject(first, async (p) => {
          const open = (await p.call('team.conflicts', { all: true })).find((c) => c.id === id);
          const keep = want === 'earlier' || want === 'later' ? want : open?.earlier.author === want ? 'earlier' : open?.later.author === want ? 'later' : null;
          if (!keep) throw new UsageError(`--keep ${want}: say earlier, later${open ? `, ${open.earlier.author} or ${open.later.author}` : ''}`);
          return p.call('team.resolve', { id, keep });
        });
        print(r, `Kept ${r.resolved?.shown ?? ''} as the ${fieldName(r.field)} of ${r.code ?? 'the code'}; everyone receives it with your next sync (dyad team sync ${first}).`);
        return 0;
      }
      case 'refused': {
        if (second) throw new UsageError('give FILE only');
        const r = await withProject(first, (p) => p.call('team.refused', {}), { readOnly: true });
        const line = (c: (typeof r)[number]) =>
          `${c.id}  ${c.what}${c.heldBack ? ` (with ${c.heldBack} deletion${c.heldBack === 1 ? '' : 's'} it caused, held back)` : ''}\n  ${c.reason} (${c.at})`;
        print(r, r.length ? `${r.map(line).join('\n')}\nTake the server's value back with: dyad team discard ${first} --change ID (or --all)` : 'No refused changes: the server took everything sent from here.');
        return 0;
      }
      case 'discard': {
        if (second) throw new UsageError('give FILE and --change ID or --all');
        if (!values.change === !values.all) throw new UsageError('give either --change ID (as `dyad team refused` lists it) or --all');
        const input = values.all ? { all: true } : { change: values.change! };
        const r = await withProject(first, (p) => p.call('team.discard', input));
        print(r, r.changes.length ? `Took the server's value back for ${r.changes.map((c) => c.what).join(', ')}.` : 'No refused changes: nothing to take back.');
        return 0;
      }
      default:
        throw new UsageError(`unknown action "${action}": init, invite, revoke, join, sync, status, conflicts, resolve, refused or discard`);
    }
  },
});

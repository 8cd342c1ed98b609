/**
 * Live updates from the lab server while a replica is open (in the app, or under `dyad serve`): one connection
 * LISTENs on the project's channel; every push announces itself there (sync.ts: pg_notify once the push has
 * committed and its author noted it, so never for a push that rolled back), and this replica pulls at
 * once, then tells its windows through the usual 'changed' events, which refresh what is on screen.
 *
 * It never stands in the way of work: it runs beside the app's calls, pulls under the project's write lock like a
 * sync, and when the connection drops (the server restarts, the laptop leaves the network) it reconnects, waiting
 * longer after each failure, and pulls what was pushed meanwhile. A change made here while it listens is pushed a
 * moment later, so that the others see it as quickly.
 */
import { basename } from 'node:path';
import type pg from 'pg';
import type { ApiEvent } from '../../shared/api/define';
import type { Project } from '../core/project';
import { connect, loadSecret, parseServerUrl } from './connect';
import { pendingCount, readReplica, SYNCED_CHANGES } from './replica';
import { ident } from './serverSchema';
import { channelOf, checkProject, memberOf, pullChanges, syncReplica } from './sync';

export type LiveState = 'connecting' | 'listening' | 'offline' | 'stopped';

export interface LiveOptions {
  /** How long to wait before the n-th reconnection in a row (1, 2, …), in ms. */
  retryDelay?: (failures: number) => number;
  /** How long a local change waits before it is pushed, so that a burst of changes goes as one push (ms). */
  pushDelayMs?: number;
  /** Told after each pull a notification (or a reconnection) caused. */
  onPulled?: (r: { pulled: number; applied: number }) => void;
}

/** 0.5 s, 1 s, 2 s … up to 30 s: a server back after a restart is found quickly, one down for long is not hammered. */
export const liveRetryDelay = (failures: number): number => Math.min(30_000, 500 * 2 ** Math.max(0, failures - 1));

export class LiveUpdates {
  state: LiveState = 'connecting';
  /** How many times it has connected (1 once it listens; more after reconnections). */
  connections = 0;
  private client: pg.Client | null = null;
  private stopped = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pushTimer: ReturnType<typeof setTimeout> | undefined;
  private pulling = false;
  private pullAgain = false;

  constructor(
    private readonly project: Project,
    private readonly emit: (event: ApiEvent) => void,
    private readonly options: LiveOptions = {},
  ) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.state = 'stopped';
    clearTimeout(this.retryTimer);
    clearTimeout(this.pushTimer);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }

  /** A change made here (any 'changed' event of the project): pushed shortly while the server listens with us. */
  localChange(): void {
    if (this.stopped || this.state !== 'listening' || this.pushTimer) return;
    this.pushTimer = setTimeout(() => {
      this.pushTimer = undefined;
      void this.pushNow();
    }, this.options.pushDelayMs ?? 300);
    this.pushTimer.unref?.();
  }

  private get file(): string {
    return basename(this.project.path);
  }

  private setState(state: LiveState): void {
    if (this.state === state || this.stopped) return;
    this.state = state;
    this.emit({ type: 'changed', what: ['team'] });
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let client: pg.Client | null = null;
    try {
      const replica = readReplica(this.project.db);
      if (!replica) return void (await this.stop());
      const url = parseServerUrl(loadSecret(this.project.path));
      client = await connect(url, { timeoutMs: 10_000 });
      if (this.stopped) return void (await client.end().catch(() => {}));
      await checkProject(client, replica, url);
      await memberOf(client, replica, url);
      const mine = client;
      mine.on('notification', (n) => this.notified(n.payload));
      mine.on('error', () => this.dropped(mine));
      mine.on('end', () => this.dropped(mine));
      await mine.query(`LISTEN ${ident(channelOf(replica.schema))}`);
      this.client = mine;
      this.connections++;
      this.failures = 0;
      this.setState('listening');
      // What was pushed while nobody here listened.
      this.pull();
    } catch {
      await client?.end().catch(() => {});
      this.retry();
    }
  }

  private retry(): void {
    if (this.stopped) return;
    this.setState('offline');
    this.failures++;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), (this.options.retryDelay ?? liveRetryDelay)(this.failures));
    this.retryTimer.unref?.();
  }

  private dropped(client: pg.Client): void {
    if (client !== this.client) return;
    this.client = null;
    void client.end().catch(() => {});
    this.retry();
  }

  private notified(payload: string | undefined): void {
    const seq = Number(payload);
    // Our own push, already noted (its sequence is ours): nothing to pull.
    if (Number.isFinite(seq) && seq > 0 && this.project.db.open) {
      const r = this.project.db.prepare('SELECT last_seq FROM team_replica').get() as { last_seq: number } | undefined;
      if (r && r.last_seq >= seq) return;
    }
    this.pull();
  }

  /** Pulls now, or once more after the pull under way (a notification that came during it may be past it). */
  private pull(): void {
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = true;
    void (async () => {
      try {
        do {
          this.pullAgain = false;
          const client = this.client;
          if (!client || this.stopped) return;
          const r = await this.project.writes.run(() => (this.stopped || !this.project.db.open ? null : pullChanges(client, this.project.db, this.file)));
          if (!r) return;
          if (r.pulled) this.emit({ type: 'changed', what: r.applied ? SYNCED_CHANGES : ['team'] });
          this.options.onPulled?.({ pulled: r.pulled, applied: r.applied });
        } while (this.pullAgain);
      } catch {
        // A connection that broke is noticed by its own events; anything else (access revoked) starts over.
        if (this.client) this.dropped(this.client);
      } finally {
        this.pulling = false;
      }
    })();
  }

  private async pushNow(): Promise<void> {
    if (this.stopped || this.state !== 'listening' || !this.project.db.open) return;
    try {
      if (!readReplica(this.project.db) || pendingCount(this.project.db) === 0) return;
      const secret = loadSecret(this.project.path);
      const r = await this.project.writes.run(() => (this.stopped || !this.project.db.open ? null : syncReplica(this.project.db, this.file, secret)));
      if (r) this.emit({ type: 'changed', what: r.applied ? SYNCED_CHANGES : ['team'] });
    } catch {
      // Left for the next change, the next sync or the app's own schedule, which reports it.
    }
  }
}

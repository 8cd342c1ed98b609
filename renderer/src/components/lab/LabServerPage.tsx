import { useEffect } from 'react';
import { useStore } from '../../store';
import { ConflictReview } from './ConflictReview';
import { liveText, offlineMessage, syncTime } from './offline';

/**
 * The team's project on the lab server, seen from this replica: where it lives (host and database, never the
 * secret), who is in the team, when it last synced, what waits to be sent, and Sync now. A project that is not
 * on a lab server gets the command that publishes it.
 */
export function LabServerPage() {
  const status = useStore((s) => s.labStatus);
  const syncing = useStore((s) => s.labSyncing);
  const lastSync = useStore((s) => s.labLastSync);
  const syncError = useStore((s) => s.labSyncError);
  const offlineSince = useStore((s) => s.labOfflineSince);
  const progress = useStore((s) => s.labSyncProgress);
  const discarding = useStore((s) => s.labDiscarding);
  const fileName = useStore((s) => s.info?.path.split(/[\\/]/).pop() ?? 'FILE.dyad');

  useEffect(() => {
    void useStore.getState().refreshLab();
  }, []);

  return (
    <section className="page team-page" aria-label="Lab server">
      <header className="page__header">
        <div>
          <h1>Lab server</h1>
          <p className="page__sub">The team’s project on the lab’s PostgreSQL server: each coder works in their own copy and syncs with it.</p>
        </div>
      </header>

      {status === undefined ? (
        <div className="team-card" aria-busy="true">
          <p className="team-muted">Asking the lab server…</p>
        </div>
      ) : status === null ? (
        <section className="team-card" aria-label="Not on a lab server">
          <h2 className="team-h2">This project is not on a lab server</h2>
          <p>
            A lead publishes the project to the lab’s PostgreSQL server once; then each coder joins with the link the lead gives them, and
            everyone’s codings, memos and codebook changes travel through the server when they sync.
          </p>
          <p>To publish this project, close it and run, on the command line:</p>
          <pre className="lab-command">dyad team init {fileName} --server postgres://ROLE:PASSWORD@host:5432/database</pre>
          <p className="team-muted">Then invite each coder with dyad team invite {fileName} --coder NAME.</p>
        </section>
      ) : (
        <>
          {offlineSince ? (
            <div className="lab-offline" role="status">
              {offlineMessage(offlineSince)}
            </div>
          ) : null}
          <section className="team-card" aria-label="Server">
            <header className="team-card__head">
              <div>
                <h2 className="team-h2">{status.server}</h2>
                <p className="team-muted">
                  Project {status.projectId} · you are <strong>{status.member}</strong>
                </p>
              </div>
              <button type="button" className="btn btn--primary" disabled={syncing} aria-busy={syncing} onClick={() => void useStore.getState().syncLab()}>
                {syncing ? 'Syncing…' : 'Sync now'}
              </button>
            </header>
            <dl className="lab-facts">
              <dt>Last sync</dt>
              <dd data-testid="lab-last-sync">{syncTime(status.lastSync)}</dd>
              <dt>Live updates</dt>
              <dd data-testid="lab-live">
                {liveText(status.live)}
                {status.liveError ? ` (could not start: ${status.liveError})` : ''}
              </dd>
              <dt>Waiting to be sent</dt>
              <dd data-testid="lab-pending">
                {status.pending} change{status.pending === 1 ? '' : 's'}
              </dd>
              {status.refused.count > 0 ? (
                <>
                  <dt>Refused by the server</dt>
                  <dd data-testid="lab-refused">
                    {status.refused.count} change{status.refused.count === 1 ? '' : 's'}, kept here and not sent; the changes after
                    {status.refused.count === 1 ? ' it' : ' them'} were sent.
                    <ul className="lab-refused">
                      {status.refused.latest.map((r) => (
                        <li key={r.id}>
                          {r.what}: {r.reason}{' '}
                          <button
                            type="button"
                            className="btn btn--small"
                            disabled={discarding !== null}
                            aria-label={`Take the server's value for ${r.what}`}
                            title="Drop this change and take back what the server has for what it touched"
                            onClick={() => void useStore.getState().discardRefused(r.id)}
                          >
                            {discarding === r.id ? 'Taking the server’s value…' : 'Take the server’s value'}
                          </button>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
            </dl>
            <div aria-live="polite">
              {syncing && progress && progress.total > 0 ? (
                <div className="lab-progress" data-testid="lab-sync-progress">
                  <progress max={progress.total} value={progress.done} aria-label="Sync progress" />
                  <span className="team-muted">{progress.message}</span>
                  <button type="button" className="btn btn--small" onClick={() => void useStore.getState().cancelLabSync()}>
                    Cancel
                  </button>
                </div>
              ) : syncing ? (
                <p className="team-muted">Sending your changes and receiving the team’s…</p>
              ) : null}
              {!syncing && lastSync && !syncError ? (
                <p className="team-muted">
                  Synced: {lastSync.pulled} received ({lastSync.applied} changed this copy), {lastSync.pushed} sent.
                </p>
              ) : null}
              {!syncing && syncError ? (
                <p className="lab-error" role="alert">
                  {syncError}
                </p>
              ) : null}
            </div>
          </section>
          <ConflictReview />
          <section className="team-card" aria-label="Members">
            <h2 className="team-h2">Members</h2>
            {status.members === null ? (
              <p className="team-muted">The members show when the server can be reached{status.offline && !syncError ? `: ${status.offline}` : '.'}</p>
            ) : (
              <table className="lab-members">
                <thead>
                  <tr>
                    <th scope="col">Coder</th>
                    <th scope="col">Role</th>
                    <th scope="col">Access</th>
                  </tr>
                </thead>
                <tbody>
                  {status.members.map((m) => (
                    <tr key={m.role}>
                      <td>{m.coder}</td>
                      <td>{m.lead ? 'lead' : 'coder'}</td>
                      <td>{m.revoked ? 'revoked' : 'active'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </section>
  );
}

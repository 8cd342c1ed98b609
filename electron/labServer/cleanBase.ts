/**
 * The cleaning of a copy of a replica into the published project (base.ts): what the copy was (the operation it had
 * reached, whether it held anything of its own), then everything of this replica's own taken out and the file
 * rewritten without the space they took. Hundreds of MB at a lab's scale, seconds of work: it runs in a worker
 * thread (baseWorker.ts) with its own connection to the copy, a separate file that no lock of the replica's holds.
 */
import { CURRENT_CODER_KEY } from '../core/coding/coders';
import { openSqlite } from '../core/database';

/** What the copy was, before it was cleaned. */
export interface CopyFacts {
  /** The last operation of the server's it had (0 for a project not yet published). */
  seq: number;
  /** Changes not sent, changes the server refused, or a review choice not sent: it is not the server's project. */
  ownChanges: boolean;
}

export function cleanBaseCopy(path: string): CopyFacts {
  const copy = openSqlite(path, { fileMustExist: true });
  try {
    // The copy carries the replica's write-ahead mode in its header; a rollback journal is enough for a file no one
    // else opens, and leaves a single file to publish.
    copy.pragma('journal_mode = DELETE');
    const seq = (copy.prepare('SELECT last_seq FROM team_replica').get() as { last_seq: number } | undefined)?.last_seq ?? 0;
    const ownChanges = !!copy
      .prepare("SELECT 1 WHERE EXISTS (SELECT 1 FROM team_outbox) OR EXISTS (SELECT 1 FROM team_refused) OR EXISTS (SELECT 1 FROM team_conflicts WHERE resolved_seq = -1)")
      .get();
    copy.exec('DELETE FROM undo_log; DELETE FROM undo_steps; DELETE FROM team_outbox; DELETE FROM team_refused; DELETE FROM team_replica');
    copy.prepare('DELETE FROM project_settings WHERE key = ?').run(CURRENT_CODER_KEY);
    copy.exec('VACUUM');
    return { seq, ownChanges };
  } finally {
    copy.close();
  }
}

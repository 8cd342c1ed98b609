-- Dyad project schema, version 110: an interview a lead imports into a replica after publishing is sent to the
-- team (electron/labServer/).
--
-- One outbox entry per new interview, the whole row ('*'): pushed as one operation carrying the interview with its
-- dyad, session, speaker turns and recall moments as they are then (replica.ts opOf), so a replica adds it in one
-- step. Its turns and moments being written by the same import need no entries of their own. The entry goes before
-- any coding of the new interview (the outbox keeps the order of changes), and a correction made before the push
-- travels inside it (its own text entries are then not sent).

CREATE TRIGGER team_interviews_insert AFTER INSERT ON interviews WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'interviews', new.id, '*');
END;

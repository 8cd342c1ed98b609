-- Dyad project schema, version 130: a lead's removal of an interview after publishing is sent to the team
-- (electron/labServer/).
--
-- One outbox entry per removed interview (field 'removed', apart from the '*' entry of an interview imported here,
-- so that removing and then restoring one by undo is told apart from importing it): pushed as the interview's
-- deletion when the interview is still gone then (replica.ts opOf); each replica removes it the way a local
-- removal does, its codings and memos with it. Its codings' and memos' own deletions are recorded by their
-- triggers, before it. An undo of the removal puts the rows back under the same ids: the interview's insert trigger
-- records it as a new interview, sent whole, and its codings and memos as new rows: a new operation, received by
-- everyone.

CREATE TRIGGER team_interviews_delete AFTER DELETE ON interviews WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'interviews', old.id, 'removed');
END;

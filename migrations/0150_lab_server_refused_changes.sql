-- Dyad project schema, version 150: a refused change can be taken back for the server's state, a refused removal of
-- an interview holds back the deletions it caused, and undo outlives the team's changes arriving
-- (electron/labServer/discard.ts, sync.ts; electron/core/coding/undoOutside.ts).
--
-- team_outbox.base now keeps, for a coding, a memo or a code (the '*' entries), the row as it was before the first
-- change not yet sent (JSON; 'null' when it did not exist), and team_outbox.seen the server sequence pulled then (for
-- a code, pulled when it was last changed, as before: a deletion keeps the codings its deleter had not seen). For
-- an interview's removal, base is the interview as it was: its row, speaker turns, recall moments, session and dyad.
-- A refused change keeps them in team_refused, so that "take the server's value" can put back what the server still
-- has (the row as it was, then every later operation of the server on it) without reading the published project.
-- The deletion of a coding or memo names its interview through its base, so a refused removal of the interview
-- holds back the deletions it caused (team_refused.part_of: the refused change they went with).
--
-- undo_steps.stale: why a step can no longer be undone (another member's change touched its rows since it was
-- made); null for a step that still applies.
--
-- The row objects list the columns as they are now: a migration that adds a column to one of these tables must
-- recreate these triggers (the values of a new column would not be put back).

ALTER TABLE team_refused ADD COLUMN base TEXT;
ALTER TABLE team_refused ADD COLUMN after TEXT;
ALTER TABLE team_refused ADD COLUMN seen INTEGER;
ALTER TABLE team_refused ADD COLUMN part_of TEXT;
CREATE INDEX team_refused_part_of ON team_refused (part_of);

ALTER TABLE undo_steps ADD COLUMN stale TEXT;

DROP TRIGGER team_codings_insert;
CREATE TRIGGER team_codings_insert AFTER INSERT ON codings WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codings', new.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codings' AND row_id = new.id AND field = '*'), 'null'),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'codings' AND row_id = new.id AND field = '*'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_codings_update;
CREATE TRIGGER team_codings_update AFTER UPDATE ON codings WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codings', new.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codings' AND row_id = new.id AND field = '*'), json_object('id', old."id", 'interview_id', old."interview_id", 'code_id', old."code_id", 'coder_id', old."coder_id", 'start', old."start", 'end', old."end", 'created_at', old."created_at")),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'codings' AND row_id = new.id AND field = '*'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_codings_delete;
CREATE TRIGGER team_codings_delete AFTER DELETE ON codings WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codings', old.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codings' AND row_id = old.id AND field = '*'), json_object('id', old."id", 'interview_id', old."interview_id", 'code_id', old."code_id", 'coder_id', old."coder_id", 'start', old."start", 'end', old."end", 'created_at', old."created_at")),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'codings' AND row_id = old.id AND field = '*'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_memos_insert;
CREATE TRIGGER team_memos_insert AFTER INSERT ON memos WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'memos', new.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'memos' AND row_id = new.id AND field = '*'), 'null'),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'memos' AND row_id = new.id AND field = '*'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_memos_update;
CREATE TRIGGER team_memos_update AFTER UPDATE ON memos WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'memos', new.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'memos' AND row_id = new.id AND field = '*'), json_object('id', old."id", 'target_kind', old."target_kind", 'target_id', old."target_id", 'coder_id', old."coder_id", 'title', old."title", 'text', old."text", 'created_at', old."created_at", 'updated_at', old."updated_at")),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'memos' AND row_id = new.id AND field = '*'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_memos_delete;
CREATE TRIGGER team_memos_delete AFTER DELETE ON memos WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'memos', old.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'memos' AND row_id = old.id AND field = '*'), json_object('id', old."id", 'target_kind', old."target_kind", 'target_id', old."target_id", 'coder_id', old."coder_id", 'title', old."title", 'text', old."text", 'created_at', old."created_at", 'updated_at', old."updated_at")),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'memos' AND row_id = old.id AND field = '*'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_codes_insert;
CREATE TRIGGER team_codes_insert AFTER INSERT ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = '*'), 'null'),
    (SELECT last_seq FROM team_replica));
END;

DROP TRIGGER team_codes_delete;
CREATE TRIGGER team_codes_delete AFTER DELETE ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', old.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = old.id AND field = '*'), json_object('id', old."id", 'codebook_id', old."codebook_id", 'parent_id', old."parent_id", 'name', old."name", 'color', old."color", 'definition', old."definition", 'inclusion', old."inclusion", 'exclusion', old."exclusion", 'example', old."example", 'shortcut', old."shortcut", 'position', old."position", 'created_at', old."created_at", 'updated_at', old."updated_at")),
    (SELECT last_seq FROM team_replica));
END;

-- Before the delete: its turns and recall moments go with it (ON DELETE CASCADE).
DROP TRIGGER team_interviews_delete;
CREATE TRIGGER team_interviews_delete BEFORE DELETE ON interviews WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'interviews', old.id, 'removed',
    json_object(
      'interview', json_object('id', old."id", 'session_id', old."session_id", 'role', old."role", 'source_name', old."source_name", 'text', old."text", 'word_count', old."word_count", 'imported_at', old."imported_at", 'audio_path', old."audio_path"),
      'session', (SELECT json_object('id', s."id", 'dyad_id', s."dyad_id", 'number', s."number", 'date', s."date", 'recording_path', s."recording_path") FROM sessions s WHERE s.id = old.session_id),
      'dyad', (SELECT json_object('id', d."id", 'name', d."name", 'attributes', d."attributes", 'created_at', d."created_at") FROM dyads d JOIN sessions s ON s.dyad_id = d.id WHERE s.id = old.session_id),
      'turns', (SELECT json_group_array(json_object('id', t."id", 'interview_id', t."interview_id", 'seq', t."seq", 'speaker', t."speaker", 'speaker_role', t."speaker_role", 'start', t."start", 'end', t."end", 'interview_time', t."interview_time", 'time_points', t."time_points")) FROM (SELECT * FROM turns WHERE interview_id = old.id ORDER BY seq) t),
      'moments', (SELECT json_group_array(json_object('id', m."id", 'interview_id', m."interview_id", 'session_time', m."session_time", 'offset', m."offset", 'label', m."label")) FROM (SELECT * FROM moments WHERE interview_id = old.id ORDER BY rowid) m)
    ),
    (SELECT last_seq FROM team_replica));
END;

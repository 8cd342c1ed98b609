-- Dyad project schema, version 160: taking the server's value back for a refused change restores exactly what was
-- refused (electron/labServer/discard.ts, refused.ts).
--
-- team_outbox.after, for the deletion of a coding or a memo: the row as it was when deleted. A coding made here and
-- never sent has no row before its first change ('null' base), so when a lead's refused removal of its interview took
-- it, nothing told which interview it was on, nor how to put it back: its deletion was sent instead of being held
-- back with the removal, and the coding was lost when the removal was taken back.
--
-- team_outbox.base, for codebooks, coders, speaker turns and recall moments, as for codings since version 150: the
-- row as it was before the first change not yet sent ('null' when it did not exist). A refused change of one of them
-- used to fall back to the server's latest whole operation on the row, and to nothing at all when the server had
-- none since the published project: the refused value stayed here.
--
-- The row objects list the columns as they are now: a migration that adds a column to one of these tables must
-- recreate these triggers.

DROP TRIGGER team_codings_delete;
CREATE TRIGGER team_codings_delete AFTER DELETE ON codings WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, after, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codings', old.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codings' AND row_id = old.id AND field = '*'), json_object('id', old."id", 'interview_id', old."interview_id", 'code_id', old."code_id", 'coder_id', old."coder_id", 'start', old."start", 'end', old."end", 'created_at', old."created_at")),
    json_object('id', old."id", 'interview_id', old."interview_id", 'code_id', old."code_id", 'coder_id', old."coder_id", 'start', old."start", 'end', old."end", 'created_at', old."created_at"),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'codings' AND row_id = old.id AND field = '*'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_memos_delete;
CREATE TRIGGER team_memos_delete AFTER DELETE ON memos WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, after, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'memos', old.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'memos' AND row_id = old.id AND field = '*'), json_object('id', old."id", 'target_kind', old."target_kind", 'target_id', old."target_id", 'coder_id', old."coder_id", 'title', old."title", 'text', old."text", 'created_at', old."created_at", 'updated_at', old."updated_at")),
    json_object('id', old."id", 'target_kind', old."target_kind", 'target_id', old."target_id", 'coder_id', old."coder_id", 'title', old."title", 'text', old."text", 'created_at', old."created_at", 'updated_at', old."updated_at"),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'memos' AND row_id = old.id AND field = '*'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_codebooks_insert;
CREATE TRIGGER team_codebooks_insert AFTER INSERT ON codebooks WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codebooks', new.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codebooks' AND row_id = new.id AND field = '*'), 'null'));
END;

DROP TRIGGER team_codebooks_update;
CREATE TRIGGER team_codebooks_update AFTER UPDATE ON codebooks WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codebooks', new.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codebooks' AND row_id = old.id AND field = '*'), json_object('id', old."id", 'name', old."name", 'created_at', old."created_at")));
END;

DROP TRIGGER team_codebooks_delete;
CREATE TRIGGER team_codebooks_delete AFTER DELETE ON codebooks WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codebooks', old.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codebooks' AND row_id = old.id AND field = '*'), json_object('id', old."id", 'name', old."name", 'created_at', old."created_at")));
END;

DROP TRIGGER team_coders_insert;
CREATE TRIGGER team_coders_insert AFTER INSERT ON coders WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'coders', new.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'coders' AND row_id = new.id AND field = '*'), 'null'));
END;

DROP TRIGGER team_coders_update;
CREATE TRIGGER team_coders_update AFTER UPDATE ON coders WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'coders', new.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'coders' AND row_id = old.id AND field = '*'), json_object('id', old."id", 'name', old."name", 'created_at', old."created_at")));
END;

DROP TRIGGER team_coders_delete;
CREATE TRIGGER team_coders_delete AFTER DELETE ON coders WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'coders', old.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'coders' AND row_id = old.id AND field = '*'), json_object('id', old."id", 'name', old."name", 'created_at', old."created_at")));
END;

DROP TRIGGER team_turns_span;
CREATE TRIGGER team_turns_span AFTER UPDATE OF start, "end" ON turns WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'turns', new.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'turns' AND row_id = old.id AND field = '*'), json_object('id', old."id", 'interview_id', old."interview_id", 'seq', old."seq", 'speaker', old."speaker", 'speaker_role', old."speaker_role", 'start', old."start", 'end', old."end", 'interview_time', old."interview_time", 'time_points', old."time_points")));
END;

DROP TRIGGER team_moments_offset;
CREATE TRIGGER team_moments_offset AFTER UPDATE OF "offset" ON moments WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'moments', new.id, '*',
    coalesce((SELECT base FROM team_outbox WHERE target = 'moments' AND row_id = old.id AND field = '*'), json_object('id', old."id", 'interview_id', old."interview_id", 'session_time', old."session_time", 'offset', old."offset", 'label', old."label")));
END;

-- Dyad project schema, version 30: undo and redo of coding, codebook, memo and transcript-correction operations,
-- kept in the project file so that undo still works after the project is closed and reopened.
--
-- The technique is sqlite.org's "Automatic Undo/Redo Using SQLite": triggers write, for every row changed, the SQL
-- that changes it back. electron/core/coding/undo.ts opens a step (undo_state.recording = the step's id) around
-- each API operation, replays a step's SQL newest-first to undo it (recording the inverse into a redo step), and
-- bounds the history. Only codebooks, codes, codings and memos are fully watched; interviews, turns and moments
-- only on the columns a transcript correction changes, and only while a step is open, so imports pay nothing.
--
-- A write to codebooks/codes/codings/memos OUTSIDE a step (a script, deleting an interview and so its codings)
-- clears the undo and redo history: replaying older steps over changes the history does not know about could
-- fail or do harm. (A merge of coders' copies is a step: it records what it adds, transcripts included, in a few
-- rows of its own; see electron/core/coding/undo-structure.ts.)
--
-- A migration that adds a column to a watched table must recreate its triggers
-- (tests/integration/coding/undo-triggers.test.ts fails until it does).

CREATE TABLE undo_state (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  recording INTEGER -- the undo_steps id being recorded, NULL when no operation is under way
) STRICT;
INSERT INTO undo_state (id, recording) VALUES (1, NULL);

CREATE TABLE undo_steps (
  id         INTEGER PRIMARY KEY,
  stack      TEXT NOT NULL CHECK (stack IN ('undo', 'redo')),
  label      TEXT NOT NULL,
  reindex    TEXT NOT NULL DEFAULT '[]', -- JSON array of interview ids whose search index is rebuilt after replay
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX undo_steps_stack ON undo_steps (stack, id);

CREATE TABLE undo_log (
  seq     INTEGER PRIMARY KEY,
  step_id INTEGER NOT NULL REFERENCES undo_steps (id) ON DELETE CASCADE,
  sql     TEXT NOT NULL
) STRICT;
CREATE INDEX undo_log_step ON undo_log (step_id, seq);

-- Codings per coder: coder lists with counts, and agreement between coders.
CREATE INDEX codings_coder ON codings (coder_id);

-- codebooks

CREATE TRIGGER undo_codebooks_insert AFTER INSERT ON codebooks WHEN (SELECT recording FROM undo_state) IS NOT NULL BEGIN
  INSERT INTO undo_log (step_id, sql) SELECT recording, 'DELETE FROM codebooks WHERE id = ' || quote(new.id) FROM undo_state;
END;

CREATE TRIGGER undo_codebooks_update AFTER UPDATE ON codebooks WHEN (SELECT recording FROM undo_state) IS NOT NULL BEGIN
  INSERT INTO undo_log (step_id, sql) SELECT recording, 'UPDATE codebooks SET ' || '"id" = ' || quote(old."id") || ', ' || '"name" = ' || quote(old."name") || ', ' || '"created_at" = ' || quote(old."created_at") || ' WHERE id = ' || quote(new.id) FROM undo_state;
END;

CREATE TRIGGER undo_codebooks_delete BEFORE DELETE ON codebooks WHEN (SELECT recording FROM undo_state) IS NOT NULL BEGIN
  INSERT INTO undo_log (step_id, sql) SELECT recording, 'INSERT INTO codebooks (rowid, "id", "name", "created_at") VALUES ((SELECT CASE WHEN EXISTS (SELECT 1 FROM codebooks WHERE rowid = ' || old.rowid || ') THEN NULL ELSE ' || old.rowid || ' END), ' || quote(old."id") || ', ' || quote(old."name") || ', ' || quote(old."created_at") || ')' FROM undo_state;
END;

CREATE TRIGGER undo_codebooks_insert_unrecorded AFTER INSERT ON codebooks WHEN (SELECT recording FROM undo_state) IS NULL AND EXISTS (SELECT 1 FROM undo_steps) BEGIN
  DELETE FROM undo_log;
  DELETE FROM undo_steps;
END;

CREATE TRIGGER undo_codebooks_update_unrecorded AFTER UPDATE ON codebooks WHEN (SELECT recording FROM undo_state) IS NULL AND EXISTS (SELECT 1 FROM undo_steps) BEGIN
  DELETE FROM undo_log;
  DELETE FROM undo_steps;
END;

CREATE TRIGGER undo_codebooks_delete_unrecorded AFTER DELETE ON codebooks WHEN (SELECT recording FROM undo_state) IS NULL AND EXISTS (SELECT 1 FROM undo_steps) BEGIN
  DELETE FROM undo_log;
  DELETE FROM undo_steps;
END;

-- codes

CREATE TRIGGER undo_codes_insert AFTER INSERT ON codes WHEN (SELECT recording FROM undo_state) IS NOT NULL BEGIN
  INSERT INTO undo_log (step_id, sql) SELECT recording, 'DELETE FROM codes WHERE id = ' || quote(new.id) FROM undo_state;
END;

CREATE TRIGGER undo_codes_update AFTER UPDATE ON codes WHEN (SELECT recording FROM undo_state) IS NOT NULL BEGIN
  INSERT INTO undo_log (step_id, sql) SELECT recording, 'UPDATE codes SET ' || '"id" = ' || quote(old."id") || ', ' || '"codebook_id" = ' || quote(old."codebook_id") || ', ' || '"parent_id" = ' || quote(old."parent_id") || ', ' || '"name" = ' || quote(old."name") || ', ' || '"color" = ' || quote(old."color") || ', ' || '"definition" = ' || quote(old."definition") || ', ' || '"inclusion" = ' || quote(old."inclusion") || ', ' || '"exclusion" = ' || quote(old."exclusion") || ', ' || '"example" = ' || quote(old."example") || ', ' || '"shortcut" = ' || quote(old."shortcut") || ', ' || '"position" = ' || quote(old."position") || ', ' || '"created_at" = ' || quote(old."created_at") || ', ' || '"updated_at" = ' || quote(old."updated_at") || ' WHERE id = ' || quote(new.id) FROM undo_state;
END;

CREATE TRIGGER undo_codes_delete BEFORE DELETE ON codes WHEN (SELECT recording FROM undo_state) IS NOT NULL BEGIN
  INSERT INTO undo_log (step_id, sql) SELECT recording, 'INSERT INTO codes (rowid, "id", "codebook_id", "parent_id", "name", "color", "definition", "inclusion", "exclusion", "example", "shortcut", "position", "created_at", "updated_at") VALUES ((SELECT CASE WHEN EXISTS (SELECT 1 FROM codes WHERE rowid = ' || old.rowid || ') THEN NULL ELSE ' || old.rowid || ' END), ' || quote(old."id") || ', ' || quote(old."codebook_id") || ', ' || quote(old."parent_id") || ', ' || quote(old."name") || ', ' || quote(old."color") || ', ' || quote(old."definition") || ', ' || quote(old."inclusion") || ', ' || quote(old."exclusion") || ', ' || quote(old."example") || ', ' || quote(old."shortcut") || ', ' || quote(old."position") || ', ' || quote(old."created_at") || ', ' || quote(old."updated_at") || ')' FROM undo_state;
END;

CREATE TRIGGER undo_codes_insert_unrecorded AFTER INSERT ON codes WHEN (SELECT recording FROM undo_state) IS NULL AND EXISTS (SELECT 1 FROM undo_steps) BEGIN
  DELETE FROM undo_log;
  DELETE FROM undo_steps;
END;

CREATE TRIGGER undo_codes_update_unrecorded AFTER UPDATE ON codes WHEN (SELECT recording FROM undo_state) IS NULL AND EXISTS (SELECT 1 FROM undo_steps) BEGIN
  DELETE FROM undo_log;
  DELETE FROM undo_steps;
END;

CREATE TRIGGER undo_codes_delete_unrecorded AFTER DELETE ON codes WHEN (SELECT recording FROM undo_state) IS NULL AND EXISTS (SELECT 1 FROM undo_steps) BEGIN
  DELETE FROM undo_log;
  DELETE FROM undo_steps;
END;

-- codings

CREATE TRIGGER undo_codings_insert AFTER INSERT ON codings WHEN (SELECT recording FROM undo_state) IS NOT NULL BEGIN
  INSERT INTO undo_log (step_id, sql) SELECT recording, 'DELETE FROM codings WHERE id = ' || quote(new.id) FROM undo_state;
END;

CREATE TRIGGER undo_codings_update AFTER UPDATE ON codings WHEN (SELECT recording FROM undo_state) IS NOT NULL BEGIN
  INSERT INTO undo_log (step_id, sql) SELECT recording, 'UPDATE codings SET ' || '"id" = ' || quote(old."id") || ', ' || '"interview_id" = ' || quote(old."interview_id") || ', ' || '"code_id" = ' || quote(old."code_id") || ', ' || '"coder_id" = ' || quote(old."coder_id") || ', ' || '"start" = ' || quote(old."start") || ', ' || '"end" = ' || quote(old."end") || ', ' || '"created_at" = ' || quote(old."created_at") || ' WHERE id = ' || quote(new.id) FROM undo_state;
END;

CREATE TRIGGER undo_codings_delete BEFORE DELETE ON codings WHEN (SELECT recording FROM undo_state) IS NOT NULL BEGIN
  INSERT INTO undo_log (step_id, sql) SELECT recording, 'INSERT INTO codings (rowid, "id", "interview_id", "code_id", "coder_id", "start", "end", "created_at") VALUES ((SELECT CASE WHEN EXISTS (SELECT 1 FROM codings WHERE rowid = ' || old.rowid || ') THEN NULL ELSE ' || old.rowid || ' END), ' || quote(old."id") || ', ' || quote(old."interview_id") || ', ' || quote(old."code_id") || ', ' || quote(old."coder_id") || ', ' || quote(old."start") || ', ' || quote(old."end") || ', ' || quote(old."created_at") || ')' FROM undo_state;
END;

CREATE TRIGGER undo_codings_insert_unrecorded AFTER INSERT ON codings WHEN (SELECT recording FROM undo_state) IS NULL AND EXISTS (SELECT 1 FROM undo_steps) BEGIN
  DELETE FROM undo_log;
  DELETE FROM undo_steps;
END;

CREATE TRIGGER undo_codings_update_unrecorded AFTER UPDATE ON codings WHEN (SELECT recording FROM undo_state) IS NULL AND EXISTS (SELECT 1 FROM undo_steps) BEGIN
  DELETE FROM undo_log;
  DELETE FROM undo_steps;
END;

CREATE TRIGGER undo_codings_delete_unrecorded AFTER DELETE ON codings WHEN (SELECT recording FROM undo_state) IS NULL AND EXISTS (SELECT 1 FROM undo_steps) BEGIN
  DELETE FROM undo_log;
  DELETE FROM undo_steps;
END;

-- memos

CREATE TRIGGER undo_memos_insert AFTER INSERT ON memos WHEN (SELECT recording FROM undo_state) IS NOT NULL BEGIN
  INSERT INTO undo_log (step_id, sql) SELECT recording, 'DELETE FROM memos WHERE id = ' || quote(new.id) FROM undo_state;
END;

CREATE TRIGGER undo_memos_update AFTER UPDATE ON memos WHEN (SELECT recording FROM undo_state) IS NOT NULL BEGIN
  INSERT INTO undo_log (step_id, sql) SELECT recording, 'UPDATE memos SET ' || '"id" = ' || quote(old."id") || ', ' || '"target_kind" = ' || quote(old."target_kind") || ', ' || '"target_id" = ' || quote(old."target_id") || ', ' || '"coder_id" = ' || quote(old."coder_id") || ', ' || '"title" = ' || quote(old."title") || ', ' || '"text" = ' || quote(old."text") || ', ' || '"created_at" = ' || quote(old."created_at") || ', ' || '"updated_at" = ' || quote(old."updated_at") || ' WHERE id = ' || quote(new.id) FROM undo_state;
END;

CREATE TRIGGER undo_memos_delete BEFORE DELETE ON memos WHEN (SELECT recording FROM undo_state) IS NOT NULL BEGIN
  INSERT INTO undo_log (step_id, sql) SELECT recording, 'INSERT INTO memos (rowid, "id", "target_kind", "target_id", "coder_id", "title", "text", "created_at", "updated_at") VALUES ((SELECT CASE WHEN EXISTS (SELECT 1 FROM memos WHERE rowid = ' || old.rowid || ') THEN NULL ELSE ' || old.rowid || ' END), ' || quote(old."id") || ', ' || quote(old."target_kind") || ', ' || quote(old."target_id") || ', ' || quote(old."coder_id") || ', ' || quote(old."title") || ', ' || quote(old."text") || ', ' || quote(old."created_at") || ', ' || quote(old."updated_at") || ')' FROM undo_state;
END;

CREATE TRIGGER undo_memos_insert_unrecorded AFTER INSERT ON memos WHEN (SELECT recording FROM undo_state) IS NULL AND EXISTS (SELECT 1 FROM undo_steps) BEGIN
  DELETE FROM undo_log;
  DELETE FROM undo_steps;
END;

CREATE TRIGGER undo_memos_update_unrecorded AFTER UPDATE ON memos WHEN (SELECT recording FROM undo_state) IS NULL AND EXISTS (SELECT 1 FROM undo_steps) BEGIN
  DELETE FROM undo_log;
  DELETE FROM undo_steps;
END;

CREATE TRIGGER undo_memos_delete_unrecorded AFTER DELETE ON memos WHEN (SELECT recording FROM undo_state) IS NULL AND EXISTS (SELECT 1 FROM undo_steps) BEGIN
  DELETE FROM undo_log;
  DELETE FROM undo_steps;
END;

-- interviews: corrections only (imports insert, which is not watched)

CREATE TRIGGER undo_interviews_update AFTER UPDATE OF "text", "word_count" ON interviews WHEN (SELECT recording FROM undo_state) IS NOT NULL BEGIN
  INSERT INTO undo_log (step_id, sql) SELECT recording, 'UPDATE interviews SET ' || '"text" = ' || quote(old."text") || ', ' || '"word_count" = ' || quote(old."word_count") || ' WHERE id = ' || quote(new.id) FROM undo_state;
END;

-- turns: corrections only (imports insert, which is not watched)

CREATE TRIGGER undo_turns_update AFTER UPDATE OF "start", "end" ON turns WHEN (SELECT recording FROM undo_state) IS NOT NULL BEGIN
  INSERT INTO undo_log (step_id, sql) SELECT recording, 'UPDATE turns SET ' || '"start" = ' || quote(old."start") || ', ' || '"end" = ' || quote(old."end") || ' WHERE id = ' || quote(new.id) FROM undo_state;
END;

-- moments: corrections only (imports insert, which is not watched)

CREATE TRIGGER undo_moments_update AFTER UPDATE OF "offset" ON moments WHEN (SELECT recording FROM undo_state) IS NOT NULL BEGIN
  INSERT INTO undo_log (step_id, sql) SELECT recording, 'UPDATE moments SET ' || '"offset" = ' || quote(old."offset") || ' WHERE id = ' || quote(new.id) FROM undo_state;
END;

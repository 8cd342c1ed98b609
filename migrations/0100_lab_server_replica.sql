-- Dyad project schema, version 90: a replica of a team's project on the lab server (electron/labServer/).
--
-- team_replica holds which server and project this file is a replica of (never the secret: that lives in a file
-- only the user can read, beside the project), the last server sequence pulled, and `applying`, set while others'
-- operations are being applied so that they are not sent back.
--
-- team_outbox lists what changed here and is not yet on the server: one row per (table, row, field), the whole row
-- ('*') or, for codes, one field (so that two coders' changes to different fields of a code both survive). The
-- values are read when pushing, so a row changed five times is sent once, as it is then. A change moves its entry
-- to the end (INSERT OR REPLACE), so that a row is always sent after the rows it refers to. op_id is the
-- operation's stable id: the server ignores an id it already has, so a push interrupted after the server took it
-- is not applied twice. The pull that follows recognises it and removes the entry, in the same transaction as
-- the new sequence number.
--
-- Each transcript correction is its own entry (field 'text@…'), with the text before and after it: one operation
-- per correction, so that a replica applies the same edits one by one, never one merged edit that would stretch
-- whatever lies between them. Others' codings that arrive before it is pushed were made against the older text,
-- and are moved by these edits before they are applied. The turns and moments a correction moved are sent as they
-- are here, so every replica ends with the lead's.
--
-- A code's field keeps its value before the first unpushed change too: changed back (by undo, say), there is
-- nothing to send.
--
-- Nothing is recorded in a project that is not a replica (team_replica is empty): the triggers cost one lookup.

CREATE TABLE team_replica (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  project_id  TEXT NOT NULL,
  server      TEXT NOT NULL, -- postgres://user@host:port/database?… without the password
  schema_name TEXT NOT NULL,
  member      TEXT NOT NULL, -- the database role this replica pushes as
  last_seq    INTEGER NOT NULL DEFAULT 0,
  last_sync   TEXT,
  applying    INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1))
) STRICT;

CREATE TABLE team_outbox (
  seq    INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id  TEXT NOT NULL UNIQUE,
  target TEXT NOT NULL CHECK (target IN ('coders', 'codebooks', 'codes', 'codings', 'memos', 'interviews', 'turns', 'moments')),
  row_id TEXT NOT NULL,
  field  TEXT NOT NULL, -- '*': the whole row (or its deletion); else one column
  base   TEXT,          -- a correction: the text before it; a code's field: its value before the first unpushed change (JSON)
  after  TEXT,          -- a correction: the text after it
  UNIQUE (target, row_id, field)
) STRICT;

CREATE TRIGGER team_coders_insert AFTER INSERT ON coders WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'coders', new.id, '*');
END;

CREATE TRIGGER team_coders_update AFTER UPDATE ON coders WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'coders', new.id, '*');
END;

CREATE TRIGGER team_coders_delete AFTER DELETE ON coders WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'coders', old.id, '*');
END;

CREATE TRIGGER team_codebooks_insert AFTER INSERT ON codebooks WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codebooks', new.id, '*');
END;

CREATE TRIGGER team_codebooks_update AFTER UPDATE ON codebooks WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codebooks', new.id, '*');
END;

CREATE TRIGGER team_codebooks_delete AFTER DELETE ON codebooks WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codebooks', old.id, '*');
END;

CREATE TRIGGER team_codings_insert AFTER INSERT ON codings WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codings', new.id, '*');
END;

CREATE TRIGGER team_codings_update AFTER UPDATE ON codings WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codings', new.id, '*');
END;

CREATE TRIGGER team_codings_delete AFTER DELETE ON codings WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codings', old.id, '*');
END;

CREATE TRIGGER team_memos_insert AFTER INSERT ON memos WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'memos', new.id, '*');
END;

CREATE TRIGGER team_memos_update AFTER UPDATE ON memos WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'memos', new.id, '*');
END;

CREATE TRIGGER team_memos_delete AFTER DELETE ON memos WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'memos', old.id, '*');
END;

CREATE TRIGGER team_codes_insert AFTER INSERT ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, '*');
END;

CREATE TRIGGER team_codes_delete AFTER DELETE ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', old.id, '*');
END;

CREATE TRIGGER team_codes_parent_id AFTER UPDATE OF "parent_id" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."parent_id" IS NOT new."parent_id" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'parent_id',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'parent_id'), json_quote(old."parent_id")));
END;

CREATE TRIGGER team_codes_name AFTER UPDATE OF "name" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."name" IS NOT new."name" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'name',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'name'), json_quote(old."name")));
END;

CREATE TRIGGER team_codes_color AFTER UPDATE OF "color" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."color" IS NOT new."color" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'color',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'color'), json_quote(old."color")));
END;

CREATE TRIGGER team_codes_definition AFTER UPDATE OF "definition" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."definition" IS NOT new."definition" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'definition',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'definition'), json_quote(old."definition")));
END;

CREATE TRIGGER team_codes_inclusion AFTER UPDATE OF "inclusion" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."inclusion" IS NOT new."inclusion" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'inclusion',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'inclusion'), json_quote(old."inclusion")));
END;

CREATE TRIGGER team_codes_exclusion AFTER UPDATE OF "exclusion" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."exclusion" IS NOT new."exclusion" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'exclusion',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'exclusion'), json_quote(old."exclusion")));
END;

CREATE TRIGGER team_codes_example AFTER UPDATE OF "example" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."example" IS NOT new."example" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'example',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'example'), json_quote(old."example")));
END;

CREATE TRIGGER team_codes_shortcut AFTER UPDATE OF "shortcut" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."shortcut" IS NOT new."shortcut" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'shortcut',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'shortcut'), json_quote(old."shortcut")));
END;

CREATE TRIGGER team_codes_position AFTER UPDATE OF "position" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."position" IS NOT new."position" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'position',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'position'), json_quote(old."position")));
END;

CREATE TRIGGER team_interviews_text AFTER UPDATE OF text ON interviews WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old.text IS NOT new.text BEGIN
  INSERT INTO team_outbox (op_id, target, row_id, field, base, after) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'interviews', new.id, 'text@' || hex(randomblob(8)), old.text, new.text);
END;

CREATE TRIGGER team_turns_span AFTER UPDATE OF start, "end" ON turns WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'turns', new.id, '*');
END;

CREATE TRIGGER team_moments_offset AFTER UPDATE OF "offset" ON moments WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'moments', new.id, '*');
END;

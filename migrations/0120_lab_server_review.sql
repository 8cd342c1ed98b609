-- Dyad project schema, version 120: a lead's review of two leads' changes to the same field of a code made without
-- either seeing the other's (electron/labServer/conflicts.ts).
--
-- team_outbox.seen: the server sequence this replica had pulled when the entry's first unpushed change was made
-- (kept, like `base`, across later changes of the same field before the push). It travels with the operation, so
-- that every replica can tell whether its author had seen an earlier change of the same field.
--
-- team_code_fields: the last operation in the server's order on each field of each code, as this replica knows it
-- (its own pushed ones included, with the sequence the server gave them).
--
-- team_conflicts: a field changed by two authors neither of whom had seen the other's change. The later one in the
-- server's order is the value for now (last writer wins); both values, authors and server times are kept until a
-- change made after both (the lead's choice, or any later edit) resolves it. Every replica records the same ones,
-- as each applies the same operations in the same order.

ALTER TABLE team_outbox ADD COLUMN seen INTEGER;

CREATE TABLE team_code_fields (
  code_id TEXT NOT NULL,
  field   TEXT NOT NULL,
  seq     INTEGER NOT NULL,
  author  TEXT NOT NULL,
  value   TEXT,          -- JSON
  at      TEXT,          -- the server's time of the operation
  PRIMARY KEY (code_id, field)
) STRICT;

CREATE TABLE team_conflicts (
  code_id        TEXT NOT NULL,
  field          TEXT NOT NULL,
  earlier_seq    INTEGER NOT NULL,
  earlier_author TEXT NOT NULL,
  earlier_value  TEXT,          -- JSON
  earlier_at     TEXT,
  later_seq      INTEGER NOT NULL,
  later_author   TEXT NOT NULL,
  later_value    TEXT,          -- JSON: the value for now
  later_at       TEXT,
  resolved_seq   INTEGER,       -- the operation that settled it (NULL while open; -1 chosen here, not yet sent)
  resolved_by    TEXT,
  resolved_value TEXT,          -- JSON
  PRIMARY KEY (code_id, field, later_seq)
) STRICT;
CREATE INDEX team_conflicts_open ON team_conflicts (resolved_seq, code_id);

DROP TRIGGER team_codes_parent_id;
CREATE TRIGGER team_codes_parent_id AFTER UPDATE OF "parent_id" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."parent_id" IS NOT new."parent_id" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'parent_id',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'parent_id'), json_quote(old."parent_id")),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'parent_id'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_codes_name;
CREATE TRIGGER team_codes_name AFTER UPDATE OF "name" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."name" IS NOT new."name" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'name',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'name'), json_quote(old."name")),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'name'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_codes_color;
CREATE TRIGGER team_codes_color AFTER UPDATE OF "color" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."color" IS NOT new."color" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'color',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'color'), json_quote(old."color")),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'color'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_codes_definition;
CREATE TRIGGER team_codes_definition AFTER UPDATE OF "definition" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."definition" IS NOT new."definition" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'definition',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'definition'), json_quote(old."definition")),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'definition'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_codes_inclusion;
CREATE TRIGGER team_codes_inclusion AFTER UPDATE OF "inclusion" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."inclusion" IS NOT new."inclusion" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'inclusion',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'inclusion'), json_quote(old."inclusion")),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'inclusion'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_codes_exclusion;
CREATE TRIGGER team_codes_exclusion AFTER UPDATE OF "exclusion" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."exclusion" IS NOT new."exclusion" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'exclusion',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'exclusion'), json_quote(old."exclusion")),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'exclusion'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_codes_example;
CREATE TRIGGER team_codes_example AFTER UPDATE OF "example" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."example" IS NOT new."example" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'example',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'example'), json_quote(old."example")),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'example'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_codes_shortcut;
CREATE TRIGGER team_codes_shortcut AFTER UPDATE OF "shortcut" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."shortcut" IS NOT new."shortcut" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'shortcut',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'shortcut'), json_quote(old."shortcut")),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'shortcut'), (SELECT last_seq FROM team_replica)));
END;

DROP TRIGGER team_codes_position;
CREATE TRIGGER team_codes_position AFTER UPDATE OF "position" ON codes WHEN EXISTS (SELECT 1 FROM team_replica WHERE applying = 0) AND old."position" IS NOT new."position" BEGIN
  INSERT OR REPLACE INTO team_outbox (op_id, target, row_id, field, base, seen) VALUES ((SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h)), 'codes', new.id, 'position',
    coalesce((SELECT base FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'position'), json_quote(old."position")),
    coalesce((SELECT seen FROM team_outbox WHERE target = 'codes' AND row_id = new.id AND field = 'position'), (SELECT last_seq FROM team_replica)));
END;

-- Deleting a code must not take codings or sub-codes its deleter never saw (electron/labServer/deletedCodes.ts). A
-- code's deletion carries `seen` like a field's change; team_arrivals keeps the server sequence at which each coding
-- and code first arrived, so that every replica tells the same ones apart; team_deleted_codes remembers which
-- codebook a deleted code was in, for what arrives after it is gone.
CREATE TRIGGER team_outbox_seen AFTER INSERT ON team_outbox WHEN new.seen IS NULL AND new.target = 'codes' AND new.field = '*' BEGIN
  UPDATE team_outbox SET seen = (SELECT last_seq FROM team_replica) WHERE seq = new.seq;
END;

CREATE TABLE team_arrivals (
  row_id TEXT PRIMARY KEY, -- a coding's or a code's id (UUIDs: they never collide)
  seq    INTEGER NOT NULL
) STRICT;

CREATE TABLE team_deleted_codes (
  code_id     TEXT PRIMARY KEY,
  codebook_id TEXT NOT NULL
) STRICT;

CREATE TRIGGER team_codes_deleted AFTER DELETE ON codes WHEN EXISTS (SELECT 1 FROM team_replica) BEGIN
  INSERT OR REPLACE INTO team_deleted_codes (code_id, codebook_id) VALUES (old.id, old.codebook_id);
END;

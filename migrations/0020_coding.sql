-- Dyad project schema, version 20: coders, codebooks, hierarchical codes, codings, memos.

CREATE TABLE coders (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX coders_name ON coders (name COLLATE NOCASE);

CREATE TABLE codebooks (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE codes (
  id          TEXT PRIMARY KEY,
  codebook_id TEXT NOT NULL REFERENCES codebooks (id) ON DELETE CASCADE,
  parent_id   TEXT REFERENCES codes (id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  color       TEXT NOT NULL DEFAULT '#888888',
  definition  TEXT NOT NULL DEFAULT '',
  inclusion   TEXT NOT NULL DEFAULT '',
  exclusion   TEXT NOT NULL DEFAULT '',
  example     TEXT NOT NULL DEFAULT '',
  shortcut    TEXT,
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
-- Names are unique among siblings, case-insensitively.
CREATE UNIQUE INDEX codes_sibling_name ON codes (codebook_id, ifnull(parent_id, ''), name COLLATE NOCASE);
CREATE INDEX codes_parent ON codes (parent_id);

CREATE TABLE codings (
  id           TEXT PRIMARY KEY,
  interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  code_id      TEXT NOT NULL REFERENCES codes (id) ON DELETE CASCADE,
  coder_id     TEXT NOT NULL REFERENCES coders (id),
  start        INTEGER NOT NULL,
  end          INTEGER NOT NULL CHECK (end > start),
  created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX codings_interview ON codings (interview_id, start);
CREATE INDEX codings_code ON codings (code_id);
CREATE UNIQUE INDEX codings_unique ON codings (interview_id, code_id, coder_id, start, end);

CREATE TABLE memos (
  id          TEXT PRIMARY KEY,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('project', 'code', 'coding', 'interview', 'session', 'dyad')),
  target_id   TEXT NOT NULL,
  coder_id    TEXT REFERENCES coders (id),
  title       TEXT NOT NULL DEFAULT '',
  text        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX memos_target ON memos (target_kind, target_id);

-- Dyad project schema, version 10: dyads, sessions, interviews, speaker turns, recall moments, moment links.
-- Offsets are UTF-16 code units into interviews.text (shared/text/offsets.ts). Times are seconds.
-- Ids are UUIDs (text) so that coders' copies of a project can be merged and exchanged through REFI-QDA.

CREATE TABLE project_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL -- JSON
) STRICT;

CREATE TABLE dyads (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  attributes TEXT NOT NULL DEFAULT '{}', -- JSON object of strings: age, modality, clinic, setting…
  created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX dyads_name ON dyads (name COLLATE NOCASE);

CREATE TABLE sessions (
  id             TEXT PRIMARY KEY,
  dyad_id        TEXT NOT NULL REFERENCES dyads (id) ON DELETE CASCADE,
  number         INTEGER NOT NULL,
  date           TEXT,
  recording_path TEXT,
  UNIQUE (dyad_id, number)
) STRICT;

CREATE TABLE interviews (
  id          TEXT PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('client', 'therapist', 'other')),
  source_name TEXT NOT NULL,
  text        TEXT NOT NULL,
  word_count  INTEGER NOT NULL,
  imported_at TEXT NOT NULL
) STRICT;
CREATE INDEX interviews_session ON interviews (session_id);

CREATE TABLE turns (
  id             TEXT PRIMARY KEY,
  interview_id   TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  speaker        TEXT NOT NULL,
  speaker_role   TEXT NOT NULL CHECK (speaker_role IN ('interviewer', 'participant', 'unknown')),
  start          INTEGER NOT NULL,
  end            INTEGER NOT NULL CHECK (end >= start),
  interview_time REAL,
  UNIQUE (interview_id, seq)
) STRICT;

CREATE TABLE moments (
  id           TEXT PRIMARY KEY,
  interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  session_time REAL NOT NULL,
  offset       INTEGER NOT NULL,
  label        TEXT NOT NULL
) STRICT;
CREATE INDEX moments_interview ON moments (interview_id, offset);

-- Links the researcher drew ('link') or automatic pairings they removed ('unlink'). A unit is a moment id, or a
-- turn id on a side without session-time markers.
CREATE TABLE moment_links (
  id                 TEXT PRIMARY KEY,
  session_id         TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  client_unit_id     TEXT NOT NULL,
  therapist_unit_id  TEXT NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('link', 'unlink')),
  created_at         TEXT NOT NULL,
  UNIQUE (session_id, client_unit_id, therapist_unit_id)
) STRICT;

-- Full-text index of speaker turns (text duplicated here so that snippets come from the index).
CREATE VIRTUAL TABLE turns_fts USING fts5 (
  text,
  turn_id UNINDEXED,
  interview_id UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);

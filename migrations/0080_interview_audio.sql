-- Dyad project schema, version 80: each interview's own recording.
--
-- A session already has recording_path (the therapy session's video or audio). The recall interview is recorded
-- too, and researchers listen to it where a transcript is unclear. Stored like recording_path: a path relative to
-- the project file when the recording sits beside it (so the study folder can move), never the media itself.
ALTER TABLE interviews ADD COLUMN audio_path TEXT;

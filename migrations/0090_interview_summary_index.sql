-- Dyad project schema, version 90: the navigator's list of interviews without reading the transcripts.
--
-- An interview row holds its whole transcript in `text`, stored before word_count and audio_path; SQLite reaches a
-- column after a long text only by walking the text's overflow pages, so listing 400 interviews read every
-- transcript (~25 MB, 0.1 s warm, ~1 s from a cold disk) to show the navigator. This index carries every column
-- the list shows (and the id), so the list is answered from the index alone (EXPLAIN: COVERING INDEX).
CREATE INDEX interviews_summary ON interviews (session_id, role, source_name, word_count, audio_path, id);

-- Dyad project schema, version 70: interview times inside a turn.
--
-- A turn has one interview time, where it starts. Subtitle files time every cue, and one speaker's turn may run
-- over many cues (a 30-minute monologue is 260 of them), so that one time would leave playback unable to reach any
-- later sentence. time_points keeps each cue's time: a JSON array of [offset, seconds] pairs, the offset counted
-- in UTF-16 code units from the turn's start (so a correction earlier in the text, which moves the turn, moves its
-- points with it). NULL when the turn has only its own time.
ALTER TABLE turns ADD COLUMN time_points TEXT;

-- Dyad project schema, version 40: the codings of a code, grouped by interview and coder, read from one index.
--
-- Retrieval, matrices and concordance read every coding of the codes asked for, grouped by interview and coder
-- (electron/core/analysis/codings.ts). With codings_code (code_id) alone SQLite looked up each row in the table
-- and sorted them: ~30 ms for the 10,000 codings of one code on a 100,000-coding study, paid by the first
-- retrieval after each coding. This index holds everything those reads need (the rowid comes with every index
-- entry), in the order they group by: ~5 ms. codings_code stays: the coding core's lookups by code read columns
-- this index does not hold, and keep the plan (and row order) they had.
CREATE INDEX codings_code_span ON codings (code_id, interview_id, coder_id, start, end);

-- Dyad project schema, version 50: codings by coder and code.
--
-- The codebook panel counts the current coder's codings per code after every coding while the view shows only
-- theirs. With an index on coder_id alone that count visits every one of the coder's codings in the table (about
-- 35 ms for 50,000 of them); with code_id in the index it is read from the index itself. The new index replaces the
-- old one, which it serves as well (coder lists, agreement), so writes keep the same number of indexes.
DROP INDEX IF EXISTS codings_coder;
CREATE INDEX codings_coder_code ON codings (coder_id, code_id);
-- Left behind by a version-40 build that lived for half an hour (see 0040_codings_by_code.sql).
DROP INDEX IF EXISTS codings_code_span;

-- Dyad project schema, version 140: operations the lab server refused for good (electron/labServer/refused.ts).
--
-- A push used to stop at the first operation the server would not take, and every later change of this replica
-- waited behind it forever. An operation refused for good (a right the member no longer has, a value the server can
-- never store) now leaves the outbox for this table, with the server's reason, and the push goes on with the rest;
-- the Lab server page and `dyad team status` show them. The change stays in this replica as it was made: nothing
-- here is undone, and the lead can redo it. A failure that may pass (the connection lost, the server restarting)
-- leaves the outbox as it was, to be sent again in the same order.

CREATE TABLE team_refused (
  op_id      TEXT PRIMARY KEY,
  target     TEXT NOT NULL,
  row_id     TEXT NOT NULL,
  field      TEXT NOT NULL,
  what       TEXT NOT NULL, -- "a code", "the name of a code": for the page and the command line
  reason     TEXT NOT NULL, -- the server's own words, or Dyad's check before sending (the same rule)
  refused_at TEXT NOT NULL
) STRICT;

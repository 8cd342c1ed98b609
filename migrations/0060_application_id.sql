-- Marks the file as a Dyad project ('DYAD' in ASCII), so that Dyad can tell its projects from other applications'
-- SQLite files before changing anything. Projects made before this mark existed are known by their tables and get
-- it here.
PRAGMA application_id = 1146700100;

/**
 * A team's project on the lab server: its own schema (dyad_<project id>) in the lab's database, made and upgraded by
 * numbered migrations like the local ones (migrations/), the version kept in the schema's `meta` table. A schema
 * from a newer Dyad is refused, never changed.
 *
 * Least privilege lives here, in the database, not in the client: members read the whole schema and may only
 * INSERT operations; no member has UPDATE or DELETE on anything, row-level security limits what they see and
 * insert, and a trigger (running as the schema's owner) checks each operation against the member's rights
 * (shared/labServer/ops.ts says the same in TypeScript) and records who made each coding and memo, so that no
 * coder can delete or change another coder's work by claiming it is theirs.
 */
import { DyadError } from '../../shared/domain/errors';

interface ServerMigration {
  version: number;
  sql(schema: string): string;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The size of each part of the published project on the server (base.ts reads and writes them). */
export const BASE_PART = 8 * 1024 * 1024;

const SERVER_MIGRATIONS: ServerMigration[] = [
  {
    version: 1,
    sql: (s) => `
CREATE TABLE ${s}.meta (key text PRIMARY KEY, value text NOT NULL);
-- The project as it was published: a replica starts from it and applies every operation after it.
CREATE TABLE ${s}.base (id int PRIMARY KEY CHECK (id = 1), file bytea NOT NULL, published_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE ${s}.members (
  role       name PRIMARY KEY,
  coder_id   text NOT NULL,
  coder_name text NOT NULL,
  lead       boolean NOT NULL DEFAULT false,
  revoked    boolean NOT NULL DEFAULT false,
  invited_at timestamptz NOT NULL DEFAULT now()
);
-- The order of record: seq. op_id is the replica's stable id, so a push sent twice is recorded once.
CREATE TABLE ${s}.ops (
  seq         bigserial PRIMARY KEY,
  op_id       uuid NOT NULL UNIQUE,
  author      name NOT NULL DEFAULT session_user,
  target      text NOT NULL CHECK (target IN ('coders', 'codebooks', 'codes', 'codings', 'memos', 'interviews', 'turns', 'moments')),
  row_id      text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('put', 'delete', 'set', 'text')),
  owner       text,
  payload     jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
-- Who made each coding and memo (the coder id), kept by the trigger below.
CREATE TABLE ${s}.owners (target text NOT NULL, row_id text NOT NULL, coder_id text, PRIMARY KEY (target, row_id));

CREATE FUNCTION ${s}.check_op() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${s}, pg_temp AS $$
DECLARE
  m ${s}.members%ROWTYPE;
  prev text;
  known boolean;
BEGIN
  NEW.author := session_user;
  NEW.recorded_at := now();
  IF NEW.kind = 'put' AND NEW.target IN ('codings', 'memos') THEN NEW.owner := NEW.payload -> 'row' ->> 'coder_id'; END IF;
  SELECT * INTO m FROM ${s}.members WHERE role = session_user;
  IF NOT FOUND OR m.revoked THEN
    RAISE EXCEPTION 'dyad: % is not a member of this project', session_user USING ERRCODE = '42501';
  END IF;
  SELECT true, coder_id INTO known, prev FROM ${s}.owners WHERE target = NEW.target AND row_id = NEW.row_id;
  IF NOT m.lead THEN
    IF NEW.target IN ('codings', 'memos') THEN
      IF NEW.owner IS DISTINCT FROM m.coder_id OR (known AND prev IS DISTINCT FROM m.coder_id) THEN
        RAISE EXCEPTION 'dyad: only a lead changes another coder''s %', NEW.target USING ERRCODE = '42501';
      END IF;
    ELSIF NEW.target = 'coders' AND NEW.row_id = m.coder_id AND NEW.kind = 'put' THEN
      NULL;
    ELSIF NEW.target IN ('interviews', 'turns', 'moments') THEN
      RAISE EXCEPTION 'dyad: only a lead corrects transcripts' USING ERRCODE = '42501';
    ELSE
      RAISE EXCEPTION 'dyad: only a lead changes the codebook' USING ERRCODE = '42501';
    END IF;
  END IF;
  IF NEW.target IN ('codings', 'memos') AND NEW.kind = 'put' AND known IS NULL THEN
    INSERT INTO ${s}.owners (target, row_id, coder_id) VALUES (NEW.target, NEW.row_id, NEW.owner) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER check_op BEFORE INSERT ON ${s}.ops FOR EACH ROW EXECUTE FUNCTION ${s}.check_op();

-- Row-level security: members see every row; an operation can only be inserted in the member's own name. There is
-- no UPDATE or DELETE policy (nor grant): the record is append-only for everyone but the schema's owner.
ALTER TABLE ${s}.ops ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_read ON ${s}.ops FOR SELECT USING (EXISTS (SELECT 1 FROM ${s}.members WHERE role = session_user AND NOT revoked));
CREATE POLICY own_name ON ${s}.ops FOR INSERT WITH CHECK (author = session_user);
ALTER TABLE ${s}.members ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_read ON ${s}.members FOR SELECT USING (true);
REVOKE ALL ON SCHEMA ${s} FROM PUBLIC;
REVOKE ALL ON FUNCTION ${s}.check_op() FROM PUBLIC;
`,
  },
  {
    version: 2,
    // The published project is read by joins in slices (publish.ts: a lab's project is past the longest string
    // JavaScript holds); stored uncompressed, PostgreSQL reads a slice without unpacking everything before it.
    sql: (s) => `ALTER TABLE ${s}.base ALTER COLUMN file SET STORAGE EXTERNAL;`,
  },
  {
    version: 3,
    // The published project in parts of 8 MB (base.ts), each stored uncompressed and read whole in binary, written
    // to the joining replica's file as it arrives; \`base\` keeps its size and the operation it stands at (a lead
    // re-publishes it when many operations have piled up since, so that a join starts there). A schema-2 base moves
    // into parts here, and the members already invited may read them.
    sql: (s) => `
CREATE TABLE ${s}.base_parts (part int PRIMARY KEY CHECK (part >= 0), bytes bytea NOT NULL);
ALTER TABLE ${s}.base_parts ALTER COLUMN bytes SET STORAGE EXTERNAL;
ALTER TABLE ${s}.base ADD COLUMN size bigint, ADD COLUMN seq bigint NOT NULL DEFAULT 0, ALTER COLUMN file DROP NOT NULL;
INSERT INTO ${s}.base_parts (part, bytes)
  SELECT g, substring(b.file FROM g * ${BASE_PART} + 1 FOR ${BASE_PART}) FROM ${s}.base b, generate_series(0, (length(b.file) - 1) / ${BASE_PART}) g
  WHERE b.file IS NOT NULL AND length(b.file) > 0;
UPDATE ${s}.base SET size = length(file), file = NULL;
ALTER TABLE ${s}.base ALTER COLUMN size SET NOT NULL;
DO $$ DECLARE m record; BEGIN
  FOR m IN SELECT mb.role FROM ${s}.members mb WHERE NOT mb.revoked AND EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = mb.role) LOOP
    EXECUTE format('GRANT SELECT ON ${s}.base_parts TO %I', m.role);
  END LOOP;
END $$;
`,
  },
  {
    version: 4,
    // A push's operations checked as a set, once per INSERT statement, not one by one: at a lab's scale the row
    // trigger's lookups in `owners` (a million codings) made most of a 1,000-operation push's time on the server.
    // The row trigger keeps only what needs no table (who, when, whose row); the rules are the same, and the first
    // operation breaking one, in the order sent, names it in the same words.
    sql: (s) => `
DROP TRIGGER check_op ON ${s}.ops;
DROP FUNCTION ${s}.check_op();
CREATE FUNCTION ${s}.stamp_op() RETURNS trigger LANGUAGE plpgsql SET search_path = ${s}, pg_temp AS $$
BEGIN
  NEW.author := session_user;
  NEW.recorded_at := now();
  IF NEW.kind = 'put' AND NEW.target IN ('codings', 'memos') THEN NEW.owner := NEW.payload -> 'row' ->> 'coder_id'; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER stamp_op BEFORE INSERT ON ${s}.ops FOR EACH ROW EXECUTE FUNCTION ${s}.stamp_op();

CREATE FUNCTION ${s}.check_ops() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${s}, pg_temp AS $$
DECLARE
  m ${s}.members%ROWTYPE;
  bad text;
BEGIN
  SELECT * INTO m FROM ${s}.members WHERE role = session_user;
  IF NOT FOUND OR m.revoked THEN
    RAISE EXCEPTION 'dyad: % is not a member of this project', session_user USING ERRCODE = '42501';
  END IF;
  -- Who made each coding and memo: the first put recorded. A row new here needs no looking up (it is the maker's,
  -- checked below without the table); only a put of a row already recorded, and a deletion, look up its maker,
  -- which the insert's own conflict has found: one probe of the index per operation.
  WITH fresh AS (
    INSERT INTO ${s}.owners (target, row_id, coder_id)
      SELECT DISTINCT ON (a.target, a.row_id) a.target, a.row_id, a.owner FROM arrived a
      WHERE a.kind = 'put' AND a.target IN ('codings', 'memos') ORDER BY a.target, a.row_id, a.seq
      ON CONFLICT DO NOTHING
      RETURNING target, row_id
  )
  SELECT a.target INTO bad FROM arrived a LEFT JOIN fresh f ON f.target = a.target AND f.row_id = a.row_id
  WHERE NOT m.lead AND CASE
    -- A coder adds only their own codings and memos (never one recorded as another coder's), and their own name.
    WHEN a.target = 'coders' THEN NOT (a.row_id = m.coder_id AND a.kind = 'put')
    WHEN a.target NOT IN ('codings', 'memos') OR a.owner IS DISTINCT FROM m.coder_id THEN true
    WHEN f.row_id IS NOT NULL THEN false
    ELSE EXISTS (SELECT 1 FROM ${s}.owners o WHERE o.target = a.target AND o.row_id = a.row_id AND o.coder_id IS DISTINCT FROM m.coder_id)
  END
  ORDER BY a.seq LIMIT 1;
  -- The first operation breaking a rule, in the order sent, names it (the whole statement is undone).
  IF bad IN ('codings', 'memos') THEN
    RAISE EXCEPTION 'dyad: only a lead changes another coder''s %', bad USING ERRCODE = '42501';
  ELSIF bad IN ('interviews', 'turns', 'moments') THEN
    RAISE EXCEPTION 'dyad: only a lead corrects transcripts' USING ERRCODE = '42501';
  ELSIF bad IS NOT NULL THEN
    RAISE EXCEPTION 'dyad: only a lead changes the codebook' USING ERRCODE = '42501';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER check_ops AFTER INSERT ON ${s}.ops REFERENCING NEW TABLE AS arrived FOR EACH STATEMENT EXECUTE FUNCTION ${s}.check_ops();
REVOKE ALL ON FUNCTION ${s}.stamp_op() FROM PUBLIC;
REVOKE ALL ON FUNCTION ${s}.check_ops() FROM PUBLIC;
`,
  },
];

export const LATEST_SERVER_VERSION = SERVER_MIGRATIONS[SERVER_MIGRATIONS.length - 1]!.version;

/** The schema of a project on the server: dyad_ and its id without dashes (a valid, unquoted identifier). */
export function schemaNameOf(projectId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(projectId)) throw new DyadError('invalid-input', `"${projectId}" is not a Dyad team project id.`);
  return `dyad_${projectId.replace(/-/g, '')}`;
}

export const ident = quoteIdent;

interface Queryable {
  query(sql: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** The version of the project's schema on the server, 0 when it has none yet. */
export async function serverVersion(client: Queryable, schema: string): Promise<number> {
  const exists = await client.query('SELECT to_regclass($1) IS NOT NULL AS there', [`${schema}.meta`]);
  if (!exists.rows[0]!.there) return 0;
  const r = await client.query(`SELECT value FROM ${schema}.meta WHERE key = 'schema_version'`);
  return r.rows.length ? Number(r.rows[0]!.value) : 0;
}

/** Refuses a schema written by a newer Dyad, naming both versions; returns the version found. */
export async function assertServerVersion(client: Queryable, schema: string, server: string): Promise<number> {
  const v = await serverVersion(client, schema);
  if (v > LATEST_SERVER_VERSION) {
    throw new DyadError(
      'newer-version',
      `The team project on ${server} was set up by a newer Dyad (server schema version ${v}; this Dyad knows up to ${LATEST_SERVER_VERSION}). Update Dyad to sync with it; nothing was changed.`,
    );
  }
  return v;
}

/**
 * Brings an older schema up to date when the connected role owns it (the lead who published), in a transaction of
 * its own; a coder's or a second lead's sync leaves it for the owner's. Returns the versions applied.
 */
export async function upgradeIfOwner(client: Queryable, schema: string, server: string): Promise<number[]> {
  const owns = await client.query("SELECT pg_has_role(current_user, c.relowner, 'USAGE') AS may FROM pg_class c WHERE c.oid = to_regclass($1)", [`${schema}.ops`]);
  if (!owns.rows[0]?.may) return [];
  await client.query('BEGIN');
  try {
    // Two of the owner's replicas at once: the second finds the schema already upgraded.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}.migrate`]);
    const applied = await migrateServer(client, schema, server);
    await client.query('COMMIT');
    return applied;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

/** Brings the schema up to date, in the caller's transaction (the owner runs it). */
export async function migrateServer(client: Queryable, schema: string, server: string): Promise<number[]> {
  const from = await assertServerVersion(client, schema, server);
  const pending = SERVER_MIGRATIONS.filter((m) => m.version > from);
  if (from === 0) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  for (const m of pending) await client.query(m.sql(schema));
  if (pending.length) {
    await client.query(
      `INSERT INTO ${schema}.meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [String(LATEST_SERVER_VERSION)],
    );
  }
  return pending.map((m) => m.version);
}

/**
 * A published schema as Dyad set it up before server schema 4: each operation checked alone by a row trigger (as
 * serverSchema.ts's migration 1 made it), put back over a schema-4 one. The tests of older servers start from it.
 */

/** Server schema 1–3's check, one operation at a time, in place of schema 4's. */
export function rowByRowChecks(s: string): string {
  return `
DROP TRIGGER check_ops ON ${s}.ops; DROP FUNCTION ${s}.check_ops();
DROP TRIGGER stamp_op ON ${s}.ops; DROP FUNCTION ${s}.stamp_op();
CREATE FUNCTION ${s}.check_op() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${s}, pg_temp AS $$
DECLARE m ${s}.members%ROWTYPE; prev text; known boolean;
BEGIN
  NEW.author := session_user;
  NEW.recorded_at := now();
  IF NEW.kind = 'put' AND NEW.target IN ('codings', 'memos') THEN NEW.owner := NEW.payload -> 'row' ->> 'coder_id'; END IF;
  SELECT * INTO m FROM ${s}.members WHERE role = session_user;
  IF NOT FOUND OR m.revoked THEN RAISE EXCEPTION 'dyad: % is not a member of this project', session_user USING ERRCODE = '42501'; END IF;
  SELECT true, coder_id INTO known, prev FROM ${s}.owners WHERE target = NEW.target AND row_id = NEW.row_id;
  IF NOT m.lead THEN
    IF NEW.target IN ('codings', 'memos') THEN
      IF NEW.owner IS DISTINCT FROM m.coder_id OR (known AND prev IS DISTINCT FROM m.coder_id) THEN
        RAISE EXCEPTION 'dyad: only a lead changes another coder''s %', NEW.target USING ERRCODE = '42501';
      END IF;
    ELSIF NEW.target = 'coders' AND NEW.row_id = m.coder_id AND NEW.kind = 'put' THEN NULL;
    ELSIF NEW.target IN ('interviews', 'turns', 'moments') THEN RAISE EXCEPTION 'dyad: only a lead corrects transcripts' USING ERRCODE = '42501';
    ELSE RAISE EXCEPTION 'dyad: only a lead changes the codebook' USING ERRCODE = '42501';
    END IF;
  END IF;
  IF NEW.target IN ('codings', 'memos') AND NEW.kind = 'put' AND known IS NULL THEN
    INSERT INTO ${s}.owners (target, row_id, coder_id) VALUES (NEW.target, NEW.row_id, NEW.owner) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER check_op BEFORE INSERT ON ${s}.ops FOR EACH ROW EXECUTE FUNCTION ${s}.check_op();
REVOKE ALL ON FUNCTION ${s}.check_op() FROM PUBLIC;`;
}

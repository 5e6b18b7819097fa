-- Issue 20: the audit trail is append-only for the pipeline, and only Hearth's roles reach the
-- function the row policy calls.

-- Incidents and destruction records are written once and never changed: the pipeline inserts
-- (ON CONFLICT DO NOTHING) and nothing else. Without UPDATE or DELETE a compromised or buggy job
-- cannot erase what it refused or destroyed; the triggers hold the line for every role short of
-- a superuser who disables them, which PostgreSQL's own log then shows.
REVOKE UPDATE, DELETE, TRUNCATE ON governance.incidents, governance.destruction_log FROM hearth_writer;

CREATE FUNCTION governance.refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
COMMENT ON FUNCTION governance.refuse_change() IS 'Refuses any change to an append-only audit table.';

CREATE TRIGGER incidents_append_only BEFORE UPDATE OR DELETE ON governance.incidents
    FOR EACH ROW EXECUTE FUNCTION governance.refuse_change();
CREATE TRIGGER incidents_not_truncated BEFORE TRUNCATE ON governance.incidents
    FOR EACH STATEMENT EXECUTE FUNCTION governance.refuse_change();
CREATE TRIGGER destruction_log_append_only BEFORE UPDATE OR DELETE ON governance.destruction_log
    FOR EACH ROW EXECUTE FUNCTION governance.refuse_change();
CREATE TRIGGER destruction_log_not_truncated BEFORE TRUNCATE ON governance.destruction_log
    FOR EACH STATEMENT EXECUTE FUNCTION governance.refuse_change();

-- reads_partner tells whether a role reads a partner's data: only the roles that read linked
-- data need it (the row policy calls it as the reader), not every role on the server.
REVOKE EXECUTE ON FUNCTION governance.reads_partner(text, name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION governance.reads_partner(text, name)
    TO hearth_writer, hearth_analyst, hearth_publisher, hearth_auditor;
DO $$
DECLARE
    r name;
BEGIN
    FOR r IN SELECT DISTINCT reader_role FROM governance.partner_readers LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION governance.reads_partner(text, name) TO %I', r);
    END LOOP;
END $$;

CREATE OR REPLACE FUNCTION governance.add_partner_reader(p_partner text, p_role name) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, governance
    AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = p_role) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', p_role);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA linked TO %I', p_role);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA linked TO %I', p_role);
    EXECUTE format('GRANT EXECUTE ON FUNCTION governance.reads_partner(text, name) TO %I', p_role);
    INSERT INTO governance.partner_readers VALUES (p_partner, p_role) ON CONFLICT DO NOTHING;
END $$;
REVOKE ALL ON FUNCTION governance.add_partner_reader(text, name) FROM PUBLIC;

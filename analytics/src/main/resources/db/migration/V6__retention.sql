-- Retention: per-dataset rules, applied both by the link job (to its state, and the rows it
-- wrote) and by `hearth retention run` (to the database), and a destruction log an auditor reads.

CREATE TABLE governance.retention_rules (
    rule         text    PRIMARY KEY,
    dataset      text    NOT NULL,
    attribute    text,
    equals       text,
    keep_months  integer NOT NULL CHECK (keep_months > 0),
    reason       text    NOT NULL,
    CHECK (equals IS NULL OR attribute IS NOT NULL)
);
COMMENT ON TABLE governance.retention_rules IS 'How long records are kept. A record of the dataset (having the attribute, or the attribute with the given value) is destroyed keep_months after the last extract that carried it landed. The link job reads these rules when it starts.';
COMMENT ON COLUMN governance.retention_rules.rule IS 'Name of the rule, as the destruction log cites it.';
COMMENT ON COLUMN governance.retention_rules.dataset IS 'Dataset the rule applies to.';
COMMENT ON COLUMN governance.retention_rules.attribute IS 'Attribute a record must have (non-empty) for the rule to apply; null: every record of the dataset.';
COMMENT ON COLUMN governance.retention_rules.equals IS 'Value the attribute must have; null: any non-empty value.';
COMMENT ON COLUMN governance.retention_rules.keep_months IS 'Months a record is kept after the last extract that carried it.';
COMMENT ON COLUMN governance.retention_rules.reason IS 'The sharing protocol''s clause the rule carries out.';

INSERT INTO governance.retention_rules VALUES
    ('supporting-families-closed', 'supporting-families', 'date_closed', NULL, 12,
     'Early help and Supporting Families: records of families whose support has closed, or who are below the threshold for help, are deleted after 12 months.');

CREATE TABLE governance.destruction_log (
    rule          text        NOT NULL,
    partner       text        NOT NULL,
    dataset       text        NOT NULL,
    records       bigint      NOT NULL,
    destroyed_at  timestamptz NOT NULL,
    destroyed_by  text        NOT NULL,
    PRIMARY KEY (rule, partner, dataset, destroyed_at, destroyed_by)
);
COMMENT ON TABLE governance.destruction_log IS 'Evidence of destruction: how many records of which partner''s dataset each retention rule destroyed, when, and where (the link job''s state and rows, or the database). Counts only.';
COMMENT ON COLUMN governance.destruction_log.rule IS 'The retention rule applied (governance.retention_rules.rule).';
COMMENT ON COLUMN governance.destruction_log.partner IS 'Partner whose records were destroyed.';
COMMENT ON COLUMN governance.destruction_log.dataset IS 'Dataset of the records.';
COMMENT ON COLUMN governance.destruction_log.records IS 'How many records were destroyed.';
COMMENT ON COLUMN governance.destruction_log.destroyed_at IS 'When.';
COMMENT ON COLUMN governance.destruction_log.destroyed_by IS 'link-job (state and the rows it wrote) or hearth retention run (the database).';

GRANT SELECT, INSERT, UPDATE, DELETE ON governance.retention_rules, governance.destruction_log TO hearth_writer;

DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hearth_auditor') THEN
        CREATE ROLE hearth_auditor NOLOGIN;
    END IF;
END $$;
COMMENT ON ROLE hearth_auditor IS 'Information governance and auditors: read what the platform did (extracts, incidents, subject requests, retention, destruction), never linked data.';
GRANT USAGE ON SCHEMA governance TO hearth_auditor;
GRANT SELECT ON governance.extracts, governance.incidents, governance.subject_requests,
    governance.retention_rules, governance.destruction_log TO hearth_auditor;

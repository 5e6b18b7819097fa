-- Domestic-abuse needs assessment: homelessness cases whose reason for loss of settled home is
-- domestic abuse, as each district sees them (row-level security reaches through the view: a
-- district reads its own cases, the county all), and the published, disclosure-controlled
-- aggregates by quarter, district and household type.

-- The calendar quarter of an ISO date attribute ('2026-Q1'), null when absent or malformed.
CREATE FUNCTION linked.quarter_of(v text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN v ~ '^[0-9]{4}-(0[1-9]|1[0-2])-[0-9]{2}$'
                      THEN substr(v, 1, 4) || '-Q' || ((substr(v, 6, 2)::int + 2) / 3)::text END $$;
COMMENT ON FUNCTION linked.quarter_of(text) IS 'Calendar quarter (YYYY-Qn) of an ISO date attribute; null when absent or malformed.';

CREATE VIEW linked.domestic_abuse_cases AS
    SELECT c.record_id,
           c.household_id,
           c.person_id,
           c.partner                                                             AS district,
           linked.quarter_of(c.attributes->>'date_of_application')               AS quarter,
           coalesce(nullif(c.attributes->>'household_type', ''), 'Not recorded') AS household_type,
           linked.decimal_or_null(c.attributes->>'number_of_children')::integer  AS children,
           c.attributes->>'duty'                                                 AS duty,
           c.attributes->>'sex'                                                  AS applicant_sex,
           linked.decimal_or_null(c.attributes->>'age')::integer                 AS applicant_age,
           c.attributes->>'postcode_ward'                                        AS ward
    FROM linked.current_contributions c
    WHERE c.dataset = 'da-homelessness';
ALTER VIEW linked.domestic_abuse_cases SET (security_invoker = true);
COMMENT ON VIEW linked.domestic_abuse_cases IS 'Homelessness applications whose reason for loss of settled home is domestic abuse (H-CLIC style), one row per case. A district''s reader role sees only its own cases; the county (hearth_analyst) sees every district''s.';
COMMENT ON COLUMN linked.domestic_abuse_cases.record_id IS 'Analyst id of the case record.';
COMMENT ON COLUMN linked.domestic_abuse_cases.household_id IS 'Analyst id of the household at the last settled address.';
COMMENT ON COLUMN linked.domestic_abuse_cases.person_id IS 'Analyst id of the applicant.';
COMMENT ON COLUMN linked.domestic_abuse_cases.district IS 'The district council (partner) that took the application.';
COMMENT ON COLUMN linked.domestic_abuse_cases.quarter IS 'Calendar quarter of the date of application (YYYY-Qn); null when the date is missing.';
COMMENT ON COLUMN linked.domestic_abuse_cases.household_type IS 'Household type as recorded by the district (H-CLIC categories), or Not recorded.';
COMMENT ON COLUMN linked.domestic_abuse_cases.children IS 'Number of children in the applying household.';
COMMENT ON COLUMN linked.domestic_abuse_cases.duty IS 'Prevention or Relief duty owed.';
COMMENT ON COLUMN linked.domestic_abuse_cases.applicant_sex IS 'M or F as recorded.';
COMMENT ON COLUMN linked.domestic_abuse_cases.applicant_age IS 'Applicant''s age in whole years at the extract period (date of birth generalised away).';
COMMENT ON COLUMN linked.domestic_abuse_cases.ward IS 'ONS ward of the last settled address''s postcode.';

CREATE TABLE published.domestic_abuse_needs (
    quarter         text        NOT NULL,
    district        text        NOT NULL,
    household_type  text        NOT NULL,
    applications    integer,
    published_at    timestamptz NOT NULL,
    PRIMARY KEY (quarter, district, household_type)
);
COMMENT ON TABLE published.domestic_abuse_needs IS 'Domestic-abuse needs assessment: homelessness applications owed a duty because of domestic abuse, per quarter, by district and household type, with the rows All districts and All household types as totals. Each quarter is protected as its own table (no figure across quarters is published). Null means suppressed.';
COMMENT ON COLUMN published.domestic_abuse_needs.quarter IS 'Calendar quarter of application (YYYY-Qn).';
COMMENT ON COLUMN published.domestic_abuse_needs.district IS 'District council, or All districts.';
COMMENT ON COLUMN published.domestic_abuse_needs.household_type IS 'Household type, or All household types.';
COMMENT ON COLUMN published.domestic_abuse_needs.applications IS 'Applications; null when suppressed (below the threshold, or hidden so that no suppressed count can be worked out from the totals).';
COMMENT ON COLUMN published.domestic_abuse_needs.published_at IS 'When the figures were computed.';

-- V4 granted on the tables that existed then; objects added since need their own grants.
GRANT SELECT ON linked.domestic_abuse_cases TO hearth_analyst;
GRANT SELECT ON linked.domestic_abuse_cases TO hearth_writer;
GRANT SELECT, INSERT, UPDATE, DELETE ON published.domestic_abuse_needs TO hearth_writer;
GRANT SELECT ON published.domestic_abuse_needs TO hearth_analyst, hearth_publisher;
DO $$
DECLARE r name;
BEGIN
    FOR r IN SELECT DISTINCT reader_role FROM governance.partner_readers LOOP
        EXECUTE format('GRANT SELECT ON linked.domestic_abuse_cases TO %I', r);
    END LOOP;
END $$;

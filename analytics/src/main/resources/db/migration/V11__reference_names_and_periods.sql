-- Names reports show in place of codes, and the period of the data they count. Ward and partner
-- names are public reference data (ONS publishes ward names and codes), so every role may read
-- them; only the pipeline's writer role loads them (hearth report names).
CREATE SCHEMA IF NOT EXISTS reference;
COMMENT ON SCHEMA reference IS 'Public reference data reports show in place of codes: ward and partner names. No personal data.';

CREATE TABLE reference.wards (
    ward           text        PRIMARY KEY,
    name           text        NOT NULL,
    district       text,
    district_name  text,
    loaded_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE reference.wards IS 'One row per ward: its name and district, from the ONS ward names and codes file (or the synthetic county''s lookup/ward-names.csv).';
COMMENT ON COLUMN reference.wards.ward IS 'ONS ward code (osward in the postcode lookup), as linked.children.ward carries it.';
COMMENT ON COLUMN reference.wards.name IS 'Ward name, e.g. Marshside.';
COMMENT ON COLUMN reference.wards.district IS 'ONS code of the local authority district the ward is in.';
COMMENT ON COLUMN reference.wards.district_name IS 'Name of that district, e.g. Basildon.';
COMMENT ON COLUMN reference.wards.loaded_at IS 'When the row was last loaded.';

CREATE TABLE reference.partners (
    partner    text        PRIMARY KEY,
    name       text        NOT NULL,
    loaded_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE reference.partners IS 'One row per partner: the organisation''s name, shown in reports in place of its partner id.';
COMMENT ON COLUMN reference.partners.partner IS 'Partner id, as linked.contributions.partner carries it, e.g. basildon-council.';
COMMENT ON COLUMN reference.partners.name IS 'The organisation''s name, e.g. Basildon Council.';
COMMENT ON COLUMN reference.partners.loaded_at IS 'When the row was last loaded.';

GRANT USAGE ON SCHEMA reference TO PUBLIC;
GRANT SELECT ON reference.wards, reference.partners TO PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON reference.wards, reference.partners TO hearth_writer;

-- The period an extract describes is in governance.extracts, which analysts do not read. This
-- function gives the period of one extract; the view below asks it only for the extracts of rows
-- the reader already sees (row-level security applies to the view), so a district learns the
-- periods of its own extracts only.
CREATE FUNCTION linked.extract_period(p_partner text, p_dataset text, p_extract_id text) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, governance
    AS $$ SELECT e.period FROM governance.extracts e
          WHERE e.partner = p_partner AND e.dataset = p_dataset AND e.extract_id = p_extract_id $$;
COMMENT ON FUNCTION linked.extract_period(text, text, text) IS 'Period (e.g. 2026-Q1) of a landed extract, null when the link job recorded none.';

CREATE VIEW linked.dataset_periods AS
    SELECT partner, dataset, linked.extract_period(partner, dataset, extract_id) AS period,
           sum(records)::bigint AS records
    FROM (SELECT partner, dataset, extract_id, count(*) AS records
          FROM linked.current_contributions GROUP BY partner, dataset, extract_id) x
    GROUP BY partner, dataset, linked.extract_period(partner, dataset, extract_id);
ALTER VIEW linked.dataset_periods SET (security_invoker = true);
COMMENT ON VIEW linked.dataset_periods IS 'One row per partner, dataset and period of the extracts the current records arrived in: the data period a report counts.';
COMMENT ON COLUMN linked.dataset_periods.partner IS 'Partner that published the extracts.';
COMMENT ON COLUMN linked.dataset_periods.dataset IS 'Dataset of the extracts, e.g. school-readiness.';
COMMENT ON COLUMN linked.dataset_periods.period IS 'Period the extracts describe (governance.extracts.period), e.g. 2026-Q1; null where not recorded.';
COMMENT ON COLUMN linked.dataset_periods.records IS 'Current records from extracts of that period.';

GRANT SELECT ON linked.dataset_periods TO hearth_analyst, hearth_writer;
DO $$
DECLARE r name;
BEGIN
    FOR r IN SELECT DISTINCT reader_role FROM governance.partner_readers LOOP
        EXECUTE format('GRANT SELECT ON linked.dataset_periods TO %I', r);
    END LOOP;
END $$;

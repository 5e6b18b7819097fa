-- School readiness as analysts ask about it, the published (disclosure-controlled) schema, and
-- who may read what: a writer role for the pipeline, an analyst role that sees everything linked,
-- a publisher role that sees only published aggregates, and one reader role per partner that
-- sees only that partner's own contributions (districts never see each other's data).

-- A value of a validated decimal attribute, or null; never an error on an odd string.
CREATE FUNCTION linked.decimal_or_null(v text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN v ~ '^-?[0-9]{1,12}(\.[0-9]{1,6})?$' THEN v::numeric END $$;
COMMENT ON FUNCTION linked.decimal_or_null(text) IS 'A decimal attribute as numeric, null when absent or malformed.';

-- The ward a household lives in, from the wards its records' postcodes give (the commonest).
CREATE VIEW linked.household_wards AS
    SELECT DISTINCT ON (household_id) household_id, attributes->>'postcode_ward' AS ward
    FROM linked.current_contributions
    WHERE attributes ? 'postcode_ward'
    GROUP BY household_id, attributes->>'postcode_ward'
    ORDER BY household_id, count(*) DESC, attributes->>'postcode_ward';
COMMENT ON VIEW linked.household_wards IS 'One row per household whose records carry a postcode: the ward most of them give.';
COMMENT ON COLUMN linked.household_wards.ward IS 'ONS ward code (osward), from the postcode lookup at the edge.';

DROP VIEW linked.children;
CREATE VIEW linked.children AS
    SELECT c.record_id,
           c.person_id,
           c.household_id,
           coalesce(c.attributes->>'postcode_ward', w.ward)      AS ward,
           (c.attributes->>'good_level_of_development') = 'Y'    AS good_level_of_development,
           c.attributes->>'sex'                                   AS sex,
           c.attributes->>'birth_month'                           AS birth_month,
           (c.attributes->>'free_school_meals') = 'Y'            AS free_school_meals,
           c.attributes
    FROM linked.current_contributions c
    LEFT JOIN linked.household_wards w ON w.household_id = c.household_id
    WHERE c.dataset = 'school-readiness'
      AND c.attributes ? 'good_level_of_development';
COMMENT ON VIEW linked.children IS 'One row per Early Years Foundation Stage Profile result, attached to the household the child lived in at assessment.';
COMMENT ON COLUMN linked.children.record_id IS 'Analyst id of the EYFSP record.';
COMMENT ON COLUMN linked.children.person_id IS 'Analyst id of the child.';
COMMENT ON COLUMN linked.children.household_id IS 'Analyst id of the household at the address of the assessment record.';
COMMENT ON COLUMN linked.children.ward IS 'Ward of the assessment record''s postcode, else the household''s ward.';
COMMENT ON COLUMN linked.children.good_level_of_development IS 'Reached a good level of development (school ready) at the end of reception.';
COMMENT ON COLUMN linked.children.sex IS 'M or F as recorded by the school.';
COMMENT ON COLUMN linked.children.birth_month IS 'Year and month of birth (the day is generalised away).';
COMMENT ON COLUMN linked.children.free_school_meals IS 'Eligible for free school meals.';
COMMENT ON COLUMN linked.children.attributes IS 'Every attribute of the EYFSP record, including the early learning goal scores.';

CREATE VIEW linked.household_risk_factors AS
    SELECT household_id,
           bool_or(dataset = 'housing-benefits'
                   AND coalesce(linked.decimal_or_null(attributes->>'total_arrears'), 0) > 0)      AS arrears,
           bool_or((dataset = 'police-incidents' AND attributes->>'incident_type' = 'DOMESTIC')
                   OR dataset = 'da-homelessness')                                                 AS domestic_abuse,
           bool_or(dataset = 'drug-alcohol-treatment')                                             AS substance_treatment,
           bool_or(dataset = 'childrens-social-care')                                              AS social_care,
           bool_or(dataset = 'housing-benefits'
                   AND (coalesce(linked.decimal_or_null(attributes->>'hb_weekly'), 0) > 0
                        OR coalesce(linked.decimal_or_null(attributes->>'ctr_percent'), 0) > 0))   AS benefits,
           bool_or(dataset = 'housing-benefits' AND attributes->>'lone_parent_premium' = 'Y')     AS lone_parent,
           bool_or(dataset = 'youth-offending')                                                    AS youth_offending,
           bool_or(dataset = 'police-incidents' AND attributes->>'incident_type' = 'ASB')         AS antisocial_behaviour
    FROM linked.current_contributions
    GROUP BY household_id;
COMMENT ON VIEW linked.household_risk_factors IS 'One row per household: which circumstances any partner''s current records show.';
COMMENT ON COLUMN linked.household_risk_factors.arrears IS 'Council tax or rent arrears above zero (housing and benefits).';
COMMENT ON COLUMN linked.household_risk_factors.domestic_abuse IS 'A domestic incident recorded by the police at the address, or homelessness through domestic abuse.';
COMMENT ON COLUMN linked.household_risk_factors.substance_treatment IS 'Someone in the household known to drug and alcohol treatment.';
COMMENT ON COLUMN linked.household_risk_factors.social_care IS 'A child in the household known to children''s social care.';
COMMENT ON COLUMN linked.household_risk_factors.benefits IS 'Receives housing benefit or council tax reduction.';
COMMENT ON COLUMN linked.household_risk_factors.lone_parent IS 'Lone parent premium in the benefit claim.';
COMMENT ON COLUMN linked.household_risk_factors.youth_offending IS 'Someone in the household known to the youth offending service.';
COMMENT ON COLUMN linked.household_risk_factors.antisocial_behaviour IS 'Anti-social behaviour recorded by the police at the address.';

CREATE VIEW linked.child_factors AS
    SELECT ch.record_id, ch.person_id, ch.household_id, ch.ward, ch.good_level_of_development,
           ch.free_school_meals,
           ch.sex = 'M'                                                        AS boy,
           substr(ch.birth_month, 6, 2) IN ('05', '06', '07', '08')            AS summer_born,
           coalesce(f.arrears, false)              AS arrears,
           coalesce(f.domestic_abuse, false)       AS domestic_abuse,
           coalesce(f.substance_treatment, false)  AS substance_treatment,
           coalesce(f.social_care, false)          AS social_care,
           coalesce(f.benefits, false)             AS benefits,
           coalesce(f.lone_parent, false)          AS lone_parent,
           coalesce(f.youth_offending, false)      AS youth_offending,
           coalesce(f.antisocial_behaviour, false) AS antisocial_behaviour
    FROM linked.children ch
    LEFT JOIN linked.household_risk_factors f ON f.household_id = ch.household_id;
COMMENT ON VIEW linked.child_factors IS 'One row per assessed child: the school-readiness outcome with the child''s and household''s circumstances (false where no partner records one).';
COMMENT ON COLUMN linked.child_factors.boy IS 'Recorded as male.';
COMMENT ON COLUMN linked.child_factors.summer_born IS 'Born May to August, so among the youngest in the school year.';

-- Published: aggregates that passed disclosure control, the only thing a publisher reads.
CREATE SCHEMA IF NOT EXISTS published;
COMMENT ON SCHEMA published IS 'Disclosure-controlled aggregates, safe to publish: small counts suppressed, with secondary suppression so no suppressed cell can be recovered from totals.';

CREATE TABLE published.school_readiness_by_ward (
    ward            text        NOT NULL,
    children        integer,
    ready           integer,
    not_ready       integer,
    ready_percent   numeric(5,1),
    published_at    timestamptz NOT NULL,
    PRIMARY KEY (ward)
);
COMMENT ON TABLE published.school_readiness_by_ward IS 'Children assessed and reaching a good level of development, by ward; the row ''All wards'' is the total. Null means suppressed.';
COMMENT ON COLUMN published.school_readiness_by_ward.ward IS 'ONS ward code, or All wards.';
COMMENT ON COLUMN published.school_readiness_by_ward.children IS 'Children assessed; null when suppressed.';
COMMENT ON COLUMN published.school_readiness_by_ward.ready IS 'Reaching a good level of development; null when suppressed.';
COMMENT ON COLUMN published.school_readiness_by_ward.not_ready IS 'Not reaching it; null when suppressed.';
COMMENT ON COLUMN published.school_readiness_by_ward.ready_percent IS 'ready / children, only where children is published and at least the rate threshold.';
COMMENT ON COLUMN published.school_readiness_by_ward.published_at IS 'When the figures were computed.';

CREATE TABLE published.school_readiness_risk_factors (
    factor              text          NOT NULL,
    description         text          NOT NULL,
    with_children       integer,
    with_not_ready      integer,
    without_children    integer,
    without_not_ready   integer,
    risk_ratio          numeric(8,3),
    ci_low              numeric(8,3),
    ci_high             numeric(8,3),
    published_at        timestamptz   NOT NULL,
    PRIMARY KEY (factor)
);
COMMENT ON TABLE published.school_readiness_risk_factors IS 'For each circumstance: children not school ready among those with it and without it, and the risk ratio with its 95% confidence interval. Null means suppressed.';
COMMENT ON COLUMN published.school_readiness_risk_factors.factor IS 'Column name in linked.child_factors.';
COMMENT ON COLUMN published.school_readiness_risk_factors.risk_ratio IS 'Share not school ready with the factor divided by the share without it; null when any count behind it is suppressed.';
COMMENT ON COLUMN published.school_readiness_risk_factors.ci_low IS 'Lower end of the 95% confidence interval (log method).';
COMMENT ON COLUMN published.school_readiness_risk_factors.ci_high IS 'Upper end of the 95% confidence interval (log method).';

-- Views see rows as the person asking sees them, so row-level security reaches through them.
ALTER VIEW linked.current_contributions SET (security_invoker = true);
ALTER VIEW linked.households SET (security_invoker = true);
ALTER VIEW linked.persons SET (security_invoker = true);
ALTER VIEW linked.household_indicators SET (security_invoker = true);
ALTER VIEW linked.household_wards SET (security_invoker = true);
ALTER VIEW linked.children SET (security_invoker = true);
ALTER VIEW linked.household_risk_factors SET (security_invoker = true);
ALTER VIEW linked.child_factors SET (security_invoker = true);

-- Roles are cluster-wide: a second Hearth database on the server finds them already there.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hearth_writer') THEN
        CREATE ROLE hearth_writer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hearth_analyst') THEN
        CREATE ROLE hearth_analyst NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hearth_publisher') THEN
        CREATE ROLE hearth_publisher NOLOGIN;
    END IF;
END $$;
COMMENT ON ROLE hearth_writer IS 'The link job and publishing commands: write linked, governance and published.';
COMMENT ON ROLE hearth_analyst IS 'County analysts: read everything linked and published.';
COMMENT ON ROLE hearth_publisher IS 'Reads only published, disclosure-controlled aggregates.';

GRANT USAGE ON SCHEMA linked, governance, published TO hearth_writer;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA linked, governance, published TO hearth_writer;
GRANT USAGE ON SCHEMA linked, published TO hearth_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA linked, published TO hearth_analyst;
GRANT USAGE ON SCHEMA published TO hearth_publisher;
GRANT SELECT ON ALL TABLES IN SCHEMA published TO hearth_publisher;

-- Which role reads which partner's own contributions.
CREATE TABLE governance.partner_readers (
    partner      text NOT NULL,
    reader_role  name NOT NULL,
    PRIMARY KEY (partner, reader_role)
);
COMMENT ON TABLE governance.partner_readers IS 'Roles that may read a partner''s own contributions and nothing else linked (a district reads its own data; the county reads all as hearth_analyst).';

CREATE FUNCTION governance.reads_partner(p_partner text, p_role name) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, governance
    AS $$ SELECT EXISTS (SELECT 1 FROM governance.partner_readers r
                         WHERE r.partner = p_partner AND pg_has_role(p_role, r.reader_role, 'MEMBER')) $$;
COMMENT ON FUNCTION governance.reads_partner(text, name) IS 'Whether a role is, or is a member of, a reader role of the partner.';

CREATE FUNCTION governance.add_partner_reader(p_partner text, p_role name) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, governance
    AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = p_role) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', p_role);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA linked TO %I', p_role);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA linked TO %I', p_role);
    INSERT INTO governance.partner_readers VALUES (p_partner, p_role) ON CONFLICT DO NOTHING;
END $$;
COMMENT ON FUNCTION governance.add_partner_reader(text, name) IS 'Creates (if needed) a role that reads only the partner''s own linked contributions; grant it to that partner''s analysts.';
REVOKE ALL ON FUNCTION governance.add_partner_reader(text, name) FROM PUBLIC;
-- the row policy calls reads_partner as whoever reads: they need to reach the function, which
-- alone reads governance.partner_readers on their behalf
GRANT USAGE ON SCHEMA governance TO PUBLIC;
GRANT EXECUTE ON FUNCTION governance.reads_partner(text, name) TO PUBLIC;

ALTER TABLE linked.contributions ENABLE ROW LEVEL SECURITY;
CREATE POLICY pipeline_writes ON linked.contributions TO hearth_writer USING (true) WITH CHECK (true);
CREATE POLICY analysts_read_all ON linked.contributions FOR SELECT TO hearth_analyst USING (true);
CREATE POLICY partners_read_their_own ON linked.contributions FOR SELECT TO PUBLIC
    USING (governance.reads_partner(partner, current_user));

-- Supporting Families: the county's claims register, linked like any extract, checked against
-- earlier claims ("have we claimed this family before?") and against what partners' records show
-- for the programme's headline outcome areas.

CREATE VIEW linked.supporting_families_claims AS
    SELECT c.record_id,
           c.household_id,
           c.person_id,
           c.attributes->>'claim_reference'        AS claim_reference,
           c.attributes->>'claim_period'           AS claim_period,
           c.attributes->>'outcome_areas_claimed'  AS outcome_areas_claimed
    FROM linked.current_contributions c
    WHERE c.dataset = 'supporting-families-claims'
      AND c.attributes ? 'claim_reference';
ALTER VIEW linked.supporting_families_claims SET (security_invoker = true);
COMMENT ON VIEW linked.supporting_families_claims IS 'The Supporting Families claims register: one row per family member named in a claim.';
COMMENT ON COLUMN linked.supporting_families_claims.record_id IS 'Analyst id of the register row.';
COMMENT ON COLUMN linked.supporting_families_claims.household_id IS 'Analyst id of the household at the member''s address.';
COMMENT ON COLUMN linked.supporting_families_claims.person_id IS 'Analyst id of the family member.';
COMMENT ON COLUMN linked.supporting_families_claims.claim_reference IS 'The programme''s reference for the claim (not an identifier of a person).';
COMMENT ON COLUMN linked.supporting_families_claims.claim_period IS 'Period claimed in (YYYY-Qn).';
COMMENT ON COLUMN linked.supporting_families_claims.outcome_areas_claimed IS 'Headline outcome areas the claim is for, separated by ;.';

-- What partners' current records show at a household, one column per headline outcome area the
-- linked data can speak to. Areas no partner's data covers (good education beyond the early
-- years, mental and physical health, family relationships) have no column: no evidence either way.
CREATE VIEW linked.household_outcome_evidence AS
    SELECT household_id,
           bool_or(dataset = 'school-readiness' AND attributes->>'good_level_of_development' = 'N')
                                                                                           AS early_years,
           bool_or(dataset = 'drug-alcohol-treatment')                                     AS substance_use,
           bool_or(dataset = 'childrens-social-care')                                      AS children_safe,
           bool_or(dataset = 'youth-offending'
                   OR (dataset = 'police-incidents' AND attributes->>'incident_type' = 'CRIME')) AS crime,
           bool_or((dataset = 'police-incidents' AND attributes->>'incident_type' = 'DOMESTIC')
                   OR dataset = 'da-homelessness')                                         AS domestic_abuse,
           bool_or(dataset = 'da-homelessness'
                   OR (dataset = 'housing-benefits'
                       AND coalesce(linked.decimal_or_null(attributes->>'total_arrears'), 0) > 0)) AS housing,
           bool_or(dataset = 'housing-benefits'
                   AND (coalesce(linked.decimal_or_null(attributes->>'hb_weekly'), 0) > 0
                        OR coalesce(linked.decimal_or_null(attributes->>'ctr_percent'), 0) > 0
                        OR coalesce(linked.decimal_or_null(attributes->>'total_arrears'), 0) > 0)) AS financial_security
    FROM linked.current_contributions
    WHERE household_id IS NOT NULL
    GROUP BY household_id;
ALTER VIEW linked.household_outcome_evidence SET (security_invoker = true);
COMMENT ON VIEW linked.household_outcome_evidence IS 'One row per household: for each Supporting Families headline outcome area the linked data covers, whether any partner''s current records show a need in it. Areas no partner covers have no column.';
COMMENT ON COLUMN linked.household_outcome_evidence.early_years IS 'Good early years development: a child at the household did not reach a good level of development (EYFSP).';
COMMENT ON COLUMN linked.household_outcome_evidence.substance_use IS 'Substance use: someone at the household known to drug and alcohol treatment.';
COMMENT ON COLUMN linked.household_outcome_evidence.children_safe IS 'Children safe from abuse and exploitation: a child known to children''s social care.';
COMMENT ON COLUMN linked.household_outcome_evidence.crime IS 'Crime: someone known to the youth offending service, or a crime recorded by the police at the address.';
COMMENT ON COLUMN linked.household_outcome_evidence.domestic_abuse IS 'Domestic abuse: a domestic incident recorded by the police, or homelessness through domestic abuse.';
COMMENT ON COLUMN linked.household_outcome_evidence.housing IS 'Secure housing: homelessness application, or rent or council tax arrears.';
COMMENT ON COLUMN linked.household_outcome_evidence.financial_security IS 'Financial security: housing benefit, council tax reduction or arrears.';

GRANT SELECT ON linked.supporting_families_claims, linked.household_outcome_evidence
    TO hearth_analyst, hearth_writer;
DO $$
DECLARE r name;
BEGIN
    FOR r IN SELECT DISTINCT reader_role FROM governance.partner_readers LOOP
        EXECUTE format('GRANT SELECT ON linked.supporting_families_claims, linked.household_outcome_evidence TO %I', r);
    END LOOP;
END $$;

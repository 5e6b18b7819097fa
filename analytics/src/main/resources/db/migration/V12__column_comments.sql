-- The database's COMMENTs are its data dictionary (\d+ in psql, any SQL client's column tooltips):
-- every column of every relation in linked and published has one. DataDictionaryIT counts the
-- columns without one and fails on any, so a new view or column cannot go undescribed.
-- (V11 is left to the reference-names migration being written alongside this one.)

-- linked.current_contributions: linked.contributions without the withdrawn rows
COMMENT ON COLUMN linked.current_contributions.record_id IS 'Analyst id of the record (project-scoped; stable while the partner keeps the record).';
COMMENT ON COLUMN linked.current_contributions.partner IS 'Partner that contributed the record, e.g. basildon-council.';
COMMENT ON COLUMN linked.current_contributions.dataset IS 'Dataset of the record, e.g. housing-benefits.';
COMMENT ON COLUMN linked.current_contributions.extract_id IS 'Extract the current version of the record arrived in.';
COMMENT ON COLUMN linked.current_contributions.sequence IS 'Position of the record in that extract, from 0 (the partner can trace it to a source row).';
COMMENT ON COLUMN linked.current_contributions.household_id IS 'Analyst id of the household the record is attributed to; changes when households merge or split.';
COMMENT ON COLUMN linked.current_contributions.person_id IS 'Analyst id of the person the record describes; null for household-level records.';
COMMENT ON COLUMN linked.current_contributions.attributes IS 'The record''s attributes and generalised quasi-identifiers, by contract field name (values as text; see docs/contracts.md).';

-- linked.households
COMMENT ON COLUMN linked.households.household_id IS 'Analyst id of the household (project-scoped); changes when households merge or split.';
COMMENT ON COLUMN linked.households.records IS 'Current records, of every partner, attributed to the household.';
COMMENT ON COLUMN linked.households.persons IS 'Distinct persons those records describe (household-level records name no person).';
COMMENT ON COLUMN linked.households.partners IS 'Distinct partners whose records describe the household.';
COMMENT ON COLUMN linked.households.datasets IS 'The datasets those records come from, sorted, each once, e.g. {housing-benefits,school-readiness}.';

-- linked.persons
COMMENT ON COLUMN linked.persons.person_id IS 'Analyst id of the person (project-scoped).';
COMMENT ON COLUMN linked.persons.household_id IS 'Analyst id of a household the person''s records are attributed to (the first in id order when they are attributed to several).';
COMMENT ON COLUMN linked.persons.records IS 'Current records, of every partner, describing the person.';
COMMENT ON COLUMN linked.persons.datasets IS 'The datasets those records come from, sorted, each once.';

-- linked.household_indicators
COMMENT ON COLUMN linked.household_indicators.household_id IS 'Analyst id of the household.';
COMMENT ON COLUMN linked.household_indicators.dataset IS 'Dataset the indicators come from, e.g. housing-benefits.';
COMMENT ON COLUMN linked.household_indicators.records IS 'Current records of that dataset attributed to the household.';
COMMENT ON COLUMN linked.household_indicators.indicators IS 'For each attribute of those records (contract field name), the distinct values they hold, as a JSON array: {"tenure": ["Council"], "total_arrears": ["0", "412.50"]}.';

-- linked.household_wards, linked.household_risk_factors, linked.household_outcome_evidence
COMMENT ON COLUMN linked.household_wards.household_id IS 'Analyst id of the household.';
COMMENT ON COLUMN linked.household_risk_factors.household_id IS 'Analyst id of the household.';
COMMENT ON COLUMN linked.household_outcome_evidence.household_id IS 'Analyst id of the household.';

-- linked.child_factors: linked.children with the household's circumstances
COMMENT ON COLUMN linked.child_factors.record_id IS 'Analyst id of the EYFSP record.';
COMMENT ON COLUMN linked.child_factors.person_id IS 'Analyst id of the child.';
COMMENT ON COLUMN linked.child_factors.household_id IS 'Analyst id of the household at the address of the assessment record.';
COMMENT ON COLUMN linked.child_factors.ward IS 'Ward of the assessment record''s postcode, else the household''s ward.';
COMMENT ON COLUMN linked.child_factors.good_level_of_development IS 'Reached a good level of development (school ready) at the end of reception: the outcome.';
COMMENT ON COLUMN linked.child_factors.free_school_meals IS 'Eligible for free school meals.';
COMMENT ON COLUMN linked.child_factors.arrears IS 'Council tax or rent arrears above zero at the household (housing and benefits); false where no partner records it.';
COMMENT ON COLUMN linked.child_factors.domestic_abuse IS 'A domestic incident recorded by the police at the address, or homelessness through domestic abuse; false where no partner records it.';
COMMENT ON COLUMN linked.child_factors.substance_treatment IS 'Someone in the household known to drug and alcohol treatment; false where no partner records it.';
COMMENT ON COLUMN linked.child_factors.social_care IS 'A child in the household known to children''s social care; false where no partner records it.';
COMMENT ON COLUMN linked.child_factors.benefits IS 'The household receives housing benefit or council tax reduction; false where no partner records it.';
COMMENT ON COLUMN linked.child_factors.lone_parent IS 'Lone parent premium in the household''s benefit claim; false where no partner records it.';
COMMENT ON COLUMN linked.child_factors.youth_offending IS 'Someone in the household known to the youth offending service; false where no partner records it.';
COMMENT ON COLUMN linked.child_factors.antisocial_behaviour IS 'Anti-social behaviour recorded by the police at the address; false where no partner records it.';

-- published.school_readiness_risk_factors
COMMENT ON COLUMN published.school_readiness_risk_factors.description IS 'The circumstance in words, as the report shows it, e.g. Eligible for free school meals.';
COMMENT ON COLUMN published.school_readiness_risk_factors.with_children IS 'Children assessed who have the circumstance: perturbed (cell key method) or, under threshold suppression, null when suppressed.';
COMMENT ON COLUMN published.school_readiness_risk_factors.with_not_ready IS 'Of those, children not school ready: perturbed (cell key method) or, under threshold suppression, null when suppressed.';
COMMENT ON COLUMN published.school_readiness_risk_factors.without_children IS 'Children assessed who do not have the circumstance: under cell-key perturbation the All wards total minus with_children; under threshold suppression null when suppressed.';
COMMENT ON COLUMN published.school_readiness_risk_factors.without_not_ready IS 'Of those, children not school ready: under cell-key perturbation the All wards total minus with_not_ready; under threshold suppression null when suppressed.';
COMMENT ON COLUMN published.school_readiness_risk_factors.published_at IS 'When the figures were computed.';

-- published.supporting_families_claims
COMMENT ON COLUMN published.supporting_families_claims.published_at IS 'When the figures were computed.';

-- The link job's outputs. One table is written by the job: linked.contributions, a row per
-- partner record attributed to a household and a person by project-scoped analyst ids. Every
-- other linked relation is a view over it, so a merge, a split or a retraction re-attributes rows
-- in one place and nothing can be counted twice.
DROP TABLE landing.partner_records;
DROP SCHEMA landing;

CREATE SCHEMA IF NOT EXISTS linked;
COMMENT ON SCHEMA linked IS 'Linked households, persons and indicators, by project-scoped analyst ids. No identifier, no partner pseudonym.';

CREATE TABLE linked.contributions (
    record_id     text        PRIMARY KEY,
    partner       text        NOT NULL,
    dataset       text        NOT NULL,
    extract_id    text        NOT NULL,
    sequence      bigint      NOT NULL,
    household_id  text,
    person_id     text,
    attributes    jsonb,
    deleted_at    timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contributions_household ON linked.contributions (household_id) WHERE deleted_at IS NULL;
CREATE INDEX contributions_person ON linked.contributions (person_id) WHERE deleted_at IS NULL;
CREATE INDEX contributions_dataset ON linked.contributions (partner, dataset) WHERE deleted_at IS NULL;
COMMENT ON TABLE linked.contributions IS 'One row per partner record the platform holds, attributed to a household and a person. A withdrawn, replaced or erased record keeps only its ids and provenance (deleted_at set).';
COMMENT ON COLUMN linked.contributions.record_id IS 'Analyst id of the record (project-scoped; stable while the partner keeps the record).';
COMMENT ON COLUMN linked.contributions.partner IS 'Partner that contributed the record, e.g. basildon-council.';
COMMENT ON COLUMN linked.contributions.dataset IS 'Dataset of the record, e.g. housing-benefits.';
COMMENT ON COLUMN linked.contributions.extract_id IS 'Extract the current version of the record arrived in.';
COMMENT ON COLUMN linked.contributions.sequence IS 'Position of the record in that extract, from 0 (the partner can trace it to a source row).';
COMMENT ON COLUMN linked.contributions.household_id IS 'Analyst id of the household the record is attributed to; changes when households merge or split.';
COMMENT ON COLUMN linked.contributions.person_id IS 'Analyst id of the person the record describes; null for household-level records.';
COMMENT ON COLUMN linked.contributions.attributes IS 'The record''s attributes and generalised quasi-identifiers, by contract field name.';
COMMENT ON COLUMN linked.contributions.deleted_at IS 'When the record was withdrawn, replaced by a full extract without it, or erased; null while current.';
COMMENT ON COLUMN linked.contributions.updated_at IS 'When the row was last written.';

CREATE VIEW linked.current_contributions AS
    SELECT record_id, partner, dataset, extract_id, sequence, household_id, person_id, attributes
    FROM linked.contributions WHERE deleted_at IS NULL;
COMMENT ON VIEW linked.current_contributions IS 'Contributions the platform holds now.';

CREATE VIEW linked.households AS
    SELECT household_id,
           count(*)                              AS records,
           count(DISTINCT person_id)             AS persons,
           count(DISTINCT partner)               AS partners,
           array_agg(DISTINCT dataset ORDER BY dataset) AS datasets
    FROM linked.current_contributions
    GROUP BY household_id;
COMMENT ON VIEW linked.households IS 'One row per linked household: how many records, persons, partners and which datasets describe it.';

CREATE VIEW linked.persons AS
    SELECT person_id,
           (array_agg(household_id ORDER BY household_id))[1] AS household_id,
           count(*)                              AS records,
           array_agg(DISTINCT dataset ORDER BY dataset) AS datasets
    FROM linked.current_contributions
    WHERE person_id IS NOT NULL
    GROUP BY person_id;
COMMENT ON VIEW linked.persons IS 'One row per linked person, with a household they are attributed to and the datasets that describe them.';

CREATE VIEW linked.children AS
    SELECT c.person_id,
           c.household_id,
           c.attributes->>'gld'                  AS good_level_of_development,
           c.attributes
    FROM linked.current_contributions c
    WHERE c.dataset = 'school-readiness';
COMMENT ON VIEW linked.children IS 'Children with an Early Years Foundation Stage Profile, attached to the household they lived in at assessment.';

CREATE VIEW linked.household_indicators AS
    WITH per_dataset AS (
        SELECT household_id, dataset, count(*) AS records
        FROM linked.current_contributions GROUP BY household_id, dataset
    ), per_key AS (
        SELECT household_id, dataset, a.key, jsonb_agg(DISTINCT a.value) AS vals
        FROM linked.current_contributions, jsonb_each(attributes) a
        GROUP BY household_id, dataset, a.key
    )
    SELECT d.household_id, d.dataset, d.records,
           coalesce(jsonb_object_agg(k.key, k.vals) FILTER (WHERE k.key IS NOT NULL), '{}'::jsonb) AS indicators
    FROM per_dataset d
    LEFT JOIN per_key k ON k.household_id = d.household_id AND k.dataset = d.dataset
    GROUP BY d.household_id, d.dataset, d.records;
COMMENT ON VIEW linked.household_indicators IS 'Every indicator of every dataset per household, from each partner''s latest extract: for each attribute the distinct values its records hold.';

CREATE TABLE governance.extracts (
    partner          text        NOT NULL,
    dataset          text        NOT NULL,
    extract_id       text        NOT NULL,
    period           text        NOT NULL,
    mode             text        NOT NULL,
    key_version      integer     NOT NULL,
    record_count     bigint      NOT NULL,
    received         bigint      NOT NULL,
    refused          bigint      NOT NULL,
    quarantined      bigint      NOT NULL,
    landed           bigint      NOT NULL,
    status           text        NOT NULL,
    reason           text,
    ambiguous_links  bigint      NOT NULL DEFAULT 0,
    decided_at       timestamptz NOT NULL,
    PRIMARY KEY (partner, dataset, extract_id)
);
COMMENT ON TABLE governance.extracts IS 'One row per extract the link job decided on: counts received, refused by the guard, quarantined and landed, which add up to the signed record count.';
COMMENT ON COLUMN governance.extracts.partner IS 'Partner that published the extract.';
COMMENT ON COLUMN governance.extracts.dataset IS 'Dataset of the extract.';
COMMENT ON COLUMN governance.extracts.extract_id IS 'Content-derived extract id from the signed manifest.';
COMMENT ON COLUMN governance.extracts.period IS 'Period the extract describes, e.g. 2026-Q1.';
COMMENT ON COLUMN governance.extracts.mode IS 'FULL (replaces the previous extract) or DELTA.';
COMMENT ON COLUMN governance.extracts.key_version IS 'Partner key version that signed and pseudonymised it.';
COMMENT ON COLUMN governance.extracts.record_count IS 'Records the signed manifest declares.';
COMMENT ON COLUMN governance.extracts.received IS 'Records that arrived.';
COMMENT ON COLUMN governance.extracts.refused IS 'Records the guard deleted on arrival (see governance.incidents).';
COMMENT ON COLUMN governance.extracts.quarantined IS 'Records not applied because the extract as a whole was refused.';
COMMENT ON COLUMN governance.extracts.landed IS 'Records applied (upserts and deletes).';
COMMENT ON COLUMN governance.extracts.status IS 'LANDED or QUARANTINED.';
COMMENT ON COLUMN governance.extracts.reason IS 'Why it was quarantined: manifest-signature, record-count, content-digest, unknown-key-version, revoked-key-version, ...';
COMMENT ON COLUMN governance.extracts.ambiguous_links IS 'Links resolution refused because a key reached two different strong identities.';
COMMENT ON COLUMN governance.extracts.decided_at IS 'When the link job decided.';

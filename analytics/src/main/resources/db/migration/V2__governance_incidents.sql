-- Incidents: records refused because they were not pseudonymised as their contract promised.
-- The record is stored nowhere; this says who sent it, where in which extract, which field and
-- which rule fired. Never the value.
CREATE SCHEMA IF NOT EXISTS governance;
COMMENT ON SCHEMA governance IS 'What the platform did about what it received: incidents, manifests, subject requests, destruction.';

CREATE TABLE governance.incidents (
    partner      text        NOT NULL,
    dataset      text        NOT NULL,
    extract_id   text        NOT NULL,
    sequence     bigint      NOT NULL,
    field        text        NOT NULL,
    rule         text        NOT NULL,
    detected_at  timestamptz NOT NULL,
    PRIMARY KEY (partner, dataset, extract_id, sequence, field, rule)
);
COMMENT ON TABLE governance.incidents IS 'One row per refused record; partners are told within 48 hours. Never holds the offending value.';
COMMENT ON COLUMN governance.incidents.partner IS 'Partner that sent the record.';
COMMENT ON COLUMN governance.incidents.dataset IS 'Dataset of the record.';
COMMENT ON COLUMN governance.incidents.extract_id IS 'Extract the record came in.';
COMMENT ON COLUMN governance.incidents.sequence IS 'Position of the record in its extract, from 0.';
COMMENT ON COLUMN governance.incidents.field IS 'The attribute that held identifier-shaped content.';
COMMENT ON COLUMN governance.incidents.rule IS 'nhs-number, upn, full-postcode, email-address, phone-number or name-in-text.';
COMMENT ON COLUMN governance.incidents.detected_at IS 'When the link job refused the record.';

-- The foundation's landing table: one row per partner record the link job accepted.
-- It holds no pseudonym and no attribute value, only what arrived from whom: counts and
-- provenance. The linked schema (households, persons, indicators) replaces it as the
-- link job grows.
CREATE SCHEMA IF NOT EXISTS landing;
COMMENT ON SCHEMA landing IS 'What the link job received, per partner record; provenance only.';

CREATE TABLE landing.partner_records (
    partner         text        NOT NULL,
    dataset         text        NOT NULL,
    extract_id      text        NOT NULL,
    sequence        bigint      NOT NULL,
    operation       text        NOT NULL,
    key_version     integer     NOT NULL,
    match_keys      integer     NOT NULL,
    attributes      integer     NOT NULL,
    landed_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner, dataset, extract_id, sequence)
);
COMMENT ON TABLE landing.partner_records IS 'One row per partner record landed; the primary key makes re-delivery after a restart an idempotent upsert.';
COMMENT ON COLUMN landing.partner_records.partner IS 'Partner id, e.g. basildon-bc.';
COMMENT ON COLUMN landing.partner_records.dataset IS 'Dataset id, e.g. housing-benefits.';
COMMENT ON COLUMN landing.partner_records.extract_id IS 'Content-derived id of the extract the record came in.';
COMMENT ON COLUMN landing.partner_records.sequence IS 'Position of the record in its extract, from 0.';
COMMENT ON COLUMN landing.partner_records.operation IS 'UPSERT, DELETE, RESTRICT, ERASE or LIFT.';
COMMENT ON COLUMN landing.partner_records.key_version IS 'Version of the partner key that made the record''s pseudonyms.';
COMMENT ON COLUMN landing.partner_records.match_keys IS 'How many pseudonymised match keys the record carried.';
COMMENT ON COLUMN landing.partner_records.attributes IS 'How many attributes the record carried.';
COMMENT ON COLUMN landing.partner_records.landed_at IS 'When the row was last written.';

-- Data subjects' rights. A partner publishes restriction, erasure or the lifting of a restriction
-- as the subject's pseudonymised keys; the link job withholds or removes every contribution it
-- attributes to that person, whichever partner sent it, and records here what it did.

ALTER TABLE linked.contributions ADD COLUMN withheld boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN linked.contributions.withheld IS 'True while a data subject''s restriction holds the record back (deleted_at is then set too, so no view shows it); false once lifted.';
COMMENT ON COLUMN linked.contributions.deleted_at IS 'When the record was withdrawn, replaced by a full extract without it, erased, or withheld by a restriction (see withheld); null while current.';

CREATE TABLE governance.subject_requests (
    partner      text        NOT NULL,
    request_id   text        NOT NULL,
    sequence     bigint      NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('RESTRICT', 'ERASE', 'LIFT')),
    persons      integer     NOT NULL,
    records      integer     NOT NULL,
    partners     integer     NOT NULL,
    action       text        NOT NULL,
    decided_at   timestamptz NOT NULL,
    PRIMARY KEY (partner, request_id, sequence)
);
COMMENT ON TABLE governance.subject_requests IS 'One row per data-subject request the link job carried out: what it found and what it did. Counts only; nothing that identifies the subject.';
COMMENT ON COLUMN governance.subject_requests.partner IS 'Partner that received the request from the subject and published it.';
COMMENT ON COLUMN governance.subject_requests.request_id IS 'The signed request extract it came in (the partner''s audit folder has the same id).';
COMMENT ON COLUMN governance.subject_requests.sequence IS 'Position of the subject in that extract, from 0.';
COMMENT ON COLUMN governance.subject_requests.kind IS 'RESTRICT, ERASE or LIFT.';
COMMENT ON COLUMN governance.subject_requests.persons IS 'Linked persons the subject''s keys reached.';
COMMENT ON COLUMN governance.subject_requests.records IS 'Records of those persons withheld, erased or released, across all partners.';
COMMENT ON COLUMN governance.subject_requests.partners IS 'How many partners those records came from.';
COMMENT ON COLUMN governance.subject_requests.action IS 'withheld, erased, released, nothing-to-lift, or held-no-records-yet (the hold stands for records that arrive later).';
COMMENT ON COLUMN governance.subject_requests.decided_at IS 'When the link job carried it out.';

GRANT SELECT, INSERT, UPDATE, DELETE ON governance.subject_requests TO hearth_writer;

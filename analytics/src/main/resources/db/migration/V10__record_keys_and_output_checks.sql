-- Issue 21: disclosure control that survives republication. Every contribution carries a secret
-- record key, published counts are perturbed by the cell key method, and every release leaves an
-- output-check report an auditor can read.

-- A uniform key on the 2^-53 grid from the server's strong random source: gen_random_uuid draws
-- from pg_strong_random, and md5 spreads its 122 random bits over the 53 taken. The grid makes
-- the value exact in double precision, so sums of keys modulo 1 are exact in any order.
CREATE FUNCTION linked.new_record_key() RETURNS double precision
    LANGUAGE sql VOLATILE PARALLEL SAFE
    AS $$ SELECT ((('x' || substr(md5(gen_random_uuid()::text), 1, 14))::bit(56)::bigint >> 3)::double precision
                  / 9007199254740992) $$;
COMMENT ON FUNCTION linked.new_record_key() IS 'A fresh uniform record key in [0,1) on the 2^-53 grid, from the server''s strong random source: the key of a row written without one.';

-- A volatile default is evaluated per row, so existing rows get a key each.
ALTER TABLE linked.contributions
    ADD COLUMN record_key double precision NOT NULL DEFAULT linked.new_record_key()
        CONSTRAINT record_key_in_unit_interval
        CHECK (record_key >= 0 AND record_key < 1
               AND record_key * 9007199254740992 = floor(record_key * 9007199254740992));
COMMENT ON COLUMN linked.contributions.record_key IS 'Secret record key for cell-key perturbation: uniform in [0,1), fixed when the record first lands and never changed (an upsert keeps it). The link job derives it with HMAC-SHA-256 under the project key from the record''s linkage id, so no partner can compute it; rows written otherwise draw one from the server''s strong random source. A published cell''s key is the sum of its records'' keys modulo 1. Not in any view.';

-- Which table version and which release each published row came from.
ALTER TABLE published.school_readiness_by_ward
    ADD COLUMN release_id text,
    ADD COLUMN disclosure text;
ALTER TABLE published.school_readiness_risk_factors
    ADD COLUMN release_id text,
    ADD COLUMN disclosure text;
ALTER TABLE published.domestic_abuse_needs
    ADD COLUMN release_id text,
    ADD COLUMN disclosure text;
COMMENT ON SCHEMA published IS 'Disclosure-controlled aggregates, safe to publish: by default every count perturbed by the cell key method (governance.releases names the perturbation table), or, as a setting, small counts suppressed with secondary suppression. Each row names its release; governance.output_checks says which rule each cell got and why.';
COMMENT ON TABLE published.school_readiness_by_ward IS 'Children assessed and reaching a good level of development, by ward; the row ''All wards'' is the total. Under cell-key perturbation ready and not ready are perturbed and children and the totals are their sums; under threshold suppression null means suppressed.';
COMMENT ON TABLE published.school_readiness_risk_factors IS 'For each circumstance: children not school ready among those with it and without it, and the risk ratio with its 95% confidence interval, computed from the published counts. Under cell-key perturbation the without-row is the All wards total minus the with-row; under threshold suppression null means suppressed.';
COMMENT ON TABLE published.domestic_abuse_needs IS 'Domestic-abuse needs assessment: homelessness applications owed a duty because of domestic abuse, per quarter, by district and household type, with the rows All districts and All household types as totals. Each quarter is protected as its own table (no figure across quarters is published). Under cell-key perturbation each district and household type is perturbed and the totals are sums; under threshold suppression null means suppressed.';
COMMENT ON COLUMN published.domestic_abuse_needs.applications IS 'Applications: perturbed (cell key method) or, under threshold suppression, null when suppressed.';
COMMENT ON COLUMN published.school_readiness_by_ward.release_id IS 'The release (governance.releases) the row belongs to.';
COMMENT ON COLUMN published.school_readiness_by_ward.disclosure IS 'The disclosure control applied, with the perturbation table''s version.';
COMMENT ON COLUMN published.school_readiness_risk_factors.release_id IS 'The release (governance.releases) the row belongs to.';
COMMENT ON COLUMN published.school_readiness_risk_factors.disclosure IS 'The disclosure control applied, with the perturbation table''s version.';
COMMENT ON COLUMN published.domestic_abuse_needs.release_id IS 'The release (governance.releases) the row belongs to.';
COMMENT ON COLUMN published.domestic_abuse_needs.disclosure IS 'The disclosure control applied, with the perturbation table''s version.';

CREATE TABLE published.supporting_families_claims (
    period        text        NOT NULL,
    measure       text        NOT NULL,
    category      text        NOT NULL,
    claims        integer,
    release_id    text        NOT NULL,
    disclosure    text        NOT NULL,
    published_at  timestamptz NOT NULL,
    PRIMARY KEY (period, measure, category)
);
COMMENT ON TABLE published.supporting_families_claims IS 'Supporting Families claims of a period, disclosure-controlled: by whether the family was claimed before (and how), and how many claims partners'' records show evidence for in each headline outcome area.';
COMMENT ON COLUMN published.supporting_families_claims.period IS 'Claim period (YYYY-Qn).';
COMMENT ON COLUMN published.supporting_families_claims.measure IS 'claimed-before (categories: not claimed before, same person, same household, all claims) or evidence (category: the headline outcome area).';
COMMENT ON COLUMN published.supporting_families_claims.category IS 'See measure.';
COMMENT ON COLUMN published.supporting_families_claims.claims IS 'Claims: perturbed (cell key method; all claims is the sum of the three claimed-before categories) or, under threshold suppression, null when suppressed.';
COMMENT ON COLUMN published.supporting_families_claims.release_id IS 'The release (governance.releases) the row belongs to.';
COMMENT ON COLUMN published.supporting_families_claims.disclosure IS 'The disclosure control applied, with the perturbation table''s version.';

-- The output-check report of every release: what was published and, for each cell, which rule
-- it got and why (in the spirit of ACRO/SACRO). Nothing here is more than the published figures
-- and public rules: no true count, no key, and no rule that would tell a small count from a
-- large one.
CREATE TABLE governance.releases (
    release_id       text        PRIMARY KEY,
    publication      text        NOT NULL,
    released_at      timestamptz NOT NULL,
    method           text        NOT NULL,
    ptable           text,
    min_count        integer     NOT NULL,
    min_denominator  integer     NOT NULL,
    cells            integer     NOT NULL,
    digest           text        NOT NULL
);
COMMENT ON TABLE governance.releases IS 'One row per release of a publication: when, under which disclosure control, and a digest of the published figures (two releases with the same digest published the same numbers).';
COMMENT ON COLUMN governance.releases.release_id IS 'The release, as published rows name it.';
COMMENT ON COLUMN governance.releases.publication IS 'school-readiness, domestic-abuse-needs or supporting-families-claims.';
COMMENT ON COLUMN governance.releases.released_at IS 'When the figures were computed.';
COMMENT ON COLUMN governance.releases.method IS 'cell-key-perturbation or threshold-suppression.';
COMMENT ON COLUMN governance.releases.ptable IS 'The perturbation table''s version and parameters; null under threshold suppression.';
COMMENT ON COLUMN governance.releases.min_count IS 'Threshold below which counts are suppressed (threshold suppression only).';
COMMENT ON COLUMN governance.releases.min_denominator IS 'Rates and ratios are published only over at least this many.';
COMMENT ON COLUMN governance.releases.cells IS 'Cells checked (rows of governance.output_checks).';
COMMENT ON COLUMN governance.releases.digest IS 'SHA-256 over every published cell (table, cell, value).';

CREATE TABLE governance.output_checks (
    release_id  text NOT NULL REFERENCES governance.releases (release_id),
    table_name  text NOT NULL,
    cell        text NOT NULL,
    published   text,
    rule        text NOT NULL,
    reason      text NOT NULL,
    PRIMARY KEY (release_id, table_name, cell)
);
COMMENT ON TABLE governance.output_checks IS 'The output check of every published cell of every release: the value published, the rule that produced it and why. A markdown copy is written beside each report.';
COMMENT ON COLUMN governance.output_checks.table_name IS 'The published table.';
COMMENT ON COLUMN governance.output_checks.cell IS 'Row and column of the cell, e.g. ward=E05000001; ready.';
COMMENT ON COLUMN governance.output_checks.published IS 'The published value; null when suppressed or withheld.';
COMMENT ON COLUMN governance.output_checks.rule IS 'cell-key-perturbation, sum-of-published-cells, total-minus-published-cells, threshold-shown, threshold-suppressed, computed-from-published-counts or withheld-small-denominator, withheld-suppressed-count, withheld-no-outcomes.';
COMMENT ON COLUMN governance.output_checks.reason IS 'Why the rule applies, in words.';

-- Like the incident log: written once, never changed.
GRANT SELECT, INSERT ON governance.releases, governance.output_checks TO hearth_writer;
GRANT SELECT ON governance.releases, governance.output_checks TO hearth_auditor, hearth_analyst;
CREATE TRIGGER releases_append_only BEFORE UPDATE OR DELETE ON governance.releases
    FOR EACH ROW EXECUTE FUNCTION governance.refuse_change();
CREATE TRIGGER releases_not_truncated BEFORE TRUNCATE ON governance.releases
    FOR EACH STATEMENT EXECUTE FUNCTION governance.refuse_change();
CREATE TRIGGER output_checks_append_only BEFORE UPDATE OR DELETE ON governance.output_checks
    FOR EACH ROW EXECUTE FUNCTION governance.refuse_change();
CREATE TRIGGER output_checks_not_truncated BEFORE TRUNCATE ON governance.output_checks
    FOR EACH STATEMENT EXECUTE FUNCTION governance.refuse_change();

GRANT SELECT, INSERT, UPDATE, DELETE ON published.supporting_families_claims TO hearth_writer;
GRANT SELECT ON published.supporting_families_claims TO hearth_analyst, hearth_publisher;

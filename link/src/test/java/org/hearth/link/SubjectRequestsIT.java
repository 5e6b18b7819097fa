package org.hearth.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hearth.events.Topics;
import org.hearth.ingest.ExtractPublisher;
import org.hearth.ingest.SubjectRequests;
import org.hearth.ingest.SyntheticExtract;
import org.hearth.pseudonymise.normalise.MatchKey;
import org.hearth.pseudonymise.normalise.MatchKeyType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partner publishes subject requests as pseudonymised keys; the job withholds or erases that
 * person's records at every partner, records what it did, and lifting a restriction brings the
 * records back. Real Kafka, Flink and PostgreSQL.
 */
class SubjectRequestsIT {
  @TempDir static Path work;
  static LinkTestPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    platform = LinkTestPlatform.start(work);
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void restrictionAndErasureReachEveryPartnerAndAreRecorded() throws Exception {
    // both partners hold the same 30 people (SyntheticExtract numbers them alike)
    var housing = extract("basildon-council", "housing-benefits", 30);
    var police = extract("essex-police", "incidents-at-address", 30);
    platform.kafka.createTopics(
        housing.topic(),
        police.topic(),
        Topics.dataset("basildon-council", SubjectRequests.DATASET));
    try (ExtractPublisher p = platform.publisher("data")) {
      p.publish(housing.topic(), housing.records(), housing.manifest());
      p.publish(police.topic(), police.records(), police.manifest());
    }
    request(SubjectRequests.Kind.RESTRICT, "9990000001", "2026-03-01");
    request(SubjectRequests.Kind.ERASE, "9990000002", "2026-03-02");

    platform.runBoundedJob("subjects-1");

    assertThat(count("SELECT count(*) FROM linked.current_contributions")).isEqualTo(60 - 4);
    assertThat(count("SELECT count(*) FROM linked.contributions WHERE withheld")).isEqualTo(2);
    assertThat(
            count(
                "SELECT count(DISTINCT partner) FROM linked.contributions"
                    + " WHERE withheld AND attributes IS NULL AND household_id IS NULL"))
        .isEqualTo(2);
    // The job reads all topics at once, so a partner's record may arrive before or after the
    // request; either way the outcome row ends up counting both partners' records.
    assertThat(
            strings(
                "SELECT concat_ws(':', kind, persons, records, partners, action)"
                    + " FROM governance.subject_requests ORDER BY request_id"))
        .containsExactly("RESTRICT:1:2:2:withheld", "ERASE:1:2:2:erased");
    assertThat(
            count(
                "SELECT count(*) FROM governance.extracts WHERE dataset = 'subject-requests'"
                    + " AND status = 'LANDED' AND landed = record_count"))
        .isEqualTo(2);

    // the partner lifts the restriction; a fresh run replays every topic in order
    request(SubjectRequests.Kind.LIFT, "9990000001", "2026-03-03");
    platform.runBoundedJob("subjects-2");

    assertThat(count("SELECT count(*) FROM linked.current_contributions")).isEqualTo(60 - 2);
    assertThat(count("SELECT count(*) FROM linked.contributions WHERE withheld")).isZero();
    assertThat(
            strings(
                "SELECT concat_ws(':', kind, records, action) FROM governance.subject_requests"
                    + " WHERE kind = 'LIFT'"))
        .containsExactly("LIFT:2:released");
    // the erased person stays erased: the erasure stands against the partners' extracts
    assertThat(count("SELECT count(*) FROM linked.contributions WHERE deleted_at IS NOT NULL"))
        .isEqualTo(2);
  }

  private static void request(SubjectRequests.Kind kind, String nhs, String received) {
    SubjectRequests requests =
        new SubjectRequests(
            TestTrust.AUTHORITY.partnerKey("basildon-council", 1),
            TestTrust.AUTHORITY.signingKey("basildon-council", 1),
            work.resolve("audit"));
    try (ExtractPublisher p = platform.publisher("requests-" + kind)) {
      requests.publish(
          kind,
          List.of(
              new SubjectRequests.Subject(
                  "request-" + kind, List.of(MatchKey.of(MatchKeyType.NHS_NUMBER, nhs)))),
          LocalDate.parse(received),
          Optional.of(p));
    }
  }

  static SyntheticExtract.Extract extract(String partner, String dataset, int n) {
    return LinkTestPlatform.extract(partner, dataset, "2026-Q1", n);
  }

  static long count(String sql) throws Exception {
    return platform.count(sql);
  }

  static List<String> strings(String sql) throws Exception {
    return platform.strings(sql);
  }
}

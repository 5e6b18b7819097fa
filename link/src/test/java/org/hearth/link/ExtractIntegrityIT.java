package org.hearth.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.hearth.events.Topics;
import org.hearth.ingest.ExtractPublisher;
import org.hearth.ingest.SyntheticExtract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 end to end, on the real components: an empty or shrunken full extract, a replay, a
 * duplicate, a re-send on another partner's topic and a foreign dataset each become an incident,
 * and the tables hold exactly what the good extracts made of them.
 */
class ExtractIntegrityIT {
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

  static SyntheticExtract.Extract placed(
      String partner, String dataset, String period, int n, long sequence) {
    return TestTrust.extract(partner, dataset, period, n, sequence, false);
  }

  static void publish(String topic, SyntheticExtract.Extract x) {
    try (ExtractPublisher p = platform.publisher("integrity-" + System.nanoTime())) {
      p.publish(topic, x.records(), x.manifest());
    }
  }

  @Test
  void noExtractCanWipeRollBackDuplicateOrImpersonate() throws Exception {
    String own = Topics.dataset("basildon-council", "housing-benefits");
    String police = Topics.dataset("essex-police", "housing-benefits");
    String foreign = Topics.dataset("basildon-council", "police-incidents");
    platform.kafka.createTopics(own, police, foreign);
    var q1 = placed("basildon-council", "housing-benefits", "2026-Q1", 30, 1);
    var q2 = placed("basildon-council", "housing-benefits", "2026-Q2", 20, 2);
    publish(own, q1);
    publish(own, q2);
    publish(own, q1); // replay of an older, genuinely signed extract
    publish(own, placed("basildon-council", "housing-benefits", "2026-Q2", 20, 3)); // copy
    publish(own, placed("basildon-council", "housing-benefits", "2026-Q3", 0, 4)); // all rejected
    publish(own, placed("basildon-council", "housing-benefits", "2026-Q4", 4, 5)); // 80% fewer
    // essex-police's login re-sends a basildon-council extract on its own topic
    publish(police, placed("basildon-council", "housing-benefits", "2027-Q1", 20, 6));
    publish(foreign, placed("basildon-council", "police-incidents", "2026-Q1", 10, 1));

    platform.runBoundedJob(
        "integrity",
        TestTrust.withDatasets(
            platform.trust.registryJson(), "police-incidents", List.of("essex-police"), null));

    String q2Id = q2.manifest().getExtractId();
    assertThat(
            platform.strings(
                "SELECT DISTINCT partner || '/' || dataset || '/' || extract_id"
                    + " FROM linked.current_contributions"))
        .containsExactly("basildon-council/housing-benefits/" + q2Id);
    assertThat(platform.count("SELECT count(*) FROM linked.current_contributions")).isEqualTo(20);
    assertThat(
            platform.strings(
                "SELECT extract_id || ':' || status FROM governance.extracts"
                    + " WHERE status = 'LANDED' ORDER BY extract_id"))
        .containsExactly(q1.manifest().getExtractId() + ":LANDED", q2Id + ":LANDED");
    assertThat(
            platform.strings(
                "SELECT partner || ':' || rule FROM governance.incidents"
                    + " WHERE field = '(extract)' ORDER BY rule"))
        .containsExactly(
            "basildon-council:dataset-not-owned",
            "basildon-council:dataset-shrink",
            "basildon-council:duplicate-extract",
            "basildon-council:empty-full-extract",
            "essex-police:partner-not-topic-owner",
            "basildon-council:replayed-extract");
    assertThat(
            platform.count(
                "SELECT count(*) FROM linked.contributions"
                    + " WHERE partner = 'essex-police' OR dataset = 'police-incidents'"))
        .isZero();
  }
}

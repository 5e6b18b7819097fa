package org.hearth.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hearth.events.EventCodec;
import org.hearth.events.PartnerRecord;
import org.hearth.ingest.ExtractPublisher;
import org.hearth.ingest.SyntheticExtract;
import org.hearth.runtime.FlinkEnvironments;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.HearthConfig.StateBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20.7 on the real components: a bounded run started from a savepoint of the continuous job
 * ends, with the tables an uninterrupted run writes; a bounded run that ends before the extract
 * timeout decides every extract still open; records whose manifest never comes become an incident
 * in a continuous run. Every job here reads every partner topic of the shared broker, so each test
 * has its own datasets and database and looks only at those.
 */
class RestartsIT {
  /** Longer than a restored bounded run of a few hundred records takes on a loaded 2-core box. */
  static final Duration ENDS_WITHIN = Duration.ofSeconds(150);

  @TempDir static Path work;
  static LinkTestPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    platform = LinkTestPlatform.start(work, "restored", "uninterrupted", "ended", "orphans");
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  static LinkSettings settings(String group, String database, boolean bounded, Duration timeout) {
    LinkSettings d = platform.settings(group, platform.postgres.jdbcUrl(database));
    return new LinkSettings(
        d.bootstrapServers(),
        d.kafkaClientProperties(),
        d.consumerGroup(),
        bounded,
        d.jdbcUrl(),
        d.jdbcUser(),
        d.jdbcPassword(),
        d.registryJson(),
        d.bundle(),
        d.project(),
        timeout,
        d.deleteOnArrival());
  }

  static JobClient submit(String database, LinkSettings s, Optional<String> savepoint)
      throws Exception {
    HearthConfig.Flink flink =
        HearthConfig.Flink.embedded(2, StateBackend.HASHMAP, Duration.ofMillis(500));
    StreamExecutionEnvironment env =
        FlinkEnvironments.create(flink, work.resolve(database), List.of(), savepoint);
    LinkJob.createIncidentTopics(s, TestTrust.PARTNERS);
    LinkJob.define(env, LinkJob.kafkaSource(s), s, LinkJob.outputs(s));
    return env.executeAsync(LinkJob.NAME);
  }

  /** Waits for a bounded job to end; cancels it and fails when it does not in time. */
  static void awaitEnd(JobClient job, String what) throws Exception {
    try {
      job.getJobExecutionResult().get(ENDS_WITHIN.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      job.cancel().get(60, TimeUnit.SECONDS);
      throw new AssertionError(what + " did not end within " + ENDS_WITHIN.toSeconds() + " s", e);
    }
  }

  static void await(BooleanSupplier condition, Duration within, String what) throws Exception {
    long until = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError(what + " within " + within.toSeconds() + " s");
      }
      Thread.sleep(250);
    }
  }

  static long count(String database, String sql) {
    try {
      return platform.count(platform.postgres.jdbcUrl(database), sql);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> strings(String database, String sql) throws Exception {
    return platform.strings(platform.postgres.jdbcUrl(database), sql);
  }

  static void publish(SyntheticExtract.Extract x) {
    publish(x.topic(), x.records(), x);
  }

  static void publish(String topic, List<PartnerRecord> records, SyntheticExtract.Extract x) {
    try (ExtractPublisher p = platform.publisher("restarts-" + System.nanoTime())) {
      p.publish(topic, records, x.manifest());
    }
  }

  /** Records committed in a transaction of their own, with no manifest after them. */
  static void publishWithoutManifest(String topic, List<PartnerRecord> records) {
    Map<String, Object> p =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            platform.kafka.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "restarts-orphans-" + System.nanoTime(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (PartnerRecord r : records) {
        ProducerRecord<byte[], byte[]> pr =
            new ProducerRecord<>(topic, null, null, EventCodec.encode(r));
        pr.headers().add(EventCodec.TYPE_HEADER, EventCodec.RECORD);
        producer.send(pr);
      }
      producer.commitTransaction();
    }
  }

  @Test
  void aBoundedRunFromASavepointOfTheContinuousJobEndsWithWhatAnUninterruptedRunLands()
      throws Exception {
    var q1 = LinkTestPlatform.extract("basildon-council", "housing-benefits", "2026-Q1", 300);
    var police = LinkTestPlatform.extract("essex-police", "incidents-at-address", "2026-Q1", 200);
    var q2 = LinkTestPlatform.extract("basildon-council", "housing-benefits", "2026-Q2", 250);
    platform.kafka.createTopics(q1.topic(), police.topic());
    publish(q1);
    publish(police);
    String mine = "dataset IN ('housing-benefits', 'incidents-at-address')";

    // the continuous job lands both, then is stopped with a savepoint (the upgrade path)
    JobClient continuous =
        submit(
            "restored",
            settings("restore", "restored", false, Duration.ofSeconds(30)),
            Optional.empty());
    String savepoint;
    try {
      await(
          () -> count("restored", "SELECT count(*) FROM governance.extracts WHERE " + mine) == 2,
          Duration.ofSeconds(120),
          "the continuous job landed both extracts");
    } finally {
      savepoint =
          continuous
              .stopWithSavepoint(
                  false,
                  work.resolve("savepoints").toUri().toString(),
                  SavepointFormatType.CANONICAL)
              .get(120, TimeUnit.SECONDS);
    }
    publish(q2); // after the savepoint: only the restored run can land it

    awaitEnd(
        submit(
            "restored",
            settings("restore", "restored", true, Duration.ofSeconds(30)),
            Optional.of(savepoint)),
        "the bounded run from the savepoint");
    awaitEnd(
        submit(
            "uninterrupted",
            settings("uninterrupted", "uninterrupted", true, Duration.ofSeconds(30)),
            Optional.empty()),
        "the uninterrupted bounded run");

    assertThat(count("restored", "SELECT count(*) FROM linked.current_contributions WHERE " + mine))
        .isEqualTo(250 + 200);
    assertThat(
            strings(
                "restored",
                "SELECT extract_id || ':' || status FROM governance.extracts WHERE "
                    + mine
                    + " ORDER BY 1"))
        .containsExactly(
            q1.manifest().getExtractId() + ":LANDED",
            q2.manifest().getExtractId() + ":LANDED",
            police.manifest().getExtractId() + ":LANDED");
    // the restored run went on from the savepoint's offsets and state: it re-read nothing, so
    // nothing was a duplicate or a replay
    assertThat(strings("restored", "SELECT rule FROM governance.incidents WHERE " + mine))
        .isEmpty();
    List<String> restored = contents("restored", mine);
    List<String> expected = contents("uninterrupted", mine);
    List<String> missing = new ArrayList<>(expected);
    missing.removeAll(restored);
    List<String> extra = new ArrayList<>(restored);
    extra.removeAll(expected);
    assertThat(missing).as("rows of the uninterrupted run the restored run lacks").isEmpty();
    assertThat(extra).as("rows the restored run has and the uninterrupted run does not").isEmpty();
    assertThat(restored).isEqualTo(expected);
  }

  @Test
  void aBoundedRunThatEndsBeforeTheTimeoutDecidesEveryExtractStillOpen() throws Exception {
    var incomplete = LinkTestPlatform.extract("basildon-council", "council-tax", "2026-Q1", 12);
    var orphans = LinkTestPlatform.extract("leaky-council", "council-tax", "2026-Q1", 7);
    var complete = LinkTestPlatform.extract("essex-police", "council-tax", "2026-Q1", 5);
    platform.kafka.createTopics(incomplete.topic(), orphans.topic(), complete.topic());
    publish(incomplete.topic(), incomplete.records().subList(0, 10), incomplete); // 2 missing
    publishWithoutManifest(orphans.topic(), orphans.records());
    publish(complete);

    long started = System.nanoTime();
    awaitEnd(
        submit("ended", settings("ended", "ended", true, Duration.ofHours(1)), Optional.empty()),
        "the bounded run");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofHours(1));

    String mine = "dataset = 'council-tax'";
    assertThat(
            strings(
                "ended",
                "SELECT concat_ws(':', partner, status, reason, record_count, received,"
                    + " quarantined, landed) FROM governance.extracts WHERE "
                    + mine
                    + " ORDER BY partner"))
        .containsExactly(
            "basildon-council:QUARANTINED:incomplete-at-end-of-run:12:10:10:0",
            "essex-police:LANDED:5:5:0:5",
            "leaky-council:QUARANTINED:incomplete-at-end-of-run:0:7:7:0");
    assertThat(
            strings(
                "ended",
                "SELECT concat_ws(':', partner, extract_id, field, rule)"
                    + " FROM governance.incidents WHERE "
                    + mine
                    + " ORDER BY partner"))
        .containsExactly(
            "basildon-council:"
                + incomplete.manifest().getExtractId()
                + ":(extract):incomplete-at-end-of-run",
            "leaky-council:"
                + orphans.manifest().getExtractId()
                + ":(extract):incomplete-at-end-of-run");
    assertThat(strings("ended", "SELECT DISTINCT partner FROM linked.contributions WHERE " + mine))
        .containsExactly("essex-police");
  }

  @Test
  void recordsWhoseManifestNeverComesBecomeAnIncidentInAContinuousRun() throws Exception {
    var orphans = LinkTestPlatform.extract("basildon-council", "orphan-records", "2026-Q1", 4);
    platform.kafka.createTopics(orphans.topic());
    publishWithoutManifest(orphans.topic(), orphans.records());

    String mine = "dataset = 'orphan-records'";
    JobClient job =
        submit(
            "orphans",
            settings("orphans", "orphans", false, Duration.ofSeconds(3)),
            Optional.empty());
    try {
      await(
          () -> count("orphans", "SELECT count(*) FROM governance.incidents WHERE " + mine) > 0,
          Duration.ofSeconds(120),
          "an incident for records without a manifest");
      await(
          () -> count("orphans", "SELECT count(*) FROM governance.extracts WHERE " + mine) > 0,
          Duration.ofSeconds(30),
          "an outcome for records without a manifest");
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
    assertThat(
            strings(
                "orphans",
                "SELECT concat_ws(':', partner, extract_id, field, rule)"
                    + " FROM governance.incidents WHERE "
                    + mine))
        .containsExactly(
            "basildon-council:"
                + orphans.manifest().getExtractId()
                + ":(extract):missing-manifest");
    assertThat(
            strings(
                "orphans",
                "SELECT concat_ws(':', status, reason, received, quarantined, landed)"
                    + " FROM governance.extracts WHERE "
                    + mine))
        .containsExactly("QUARANTINED:missing-manifest:4:4:0");
    assertThat(count("orphans", "SELECT count(*) FROM linked.contributions WHERE " + mine))
        .isZero();
  }

  /** Every row the job writes of the datasets {@code where} selects, without write times. */
  private static List<String> contents(String database, String where) throws Exception {
    List<String> rows = new ArrayList<>();
    rows.addAll(
        strings(
            database,
            "SELECT concat_ws('|', record_id, partner, dataset, extract_id, sequence, household_id,"
                + " person_id, attributes::text, deleted_at IS NULL, withheld)"
                + " FROM linked.contributions WHERE "
                + where
                + " ORDER BY record_id"));
    rows.addAll(
        strings(
            database,
            "SELECT concat_ws('|', partner, dataset, extract_id, period, mode, key_version,"
                + " record_count, received, refused, quarantined, landed, status, reason,"
                + " ambiguous_links) FROM governance.extracts WHERE "
                + where
                + " ORDER BY 1"));
    rows.addAll(
        strings(
            database,
            "SELECT concat_ws('|', partner, dataset, extract_id, sequence, field, rule)"
                + " FROM governance.incidents WHERE "
                + where
                + " ORDER BY 1"));
    return rows;
  }
}

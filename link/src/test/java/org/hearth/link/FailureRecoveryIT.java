package org.hearth.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
 * The whole job, made to fail once in the middle of an extract after a checkpoint has completed:
 * Flink restarts it from that checkpoint, the source rewinds, and PostgreSQL ends up holding
 * exactly what an uninterrupted run of the same topics writes. The uninterrupted run keeps its
 * state on the heap, the interrupted one in RocksDB, so the comparison also shows that resolution
 * gives the same answer on either backend and that its state survives a RocksDB restore.
 */
class FailureRecoveryIT {
  @TempDir static Path work;
  static LinkTestPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    platform = LinkTestPlatform.start(work, "uninterrupted", "recovered");
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  /** Fails the job once, at a record after a checkpoint that completed past {@code after}. */
  static final class FailOnceAfterACheckpoint extends RichMapFunction<PartnerEvent, PartnerEvent>
      implements CheckpointListener {
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicLong CHECKPOINTS_BEFORE_FAILURE = new AtomicLong();
    private final long after;
    private long seen;
    private boolean checkpointedPastThreshold;

    FailOnceAfterACheckpoint(long after) {
      this.after = after;
    }

    @Override
    public PartnerEvent map(PartnerEvent e) throws Exception {
      seen++;
      if (!FAILED.get() && seen > after) {
        if (checkpointedPastThreshold && FAILED.compareAndSet(false, true)) {
          throw new IllegalStateException("fault injected by the test");
        }
        Thread.sleep(10); // let a checkpoint complete mid-extract
      }
      return e;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      if (seen > after && !FAILED.get()) {
        checkpointedPastThreshold = true;
        CHECKPOINTS_BEFORE_FAILURE.incrementAndGet();
      }
    }
  }

  @Test
  void aRestartFromACheckpointMidExtractLandsExactlyWhatAnUninterruptedRunLands() throws Exception {
    var q1 = extract("basildon-council", "housing-benefits", "2026-Q1", 600);
    var police = extract("essex-police", "incidents-at-address", "2026-Q1", 400);
    var q2 = extract("basildon-council", "housing-benefits", "2026-Q2", 450); // 150 retracted
    platform.kafka.createTopics(q1.topic(), police.topic());
    try (ExtractPublisher p = platform.publisher("recovery")) {
      p.publish(q1.topic(), q1.records(), q1.manifest());
      p.publish(police.topic(), police.records(), police.manifest());
      p.publish(q2.topic(), q2.records(), q2.manifest());
    }

    run("uninterrupted", "group-uninterrupted", false);
    run("recovered", "group-recovered", true);

    assertThat(FailOnceAfterACheckpoint.FAILED).isTrue();
    assertThat(FailOnceAfterACheckpoint.CHECKPOINTS_BEFORE_FAILURE.get()).isPositive();
    List<String> expected = contents("uninterrupted");
    assertThat(count("uninterrupted", "SELECT count(*) FROM linked.current_contributions"))
        .isEqualTo(450 + 400);
    assertThat(count("uninterrupted", "SELECT count(*) FROM governance.extracts")).isEqualTo(3);
    List<String> recovered = contents("recovered");
    List<String> missing = new ArrayList<>(expected);
    missing.removeAll(recovered);
    List<String> extra = new ArrayList<>(recovered);
    extra.removeAll(expected);
    assertThat(missing).as("rows of the uninterrupted run the recovered run lacks").isEmpty();
    assertThat(extra).as("rows the recovered run has and the uninterrupted run does not").isEmpty();
    assertThat(recovered).isEqualTo(expected);
  }

  private void run(String database, String group, boolean fail) throws Exception {
    HearthConfig.Flink flink =
        HearthConfig.Flink.embedded(
            2, fail ? StateBackend.ROCKSDB : StateBackend.HASHMAP, Duration.ofMillis(300));
    StreamExecutionEnvironment env =
        FlinkEnvironments.create(flink, work.resolve(database), List.of());
    LinkSettings s = platform.settings(group, platform.postgres.jdbcUrl(database));
    LinkJob.createIncidentTopics(s, TestTrust.PARTNERS);
    var events =
        env.fromSource(LinkJob.kafkaSource(s), WatermarkStrategy.noWatermarks(), "partner-topics");
    LinkJob.define(
        fail ? events.map(new FailOnceAfterACheckpoint(150)).name("fault") : events,
        s,
        LinkJob.outputs(s));
    env.execute(LinkJob.NAME);
  }

  /** Every row the job writes, without the times it wrote them. */
  private static List<String> contents(String database) throws Exception {
    List<String> rows = new ArrayList<>();
    rows.addAll(
        strings(
            database,
            "SELECT concat_ws('|', record_id, partner, dataset, extract_id, sequence, household_id,"
                + " person_id, attributes::text, deleted_at IS NULL, withheld)"
                + " FROM linked.contributions ORDER BY record_id"));
    rows.addAll(
        strings(
            database,
            "SELECT concat_ws('|', partner, dataset, extract_id, period, mode, key_version,"
                + " record_count, received, refused, quarantined, landed, status, reason,"
                + " ambiguous_links) FROM governance.extracts ORDER BY 1"));
    rows.addAll(
        strings(
            database,
            "SELECT concat_ws('|', partner, dataset, extract_id, sequence, field, rule)"
                + " FROM governance.incidents ORDER BY 1"));
    return rows;
  }

  static SyntheticExtract.Extract extract(String partner, String dataset, String period, int n) {
    return LinkTestPlatform.extract(partner, dataset, period, n);
  }

  static long count(String database, String sql) throws Exception {
    return platform.count(platform.postgres.jdbcUrl(database), sql);
  }

  static List<String> strings(String database, String sql) throws Exception {
    return platform.strings(platform.postgres.jdbcUrl(database), sql);
  }
}

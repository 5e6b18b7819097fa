package org.hearth.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.hearth.events.ExtractManifest;
import org.hearth.events.ManifestSigning;
import org.hearth.events.PartnerRecord;
import org.hearth.ingest.ExtractPublisher;
import org.hearth.runtime.FlinkEnvironments;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.HearthConfig.StateBackend;
import org.hearth.runtime.KafkaAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19.3: a record the guard refused is gone from the broker's disk once the continuous job has
 * checkpointed past it. Read from the segment files themselves, not through a consumer, because a
 * consumer stops at the log start offset while the bytes may still be on disk.
 */
class DeleteOnArrivalIT {
  /** In the refused record only: the NHS number the partner pasted into a free-text field. */
  private static final String CANARY = "943 476 5919";

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
  void aRefusedRecordIsGoneFromTheSegmentFilesAfterTheNextCheckpoint() throws Exception {
    var extract = LinkTestPlatform.extract("leaky-council", "housing-benefits", "2026-Q1", 3);
    List<PartnerRecord> records = new ArrayList<>(extract.records());
    records.set(
        1,
        PartnerRecord.newBuilder(records.get(1))
            .setAttributes(Map.of("council_tax_band", "B", "tenure", "tenant NHS " + CANARY))
            .build());
    String topic;
    try (Admin admin = platform.kafka.admin()) {
      // as the operator opens a dataset, with the landing topic's configuration
      topic = new KafkaAccess(admin).openDataset("leaky-council", "housing-benefits");
    }
    assertThat(topic).isEqualTo(extract.topic());
    try (ExtractPublisher p = platform.publisher("landing")) {
      p.publish(topic, records, resign(records, extract.manifest()));
    }
    Path kafkaDir = work.resolve("kafka");
    assertThat(filesHolding(kafkaDir))
        .as("the canary is on disk before the job runs, or this test proves nothing")
        .isNotEmpty();

    LinkSettings d = platform.settings("hearth-link-landing", platform.postgres.jdbcUrl());
    LinkSettings s =
        new LinkSettings(
            d.bootstrapServers(),
            d.kafkaClientProperties(),
            d.consumerGroup(),
            false,
            d.jdbcUrl(),
            d.jdbcUser(),
            d.jdbcPassword(),
            d.registryJson(),
            d.bundle(),
            d.project(),
            d.extractTimeout(),
            true);
    StreamExecutionEnvironment env =
        FlinkEnvironments.create(
            HearthConfig.Flink.embedded(2, StateBackend.HASHMAP, Duration.ofMillis(500)),
            work,
            List.of());
    LinkJob.createIncidentTopics(s, TestTrust.PARTNERS);
    LinkJob.define(env, LinkJob.kafkaSource(s), s, LinkJob.outputs(s));
    JobClient job = env.executeAsync(LinkJob.NAME);
    try {
      await(
          () -> count("SELECT count(*) FROM governance.extracts WHERE status = 'LANDED'") == 1,
          "the extract lands");
      assertThat(count("SELECT count(*) FROM linked.current_contributions")).isEqualTo(2);
      assertThat(count("SELECT count(*) FROM governance.incidents")).isEqualTo(1);

      TopicPartition landing = new TopicPartition(topic, 0);
      await(() -> logStart(landing) >= records.size() + 1, "the landing zone is cleared");
      await(() -> filesHolding(kafkaDir).isEmpty(), "no file of the broker holds the canary");
      assertThat(filesHolding(work.resolve("flink"))).as("nor a checkpoint").isEmpty();
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  private static long logStart(TopicPartition tp) {
    try (Admin admin = platform.kafka.admin()) {
      return admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).all().get().get(tp).offset();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every file under {@code dir} whose bytes contain the canary. */
  private static List<Path> filesHolding(Path dir) {
    byte[] canary = CANARY.getBytes(StandardCharsets.UTF_8);
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(f -> holds(f, canary)).toList();
    } catch (IOException | UncheckedIOException e) {
      // a segment removed while we walk is what we are waiting for: look again
      return List.of(dir.resolve("(changing, look again)"));
    }
  }

  private static boolean holds(Path f, byte[] needle) {
    byte[] b;
    try {
      b = Files.readAllBytes(f);
    } catch (IOException e) {
      return !Files.notExists(f); // gone between listing and reading: it holds nothing
    }
    outer:
    for (int i = 0; i + needle.length <= b.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (b[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static long count(String sql) {
    try {
      return platform.count(sql);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(java.util.function.BooleanSupplier condition, String what)
      throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError(what + " within 120 s");
      }
      Thread.sleep(250);
    }
  }

  private static ExtractManifest resign(List<PartnerRecord> records, ExtractManifest m) {
    var digest = new org.hearth.events.ExtractDigest();
    records.forEach(digest::add);
    return ManifestSigning.sign(
        ExtractManifest.newBuilder(m)
            .setContentDigest(java.nio.ByteBuffer.wrap(digest.digest()))
            .build(),
        TestTrust.AUTHORITY.signingKey(m.getPartner(), m.getKeyVersion()));
  }
}

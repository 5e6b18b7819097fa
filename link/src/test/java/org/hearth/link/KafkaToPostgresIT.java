package org.hearth.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hearth.analytics.Database;
import org.hearth.events.EventCodec;
import org.hearth.events.PartnerRecord;
import org.hearth.ingest.ExtractPublisher;
import org.hearth.ingest.SyntheticExtract;
import org.hearth.pseudonymise.curve.HashToCurve;
import org.hearth.pseudonymise.curve.ScalarMultiplier;
import org.hearth.runtime.EmbeddedKafka;
import org.hearth.runtime.EmbeddedPostgresServer;
import org.hearth.runtime.FlinkEnvironments;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.HearthConfig.PostgresLauncher;
import org.hearth.runtime.HearthConfig.StateBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All three real components in one JVM: committed Avro extracts flow Kafka -> checkpointed Flink
 * job -> PostgreSQL; an aborted transaction's records never land.
 */
class KafkaToPostgresIT {
  @TempDir static Path work;
  static EmbeddedKafka kafka;
  static EmbeddedPostgresServer postgres;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(EmbeddedKafka.Settings.under(work));
    postgres =
        EmbeddedPostgresServer.start(
            EmbeddedPostgresServer.Settings.under(work, PostgresLauncher.AUTO));
    try (var pool = Database.pool(postgres.jdbcUrl(), postgres.user(), "")) {
      assertThat(Database.migrate(pool)).isPositive();
    }
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void committedRecordsLandExactlyOnceAndAbortedOnesNever() throws Exception {
    HashToCurve hasher = HashToCurve.withDst("HEARTH-TEST-V01");
    ScalarMultiplier housingKey = ScalarMultiplier.of(new BigInteger("1234567890123456789"));
    ScalarMultiplier policeKey = ScalarMultiplier.of(new BigInteger("9876543210987654321"));
    var housing =
        SyntheticExtract.build(
            "basildon-bc", "housing-benefits", "2026-Q1", 700, housingKey, hasher);
    var police =
        SyntheticExtract.build(
            "essex-police", "incidents-at-address", "2026-Q1", 500, policeKey, hasher);
    var aborted =
        SyntheticExtract.build(
            "essex-police", "incidents-at-address", "2026-Q2", 300, policeKey, hasher);
    kafka.createTopics(housing.topic(), police.topic());

    try (ExtractPublisher p = publisher("housing")) {
      p.publish(housing.topic(), housing.records(), housing.manifest());
    }
    publishAndAbort(aborted.topic(), aborted.records());
    try (ExtractPublisher p = publisher("police")) {
      p.publish(police.topic(), police.records(), police.manifest());
    }

    runBoundedJob("it-1");
    assertThat(countRows(null)).isEqualTo(1200);
    assertThat(countRows("essex-police.incidents-at-address.2026-Q2")).isZero();
    assertThat(countRows("basildon-bc.housing-benefits.2026-Q1")).isEqualTo(700);

    // a second run from the earliest offsets replays everything: upserts keep it exactly once
    runBoundedJob("it-2");
    assertThat(countRows(null)).isEqualTo(1200);
  }

  @Test
  void anUnpseudonymisedRecordLandsNowhereAndBecomesAnIncident() throws Exception {
    HashToCurve hasher = HashToCurve.withDst("HEARTH-TEST-V01");
    var extract =
        SyntheticExtract.build(
            "leaky-council",
            "housing-benefits",
            "2026-Q1",
            3,
            ScalarMultiplier.of(new BigInteger("55555")),
            hasher);
    List<PartnerRecord> records = new java.util.ArrayList<>(extract.records());
    PartnerRecord leaky =
        PartnerRecord.newBuilder(records.get(1))
            .setAttributes(
                Map.of("tenure", "Council", "notes", "tenant NHS 943 476 5919, phone 07700 900123"))
            .build();
    records.set(1, leaky);
    kafka.createTopics(extract.topic());
    try (ExtractPublisher p = publisher("leaky")) {
      p.publish(extract.topic(), records, extract.manifest());
    }
    runBoundedJob("it-leaky");
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT count(*) FROM landing.partner_records WHERE partner = 'leaky-council'")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(2);
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT partner, extract_id, sequence, field, rule FROM governance.incidents")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("partner")).isEqualTo("leaky-council");
        assertThat(rs.getLong("sequence")).isEqualTo(1);
        assertThat(rs.getString("field")).isEqualTo("notes");
        assertThat(rs.getString("rule")).isEqualTo("nhs-number");
        assertThat(rs.next()).isFalse();
      }
      // the value is nowhere in the database
      try (ResultSet rs =
          s.executeQuery(
              "SELECT count(*) FROM (SELECT row_to_json(l)::text AS t FROM landing.partner_records l"
                  + " UNION ALL SELECT row_to_json(i)::text FROM governance.incidents i) x"
                  + " WHERE t LIKE '%5919%' OR t LIKE '%900123%'")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }

  private void runBoundedJob(String group) throws Exception {
    HearthConfig.Flink flink =
        HearthConfig.Flink.embedded(2, StateBackend.HASHMAP, Duration.ofMillis(500));
    StreamExecutionEnvironment env = FlinkEnvironments.create(flink, work, List.of());
    LinkSettings s =
        new LinkSettings(
            kafka.bootstrapServers(),
            Map.of(),
            group,
            true,
            postgres.jdbcUrl(),
            postgres.user(),
            "");
    LinkJob.define(env, LinkJob.kafkaSource(s), LinkJob.postgresSink(s), LinkJob.incidentSink(s));
    env.execute(LinkJob.NAME);
  }

  private static ExtractPublisher publisher(String id) {
    return new ExtractPublisher(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), "it-" + id);
  }

  private static void publishAndAbort(String topic, List<PartnerRecord> records) {
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "it-aborter"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      p.initTransactions();
      p.beginTransaction();
      for (PartnerRecord r : records) {
        ProducerRecord<byte[], byte[]> pr = new ProducerRecord<>(topic, EventCodec.encode(r));
        pr.headers().add(EventCodec.TYPE_HEADER, EventCodec.RECORD);
        p.send(pr);
      }
      p.flush();
      p.abortTransaction();
    }
  }

  private static long countRows(String extractId) throws Exception {
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM landing.partner_records"
                    + (extractId == null
                        ? " WHERE partner IN ('basildon-bc', 'essex-police')"
                        : " WHERE extract_id = '" + extractId + "'"))) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

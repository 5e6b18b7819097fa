package org.hearth.link;

import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hearth.events.EventCodec;

/**
 * The link job. It is a function of its source and sink, so tests feed and read it directly; {@link
 * #kafkaSource} and {@link #postgresSink} are the production ends.
 */
public final class LinkJob {
  public static final String NAME = "hearth-link";

  private LinkJob() {}

  public static void define(
      StreamExecutionEnvironment env, Source<LandedRecord, ?, ?> source, Sink<LandedRecord> sink) {
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "partner-topics")
        .uid("partner-topics")
        .sinkTo(sink)
        .name("landing")
        .uid("landing");
  }

  /** All partner dataset topics, read_committed: a half-published extract is never seen. */
  public static KafkaSource<LandedRecord> kafkaSource(LinkSettings s) {
    KafkaSourceBuilder<LandedRecord> b =
        KafkaSource.<LandedRecord>builder()
            .setBootstrapServers(s.bootstrapServers())
            .setTopicPattern(Pattern.compile(EventCodec.PARTNER_TOPIC_PATTERN))
            .setGroupId(s.consumerGroup())
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new PartnerEventDeserializer())
            .setProperty("isolation.level", "read_committed")
            .setProperty("partition.discovery.interval.ms", s.bounded() ? "-1" : "10000");
    s.kafkaClientProperties().forEach(b::setProperty);
    if (s.bounded()) {
      b.setBounded(OffsetsInitializer.latest());
    }
    return b.build();
  }

  /** Idempotent upserts: with checkpointing, a replay after a failure lands every row once. */
  public static Sink<LandedRecord> postgresSink(LinkSettings s) {
    return JdbcSink.<LandedRecord>builder()
        .withQueryStatement(
            "INSERT INTO landing.partner_records"
                + " (partner, dataset, extract_id, sequence, operation, key_version, match_keys,"
                + " attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (partner, dataset, extract_id, sequence) DO UPDATE SET"
                + " operation = EXCLUDED.operation, key_version = EXCLUDED.key_version,"
                + " match_keys = EXCLUDED.match_keys, attributes = EXCLUDED.attributes,"
                + " landed_at = now()",
            (ps, r) -> {
              ps.setString(1, r.partner());
              ps.setString(2, r.dataset());
              ps.setString(3, r.extractId());
              ps.setLong(4, r.sequence());
              ps.setString(5, r.operation());
              ps.setInt(6, r.keyVersion());
              ps.setInt(7, r.matchKeys());
              ps.setInt(8, r.attributes());
            })
        .withExecutionOptions(
            JdbcExecutionOptions.builder()
                .withBatchSize(500)
                .withBatchIntervalMs(200)
                .withMaxRetries(3)
                .build())
        .buildAtLeastOnce(
            new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(s.jdbcUrl())
                .withDriverName("org.postgresql.Driver")
                .withUsername(s.jdbcUser())
                .withPassword(s.jdbcPassword())
                .build());
  }
}

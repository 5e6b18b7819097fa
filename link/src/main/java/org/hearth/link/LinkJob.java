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
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hearth.events.EventCodec;
import org.hearth.link.guard.GuardFunction;
import org.hearth.link.guard.Incident;

/**
 * The link job. It is a function of its source and sink, so tests feed and read it directly; {@link
 * #kafkaSource} and {@link #postgresSink} are the production ends.
 */
public final class LinkJob {
  public static final String NAME = "hearth-link";

  private LinkJob() {}

  /**
   * Partner records -> guard (identifier-shaped content becomes an incident and goes no further) ->
   * provenance rows. Re-keying and resolution come next.
   */
  public static void define(
      StreamExecutionEnvironment env,
      Source<PartnerEvent, ?, ?> source,
      Sink<LandedRecord> landing,
      Sink<Incident> incidents) {
    SingleOutputStreamOperator<PartnerEvent> guarded =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "partner-topics")
            .uid("partner-topics")
            .process(new GuardFunction())
            .name("guard")
            .uid("guard");
    guarded
        .getSideOutput(GuardFunction.INCIDENTS)
        .sinkTo(incidents)
        .name("incidents")
        .uid("incidents");
    guarded
        .map(PartnerEvent::landed)
        .name("provenance")
        .uid("provenance")
        .sinkTo(landing)
        .name("landing")
        .uid("landing");
  }

  /** Incidents: idempotent inserts keyed by where the record was and which rule fired. */
  public static Sink<Incident> incidentSink(LinkSettings s) {
    return JdbcSink.<Incident>builder()
        .withQueryStatement(
            "INSERT INTO governance.incidents"
                + " (partner, dataset, extract_id, sequence, field, rule, detected_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, to_timestamp(? / 1000.0))"
                + " ON CONFLICT (partner, dataset, extract_id, sequence, field, rule) DO NOTHING",
            (ps, i) -> {
              ps.setString(1, i.partner());
              ps.setString(2, i.dataset());
              ps.setString(3, i.extractId());
              ps.setLong(4, i.sequence());
              ps.setString(5, i.field());
              ps.setString(6, i.rule());
              ps.setLong(7, i.detectedAtMillis());
            })
        .withExecutionOptions(
            JdbcExecutionOptions.builder()
                .withBatchSize(100)
                .withBatchIntervalMs(200)
                .withMaxRetries(3)
                .build())
        .buildAtLeastOnce(connection(s));
  }

  private static JdbcConnectionOptions connection(LinkSettings s) {
    return new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
        .withUrl(s.jdbcUrl())
        .withDriverName("org.postgresql.Driver")
        .withUsername(s.jdbcUser())
        .withPassword(s.jdbcPassword())
        .build();
  }

  /** All partner dataset topics, read_committed: a half-published extract is never seen. */
  public static KafkaSource<PartnerEvent> kafkaSource(LinkSettings s) {
    KafkaSourceBuilder<PartnerEvent> b =
        KafkaSource.<PartnerEvent>builder()
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
        .buildAtLeastOnce(connection(s));
  }
}

package org.hearth.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.hearth.events.Topics;
import org.hearth.link.guard.GuardFunction;
import org.hearth.link.guard.Incident;
import org.hearth.link.rekey.RekeyFunction;
import org.hearth.link.resolve.Contribution;
import org.hearth.link.resolve.ResolverFunction;
import org.hearth.link.resolve.SubjectOutcome;
import org.hearth.link.retain.Destruction;
import org.hearth.link.retain.RetentionRules;
import org.hearth.link.verify.ExtractGate;
import org.hearth.link.verify.ExtractOutcome;
import org.hearth.link.verify.LinkedExtract;
import org.hearth.link.verify.VerifiedExtract;

/**
 * The link job: partner topics -> guard -> extract gate (manifest, count, digest) -> re-key into
 * the linkage domain -> resolution (households, persons) -> contributions, extract outcomes and
 * incidents. It is a function of its source and sinks, so tests feed and read it directly; {@link
 * #kafkaSource} and the sink factories are the production ends.
 */
public final class LinkJob {
  public static final String NAME = "hearth-link";

  /** How often the resolver looks for records a retention rule has outlived. */
  public static final java.time.Duration RETENTION_CHECK = java.time.Duration.ofHours(1);

  /**
   * Pseudonyms each re-keying worker remembers (about 200 bytes each): a household's shared address
   * keys and a partner's repeated ones, without holding a county's worth of points on the heap.
   */
  static final int REKEY_CACHE_ENTRIES = 1 << 16;

  private static final ObjectMapper JSON = new ObjectMapper();

  private LinkJob() {}

  public static void define(
      StreamExecutionEnvironment env,
      Source<PartnerEvent, ?, ?> source,
      LinkSettings s,
      LinkOutputs outputs) {
    define(
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "partner-topics")
            .uid("partner-topics"),
        s,
        outputs);
  }

  /** The job over events from any stream (tests put faults between the source and the job). */
  public static void define(DataStream<PartnerEvent> events, LinkSettings s, LinkOutputs outputs) {
    SingleOutputStreamOperator<PartnerEvent> guarded =
        events.process(new GuardFunction()).name("guard").uid("guard");
    SingleOutputStreamOperator<VerifiedExtract> verified =
        guarded
            .keyBy(ExtractGate::key)
            .process(new ExtractGate(s.registryJson(), s.extractTimeout()))
            .name("extract-gate")
            .uid("extract-gate");
    SingleOutputStreamOperator<LinkedExtract> linked =
        verified
            .process(new RekeyFunction(s.bundle(), REKEY_CACHE_ENTRIES))
            .name("rekey")
            .uid("rekey");
    SingleOutputStreamOperator<Contribution> resolved =
        linked
            .keyBy(ResolverFunction::key)
            .process(
                new ResolverFunction(
                    s.bundle(),
                    s.project(),
                    RetentionRules.fromDatabase(s.jdbcUrl(), s.jdbcUser(), s.jdbcPassword()),
                    RETENTION_CHECK))
            .setParallelism(1)
            .setMaxParallelism(1)
            .name("resolve")
            .uid("resolve");
    resolved
        .sinkTo(outputs.contributions())
        .setParallelism(1)
        .name("contributions")
        .uid("contributions");

    DataStream<ExtractOutcome> outcomes =
        verified
            .getSideOutput(ExtractGate.OUTCOMES)
            .union(resolved.getSideOutput(ExtractGate.OUTCOMES));
    outcomes.sinkTo(outputs.extracts()).setParallelism(1).name("extracts").uid("extracts");
    resolved
        .getSideOutput(ResolverFunction.DESTRUCTIONS)
        .sinkTo(outputs.destructions())
        .setParallelism(1)
        .name("destruction-log")
        .uid("destruction-log");
    resolved
        .getSideOutput(ResolverFunction.SUBJECT_OUTCOMES)
        .sinkTo(outputs.subjectRequests())
        .setParallelism(1)
        .name("subject-requests")
        .uid("subject-requests");

    DataStream<Incident> incidents =
        guarded
            .getSideOutput(GuardFunction.INCIDENTS)
            .union(
                verified.getSideOutput(ExtractGate.INCIDENTS),
                resolved.getSideOutput(ExtractGate.INCIDENTS));
    incidents.sinkTo(outputs.incidents()).setParallelism(1).name("incidents").uid("incidents");
    if (outputs.partnerIncidents() != null) {
      incidents
          .sinkTo(outputs.partnerIncidents())
          .setParallelism(1)
          .name("partner-incidents")
          .uid("partner-incidents");
    }
  }

  /** The production outputs: PostgreSQL tables and each partner's incidents topic. */
  public static LinkOutputs outputs(LinkSettings s) {
    return new LinkOutputs(
        contributionSink(s),
        extractSink(s),
        subjectRequestSink(s),
        destructionSink(s),
        incidentSink(s),
        partnerIncidentSink(s));
  }

  /**
   * All partner dataset topics, read_committed: a half-published extract is never seen. Bounded, it
   * stops at the offsets latest when the job starts, also when it starts from a savepoint (see
   * {@link CatchUpSource}). With {@link LinkSettings#deleteOnArrival} the topics are a landing zone
   * that completed checkpoints clear ({@link LandingZone}).
   */
  public static Source<PartnerEvent, KafkaPartitionSplit, KafkaSourceEnumState> kafkaSource(
      LinkSettings s) {
    KafkaSourceBuilder<PartnerEvent> b =
        KafkaSource.<PartnerEvent>builder()
            .setBootstrapServers(s.bootstrapServers())
            .setTopicPattern(Pattern.compile(Topics.PARTNER_DATASET_PATTERN))
            .setGroupId(s.consumerGroup())
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new PartnerEventDeserializer())
            .setProperty("isolation.level", "read_committed")
            .setProperty("partition.discovery.interval.ms", s.bounded() ? "-1" : "10000");
    s.kafkaClientProperties().forEach(b::setProperty);
    Source<PartnerEvent, KafkaPartitionSplit, KafkaSourceEnumState> source;
    TypeInformation<PartnerEvent> type;
    if (s.bounded()) {
      b.setBounded(OffsetsInitializer.latest());
      KafkaSource<PartnerEvent> kafka = b.build();
      type = kafka.getProducedType();
      source = new CatchUpSource(kafka);
    } else {
      KafkaSource<PartnerEvent> kafka = b.build();
      type = kafka.getProducedType();
      source = kafka;
    }
    return s.deleteOnArrival()
        ? new LandingZone(
            source, type, s.bootstrapServers(), s.kafkaClientProperties(), s.consumerGroup())
        : source;
  }

  /**
   * Creates each partner's incidents topic if it does not exist yet, with the cluster's default
   * partitions and replication, as {@code hearth partners add} does: a fixed replication factor of
   * 1 would leave the topic unwritable on a cluster that requires two in-sync replicas (the compose
   * deployment's {@code min.insync.replicas=2}), and lost with the one broker holding it.
   */
  public static void createIncidentTopics(LinkSettings s, Collection<String> partners)
      throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", s.bootstrapServers());
    p.putAll(s.kafkaClientProperties());
    try (Admin admin = Admin.create(p)) {
      for (String partner : partners) {
        try {
          admin
              .createTopics(
                  List.of(
                      new NewTopic(
                          Topics.incidents(partner),
                          java.util.Optional.empty(),
                          java.util.Optional.empty())))
              .all()
              .get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    }
  }

  /**
   * Incidents as JSON on {@code hearth-incidents.<partner>}, keyed so a consumer can drop the
   * duplicates a restart may re-send.
   */
  public static Sink<Incident> partnerIncidentSink(LinkSettings s) {
    Properties p = new Properties();
    p.putAll(s.kafkaClientProperties());
    return KafkaSink.<Incident>builder()
        .setBootstrapServers(s.bootstrapServers())
        .setKafkaProducerConfig(p)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setRecordSerializer(
            (KafkaRecordSerializationSchema<Incident>)
                (i, context, timestamp) ->
                    new ProducerRecord<>(
                        Topics.incidents(i.partner()),
                        utf8(
                            String.join(
                                "/",
                                i.dataset(),
                                i.extractId(),
                                Long.toString(i.sequence()),
                                i.field(),
                                i.rule())),
                        utf8(incidentJson(i))))
        .build();
  }

  static String incidentJson(Incident i) {
    ObjectNode o = JSON.createObjectNode();
    o.put("partner", i.partner());
    o.put("dataset", i.dataset());
    o.put("extractId", i.extractId());
    o.put("sequence", i.sequence());
    o.put("field", i.field());
    o.put("rule", i.rule());
    o.put("detectedAt", java.time.Instant.ofEpochMilli(i.detectedAtMillis()).toString());
    o.put(
        "action",
        i.sequence() < 0
            ? "the whole extract was quarantined: nothing of it was stored"
            : "the record was deleted on arrival: nothing of it was stored");
    return o.toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Incidents: idempotent inserts keyed by where the record was and which rule fired. */
  public static Sink<Incident> incidentSink(LinkSettings s) {
    return jdbc(
        s,
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
        },
        100);
  }

  /**
   * Contributions: upserts keyed by record id; a delete keeps the id and provenance and clears
   * everything else, so a replay after a restart, or a delete overtaking nothing, lands the same.
   * The record key is written when the row is first inserted and never updated: a row that predates
   * record keys keeps the random one its migration gave it.
   */
  public static Sink<Contribution> contributionSink(LinkSettings s) {
    return jdbc(
        s,
        "INSERT INTO linked.contributions"
            + " (record_id, partner, dataset, extract_id, sequence, household_id, person_id,"
            + " attributes, deleted_at, withheld, updated_at, record_key)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, CASE WHEN ? OR ? THEN now() END, ?, now(), ?)"
            + " ON CONFLICT (record_id) DO UPDATE SET partner = EXCLUDED.partner,"
            + " dataset = EXCLUDED.dataset, extract_id = EXCLUDED.extract_id,"
            + " sequence = EXCLUDED.sequence, household_id = EXCLUDED.household_id,"
            + " person_id = EXCLUDED.person_id, attributes = EXCLUDED.attributes,"
            + " deleted_at = EXCLUDED.deleted_at, withheld = EXCLUDED.withheld,"
            + " updated_at = now()",
        (ps, c) -> {
          ps.setString(1, c.recordId());
          ps.setString(2, c.partner());
          ps.setString(3, c.dataset());
          ps.setString(4, c.extractId());
          ps.setLong(5, c.sequence());
          ps.setString(6, c.householdId());
          ps.setString(7, c.personId());
          ps.setString(8, c.attributesJson());
          ps.setBoolean(9, c.deleted());
          ps.setBoolean(10, c.withheld());
          ps.setBoolean(11, c.withheld());
          ps.setDouble(12, c.recordKey());
        },
        1000);
  }

  /** The destruction log: keyed by rule, partner dataset and time, so a replay adds nothing. */
  public static Sink<Destruction> destructionSink(LinkSettings s) {
    return jdbc(
        s,
        "INSERT INTO governance.destruction_log"
            + " (rule, partner, dataset, records, destroyed_at, destroyed_by)"
            + " VALUES (?, ?, ?, ?, to_timestamp(? / 1000.0), ?) ON CONFLICT DO NOTHING",
        (ps, d) -> {
          ps.setString(1, d.rule());
          ps.setString(2, d.partner());
          ps.setString(3, d.dataset());
          ps.setLong(4, d.records());
          ps.setLong(5, d.destroyedAtMillis());
          ps.setString(6, d.destroyedBy());
        },
        50);
  }

  /** Subject request outcomes: one row per request, the latest decision winning. */
  public static Sink<SubjectOutcome> subjectRequestSink(LinkSettings s) {
    return jdbc(
        s,
        "INSERT INTO governance.subject_requests"
            + " (partner, request_id, sequence, kind, persons, records, partners, action,"
            + " decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, to_timestamp(? / 1000.0))"
            + " ON CONFLICT (partner, request_id, sequence) DO UPDATE SET kind = EXCLUDED.kind,"
            + " persons = EXCLUDED.persons, records = EXCLUDED.records,"
            + " partners = EXCLUDED.partners, action = EXCLUDED.action,"
            + " decided_at = EXCLUDED.decided_at",
        (ps, o) -> {
          ps.setString(1, o.partner());
          ps.setString(2, o.requestId());
          ps.setLong(3, o.sequence());
          ps.setString(4, o.kind().name());
          ps.setInt(5, o.persons());
          ps.setInt(6, o.records());
          ps.setInt(7, o.partners());
          ps.setString(8, o.action());
          ps.setLong(9, o.decidedAtMillis());
        },
        50);
  }

  /** Extract outcomes: one row per extract, the latest decision winning. */
  public static Sink<ExtractOutcome> extractSink(LinkSettings s) {
    return jdbc(
        s,
        "INSERT INTO governance.extracts"
            + " (partner, dataset, extract_id, period, mode, key_version, record_count, received,"
            + " refused, quarantined, landed, status, reason, ambiguous_links, decided_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, to_timestamp(? / 1000.0))"
            + " ON CONFLICT (partner, dataset, extract_id) DO UPDATE SET"
            + " period = EXCLUDED.period, mode = EXCLUDED.mode,"
            + " key_version = EXCLUDED.key_version, record_count = EXCLUDED.record_count,"
            + " received = EXCLUDED.received, refused = EXCLUDED.refused,"
            + " quarantined = EXCLUDED.quarantined, landed = EXCLUDED.landed,"
            + " status = EXCLUDED.status, reason = EXCLUDED.reason,"
            + " ambiguous_links = EXCLUDED.ambiguous_links, decided_at = EXCLUDED.decided_at"
            // a refused copy (duplicate, replay) of a landed extract never rewrites its row
            + " WHERE governance.extracts.status <> 'LANDED' OR EXCLUDED.status = 'LANDED'",
        (ps, o) -> {
          ps.setString(1, o.partner());
          ps.setString(2, o.dataset());
          ps.setString(3, o.extractId());
          ps.setString(4, o.period());
          ps.setString(5, o.mode());
          ps.setInt(6, o.keyVersion());
          ps.setLong(7, o.recordCount());
          ps.setLong(8, o.received());
          ps.setLong(9, o.refused());
          ps.setLong(10, o.quarantined());
          ps.setLong(11, o.landed());
          ps.setString(12, o.status());
          ps.setString(13, o.reason());
          ps.setLong(14, o.ambiguities());
          ps.setLong(15, o.decidedAtMillis());
        },
        50);
  }

  private static <T> Sink<T> jdbc(
      LinkSettings s, String sql, JdbcStatementBuilder<T> statement, int batch) {
    return JdbcSink.<T>builder()
        .withQueryStatement(sql, statement)
        .withExecutionOptions(
            JdbcExecutionOptions.builder()
                .withBatchSize(batch)
                .withBatchIntervalMs(200)
                .withMaxRetries(3)
                .build())
        .buildAtLeastOnce(
            new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(s.jdbcUrl())
                .withDriverName("org.postgresql.Driver")
                .withUsername(s.jdbcUser())
                .withPassword(s.jdbcPassword())
                .withProperty(HIDE_VALUES_IN_ERRORS, "false")
                .build());
  }

  /**
   * PgJDBC otherwise puts a failing batch entry's parameters and the server's "Failing row contains
   * (…)" into the exception, which Flink logs on every restart: a record's attributes in a log.
   */
  public static final String HIDE_VALUES_IN_ERRORS = "logServerErrorDetail";
}

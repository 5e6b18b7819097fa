package org.hearth.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hearth.events.EventCodec;
import org.hearth.events.ExtractManifest;
import org.hearth.events.ManifestSigning;
import org.hearth.events.PartnerRecord;
import org.hearth.events.Topics;
import org.hearth.ingest.ExtractPublisher;
import org.hearth.ingest.SyntheticExtract;
import org.hearth.runtime.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All three real components in one JVM: signed, pseudonymised extracts flow Kafka -> checkpointed
 * Flink job -> PostgreSQL. Aborted transactions, unknown partners, tampered extracts and
 * un-pseudonymised records never land; everything published is accounted for.
 */
class KafkaToPostgresIT {
  @TempDir static Path work;
  static LinkTestPlatform platform;
  static EmbeddedKafka kafka;

  @BeforeAll
  static void start() throws Exception {
    platform = LinkTestPlatform.start(work);
    assertThat(platform.migrationsRun).isPositive();
    kafka = platform.kafka;
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  static SyntheticExtract.Extract extract(String partner, String dataset, String period, int n) {
    return LinkTestPlatform.extract(partner, dataset, period, n);
  }

  @Test
  void verifiedExtractsLandExactlyOnceAndNothingElseDoes() throws Exception {
    var housing = extract("basildon-council", "housing-benefits", "2026-Q1", 700);
    var police = extract("essex-police", "incidents-at-address", "2026-Q1", 500);
    var aborted = extract("essex-police", "incidents-at-address", "2026-Q2", 300);
    var unknown = extract("thurrock-council", "housing-benefits", "2026-Q1", 40);
    var tampered = extract("basildon-council", "youth-offending", "2026-Q1", 60);
    List<PartnerRecord> forged = new ArrayList<>(tampered.records());
    forged.set(
        10,
        PartnerRecord.newBuilder(forged.get(10))
            .setAttributes(Map.of("postcode_sector", "ZX1 9"))
            .build());
    kafka.createTopics(housing.topic(), police.topic(), unknown.topic(), tampered.topic());

    try (ExtractPublisher p = publisher("housing")) {
      p.publish(housing.topic(), housing.records(), housing.manifest());
    }
    publishAndAbort(aborted.topic(), aborted.records());
    try (ExtractPublisher p = publisher("police")) {
      p.publish(police.topic(), police.records(), police.manifest());
    }
    try (ExtractPublisher p = publisher("thurrock")) {
      p.publish(unknown.topic(), unknown.records(), unknown.manifest());
    }
    try (ExtractPublisher p = publisher("tampered")) {
      p.publish(tampered.topic(), forged, tampered.manifest());
    }

    runBoundedJob("it-1");
    assertThat(
            count(
                "SELECT count(*) FROM linked.current_contributions"
                    + " WHERE partner IN ('basildon-council', 'essex-police')"))
        .isEqualTo(1200);
    // every third record shares a UPRN: 700 records -> 234 households, 500 -> 167, and the two
    // partners' UPRNs coincide for the first 167, so those households are shared (another
    // test's records fall into the same households and persons)
    assertThat(count("SELECT count(*) FROM linked.households")).isEqualTo(234);
    assertThat(count("SELECT count(*) FROM linked.persons")).isEqualTo(700);
    assertThat(
            count(
                "SELECT count(*) FROM linked.current_contributions WHERE extract_id LIKE '%2026-Q2'"))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM governance.extracts WHERE status = 'LANDED'"
                    + " AND partner IN ('basildon-council', 'essex-police')"
                    + " AND landed + refused + quarantined = record_count"))
        .isEqualTo(2);
    assertThat(
            strings(
                "SELECT partner || ':' || reason FROM governance.extracts"
                    + " WHERE status = 'QUARANTINED' ORDER BY partner"))
        .containsExactly("basildon-council:content-digest", "thurrock-council:unknown-key-version");
    assertThat(
            count(
                "SELECT count(*) FROM linked.contributions WHERE partner = 'thurrock-council'"
                    + " OR dataset = 'youth-offending'"))
        .isZero();

    // a second run from the earliest offsets replays everything: upserts keep it exactly once
    String before = snapshot();
    runBoundedJob("it-2");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void anUnpseudonymisedRecordLandsNowhereAndThePartnerIsTold() throws Exception {
    var extract = extract("leaky-council", "housing-benefits", "2026-Q1", 3);
    List<PartnerRecord> records = new ArrayList<>(extract.records());
    PartnerRecord leaky =
        PartnerRecord.newBuilder(records.get(1))
            .setAttributes(
                Map.of(
                    "council_tax_band",
                    "B",
                    "tenure",
                    "tenant NHS 943 476 5919, phone 07700 900123"))
            .build();
    records.set(1, leaky);
    // the partner signs what it sent, leak included: the extract verifies, the record does not
    // pass
    var signed = resign(records, extract.manifest());
    kafka.createTopics(extract.topic());
    try (ExtractPublisher p = publisher("leaky")) {
      p.publish(extract.topic(), records, signed);
    }
    runBoundedJob("it-leaky");
    assertThat(
            count(
                "SELECT count(*) FROM linked.current_contributions WHERE partner = 'leaky-council'"))
        .isEqualTo(2);
    assertThat(
            strings(
                "SELECT extract_id || '#' || sequence || ':' || field || ':' || rule"
                    + " FROM governance.incidents WHERE partner = 'leaky-council'"))
        .containsExactly(extract.manifest().getExtractId() + "#1:tenure:nhs-number");
    assertThat(
            strings(
                "SELECT status || ':' || landed || '+' || refused || '+' || quarantined"
                    + " FROM governance.extracts WHERE partner = 'leaky-council'"))
        .containsExactly("LANDED:2+1+0");
    // the value is nowhere in the database
    assertThat(
            count(
                "SELECT count(*) FROM (SELECT row_to_json(l)::text AS t FROM linked.contributions l"
                    + " UNION ALL SELECT row_to_json(i)::text FROM governance.incidents i"
                    + " UNION ALL SELECT row_to_json(e)::text FROM governance.extracts e) x"
                    + " WHERE t LIKE '%5919%' OR t LIKE '%900123%'"))
        .isZero();
    // and the partner reads the incident from its own topic
    List<String> told = partnerIncidents("leaky-council");
    assertThat(told).hasSize(1);
    assertThat(told.get(0)).contains("\"rule\":\"nhs-number\"", "\"sequence\":1");
    assertThat(told.get(0)).doesNotContain("5919", "900123");
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

  private void runBoundedJob(String group) throws Exception {
    platform.runBoundedJob(group);
  }

  private static List<String> partnerIncidents(String partner) {
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "partner-" + partner,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      c.subscribe(List.of(Topics.incidents(partner)));
      List<String> out = new ArrayList<>();
      long until = System.currentTimeMillis() + 10_000;
      while (out.isEmpty() && System.currentTimeMillis() < until) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          out.add(new String(r.value(), StandardCharsets.UTF_8));
        }
      }
      return out;
    }
  }

  private static ExtractPublisher publisher(String id) {
    return platform.publisher(id);
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

  private static String snapshot() throws Exception {
    return String.join(
        "\n",
        strings(
            "SELECT record_id || household_id || coalesce(person_id, '') || attributes::text"
                + " FROM linked.current_contributions ORDER BY record_id"));
  }

  static long count(String sql) throws Exception {
    return platform.count(sql);
  }

  static List<String> strings(String sql) throws Exception {
    return platform.strings(sql);
  }
}

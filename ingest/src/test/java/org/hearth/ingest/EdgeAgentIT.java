package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.hearth.events.EventCodec;
import org.hearth.events.ExtractDigest;
import org.hearth.events.ExtractManifest;
import org.hearth.events.ManifestSigning;
import org.hearth.events.Topics;
import org.hearth.pseudonymise.keys.PartnerRegistry;
import org.hearth.pseudonymise.keys.PartnerRegistry.KeyVersion;
import org.hearth.pseudonymise.keys.PartnerRegistry.Status;
import org.hearth.pseudonymise.manifest.ManifestContent;
import org.hearth.pseudonymise.manifest.ManifestVerifier;
import org.hearth.runtime.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge agent against a real Kafka broker. */
class EdgeAgentIT {
  @TempDir static Path dir;
  static Path county;
  static EmbeddedKafka kafka;

  /** Identifiers planted in an extract: none may appear in a topic, the audit or a log. */
  static final List<String> CANARIES =
      List.of(
          "QUAXWORTHY",
          "Quaxworthy",
          "Zebedee",
          "ZEBEDEE",
          "9434765919",
          "943 476 5919",
          "Canarywharf",
          "CANARYWHARF",
          "2013-04-17",
          "17-Apr-2013",
          "ZX1 1AB",
          "ZX11AB");

  @BeforeAll
  static void start() {
    county = Fixtures.county(dir.resolve("county"));
    kafka = EmbeddedKafka.start(EmbeddedKafka.Settings.under(dir.resolve("kafka")));
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void everySyntheticDatasetPublishesVerifiablyAndLeaksNoIdentifier() throws Exception {
    Path yos = county.resolve("extracts/2026-Q1/essex-yos/youth-offending.csv");
    Files.writeString(
        yos,
        "YOS99001,\"QUAXWORTHY, Zebedee\",17-Apr-2013,M,12 Canarywharf Road,,Pitsea,ZX1 1AB,Y,Drugs,4\r\n",
        java.nio.file.StandardOpenOption.APPEND);
    Path treatment =
        county.resolve("extracts/2026-Q1/essex-treatment-service/drug-alcohol-treatment.csv");
    Files.writeString(
        treatment,
        "TR99001,Zebedee,Quaxworthy,2013-04-17,Male,943 476 5919,12 Canarywharf Road,,Pitsea,ZX1 1AB,Alcohol,Y,Y,N,GP,Psychosocial\r\n",
        java.nio.file.StandardOpenOption.APPEND);
    Map<String, PartnerRegistry.KeyVersion> signers = new HashMap<>();
    Map<String, Long> published = new HashMap<>();
    Path audit = dir.resolve("audit");
    try (Stream<Path> files = Files.walk(county.resolve("extracts/2026-Q1"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String partner = f.getParent().getFileName().toString();
        String dataset = f.getFileName().toString().replaceAll("\\.(csv|xlsx)$", "");
        String topic = Topics.dataset(partner, dataset);
        kafka.createTopics(topic);
        try (ExtractPublisher p = publisher(Topics.edgeTransactionalId(partner, dataset))) {
          EdgeAgent.Result r =
              Fixtures.agent(county, partner, dataset, audit).run(f, Optional.of(p), n -> {});
          assertThat(r.receipt()).isPresent();
          published.put(topic, r.published());
        }
        signers.put(
            partner,
            new KeyVersion(
                1, Status.ACTIVE, Fixtures.AUTHORITY.signingKey(partner, 1).generatePublicKey()));
      }
    }
    Map<String, Map<Integer, KeyVersion>> reg = new HashMap<>();
    signers.forEach((p, v) -> reg.put(p, Map.of(1, v)));
    ManifestVerifier verifier = new ManifestVerifier(new PartnerRegistry(reg));

    StringBuilder everyByte = new StringBuilder();
    int measuredRates = 0;
    for (var e : published.entrySet()) {
      List<ConsumerRecord<byte[], byte[]>> got = readCommitted(e.getKey(), e.getValue() + 1);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      ExtractManifest manifest = null;
      for (ConsumerRecord<byte[], byte[]> r : got) {
        everyByte.append(new String(r.value(), StandardCharsets.ISO_8859_1));
        if (new String(
                r.headers().lastHeader(EventCodec.TYPE_HEADER).value(), StandardCharsets.US_ASCII)
            .equals("ExtractManifest")) {
          manifest = EventCodec.decodeManifest(r.value());
        } else {
          records.add(r);
        }
      }
      assertThat(records).as(e.getKey()).hasSize(e.getValue().intValue());
      assertThat(manifest).as("manifest of %s", e.getKey()).isNotNull();
      ExtractDigest d = new ExtractDigest();
      records.forEach(r -> d.addHash(ExtractDigest.recordHash(r.value())));
      ManifestContent content = ManifestSigning.content(manifest);
      assertThat(verifier.verify(content, bytes(manifest.getSignature())))
          .isEqualTo(ManifestVerifier.Verdict.VALID);
      assertThat(manifest.getRecordCount()).isEqualTo(records.size());
      assertThat(bytes(manifest.getContentDigest())).isEqualTo(d.digest());
      // the signed field collision rates (datasets that name persons): in (0, 1], by field only
      assertThat(ManifestSigning.fieldCollisions(manifest))
          .as("field collisions of %s", e.getKey())
          .allSatisfy((field, rate) -> assertThat(rate).isPositive().isLessThanOrEqualTo(1.0));
      assertThat(content.fieldCollisions()).isEqualTo(ManifestSigning.fieldCollisions(manifest));
      measuredRates += ManifestSigning.fieldCollisions(manifest).size();
    }
    assertThat(measuredRates).as("field collision rates across the extracts").isGreaterThan(10);
    String auditBytes = EdgeAgentDryRunTest.readAll(audit);
    String logs =
        Files.exists(Path.of("target/test-logs/tests.log"))
            ? Files.readString(Path.of("target/test-logs/tests.log"))
            : "";
    for (String canary : CANARIES) {
      assertThat(everyByte.toString()).as("topics carry %s", canary).doesNotContain(canary);
      assertThat(auditBytes).as("audit carries %s", canary).doesNotContain(canary);
      assertThat(logs).as("logs carry %s", canary).doesNotContain(canary);
    }
    assertThat(everyByte.length()).isGreaterThan(100_000);
  }

  @Test
  void aCrashMidPublishLeavesNothingAndARerunCommitsExactlyOnce() throws Exception {
    Path file = county.resolve("extracts/2026-Q1/essex-county-council/childrens-social-care.csv");
    // its own partner, so its own topic: the other test publishes the county council's
    String partner = "crash-test-council";
    String crashDataset = "childrens-social-care";
    kafka.createTopics(Topics.dataset(partner, crashDataset));
    Path audit = dir.resolve("crash-audit");
    String txId = "hearth-edge-crash-test";
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PublishOnce.class.getName(),
                county.toString(),
                file.toString(),
                kafka.bootstrapServers(),
                txId,
                partner,
                crashDataset,
                audit.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("crash.log").toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("crash.log"))).isEqualTo(137);
    String realTopic = Topics.dataset(partner, crashDataset);
    long before = countCommitted(realTopic);
    assertThat(before).as("nothing of the crashed transaction is visible").isZero();

    try (ExtractPublisher pub = publisher(txId)) {
      EdgeAgent.Result r =
          Fixtures.agent(county, partner, crashDataset, audit).run(file, Optional.of(pub), n -> {});
      assertThat(countCommitted(realTopic)).isEqualTo(r.published() + 1);
    }
  }

  @Test
  void aDeltaCarriesTheChurnAndReplaysToTheFullExtract() throws Exception {
    Path twoQuarters = dir.resolve("county-2q");
    org.hearth.synthetic.SyntheticCounty.generate(
        org.hearth.synthetic.SyntheticConfig.defaults(
                org.hearth.synthetic.Scale.WARD, 42, twoQuarters)
            .withQuarters(2),
        x -> {});
    String partner = "delta-test-council";
    String dataset = "housing-benefits";
    kafka.createTopics(Topics.dataset(partner, dataset));
    Path q1 = twoQuarters.resolve("extracts/2026-Q1/basildon-council/housing-benefits.csv");
    Path q2 = twoQuarters.resolve("extracts/2026-Q2/basildon-council/housing-benefits.csv");
    Path audit = dir.resolve("delta-audit");
    EdgeAgent.Result full1;
    EdgeAgent.Result delta2;
    try (ExtractPublisher p = publisher("hearth-edge-delta-test")) {
      full1 =
          agent(twoQuarters, partner, dataset, audit, "2026-Q1", false)
              .run(q1, Optional.of(p), n -> {});
      delta2 =
          agent(twoQuarters, partner, dataset, audit, "2026-Q2", true)
              .run(q2, Optional.of(p), n -> {});
    }
    EdgeAgent.Result full2 =
        agent(twoQuarters, partner, dataset, dir.resolve("delta-audit-full"), "2026-Q2", false)
            .run(q2, Optional.empty(), n -> {});
    EdgeAgent.Delta d = delta2.delta();
    long changed = d.inserted() + d.updated() + d.deleted();
    assertThat(delta2.published()).isEqualTo(changed);
    assertThat((double) changed / full2.published()).as("delta share %s", d).isBetween(0.03, 0.30);
    assertThat(d.unchanged() + d.inserted() + d.updated()).isEqualTo(full2.published());

    Map<ByteBuffer, ByteBuffer> replayed = contents(full1.auditFolder());
    for (org.hearth.events.PartnerRecord r : sent(delta2.auditFolder())) {
      if (r.getOperation() == org.hearth.events.Operation.DELETE) {
        assertThat(replayed.remove(r.getRecordKey())).isNotNull();
      } else {
        replayed.put(r.getRecordKey(), PublishedState.contentDigest(r));
      }
    }
    assertThat(replayed).isEqualTo(contents(full2.auditFolder()));

    List<ConsumerRecord<byte[], byte[]>> topic =
        readCommitted(Topics.dataset(partner, dataset), Long.MAX_VALUE);
    ExtractManifest last = EventCodec.decodeManifest(topic.get(topic.size() - 1).value());
    assertThat(last.getMode()).isEqualTo(org.hearth.events.ExtractMode.DELTA);
    assertThat(last.getRecordCount()).isEqualTo(changed);
    // the delta names the extract it applies on top of, and comes after it
    ExtractManifest first = manifests(topic).get(0);
    assertThat(first.getExtractId()).isEqualTo(full1.extractId());
    assertThat(first.getReplaces()).isEmpty();
    assertThat(last.getReplaces()).isEqualTo(full1.extractId());
    assertThat(last.getSequence()).isGreaterThan(first.getSequence());
  }

  @Test
  void aSecondCopyFromAFreshAuditFolderKeepsItsIdAndTakesALaterSequence() throws Exception {
    String partner = "fresh-audit-council";
    String dataset = "youth-offending";
    String topic = youthOffendingTopic(partner);
    Path f = dir.resolve("fresh-audit.csv");
    Files.writeString(
        f,
        "YOS ID,Name,DOB,Sex,Address1,Address2,Town,Postcode,Known to YOS,Offence Category,Gravity\r\n"
            + "YOS1,\"SMITH, John\",02-Jun-2013,M,14 Victoria Road,,Pitsea,ZX1 1AA,Y,Drugs,3\r\n");
    try (ExtractPublisher p = publisher(Topics.edgeTransactionalId(partner, dataset))) {
      Fixtures.agent(county, partner, dataset, dir.resolve("fresh-a"))
          .run(f, Optional.of(p), n -> {});
      // the audit folder is lost (or --audit-dir points elsewhere): the edge cannot know
      Fixtures.agent(county, partner, dataset, dir.resolve("fresh-b"))
          .run(f, Optional.of(p), n -> {});
    }
    List<ExtractManifest> m = manifests(readCommitted(topic, Long.MAX_VALUE));
    assertThat(m).hasSize(2);
    // same content, same id: the platform recognises the copy as a duplicate of what it holds
    assertThat(m.get(1).getExtractId()).isEqualTo(m.get(0).getExtractId());
    assertThat(m.get(1).getSequence()).isGreaterThan(m.get(0).getSequence());
    assertThat(m.get(0).getSequence()).isGreaterThan(1_600_000_000_000L); // never behind the clock
  }

  /** Creates the partner's youth-offending topic, and names it. */
  private static String youthOffendingTopic(String partner) {
    String topic = Topics.dataset(partner, "youth-offending");
    kafka.createTopics(topic);
    return topic;
  }

  private static List<ExtractManifest> manifests(List<ConsumerRecord<byte[], byte[]>> topic)
      throws java.io.IOException {
    List<ExtractManifest> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : topic) {
      var h = r.headers().lastHeader(EventCodec.TYPE_HEADER);
      if (h != null && java.util.Arrays.equals(h.value(), EventCodec.MANIFEST)) {
        out.add(EventCodec.decodeManifest(r.value()));
      }
    }
    return out;
  }

  @Test
  void aFullExtractWhoseRowsAreAllRejectedIsRefusedAndSendsNothing() throws Exception {
    String partner = "all-rejected-council";
    String dataset = "youth-offending";
    kafka.createTopics(Topics.dataset(partner, dataset));
    Path f = dir.resolve("all-rejected.csv");
    // every row is short of columns: each is rejected, none is publishable
    Files.writeString(
        f,
        "YOS ID,Name,DOB,Sex,Address1,Address2,Town,Postcode,Known to YOS,Offence Category,Gravity\r\n"
            + "YOS1,\"SMITH, John\",02-Jun-2013\r\n"
            + "YOS2,\"JONES, Amy\",03-Jun-2013\r\n");
    Path audit = dir.resolve("all-rejected-audit");
    try (ExtractPublisher p = publisher(Topics.edgeTransactionalId(partner, dataset))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> Fixtures.agent(county, partner, dataset, audit).run(f, Optional.of(p), n -> {}))
          .isInstanceOf(EdgeAgent.ExtractException.class)
          .hasMessageContaining("all 2 rows")
          .hasMessageContaining("missing-columns")
          .hasMessageEndingWith("nothing was published")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "SMITH", "YOS1"));
    }
    assertThat(countCommitted(Topics.dataset(partner, dataset))).isZero();
    assertThat(PublishedState.file(audit, partner, dataset)).doesNotExist();
  }

  @Test
  void aDeltaWhoseRowsAreAllRejectedIsRefusedRatherThanDeletingEverything() throws Exception {
    String partner = "all-rejected-delta-council";
    String dataset = "youth-offending";
    String topic = youthOffendingTopic(partner);
    String header =
        "YOS ID,Name,DOB,Sex,Address1,Address2,Town,Postcode,Known to YOS,Offence Category,Gravity\r\n";
    Path full = dir.resolve("delta-base.csv");
    Files.writeString(
        full,
        header
            + "YOS1,\"SMITH, John\",02-Jun-2013,M,14 Victoria Road,,Pitsea,ZX1 1AA,Y,Drugs,3\r\n"
            + "YOS2,\"JONES, Amy\",03-Jun-2013,F,1 Mill Road,,Pitsea,ZX1 1AB,Y,Drugs,2\r\n");
    Path broken = dir.resolve("delta-broken.csv");
    Files.writeString(broken, header + "YOS1,\"SMITH, John\",02-Jun-2013\r\nYOS2,x,y\r\n");
    Path audit = dir.resolve("all-rejected-delta-audit");
    try (ExtractPublisher p = publisher(Topics.edgeTransactionalId(partner, dataset))) {
      agent(county, partner, dataset, audit, "2026-Q1", false).run(full, Optional.of(p), n -> {});
      long before = countCommitted(topic);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  agent(county, partner, dataset, audit, "2026-Q2", true)
                      .run(broken, Optional.of(p), n -> {}))
          .isInstanceOf(EdgeAgent.ExtractException.class)
          .hasMessageContaining("all 2 rows")
          .hasMessageEndingWith("nothing was published");
      assertThat(countCommitted(topic)).isEqualTo(before);
    }
  }

  @Test
  void aRunThatStoppedJustAfterItsCommitIsNotPublishedAgain() throws Exception {
    String partner = "stopped-after-commit-council";
    String dataset = "youth-offending";
    String topic = youthOffendingTopic(partner);
    String txId = Topics.edgeTransactionalId(partner, dataset);
    Path f = dir.resolve("stopped-after-commit.csv");
    Files.writeString(
        f,
        "YOS ID,Name,DOB,Sex,Address1,Address2,Town,Postcode,Known to YOS,Offence Category,Gravity\r\n"
            + "YOS1,\"SMITH, John\",02-Jun-2013,M,14 Victoria Road,,Pitsea,ZX1 1AA,Y,Drugs,3\r\n");
    Path audit = dir.resolve("stopped-after-commit-audit");
    EdgeAgent.Result r;
    try (ExtractPublisher p = publisher(txId)) {
      r = Fixtures.agent(county, partner, dataset, audit).run(f, Optional.of(p), n -> {});
    }
    long committed = countCommitted(topic);
    // what a stop between Kafka's commit and the edge's own records leaves on disk
    stoppedWhileCommitting(audit, partner, dataset, r);
    try (ExtractPublisher p = publisher(txId)) {
      assertThat(p.lastTransactionCommitted()).contains(true);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> Fixtures.agent(county, partner, dataset, audit).run(f, Optional.of(p), n -> {}))
          .isInstanceOf(EdgeAgent.ExtractException.class)
          .hasMessageContaining("already published as extract " + r.extractId());
    }
    assertThat(countCommitted(topic)).isEqualTo(committed);

    // a stop before the commit: Kafka aborted that transaction, so the extract goes out once
    stoppedWhileCommitting(audit, partner, dataset, r);
    try (ExtractPublisher p = publisher(txId)) {
      ExtractPublisher.Transaction t = p.begin(topic);
      t.send(
          SyntheticExtract.build(
                  Fixtures.AUTHORITY.partnerKey(partner, 1),
                  Fixtures.AUTHORITY.signingKey(partner, 1),
                  dataset,
                  "2026-Q1",
                  1)
              .records()
              .get(0));
      t.abort();
    }
    try (ExtractPublisher p = publisher(txId)) {
      assertThat(p.lastTransactionCommitted()).contains(false);
      Fixtures.agent(county, partner, dataset, audit).run(f, Optional.of(p), n -> {});
    }
    assertThat(countCommitted(topic)).isEqualTo(2 * committed);
    assertThat(new EdgeLedger(audit, partner, dataset).interrupted()).isEmpty();
  }

  private static void stoppedWhileCommitting(
      Path audit, String partner, String dataset, EdgeAgent.Result r) throws Exception {
    if (Files.exists(r.auditFolder())) {
      try (Stream<Path> files = Files.walk(r.auditFolder())) {
        for (Path x : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(x);
        }
      }
    }
    Path ledgerDir = audit.resolve(partner).resolve(dataset);
    Files.deleteIfExists(ledgerDir.resolve("last-published.json"));
    Files.deleteIfExists(PublishedState.file(audit, partner, dataset));
    new EdgeLedger(audit, partner, dataset)
        .committing(new EdgeLedger.Entry(r.extractId(), System.currentTimeMillis()));
  }

  @Test
  void aFileThatBreaksPartWayLeavesNothingVisible() throws Exception {
    String partner = "broken-file-council";
    String dataset = "youth-offending";
    kafka.createTopics(Topics.dataset(partner, dataset));
    Path f = dir.resolve("breaks-late.csv");
    StringBuilder b =
        new StringBuilder(
            "YOS ID,Name,DOB,Sex,Address1,Address2,Town,Postcode,Known to YOS,Offence Category,Gravity\r\n");
    for (int i = 0; i < 500; i++) {
      b.append("YOS")
          .append(i)
          .append(",\"SMITH, John\",02-Jun-2013,M,")
          .append(i)
          .append(" Victoria Road,,Pitsea,ZX1 1AA,Y,Drugs,3\r\n");
    }
    // a quoted field larger than the reader will buffer: the file breaks after 500 good rows
    b.append("YOS999,\"")
        .append("x".repeat(5 * 1024 * 1024))
        .append("\",02-Jun-2013,M,1 Mill Road,,Pitsea,ZX1 1AA,Y,Drugs,3\r\n");
    Files.writeString(f, b);
    try (ExtractPublisher p = publisher(Topics.edgeTransactionalId(partner, dataset))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  Fixtures.agent(county, partner, dataset, dir.resolve("broken-audit"))
                      .run(f, Optional.of(p), n -> {}))
          .isInstanceOf(EdgeAgent.ExtractException.class)
          .hasMessageContaining("nothing was published");
    }
    assertThat(countCommitted(Topics.dataset(partner, dataset))).isZero();
  }

  @Test
  void subjectRequestsPublishAsPseudonymsWithASignedManifest() throws Exception {
    String partner = "essex-treatment-service";
    kafka.createTopics(Topics.dataset(partner, SubjectRequests.DATASET));
    var key = Fixtures.AUTHORITY.partnerKey(partner, 1);
    var subjects =
        List.of(
            new SubjectRequests.Subject(
                "req-1",
                org.hearth.pseudonymise.normalise.MatchKeys.person(
                    "943 476 5919", null, null, null, null, 'U')),
            new SubjectRequests.Subject(
                "req-2",
                org.hearth.pseudonymise.normalise.MatchKeys.person(
                    null,
                    null,
                    "Zebedee",
                    "Quaxworthy",
                    java.time.LocalDate.of(2013, 4, 17),
                    'M')));
    try (ExtractPublisher p = publisher(Topics.edgeTransactionalId(partner, "subject-requests"))) {
      new SubjectRequests(
              key, Fixtures.AUTHORITY.signingKey(partner, 1), dir.resolve("subject-audit"))
          .publish(
              SubjectRequests.Kind.ERASE,
              subjects,
              java.time.LocalDate.of(2026, 11, 21),
              Optional.of(p));
    }
    List<ConsumerRecord<byte[], byte[]>> got =
        readCommitted(Topics.dataset(partner, SubjectRequests.DATASET), 3);
    assertThat(got).hasSize(3);
    for (int i = 0; i < 2; i++) {
      var r = EventCodec.decodeRecord(got.get(i).value());
      assertThat(r.getOperation()).isEqualTo(org.hearth.events.Operation.ERASE);
      assertThat(r.getMatchKeys()).isNotEmpty();
      String bytes = new String(got.get(i).value(), StandardCharsets.ISO_8859_1);
      for (String canary : CANARIES) {
        assertThat(bytes).doesNotContain(canary);
      }
    }
    ExtractManifest m = EventCodec.decodeManifest(got.get(2).value());
    assertThat(m.getMode()).isEqualTo(org.hearth.events.ExtractMode.DELTA);
    // the digest the link job checks: over each record's hash, as for any extract
    var digest = new org.hearth.events.ExtractDigest();
    for (int i = 0; i < 2; i++) {
      digest.addHash(org.hearth.events.ExtractDigest.recordHash(got.get(i).value()));
    }
    assertThat(bytes(m.getContentDigest())).isEqualTo(digest.digest());
    ManifestContent content = ManifestSigning.content(m);
    assertThat(
            content.verify(
                bytes(m.getSignature()),
                Fixtures.AUTHORITY.signingKey(partner, 1).generatePublicKey()))
        .isTrue();
  }

  private static EdgeAgent agent(
      Path county, String partner, String dataset, Path audit, String period, boolean delta) {
    java.time.LocalDate end =
        period.endsWith("Q1")
            ? java.time.LocalDate.of(2026, 3, 31)
            : java.time.LocalDate.of(2026, 6, 30);
    return new EdgeAgent(
        new EdgeAgent.Settings(
            org.hearth.ingest.contract.Contracts.load(dataset),
            Fixtures.AUTHORITY.partnerKey(partner, 1),
            Fixtures.AUTHORITY.signingKey(partner, 1),
            PostcodeLookup.load(county.resolve("lookup/onspd-synthetic.csv")),
            period,
            end,
            audit,
            100_000,
            delta));
  }

  private static List<org.hearth.events.PartnerRecord> sent(Path folder) throws Exception {
    List<org.hearth.events.PartnerRecord> out = new ArrayList<>();
    try (var in =
        new org.apache.avro.file.DataFileReader<>(
            folder.resolve("sent.avro").toFile(),
            new org.apache.avro.specific.SpecificDatumReader<>(
                org.hearth.events.PartnerRecord.class))) {
      in.forEach(out::add);
    }
    return out;
  }

  private static Map<ByteBuffer, ByteBuffer> contents(Path folder) throws Exception {
    Map<ByteBuffer, ByteBuffer> m = new HashMap<>();
    for (org.hearth.events.PartnerRecord r : sent(folder)) {
      m.put(r.getRecordKey(), PublishedState.contentDigest(r));
    }
    return m;
  }

  private static ExtractPublisher publisher(String txId) {
    return new ExtractPublisher(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), txId);
  }

  private static long countCommitted(String topic) {
    return readCommitted(topic, Long.MAX_VALUE).size();
  }

  private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, long expected) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 15_000;
      int empty = 0;
      while (System.currentTimeMillis() < deadline && out.size() < expected && empty < 6) {
        var batch = consumer.poll(Duration.ofMillis(500));
        batch.forEach(out::add);
        empty = batch.isEmpty() && !out.isEmpty() ? empty + 1 : batch.isEmpty() ? empty + 1 : 0;
      }
    }
    return out;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}

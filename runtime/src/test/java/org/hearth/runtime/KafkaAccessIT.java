package org.hearth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hearth.events.Topics;
import org.hearth.runtime.HearthConfig.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access rules on a real broker with SASL/SCRAM and the standard authorizer: each partner
 * writes only its own topics and reads only its own incidents; the link job reads every partner.
 */
class KafkaAccessIT {
  private static final String A = "basildon-council";
  private static final String B = "essex-police";
  // a partner whose id is a prefix of A's: the rules must not leak between them
  private static final String A_PREFIX = "basildon";

  @TempDir static Path dir;
  static EmbeddedKafka kafka;
  static Map<String, Object> partnerA;
  static Map<String, Object> partnerB;
  static Map<String, Object> prefixPartner;
  static Map<String, Object> linkJob;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(EmbeddedKafka.Settings.securedUnder(dir));
    try (Admin admin = kafka.admin()) {
      KafkaAccess access = new KafkaAccess(admin);
      partnerA = kafka.clientProperties(access.addPartner(A));
      partnerB = kafka.clientProperties(access.addPartner(B));
      prefixPartner = kafka.clientProperties(access.addPartner(A_PREFIX));
      linkJob = kafka.clientProperties(access.addLinkJob());
      // the operator opens each partner's datasets
      access.openDataset(A, "housing-benefits");
      access.openDataset(B, "police-incidents");
      access.openDataset(B, "police-incidents"); // repeating it is harmless
    }
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void aPartnerWritesItsOwnTopicsInTransactionsAndTheLinkJobReadsEveryPartner() {
    publish(partnerA, A, Topics.dataset(A, "housing-benefits"), "a-1");
    publish(partnerB, B, Topics.dataset(B, "police-incidents"), "b-1");

    assertThat(
            read(linkJob, Topics.LINK_GROUP_PREFIX + "-it", Topics.dataset(A, "housing-benefits")))
        .contains("a-1");
    assertThat(
            read(linkJob, Topics.LINK_GROUP_PREFIX + "-it", Topics.dataset(B, "police-incidents")))
        .contains("b-1");
    // and clears the landing zone behind it
    TopicPartition landing = new TopicPartition(Topics.dataset(A, "housing-benefits"), 0);
    try (Admin admin = Admin.create(linkJob)) {
      long end =
          admin.listOffsets(Map.of(landing, OffsetSpec.latest())).all().get().get(landing).offset();
      admin.deleteRecords(Map.of(landing, RecordsToDelete.beforeOffset(end))).all().get();
      assertThat(
              admin
                  .listOffsets(Map.of(landing, OffsetSpec.earliest()))
                  .all()
                  .get()
                  .get(landing)
                  .offset())
          .isEqualTo(end);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    try (Admin admin = kafka.admin()) {
      var config =
          admin
              .describeConfigs(
                  List.of(new ConfigResource(ConfigResource.Type.TOPIC, landing.topic())))
              .all()
              .get()
              .get(new ConfigResource(ConfigResource.Type.TOPIC, landing.topic()));
      assertThat(config.get(TopicConfig.SEGMENT_MS_CONFIG).value()).isEqualTo("1");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aPartnerCannotWriteOrReadAnotherPartnersTopic() {
    assertThatThrownBy(() -> send(partnerA, Topics.dataset(B, "police-incidents"), "forged"))
        .hasCauseInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(
            () ->
                read(
                    partnerA,
                    Topics.partnerGroupPrefix(A) + "x",
                    Topics.dataset(B, "police-incidents")))
        .isInstanceOf(TopicAuthorizationException.class);
    // nor its own: partners publish, only the link job reads
    assertThatThrownBy(
            () ->
                read(
                    partnerA,
                    Topics.partnerGroupPrefix(A) + "x",
                    Topics.dataset(A, "housing-benefits")))
        .isInstanceOf(TopicAuthorizationException.class);
    // a partner whose id is a prefix of A's gets nothing of A's
    assertThatThrownBy(() -> send(prefixPartner, Topics.dataset(A, "housing-benefits"), "forged"))
        .hasCauseInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> createTopic(partnerA, Topics.dataset(B, "made-up")))
        .hasCauseInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void aPartnerCannotUseAnotherPartnersTransactionalId() {
    Map<String, Object> p = new HashMap<>(partnerA);
    p.put(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, Topics.edgeTransactionalId(B, "police-incidents"));
    assertThatThrownBy(
            () -> {
              try (var producer = producer(p)) {
                producer.initTransactions();
              }
            })
        .isInstanceOf(TransactionalIdAuthorizationException.class);
  }

  @Test
  void aPartnerReadsOnlyItsOwnIncidentsAndOnlyTheLinkJobWritesThem() throws Exception {
    send(linkJob, Topics.incidents(A), "incident-for-a");
    send(linkJob, Topics.incidents(B), "incident-for-b");

    assertThat(read(partnerA, Topics.partnerGroupPrefix(A) + "incidents", Topics.incidents(A)))
        .containsExactly("incident-for-a");
    assertThatThrownBy(
            () -> read(partnerA, Topics.partnerGroupPrefix(A) + "incidents", Topics.incidents(B)))
        .isInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(
            () ->
                read(prefixPartner, Topics.partnerGroupPrefix(A_PREFIX) + "i", Topics.incidents(A)))
        .isInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> send(partnerA, Topics.incidents(A), "forged incident"))
        .hasCauseInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void aPartnerCannotGrantItselfMore() {
    try (Admin admin = Admin.create(partnerA)) {
      assertThatThrownBy(() -> admin.createAcls(KafkaAccess.partnerRules(B)).all().get())
          .hasCauseInstanceOf(ClusterAuthorizationException.class);
    }
  }

  @Test
  void theBrokerRefusesAPartnersOwnTopicsPartitionsAndRetention() throws Exception {
    String own = Topics.dataset(A, "kept-for-ever");
    NewTopic forever =
        new NewTopic(own, 50, (short) 1).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
    try (Admin admin = Admin.create(partnerA)) {
      assertThatThrownBy(() -> admin.createTopics(List.of(forever)).all().get())
          .hasCauseInstanceOf(TopicAuthorizationException.class);
      assertThatThrownBy(
              () -> createTopic(partnerA, Topics.dataset(A, "with-defaults")),
              "not even with the cluster's defaults")
          .hasCauseInstanceOf(TopicAuthorizationException.class);
      String opened = Topics.dataset(A, "housing-benefits");
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, opened);
      AlterConfigOp keep =
          new AlterConfigOp(
              new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"), AlterConfigOp.OpType.SET);
      assertThatThrownBy(
              () -> admin.incrementalAlterConfigs(Map.of(topic, List.of(keep))).all().get())
          .hasCauseInstanceOf(TopicAuthorizationException.class);
      assertThatThrownBy(
              () ->
                  admin.createPartitions(Map.of(opened, NewPartitions.increaseTo(50))).all().get())
          .hasCauseInstanceOf(TopicAuthorizationException.class);
      assertThatThrownBy(() -> admin.deleteTopics(List.of(opened)).all().get())
          .hasCauseInstanceOf(TopicAuthorizationException.class);
      // only the link job clears the landing zone: a partner cannot erase what it sent
      assertThatThrownBy(
              () ->
                  admin
                      .deleteRecords(
                          Map.of(
                              new org.apache.kafka.common.TopicPartition(opened, 0),
                              org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(0)))
                      .all()
                      .get())
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    try (Admin admin = kafka.admin()) {
      assertThat(admin.listTopics().names().get()).doesNotContain(own);
      var config =
          admin
              .describeConfigs(
                  List.of(
                      new ConfigResource(
                          ConfigResource.Type.TOPIC, Topics.dataset(A, "housing-benefits"))))
              .all()
              .get()
              .values()
              .iterator()
              .next();
      assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).source())
          .as("the cluster's retention, not the partner's")
          .isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
    }
  }

  @Test
  void aWrongPasswordIsRefused() {
    Map<String, Object> wrong =
        kafka.clientProperties(
            new KafkaCredentials(KafkaAccess.partnerPrincipal(A), new Secret("not-the-password")));
    assertThatThrownBy(() -> send(wrong, Topics.dataset(A, "housing-benefits"), "x"))
        .hasCauseInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void aWithdrawnPartnerCanNoLongerConnect() {
    String withdrawing = "essex-yos";
    Map<String, Object> login;
    try (Admin admin = kafka.admin()) {
      KafkaAccess access = new KafkaAccess(admin);
      login = kafka.clientProperties(access.addPartner(withdrawing));
      access.openDataset(withdrawing, "youth-offending");
    }
    try (Admin admin = kafka.admin()) {
      KafkaAccess access = new KafkaAccess(admin);
      access.removePartner(withdrawing);
      assertThat(access.rulesOf(KafkaAccess.partnerPrincipal(withdrawing))).isEmpty();
      access.removePartner(withdrawing); // repeating it is harmless
    }
    // the deletion reaches the broker's credential cache through the metadata log
    Throwable refused = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (refused == null && System.nanoTime() < deadline) {
      try {
        send(login, Topics.dataset(withdrawing, "youth-offending"), "x");
      } catch (Exception e) {
        refused = e.getCause();
      }
    }
    assertThat(refused).isInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void theRulesNameNoOtherPartnersResources() {
    try (Admin admin = kafka.admin()) {
      var rules = new KafkaAccess(admin).rulesOf(KafkaAccess.partnerPrincipal(A));
      assertThat(rules).hasSize(KafkaAccess.partnerRules(A).size());
      assertThat(rules)
          .allSatisfy(r -> assertThat(r.pattern().name()).contains(A).doesNotContain(B));
    }
  }

  private static void publish(Map<String, Object> client, String partner, String topic, String v) {
    Map<String, Object> p = new HashMap<>(client);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, Topics.edgeTransactionalId(partner, "it"));
    try (var producer = producer(p)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, v));
      producer.commitTransaction();
    }
  }

  private static void send(Map<String, Object> client, String topic, String value)
      throws InterruptedException, ExecutionException {
    try (var producer = producer(client)) {
      producer.send(new ProducerRecord<>(topic, value)).get();
    }
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> client) {
    Map<String, Object> p = new HashMap<>(client);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  private static List<String> read(Map<String, Object> client, String group, String topic) {
    Map<String, Object> p = new HashMap<>(client);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> out = new ArrayList<>();
    try (var c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (out.isEmpty() && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
      }
    }
    return out;
  }

  private static void createTopic(Map<String, Object> client, String topic) {
    try (Admin admin = Admin.create(client)) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } catch (ExecutionException e) {
      throw new RuntimeException(e.getMessage(), e.getCause());
    }
  }
}

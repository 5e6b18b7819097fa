package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.hearth.events.PartnerRecord;
import org.hearth.runtime.EmbeddedKafka;
import org.hearth.runtime.KafkaAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large extract publishes with default settings (issue 22.4): 200,000 rows in one transaction
 * that stays open longer than Kafka's default transaction timeout of 60 s, as the edge's does while
 * it pseudonymises a large file. With the default the broker aborts it and the commit fails with
 * "attempted to produce with an old epoch".
 */
class LongTransactionIT {
  @TempDir Path dir;

  static final int ROWS = 200_000;

  /** Longer than Kafka's default transaction timeout, plus the broker's 10 s abort check. */
  static final Duration OPEN_FOR = Duration.ofSeconds(75);

  @Test
  void twoHundredThousandRowsInATransactionOpenLongerThanKafkasDefaultAllLand() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Settings.securedUnder(dir))) {
      Map<String, Object> council;
      try (Admin admin = kafka.admin()) {
        KafkaAccess access = new KafkaAccess(admin);
        council = kafka.clientProperties(access.addPartner("basildon-council"));
        access.openDataset("basildon-council", "housing-benefits");
      }
      SyntheticExtract.Extract template =
          SyntheticExtract.build(
              Fixtures.AUTHORITY.partnerKey("basildon-council", 1),
              Fixtures.AUTHORITY.signingKey("basildon-council", 1),
              "housing-benefits",
              "2026-Q1",
              1);
      PartnerRecord first = template.records().get(0);
      long opened = System.nanoTime();
      ExtractPublisher.Receipt receipt;
      try (ExtractPublisher publisher =
          new ExtractPublisher(council, "hearth-edge.basildon-council.housing-benefits")) {
        ExtractPublisher.Transaction t = publisher.begin(template.topic());
        for (int i = 0; i < ROWS; i++) {
          ByteBuffer key = ByteBuffer.allocate(16).putLong(0, i);
          t.send(PartnerRecord.newBuilder(first).setSequence(i).setRecordKey(key).build());
          if (i == ROWS / 2) {
            // the edge's pace on a large file: the transaction stays open past Kafka's default
            Thread.sleep(OPEN_FOR.toMillis());
          }
        }
        receipt = t.commit(template.manifest());
      }
      assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThan(OPEN_FOR);
      assertThat(receipt.records()).isEqualTo(ROWS);
      assertThat(countCommitted(kafka.adminProperties(), template.topic())).isEqualTo(ROWS + 1);
    }
  }

  private static long countCommitted(Map<String, Object> client, String topic) {
    Map<String, Object> c = new HashMap<>(client); // the operator's login: partners only write
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    long n = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(new org.apache.kafka.common.TopicPartition(topic, 0)));
      consumer.seekToBeginning(consumer.assignment());
      long deadline = System.currentTimeMillis() + 60_000;
      int empty = 0;
      while (System.currentTimeMillis() < deadline && n < ROWS + 1 && empty < 10) {
        var batch = consumer.poll(Duration.ofMillis(500));
        n += batch.count();
        empty = batch.isEmpty() ? empty + 1 : 0;
      }
    }
    return n;
  }
}

package org.hearth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  @Test
  void transactionsCommitAndAbortOnTheEmbeddedBroker(@TempDir Path dir) {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Settings.under(dir))) {
      kafka.createTopics("t");
      try (KafkaProducer<String, String> p = producer(kafka)) {
        p.initTransactions();
        p.beginTransaction();
        p.send(new ProducerRecord<>("t", "committed"));
        p.commitTransaction();
        p.beginTransaction();
        p.send(new ProducerRecord<>("t", "aborted"));
        p.flush();
        p.abortTransaction();
        p.beginTransaction();
        p.send(new ProducerRecord<>("t", "committed-too"));
        p.commitTransaction();
      }
      assertThat(readAll(kafka, "read_committed")).containsExactly("committed", "committed-too");
      assertThat(readAll(kafka, "read_uncommitted")).contains("aborted");
    }
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "test-tx",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true),
        new StringSerializer(),
        new StringSerializer());
  }

  private static List<String> readAll(EmbeddedKafka kafka, String isolation) {
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "g-" + isolation,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation),
            new StringDeserializer(),
            new StringDeserializer())) {
      c.subscribe(List.of("t"));
      List<String> out = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 20_000;
      while (System.currentTimeMillis() < deadline && out.size() < 3) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
          out.add(r.value());
        }
        if (isolation.equals("read_committed") && out.size() == 2) {
          // give an aborted record the chance to (wrongly) appear
          for (ConsumerRecord<String, String> r : c.poll(Duration.ofSeconds(1))) {
            out.add(r.value());
          }
          break;
        }
      }
      return out;
    }
  }
}

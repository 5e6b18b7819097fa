package org.hearth.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hearth.events.EventCodec;
import org.hearth.events.ExtractManifest;
import org.hearth.events.PartnerRecord;

/**
 * Publishes one extract — every record, then its manifest — in one Kafka transaction with an
 * idempotent producer. A crash before the commit leaves nothing visible to read_committed
 * consumers; the transactional id fences a zombie publisher of the same partner and dataset.
 */
public final class ExtractPublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;

  /** What one committed extract occupied in its topic. */
  public record Receipt(String topic, long records, long firstOffset, long manifestOffset) {}

  /**
   * @param clientProperties bootstrap servers and any security settings
   * @param transactionalId stable per partner and dataset, so a restarted agent fences the old
   */
  public ExtractPublisher(Map<String, Object> clientProperties, String transactionalId) {
    Map<String, Object> p = new HashMap<>(clientProperties);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    producer.initTransactions();
  }

  public Receipt publish(String topic, List<PartnerRecord> records, ExtractManifest manifest) {
    producer.beginTransaction();
    try {
      Future<RecordMetadata> first = null;
      for (PartnerRecord r : records) {
        ProducerRecord<byte[], byte[]> pr =
            new ProducerRecord<>(topic, null, null, EventCodec.encode(r));
        pr.headers().add(EventCodec.TYPE_HEADER, EventCodec.RECORD);
        Future<RecordMetadata> f = producer.send(pr);
        if (first == null) {
          first = f;
        }
      }
      ProducerRecord<byte[], byte[]> mr =
          new ProducerRecord<>(topic, null, null, EventCodec.encode(manifest));
      mr.headers().add(EventCodec.TYPE_HEADER, EventCodec.MANIFEST);
      Future<RecordMetadata> manifestSent = producer.send(mr);
      producer.commitTransaction();
      long manifestOffset = manifestSent.get().offset();
      long firstOffset = first == null ? manifestOffset : first.get().offset();
      return new Receipt(topic, records.size(), firstOffset, manifestOffset);
    } catch (KafkaException | ExecutionException e) {
      abortQuietly();
      throw new PublishException(
          "the extract was not published (nothing of it is visible): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      abortQuietly();
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted; the extract was not published", e);
    }
  }

  private void abortQuietly() {
    try {
      producer.abortTransaction();
    } catch (KafkaException ignored) {
      // the producer is fenced or closed; the broker aborts the transaction on timeout
    }
  }

  @Override
  public void close() {
    producer.close();
  }

  /** Publishing failed as a whole. */
  public static final class PublishException extends RuntimeException {
    public PublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

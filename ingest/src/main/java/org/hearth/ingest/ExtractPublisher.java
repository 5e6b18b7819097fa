package org.hearth.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnTimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hearth.events.EventCodec;
import org.hearth.events.ExtractManifest;
import org.hearth.events.PartnerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one extract — every record, then its manifest — in one Kafka transaction with an
 * idempotent producer. A crash before the commit leaves nothing visible to read_committed
 * consumers; the transactional id (stable per partner and dataset) fences a zombie publisher and
 * aborts its open transaction when the agent restarts.
 */
public final class ExtractPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExtractPublisher.class);
  private final Producer<byte[], byte[]> producer;

  /**
   * Every record and manifest of a dataset goes to its topic's first partition: Kafka orders only
   * within a partition, and extracts must reach the link job in the order they were published (a
   * full extract replaces the one before; deltas build on it), whatever the topic's partition count
   * (with six, a rebuild once applied an older quarter after a newer one).
   */
  public static final int PARTITION = 0;

  private final Optional<Boolean> lastTransactionCommitted;

  /**
   * What Kafka's transaction coordinator said of this publisher's transactional id before this
   * publisher took it over: true when its last transaction committed, false when it aborted or none
   * completed; empty when the broker could not say (no such id any more, or not allowed). With the
   * edge's in-flight marker this tells whether a run that stopped around its commit reached the
   * platform.
   */
  public Optional<Boolean> lastTransactionCommitted() {
    return lastTransactionCommitted;
  }

  private static Optional<Boolean> lastTransactionCommitted(
      Map<String, Object> clientProperties, String transactionalId) {
    try (Admin admin = Admin.create(clientProperties)) {
      var state =
          admin
              .describeTransactions(List.of(transactionalId))
              .description(transactionalId)
              .get(30, TimeUnit.SECONDS)
              .state();
      return switch (state) {
        case COMPLETE_COMMIT, PREPARE_COMMIT -> Optional.of(true);
        case COMPLETE_ABORT, PREPARE_ABORT, ONGOING -> Optional.of(false);
        default -> Optional.empty();
      };
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** What one committed extract occupied in its topic. */
  public record Receipt(String topic, long records, long firstOffset, long manifestOffset) {}

  /**
   * @param clientProperties bootstrap servers and any security settings
   * @param transactionalId stable per partner and dataset, so a restarted agent fences the old
   */
  public ExtractPublisher(Map<String, Object> clientProperties, String transactionalId) {
    this.lastTransactionCommitted = lastTransactionCommitted(clientProperties, transactionalId);
    Map<String, Object> p = new HashMap<>(clientProperties);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
    this.producer = initialised(p);
  }

  /**
   * How long one extract's transaction may stay open: the edge pseudonymises while it sends, so a
   * large extract keeps its transaction open for minutes, and Kafka's default of 60 s made the
   * broker abort a 50,578-row extract after 87 s ("attempted to produce with an old epoch"). This
   * is the broker's default ceiling ({@code transaction.max.timeout.ms}).
   */
  static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

  /**
   * A producer with its transactions initialised. A broker whose ceiling is lower than {@link
   * #TRANSACTION_TIMEOUT} refuses it: then Kafka's default, with a warning that says what limits.
   */
  private static Producer<byte[], byte[]> initialised(Map<String, Object> p) {
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    try {
      producer.initTransactions();
      return producer;
    } catch (InvalidTxnTimeoutException e) {
      producer.close(Duration.ZERO);
      LOG.warn(
          "the Kafka brokers allow transactions shorter than {} min (transaction.max.timeout.ms):"
              + " publishing with Kafka's default of 60 s, so an extract that takes longer to"
              + " pseudonymise and send is aborted by the broker; ask the operator to raise it",
          TRANSACTION_TIMEOUT.toMinutes());
      p.remove(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
      KafkaProducer<byte[], byte[]> fallback =
          new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
      fallback.initTransactions();
      return fallback;
    }
  }

  /**
   * Publishes through the given producer: the seam a test uses to run the whole edge path against
   * Kafka's {@code MockProducer} and see exactly what was committed.
   */
  ExtractPublisher(Producer<byte[], byte[]> producer, Optional<Boolean> lastTransactionCommitted) {
    this.producer = producer;
    this.lastTransactionCommitted = lastTransactionCommitted;
    producer.initTransactions();
  }

  /**
   * Checks that the dataset topic exists and this login may see it, before anything is read or
   * sent. The edge never creates topics: the operator opens each dataset for its partner ({@code
   * hearth partners dataset}), so a partner cannot choose a topic's partitions or retention.
   */
  public static void requireTopic(Map<String, Object> clientProperties, String topic) {
    try (Admin admin = Admin.create(clientProperties)) {
      Throwable refused = failureOf(admin.describeTopics(List.of(topic)).allTopicNames(), topic);
      if (refused == null) {
        return;
      }
      var owner = org.hearth.events.Topics.owner(topic);
      if (refused instanceof UnknownTopicOrPartitionException && owner.isPresent()) {
        throw new PublishException(
            "topic "
                + topic
                + " does not exist: the platform operator opens each dataset for its partner;"
                + " ask them to run 'hearth partners dataset --partner "
                + owner.get().partner()
                + " --dataset "
                + owner.get().dataset()
                + "'",
            refused);
      }
      if (refused instanceof TopicAuthorizationException) {
        throw new PublishException(
            "Kafka refused topic "
                + topic
                + " to this login: a partner may write only its own topics;"
                + " check that --config is this partner's settings file",
            refused);
      }
      throw new PublishException(
          "could not check topic "
              + topic
              + ": "
              + refused.getMessage()
              + (refused instanceof org.apache.kafka.common.errors.TimeoutException
                  ? "; " + org.hearth.events.Topics.NO_ANSWER_HINT
                  : ""),
          refused);
    }
  }

  /** What the broker answered with, or null when it succeeded. */
  private static Throwable failureOf(org.apache.kafka.common.KafkaFuture<?> answer, String topic) {
    try {
      answer.get(60, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while checking topic " + topic, e);
    } catch (TimeoutException e) {
      throw new PublishException(
          "Kafka did not answer about topic "
              + topic
              + " within 60 s; "
              + org.hearth.events.Topics.NO_ANSWER_HINT,
          e);
    }
  }

  /** An open transaction for one extract: send records, then commit with the manifest. */
  public final class Transaction {
    private final String topic;
    private Future<RecordMetadata> first;
    private long sent;
    private boolean open = true;

    private Transaction(String topic) {
      this.topic = topic;
      producer.beginTransaction();
    }

    public void send(PartnerRecord r) {
      ProducerRecord<byte[], byte[]> pr =
          new ProducerRecord<>(topic, PARTITION, null, EventCodec.encode(r));
      pr.headers().add(EventCodec.TYPE_HEADER, EventCodec.RECORD);
      try {
        Future<RecordMetadata> f = producer.send(pr);
        if (first == null) {
          first = f;
        }
        sent++;
      } catch (KafkaException e) {
        abort();
        throw new PublishException(
            "the extract was not published (nothing of it is visible): " + e.getMessage(), e);
      }
    }

    public Receipt commit(ExtractManifest manifest) {
      try {
        ProducerRecord<byte[], byte[]> mr =
            new ProducerRecord<>(topic, PARTITION, null, EventCodec.encode(manifest));
        mr.headers().add(EventCodec.TYPE_HEADER, EventCodec.MANIFEST);
        Future<RecordMetadata> manifestSent = producer.send(mr);
        producer.commitTransaction();
        open = false;
        long manifestOffset = manifestSent.get().offset();
        long firstOffset = first == null ? manifestOffset : first.get().offset();
        return new Receipt(topic, sent, firstOffset, manifestOffset);
      } catch (KafkaException | ExecutionException e) {
        abort();
        throw new PublishException(
            "the extract was not published (nothing of it is visible): " + e.getMessage(), e);
      } catch (InterruptedException e) {
        abort();
        Thread.currentThread().interrupt();
        throw new PublishException("interrupted; the extract was not published", e);
      }
    }

    public void abort() {
      if (!open) {
        return;
      }
      open = false;
      try {
        producer.abortTransaction();
      } catch (KafkaException ignored) {
        // fenced or closed: the broker aborts the transaction when it times out
      }
    }
  }

  public Transaction begin(String topic) {
    return new Transaction(topic);
  }

  public Receipt publish(String topic, List<PartnerRecord> records, ExtractManifest manifest) {
    Transaction t = begin(topic);
    records.forEach(t::send);
    return t.commit(manifest);
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

package org.hearth.link;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.hearth.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partner topics as a landing zone (issue 19.3): what the job has consumed under a completed
 * checkpoint is deleted from Kafka ({@code Admin.deleteRecords}), so a record the guard refused
 * does not stay readable for the topic's retention.
 *
 * <p>The source's enumerator does it, because there is exactly one and it is told of every
 * completed checkpoint. It deletes up to the offsets the job's consumer group has committed, which
 * Kafka's readers commit when a checkpoint completes: everything below them is in the state of that
 * checkpoint or already written out, so no restore from it needs them. The readers commit in the
 * same notification, so the enumerator usually sees the offsets of the checkpoint before: deletion
 * lags one checkpoint, and a bounded run sweeps once more when it ends.
 *
 * <p>Deleting only moves the log start offset; the broker removes a segment file once the whole
 * segment is below it, is no longer the active segment, and its retention check runs. Landing
 * topics are created so that their segments roll on every append after the first millisecond
 * ({@code KafkaAccess.LANDING_TOPIC}): the extract's commit marker closes the segment with its
 * records.
 *
 * <p>State is Kafka's own; wrapping changes no serializer, so savepoints move between the wrapped
 * and unwrapped source.
 */
final class LandingZone extends ForwardingKafkaSource {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(LandingZone.class);
  private static final Pattern LANDING = Pattern.compile(Topics.PARTNER_DATASET_PATTERN);

  private final String bootstrapServers;
  private final Map<String, String> clientProperties;
  private final String group;

  LandingZone(
      Source<PartnerEvent, KafkaPartitionSplit, KafkaSourceEnumState> kafka,
      TypeInformation<PartnerEvent> type,
      String bootstrapServers,
      Map<String, String> clientProperties,
      String group) {
    super(kafka, type);
    this.bootstrapServers = bootstrapServers;
    this.clientProperties = Map.copyOf(clientProperties);
    this.group = group;
  }

  /**
   * Where each landing partition may be cleared to: the committed offset of every partner dataset
   * partition that is ahead of what was cleared already. Other topics in the group are not ours to
   * delete.
   */
  static Map<TopicPartition, Long> toClear(
      Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> cleared) {
    Map<TopicPartition, Long> out = new HashMap<>();
    committed.forEach(
        (tp, o) -> {
          if (o != null
              && o.offset() > 0
              && LANDING.matcher(tp.topic()).matches()
              && o.offset() > cleared.getOrDefault(tp, 0L)) {
            out.put(tp, o.offset());
          }
        });
    return out;
  }

  @Override
  public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
      SplitEnumeratorContext<KafkaPartitionSplit> context) throws Exception {
    return new Clearing(context, kafka.createEnumerator(context));
  }

  @Override
  public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
      SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState checkpoint)
      throws Exception {
    return new Clearing(context, kafka.restoreEnumerator(context, checkpoint));
  }

  /** The source's enumerator, clearing the landing zone after each completed checkpoint. */
  private final class Clearing extends ForwardingKafkaSource.Enumerator {
    private final SplitEnumeratorContext<KafkaPartitionSplit> context;

    /** Touched only by the sweeps, which run one at a time (the coordinator's worker thread). */
    private final Map<TopicPartition, Long> cleared = new HashMap<>();

    private Admin admin;

    Clearing(
        SplitEnumeratorContext<KafkaPartitionSplit> context,
        SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> kafka) {
      super(kafka);
      this.context = context;
    }

    @Override
    public void start() {
      Properties p = new Properties();
      p.put("bootstrap.servers", bootstrapServers);
      p.putAll(clientProperties);
      admin = Admin.create(p);
      kafka.start();
    }

    /** Deletes each landing partition up to its committed offset; returns what it cleared. */
    private synchronized Map<TopicPartition, Long> sweep() throws Exception {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      Map<TopicPartition, Long> due = toClear(committed, cleared);
      if (due.isEmpty()) {
        return due;
      }
      Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
      due.forEach((tp, offset) -> delete.put(tp, RecordsToDelete.beforeOffset(offset)));
      admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
      cleared.putAll(due);
      return due;
    }

    private void log(Map<TopicPartition, Long> done, Throwable failure) {
      if (failure != null) {
        // the next checkpoint tries again; coordinates only, never a record
        LOG.warn("could not clear the landing zone: {}", failure.toString());
        return;
      }
      done.forEach(
          (tp, offset) ->
              LOG.info(
                  "landing zone cleared: {} below offset {} at {}",
                  tp,
                  offset,
                  java.time.Instant.now()));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
      kafka.notifyCheckpointComplete(checkpointId);
      context.callAsync(this::sweep, this::log);
    }

    @Override
    public void close() throws java.io.IOException {
      try {
        kafka.close();
      } finally {
        if (admin != null) {
          try {
            // a bounded run ends here: its readers have committed the final checkpoint's offsets
            log(sweep(), null);
          } catch (Exception e) {
            log(Map.of(), e);
          } finally {
            admin.close(Duration.ofSeconds(10));
          }
        }
      }
    }
  }
}

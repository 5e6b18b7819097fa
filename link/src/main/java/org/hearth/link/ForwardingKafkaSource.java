package org.hearth.link;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Kafka's source with a part replaced: everything not overridden is the wrapped source's, and the
 * state stays Kafka's own (same serializers), so savepoints move between wrapped and unwrapped
 * jobs. {@link CatchUpSource} and {@link LandingZone} each change one behaviour of it.
 */
abstract class ForwardingKafkaSource
    implements Source<PartnerEvent, KafkaPartitionSplit, KafkaSourceEnumState>,
        ResultTypeQueryable<PartnerEvent> {
  private static final long serialVersionUID = 1L;

  protected final Source<PartnerEvent, KafkaPartitionSplit, KafkaSourceEnumState> kafka;
  private final TypeInformation<PartnerEvent> type;

  ForwardingKafkaSource(
      Source<PartnerEvent, KafkaPartitionSplit, KafkaSourceEnumState> kafka,
      TypeInformation<PartnerEvent> type) {
    this.kafka = kafka;
    this.type = type;
  }

  @Override
  public Boundedness getBoundedness() {
    return kafka.getBoundedness();
  }

  @Override
  public SourceReader<PartnerEvent, KafkaPartitionSplit> createReader(SourceReaderContext context)
      throws Exception {
    return kafka.createReader(context);
  }

  @Override
  public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
      SplitEnumeratorContext<KafkaPartitionSplit> context) throws Exception {
    return kafka.createEnumerator(context);
  }

  @Override
  public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
      SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState checkpoint)
      throws Exception {
    return kafka.restoreEnumerator(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
    return kafka.getSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
    return kafka.getEnumeratorCheckpointSerializer();
  }

  @Override
  public TypeInformation<PartnerEvent> getProducedType() {
    return type;
  }

  /** Kafka's enumerator, with whatever a subclass overrides. */
  abstract static class Enumerator
      implements SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> {
    /** Set by the subclass's constructor where Kafka's enumerator needs the subclass to exist. */
    protected SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> kafka;

    Enumerator() {}

    Enumerator(SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> kafka) {
      this.kafka = kafka;
    }

    @Override
    public void start() {
      kafka.start();
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
      kafka.handleSplitRequest(subtaskId, requesterHostname);
    }

    @Override
    public void addSplitsBack(List<KafkaPartitionSplit> splits, int subtaskId) {
      kafka.addSplitsBack(splits, subtaskId);
    }

    @Override
    public void addReader(int subtaskId) {
      kafka.addReader(subtaskId);
    }

    @Override
    public KafkaSourceEnumState snapshotState(long checkpointId) throws Exception {
      return kafka.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
      kafka.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
      kafka.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent sourceEvent) {
      kafka.handleSourceEvent(subtaskId, sourceEvent);
    }

    @Override
    public void close() throws java.io.IOException {
      kafka.close();
    }
  }
}

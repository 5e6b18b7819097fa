package org.hearth.link;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;

/**
 * The partner topics as a bounded run ({@code hearth link --bounded}) reads them: Kafka's bounded
 * source, made to end also when the run starts from a savepoint or a retained checkpoint (issue
 * 20.7). Kafka's source (connector 5.0) never ends then, for two reasons:
 *
 * <ul>
 *   <li>Its readers keep the splits the savepoint holds, with the stopping offset those splits had.
 *       A savepoint of the continuous job holds splits with none, so a reader reads them forever.
 *       Here a split without a stopping offset stops at the offset latest when the reader is given
 *       it (for a read_committed reader, the last stable offset), as a new bounded split does.
 *   <li>Its enumerator tells the readers that no more splits will come only when its one partition
 *       discovery finds partitions it has not assigned. Restored, it has assigned every partition
 *       already, finds nothing new and never tells them, so they wait for splits forever (upstream
 *       FLINK-31006 / FLINK-33466, unfixed in 5.0). Here, once that discovery has run its course,
 *       every reader not yet told is told.
 * </ul>
 *
 * <p>State is Kafka's own (same serializers), so a savepoint of the continuous job, which reads
 * with Kafka's source unwrapped, restores into a bounded run and back.
 */
final class CatchUpSource extends ForwardingKafkaSource {
  private static final long serialVersionUID = 1L;

  CatchUpSource(KafkaSource<PartnerEvent> kafka) {
    super(requireBounded(kafka), kafka.getProducedType());
  }

  private static KafkaSource<PartnerEvent> requireBounded(KafkaSource<PartnerEvent> kafka) {
    if (kafka.getBoundedness() != Boundedness.BOUNDED) {
      throw new IllegalArgumentException("a catch-up run reads a bounded Kafka source");
    }
    return kafka;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<PartnerEvent, KafkaPartitionSplit> createReader(SourceReaderContext context)
      throws Exception {
    return new Reader(kafka.createReader(context));
  }

  @Override
  public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
      SplitEnumeratorContext<KafkaPartitionSplit> context) throws Exception {
    return new Enumerator(context, kafka::createEnumerator);
  }

  @Override
  public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
      SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState checkpoint)
      throws Exception {
    return new Enumerator(context, c -> kafka.restoreEnumerator(c, checkpoint));
  }

  /** A split that stops where it would stop in a bounded run started now. */
  @SuppressWarnings("deprecation") // LATEST_OFFSET: the reader still resolves it, as for old state
  static KafkaPartitionSplit bounded(KafkaPartitionSplit split) {
    return split.getStoppingOffset().isPresent()
        ? split
        : new KafkaPartitionSplit(
            split.getTopicPartition(),
            split.getStartingOffset(),
            KafkaPartitionSplit.LATEST_OFFSET);
  }

  /** Kafka's reader, given only splits that stop. */
  static final class Reader implements SourceReader<PartnerEvent, KafkaPartitionSplit> {
    private final SourceReader<PartnerEvent, KafkaPartitionSplit> kafka;

    Reader(SourceReader<PartnerEvent, KafkaPartitionSplit> kafka) {
      this.kafka = kafka;
    }

    @Override
    public void addSplits(List<KafkaPartitionSplit> splits) {
      kafka.addSplits(splits.stream().map(CatchUpSource::bounded).toList());
    }

    @Override
    public void start() {
      kafka.start();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<PartnerEvent> output) throws Exception {
      return kafka.pollNext(output);
    }

    @Override
    public List<KafkaPartitionSplit> snapshotState(long checkpointId) {
      return kafka.snapshotState(checkpointId);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return kafka.isAvailable();
    }

    @Override
    public void notifyNoMoreSplits() {
      kafka.notifyNoMoreSplits();
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
      kafka.handleSourceEvents(event);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
      kafka.notifyCheckpointComplete(checkpointId); // commits the offsets to the group
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
      kafka.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void pauseOrResumeSplits(
        Collection<String> splitsToPause, Collection<String> splitsToResume) {
      kafka.pauseOrResumeSplits(splitsToPause, splitsToResume);
    }

    @Override
    public void close() throws Exception {
      kafka.close();
    }
  }

  @FunctionalInterface
  interface EnumeratorFactory {
    SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> create(
        SplitEnumeratorContext<KafkaPartitionSplit> context) throws Exception;
  }

  /**
   * Kafka's enumerator, watched through its context: when a one-time call it made has returned
   * without making another (its partition discovery has run its course, whether or not it found
   * anything to assign), every registered reader it has not told that no more splits will come is
   * told, and so is each reader that registers after. Everything runs in the coordinator thread.
   */
  static final class Enumerator extends ForwardingKafkaSource.Enumerator {
    private final SplitEnumeratorContext<KafkaPartitionSplit> context;

    /** Readers told in their current registration, by Kafka's enumerator or by this one. */
    private final Set<Integer> told = new HashSet<>();

    private long calls;
    private boolean discovered;

    Enumerator(SplitEnumeratorContext<KafkaPartitionSplit> context, EnumeratorFactory kafka)
        throws Exception {
      this.context = context;
      this.kafka = kafka.create(new Watching());
    }

    private void tell(int reader) {
      if (told.add(reader)) {
        context.signalNoMoreSplits(reader);
      }
    }

    @Override
    public void addReader(int subtaskId) {
      told.remove(subtaskId); // a reader that registers again (after a failure) is a new one
      kafka.addReader(subtaskId);
      if (discovered) {
        tell(subtaskId);
      }
    }

    /** The coordinator's context as Kafka's enumerator sees it. */
    private final class Watching implements SplitEnumeratorContext<KafkaPartitionSplit> {
      @Override
      public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
        calls++;
        context.callAsync(
            callable,
            (result, failure) -> {
              long before = calls;
              handler.accept(result, failure);
              if (failure == null && calls == before) {
                discovered = true;
                context.registeredReaders().keySet().forEach(Enumerator.this::tell);
              }
            });
      }

      @Override
      public <T> void callAsync(
          Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {
        context.callAsync(callable, handler, initialDelay, period);
      }

      @Override
      public void signalNoMoreSplits(int subtask) {
        told.add(subtask);
        context.signalNoMoreSplits(subtask);
      }

      @Override
      public SplitEnumeratorMetricGroup metricGroup() {
        return context.metricGroup();
      }

      @Override
      public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
        context.sendEventToSourceReader(subtaskId, event);
      }

      @Override
      public void sendEventToSourceReader(int subtaskId, int attemptNumber, SourceEvent event) {
        context.sendEventToSourceReader(subtaskId, attemptNumber, event);
      }

      @Override
      public int currentParallelism() {
        return context.currentParallelism();
      }

      @Override
      public Map<Integer, ReaderInfo> registeredReaders() {
        return context.registeredReaders();
      }

      @Override
      public Map<Integer, Map<Integer, ReaderInfo>> registeredReadersOfAttempts() {
        return context.registeredReadersOfAttempts();
      }

      @Override
      public void assignSplits(SplitsAssignment<KafkaPartitionSplit> newSplitAssignments) {
        context.assignSplits(newSplitAssignments);
      }

      @Override
      public void runInCoordinatorThread(Runnable runnable) {
        context.runInCoordinatorThread(runnable);
      }

      @Override
      public void setIsProcessingBacklog(boolean isProcessingBacklog) {
        context.setIsProcessingBacklog(isProcessingBacklog);
      }
    }
  }
}

package org.hearth.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The splits a bounded run's readers are given (the whole source: {@code RestartsIT}). */
class CatchUpSourceTest {
  static final TopicPartition TP =
      new TopicPartition("hearth.basildon-council.housing-benefits", 0);

  @Test
  @SuppressWarnings("deprecation")
  void aSplitOfTheContinuousJobStopsAtTheLatestOffset() {
    KafkaPartitionSplit restored = new KafkaPartitionSplit(TP, 1_234); // no stopping offset
    assertThat(restored.getStoppingOffset()).isEmpty();
    KafkaPartitionSplit bounded = CatchUpSource.bounded(restored);
    assertThat(bounded.getStoppingOffset()).contains(KafkaPartitionSplit.LATEST_OFFSET);
    assertThat(bounded.getStartingOffset()).isEqualTo(1_234);
    assertThat(bounded.splitId()).isEqualTo(restored.splitId());
  }

  @Test
  void aSplitThatStopsAlreadyIsLeftAsItIs() {
    KafkaPartitionSplit split = new KafkaPartitionSplit(TP, 10, 99);
    assertThat(CatchUpSource.bounded(split)).isSameAs(split);
  }
}

package org.hearth.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LandingZoneTest {
  private static final TopicPartition HOUSING =
      new TopicPartition("hearth.basildon-council.housing-benefits", 0);
  private static final TopicPartition POLICE =
      new TopicPartition("hearth.essex-police.police-incidents", 2);

  @Test
  void clearsEachLandingPartitionUpToItsCommittedOffsetOnce() {
    Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    committed.put(HOUSING, new OffsetAndMetadata(12));
    committed.put(POLICE, new OffsetAndMetadata(5));
    Map<TopicPartition, Long> cleared = new HashMap<>(Map.of(POLICE, 5L));

    assertThat(LandingZone.toClear(committed, cleared)).isEqualTo(Map.of(HOUSING, 12L));
    cleared.put(HOUSING, 12L);
    assertThat(LandingZone.toClear(committed, cleared)).isEmpty();
    committed.put(POLICE, new OffsetAndMetadata(9));
    assertThat(LandingZone.toClear(committed, cleared)).isEqualTo(Map.of(POLICE, 9L));
  }

  @Test
  void neverTouchesATopicThatIsNotAPartnerDataset() {
    Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    committed.put(new TopicPartition("hearth-incidents.basildon-council", 0), offset(4));
    committed.put(new TopicPartition("hearth.basildon-council", 0), offset(4));
    committed.put(HOUSING, null); // a partition the group has no offset for
    committed.put(POLICE, offset(0));
    assertThat(LandingZone.toClear(committed, Map.of())).isEmpty();
  }

  private static OffsetAndMetadata offset(long o) {
    return new OffsetAndMetadata(o);
  }
}

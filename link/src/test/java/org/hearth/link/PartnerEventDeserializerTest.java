package org.hearth.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hearth.events.EventCodec;
import org.hearth.ingest.SyntheticExtract;
import org.junit.jupiter.api.Test;

/** Undecodable bytes are skipped; a failure behind the source is never mistaken for one. */
class PartnerEventDeserializerTest {
  final PartnerEventDeserializer deserializer = new PartnerEventDeserializer();

  static ConsumerRecord<byte[], byte[]> record(byte[] value) {
    return new ConsumerRecord<>("hearth.basildon-council.housing-benefits", 0, 7, null, value);
  }

  static byte[] encodedRecord() {
    var x =
        SyntheticExtract.build(
            TestTrust.AUTHORITY.partnerKey("basildon-council", 1),
            TestTrust.AUTHORITY.signingKey("basildon-council", 1),
            "housing-benefits",
            "2026-Q1",
            1);
    return EventCodec.encode(x.records().get(0));
  }

  @Test
  void undecodableBytesAreSkipped() {
    List<PartnerEvent> out = new ArrayList<>();
    deserializer.deserialize(record(new byte[] {1, 2, 3, 4}), collector(out));
    assertThat(out).isEmpty();
  }

  @Test
  void aRecordIsDecoded() {
    List<PartnerEvent> out = new ArrayList<>();
    deserializer.deserialize(record(encodedRecord()), collector(out));
    assertThat(out).singleElement().extracting(PartnerEvent::partner).isEqualTo("basildon-council");
  }

  @Test
  void anEventBelongsToTheOwnerOfItsTopicWhateverItsPayloadClaims() {
    // basildon-council's record, re-sent by essex-police's login on essex-police's topic
    List<PartnerEvent> out = new ArrayList<>();
    deserializer.deserialize(
        new ConsumerRecord<>("hearth.essex-police.police-incidents", 0, 7, null, encodedRecord()),
        collector(out));
    assertThat(out)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.partner()).isEqualTo("essex-police");
              assertThat(e.dataset()).isEqualTo("police-incidents");
            });
  }

  @Test
  void aFailureOfTheOperatorsBehindTheSourcePropagates() {
    Collector<PartnerEvent> failing =
        new Collector<>() {
          @Override
          public void collect(PartnerEvent e) {
            throw new IllegalStateException("downstream failed");
          }

          @Override
          public void close() {}
        };
    assertThatThrownBy(() -> deserializer.deserialize(record(encodedRecord()), failing))
        .hasMessage("downstream failed");
  }

  static Collector<PartnerEvent> collector(List<PartnerEvent> out) {
    return new Collector<>() {
      @Override
      public void collect(PartnerEvent e) {
        out.add(e);
      }

      @Override
      public void close() {}
    };
  }
}

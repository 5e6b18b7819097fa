package org.hearth.link;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.hearth.events.EventCodec;
import org.hearth.events.ExtractDigest;
import org.hearth.events.ExtractManifest;
import org.hearth.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes partner records and manifests from their topics. An undecodable value is logged by its
 * coordinates only (never its bytes) and skipped: its extract then fails its count check and is
 * quarantined with an incident, so nothing is lost silently.
 */
public final class PartnerEventDeserializer
    implements KafkaRecordDeserializationSchema<PartnerEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerEventDeserializer.class);

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<PartnerEvent> out) {
    PartnerEvent event;
    try {
      event = decode(record).publishedAt(record.timestamp());
      // the topic's owner, not the payload, says whose event this is
      Topics.PartnerDataset owner =
          Topics.owner(record.topic())
              .orElseThrow(() -> new IllegalArgumentException("not a partner dataset topic"));
      event = event.onTopic(owner.partner(), owner.dataset());
    } catch (IOException | RuntimeException e) {
      LOG.error(
          "undecodable event at {}-{}@{} skipped: {} at {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getClass().getSimpleName(),
          // where, never the message: a decoder's message may quote the bytes it choked on
          e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
      return;
    }
    // outside the try: the operators chained behind the source run inside collect, and their
    // failures must fail the job (to restart from a checkpoint), not skip the record
    out.collect(event);
  }

  private static PartnerEvent decode(ConsumerRecord<byte[], byte[]> record) throws IOException {
    Header type = record.headers().lastHeader(EventCodec.TYPE_HEADER);
    if (type != null && Arrays.equals(type.value(), EventCodec.MANIFEST)) {
      ExtractManifest m = EventCodec.decodeManifest(record.value());
      return PartnerEvent.manifest(
          m.getPartner(), m.getDataset(), m.getExtractId(), record.value());
    }
    return PartnerEvent.record(
        EventCodec.decodeRecord(record.value()), ExtractDigest.recordHash(record.value()));
  }

  @Override
  public TypeInformation<PartnerEvent> getProducedType() {
    return TypeInformation.of(PartnerEvent.class);
  }
}

package org.hearth.link;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.hearth.events.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes partner records from their topics. Manifests are recognised by their header and not
 * landed; an undecodable value is logged by its coordinates only (never its bytes) and skipped.
 */
public final class PartnerEventDeserializer
    implements KafkaRecordDeserializationSchema<PartnerEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerEventDeserializer.class);

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<PartnerEvent> out) {
    Header type = record.headers().lastHeader(EventCodec.TYPE_HEADER);
    if (type != null && Arrays.equals(type.value(), EventCodec.MANIFEST)) {
      return;
    }
    try {
      out.collect(PartnerEvent.of(EventCodec.decodeRecord(record.value())));
    } catch (IOException | RuntimeException e) {
      LOG.error(
          "undecodable event at {}-{}@{} skipped: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getClass().getSimpleName());
    }
  }

  @Override
  public TypeInformation<PartnerEvent> getProducedType() {
    return TypeInformation.of(PartnerEvent.class);
  }
}

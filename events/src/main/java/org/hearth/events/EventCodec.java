package org.hearth.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * How Hearth events travel in Kafka: Avro single-object encoding (a 10-byte header carrying the
 * writer schema's fingerprint, then the binary body), so a reader can tell schema versions apart
 * without a registry. A Kafka header names the event type.
 */
public final class EventCodec {
  /** Kafka header naming the event type of a record value. */
  public static final String TYPE_HEADER = "hearth.event";

  public static final byte[] RECORD = "PartnerRecord".getBytes(StandardCharsets.US_ASCII);
  public static final byte[] MANIFEST = "ExtractManifest".getBytes(StandardCharsets.US_ASCII);

  private static final int HEADER_LENGTH = 10;
  private static final long ENVELOPE_FINGERPRINT =
      SchemaNormalization.parsingFingerprint64(PartnerRecord.getClassSchema());

  // an encoder fingerprints its schema when made: once per dataset, not once per record
  private static final Map<String, BinaryMessageEncoder<GenericRecord>> ENCODERS =
      new ConcurrentHashMap<>();
  // datum readers are not thread-safe: one set per thread (the edge's workers, Flink's sources)
  private static final ThreadLocal<Map<Long, GenericDatumReader<GenericRecord>>> READERS =
      ThreadLocal.withInitial(HashMap::new);

  private EventCodec() {}

  /**
   * A record of a dataset with a typed record ({@link DatasetSchemas}) is written as that record;
   * any other in the envelope with its attribute map.
   *
   * @throws IllegalArgumentException when an attribute is not in the dataset's record, or does not
   *     read as its type (the message names the attribute, never its value)
   */
  public static byte[] encode(PartnerRecord r) {
    Optional<Schema> typed = DatasetSchemas.record(r.getDataset());
    try {
      if (typed.isEmpty()) {
        return bytes(r.toByteBuffer());
      }
      return bytes(
          ENCODERS
              .computeIfAbsent(
                  r.getDataset(), d -> new BinaryMessageEncoder<>(GenericData.get(), typed.get()))
              .encode(TypedAttributes.typed(r, typed.get())));
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode a partner record", e);
    }
  }

  public static byte[] encode(ExtractManifest m) {
    try {
      return bytes(m.toByteBuffer());
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode a manifest", e);
    }
  }

  /** A partner record, from its envelope or from its dataset's typed record. */
  public static PartnerRecord decodeRecord(byte[] value) throws IOException {
    if (value.length < HEADER_LENGTH || value[0] != (byte) 0xC3 || value[1] != (byte) 0x01) {
      throw new IOException("not an Avro single-object encoded value");
    }
    long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (fingerprint == ENVELOPE_FINGERPRINT) {
      return PartnerRecord.fromByteBuffer(ByteBuffer.wrap(value));
    }
    Schema writer =
        DatasetSchemas.byFingerprint(fingerprint)
            .orElseThrow(
                () -> new IOException("unknown record schema " + Long.toHexString(fingerprint)));
    GenericRecord g =
        READERS
            .get()
            .computeIfAbsent(fingerprint, f -> new GenericDatumReader<>(writer))
            .read(
                null,
                DecoderFactory.get()
                    .binaryDecoder(value, HEADER_LENGTH, value.length - HEADER_LENGTH, null));
    return TypedAttributes.envelope(g);
  }

  public static ExtractManifest decodeManifest(byte[] value) throws IOException {
    return MANIFESTS.decode(ByteBuffer.wrap(value));
  }

  /** Fields the manifest gained after release 0.1.0; manifests written before them still decode. */
  static final List<String> MANIFEST_FIELDS_SINCE_0_1 =
      List.of("sequence", "replaces", "confirmShrink", "fieldCollisions");

  /** Reads manifests written with the current schema or the one before these fields. */
  private static final org.apache.avro.message.BinaryMessageDecoder<ExtractManifest> MANIFESTS =
      manifestDecoder();

  private static org.apache.avro.message.BinaryMessageDecoder<ExtractManifest> manifestDecoder() {
    var d = ExtractManifest.createDecoder(null);
    Schema current = ExtractManifest.getClassSchema();
    List<Schema.Field> before = new java.util.ArrayList<>();
    for (Schema.Field f : current.getFields()) {
      if (!MANIFEST_FIELDS_SINCE_0_1.contains(f.name())) {
        before.add(new Schema.Field(f, f.schema()));
      }
    }
    d.addSchema(
        Schema.createRecord(
            current.getName(), current.getDoc(), current.getNamespace(), false, before));
    return d;
  }

  /**
   * CRC-64-AVRO fingerprint, hex, of the schema a dataset's records are written with (its typed
   * record, or the envelope): manifests carry it.
   */
  public static String recordSchemaFingerprint(String dataset) {
    Schema s = DatasetSchemas.record(dataset).orElse(PartnerRecord.getClassSchema());
    return HexFormat.of()
        .formatHex(
            ByteBuffer.allocate(8).putLong(SchemaNormalization.parsingFingerprint64(s)).array());
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}

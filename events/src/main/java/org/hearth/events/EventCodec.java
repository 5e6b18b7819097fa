package org.hearth.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.avro.SchemaNormalization;

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

  private EventCodec() {}

  public static byte[] encode(PartnerRecord r) {
    try {
      return bytes(r.toByteBuffer());
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

  public static PartnerRecord decodeRecord(byte[] value) throws IOException {
    return PartnerRecord.fromByteBuffer(ByteBuffer.wrap(value));
  }

  public static ExtractManifest decodeManifest(byte[] value) throws IOException {
    return ExtractManifest.fromByteBuffer(ByteBuffer.wrap(value));
  }

  /** CRC-64-AVRO fingerprint of the partner record schema, hex: manifests carry it. */
  public static String recordSchemaFingerprint() {
    return HexFormat.of()
        .formatHex(
            ByteBuffer.allocate(8)
                .putLong(SchemaNormalization.parsingFingerprint64(PartnerRecord.getClassSchema()))
                .array());
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}

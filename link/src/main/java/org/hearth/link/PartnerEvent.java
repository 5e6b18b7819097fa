package org.hearth.link;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.hearth.events.MatchKeyPseudonym;
import org.hearth.events.PartnerRecord;
import org.hearth.pseudonymise.curve.CurvePoint;

/**
 * One event from a partner topic as the link job carries it: a record, the manifest that closes its
 * extract, or the place-holder the guard leaves for a record it refused (sequence and hash only, so
 * the extract can still be counted and its digest checked).
 *
 * @param matchKeys each match key as its type's ordinal, its point's length and its SEC1 point
 *     (uncompressed; compressed from releases before 0.2): see {@link #forEachMatchKey}
 * @param recordHash SHA-256 of the record's encoded event (see {@link
 *     org.hearth.events.ExtractDigest})
 * @param manifest the encoded {@link org.hearth.events.ExtractManifest} of a manifest event
 * @param publishedAtMillis when the partner published it (the Kafka record's timestamp), or -1
 */
public record PartnerEvent(
    Kind kind,
    String partner,
    String dataset,
    String extractId,
    long sequence,
    String operation,
    int keyVersion,
    byte[] recordKey,
    byte[] matchKeys,
    Map<String, String> attributes,
    byte[] recordHash,
    byte[] manifest,
    long publishedAtMillis) {

  public enum Kind {
    RECORD,
    REFUSED,
    MANIFEST
  }

  /** What {@link #forEachMatchKey} hands over: the type's Avro ordinal and the encoded point. */
  @FunctionalInterface
  public interface MatchKeyVisitor {
    void visit(int typeOrdinal, byte[] point);
  }

  public static PartnerEvent record(PartnerRecord r, byte[] recordHash) {
    int size = 0;
    for (MatchKeyPseudonym k : r.getMatchKeys()) {
      int len = k.getPseudonym().remaining();
      if (len != CurvePoint.ENCODED_LENGTH && len != CurvePoint.COMPRESSED_LENGTH) {
        throw new IllegalArgumentException(
            "a pseudonym is a 65-byte uncompressed (or 33-byte compressed) point, not " + len);
      }
      size += 2 + len;
    }
    byte[] keys = new byte[size];
    int i = 0;
    for (MatchKeyPseudonym k : r.getMatchKeys()) {
      ByteBuffer p = k.getPseudonym().duplicate();
      keys[i] = (byte) k.getType().ordinal();
      keys[i + 1] = (byte) p.remaining();
      i += 2;
      int len = p.remaining();
      p.get(keys, i, len);
      i += len;
    }
    return new PartnerEvent(
        Kind.RECORD,
        r.getPartner(),
        r.getDataset(),
        r.getExtractId(),
        r.getSequence(),
        r.getOperation().name(),
        r.getKeyVersion(),
        bytes(r.getRecordKey()),
        keys,
        Map.copyOf(r.getAttributes()),
        recordHash,
        null,
        -1);
  }

  /** Walks {@link #matchKeys} in the order the partner sent them. */
  public void forEachMatchKey(MatchKeyVisitor visitor) {
    byte[] keys = matchKeys;
    for (int i = 0; i + 2 <= keys.length; ) {
      int len = keys[i + 1] & 0xff;
      visitor.visit(keys[i], Arrays.copyOfRange(keys, i + 2, i + 2 + len));
      i += 2 + len;
    }
  }

  public static PartnerEvent manifest(
      String partner, String dataset, String extractId, byte[] encoded) {
    return new PartnerEvent(
        Kind.MANIFEST,
        partner,
        dataset,
        extractId,
        -1,
        null,
        0,
        null,
        null,
        Map.of(),
        null,
        encoded,
        -1);
  }

  /** What is left of a refused record: where it was and its hash. Nothing of its content. */
  public PartnerEvent refused() {
    return new PartnerEvent(
        Kind.REFUSED,
        partner,
        dataset,
        extractId,
        sequence,
        null,
        keyVersion,
        null,
        null,
        Map.of(),
        recordHash,
        null,
        publishedAtMillis);
  }

  /**
   * The same event attributed to the owner of the topic it arrived on: the link job keys, counts
   * and lands it under that partner and dataset, never under what its payload claims (the gate
   * refuses an extract whose signed manifest claims another).
   */
  public PartnerEvent onTopic(String topicPartner, String topicDataset) {
    return copy(topicPartner, topicDataset, publishedAtMillis);
  }

  /** The same event, stamped with when the partner published it. */
  public PartnerEvent publishedAt(long millis) {
    return copy(partner, dataset, millis);
  }

  private PartnerEvent copy(String partner, String dataset, long publishedAtMillis) {
    return new PartnerEvent(
        kind,
        partner,
        dataset,
        extractId,
        sequence,
        operation,
        keyVersion,
        recordKey,
        matchKeys,
        attributes,
        recordHash,
        manifest,
        publishedAtMillis);
  }

  /** Never print attribute values: a record that fails the guard carries an identifier. */
  @Override
  public String toString() {
    return "PartnerEvent["
        + kind
        + " "
        + partner
        + "/"
        + dataset
        + "/"
        + extractId
        + "#"
        + sequence
        + "]";
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}

package org.hearth.events;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The content digest a manifest signs: SHA-256 over each record's own SHA-256 (of its encoded
 * event), in sequence order. Hashing per record first lets the link job account for a record it
 * refused without keeping the record: it keeps 32 bytes that say nothing about the content.
 */
public final class ExtractDigest {
  private final MessageDigest running = sha256();

  /** SHA-256 of one encoded record event. */
  public static byte[] recordHash(byte[] encodedRecord) {
    return sha256().digest(encodedRecord);
  }

  /** Adds the next record, in sequence order. */
  public ExtractDigest add(PartnerRecord r) {
    return addHash(recordHash(EventCodec.encode(r)));
  }

  /** Adds the next record by its {@link #recordHash}, in sequence order. */
  public ExtractDigest addHash(byte[] recordHash) {
    if (recordHash.length != 32) {
      throw new IllegalArgumentException("a record hash is 32 bytes");
    }
    running.update(recordHash);
    return this;
  }

  public byte[] digest() {
    return running.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}

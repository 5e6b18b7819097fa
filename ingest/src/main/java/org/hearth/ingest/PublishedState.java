package org.hearth.ingest;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.hearth.events.EventCodec;
import org.hearth.events.PartnerRecord;
import org.hearth.pseudonymise.keyfile.SealedFile;
import org.hearth.pseudonymise.keys.PartnerKey;
import org.hearth.pseudonymise.keys.SecretAccess;

/**
 * What the platform holds of one partner dataset, as the edge last published it: record key ->
 * digest of the record's content. Kept on the partner's premises, sealed under a key derived from
 * the partner's record-key secret, and rewritten only after a commit.
 */
final class PublishedState {
  private static final String TYPE = "EDGE STATE";
  private final RecordKeyTable digests;

  private PublishedState(RecordKeyTable digests) {
    this.digests = digests;
  }

  static PublishedState empty() {
    return new PublishedState(new RecordKeyTable());
  }

  static Path file(Path auditDir, String partner, String dataset) {
    return auditDir.resolve(partner).resolve(dataset).resolve("published-state.sealed");
  }

  static Optional<PublishedState> load(Path file, PartnerKey key) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    byte[] plain = SealedFile.read(file, TYPE, password(key));
    RecordKeyTable m = new RecordKeyTable();
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(plain))) {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        byte[] k = new byte[16];
        byte[] d = new byte[16];
        in.readFully(k);
        in.readFully(d);
        m.put(ByteBuffer.wrap(k), ByteBuffer.wrap(d));
      }
    } catch (IOException e) {
      throw new EdgeAgent.ExtractException(
          "the edge's record of what was published is damaged: " + file);
    }
    return Optional.of(new PublishedState(m));
  }

  void save(Path file, PartnerKey key) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(digests.size() * 32 + 4);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(digests.size());
      java.io.IOException[] failed = {null};
      digests.forEach(
          (k, d) -> {
            try {
              out.write(k.array());
              out.write(d.array());
            } catch (IOException e) {
              failed[0] = e;
            }
          });
      if (failed[0] != null) {
        throw failed[0];
      }
    }
    Files.createDirectories(file.getParent());
    SealedFile.write(file, TYPE, bytes.toByteArray(), password(key), true);
  }

  /** The 128-bit fingerprint held for the record key, if any. */
  Optional<ByteBuffer> digest(ByteBuffer recordKey) {
    return Optional.ofNullable(digests.digest(recordKey));
  }

  boolean contains(ByteBuffer recordKey) {
    return digests.contains(recordKey);
  }

  /** Holds the record's fingerprint; false if the key was already held. */
  boolean put(ByteBuffer recordKey, ByteBuffer fingerprint) {
    return digests.put(recordKey, fingerprint);
  }

  /** Holds the record's fingerprint and the source row that carried it. */
  boolean put(ByteBuffer recordKey, ByteBuffer fingerprint, long row) {
    return digests.put(recordKey, fingerprint, row);
  }

  /** The source row that first carried the record key in this run, or -1. */
  long firstRow(ByteBuffer recordKey) {
    return digests.row(recordKey);
  }

  void forEachKey(java.util.function.Consumer<ByteBuffer> each) {
    digests.forEach((k, d) -> each.accept(k));
  }

  /** The first 128 bits of the content digest: ample to tell a changed record. */
  static ByteBuffer fingerprint(PartnerRecord r) {
    return ByteBuffer.wrap(java.util.Arrays.copyOf(contentDigest(r).array(), 16));
  }

  /** What a record says, without where it sat in which extract: equal digests, same record. */
  static ByteBuffer contentDigest(PartnerRecord r) {
    PartnerRecord c = PartnerRecord.newBuilder(r).setExtractId("").setSequence(0).build();
    try {
      return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(EventCodec.encode(c)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sealing password: derived from the partner's record-key secret, never typed. */
  private static char[] password(PartnerKey key) {
    HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
    g.init(
        new HKDFParameters(
            key.recordKeySecret(SecretAccess.reveal()),
            null,
            "hearth/v1/edge-state".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    byte[] out = new byte[32];
    g.generateBytes(out, 0, 32);
    return HexFormat.of().formatHex(out).toCharArray();
  }
}

package org.hearth.pseudonymise.manifest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * What a partner signs about one extract. The canonical encoding is a domain tag followed by every
 * field, in this order, as a 4-byte big-endian length and the bytes (integers as fixed-width
 * big-endian): no two different manifests encode alike, and no field can be moved into another.
 *
 * <p>The extract's place in its dataset (sequence, the extract it replaces, confirm-shrink) came
 * later: a manifest that sets none of them encodes exactly as before (domain v1), so manifests
 * signed by older edges still verify; one that sets any of them encodes under domain v2 with all
 * three appended. Setting one therefore always changes what is signed: a v1 signature cannot be
 * reused with a sequence or a confirmation added. The edge's field collision rates came later
 * still: a manifest that carries them is signed under domain v3, with the v2 fields and then each
 * rate, by field name in order, as the name and the 8 bytes of the double.
 */
public record ManifestContent(
    String partner,
    String dataset,
    String extractId,
    String period,
    String mode,
    long recordCount,
    byte[] contentDigest,
    String schemaFingerprint,
    int keyVersion,
    long sequence,
    String replaces,
    boolean confirmShrink,
    Map<String, Double> fieldCollisions) {
  private static final byte[] DOMAIN_V3 =
      "hearth-extract-manifest-v3".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DOMAIN =
      "hearth-extract-manifest-v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DOMAIN_V2 =
      "hearth-extract-manifest-v2".getBytes(StandardCharsets.US_ASCII);

  /** A manifest without a place in its dataset's sequence (as older edges signed them). */
  public ManifestContent(
      String partner,
      String dataset,
      String extractId,
      String period,
      String mode,
      long recordCount,
      byte[] contentDigest,
      String schemaFingerprint,
      int keyVersion) {
    this(
        partner,
        dataset,
        extractId,
        period,
        mode,
        recordCount,
        contentDigest,
        schemaFingerprint,
        keyVersion,
        0,
        "",
        false);
  }

  /** A manifest with its place in the dataset and no field collision rates. */
  public ManifestContent(
      String partner,
      String dataset,
      String extractId,
      String period,
      String mode,
      long recordCount,
      byte[] contentDigest,
      String schemaFingerprint,
      int keyVersion,
      long sequence,
      String replaces,
      boolean confirmShrink) {
    this(
        partner,
        dataset,
        extractId,
        period,
        mode,
        recordCount,
        contentDigest,
        schemaFingerprint,
        keyVersion,
        sequence,
        replaces,
        confirmShrink,
        Map.of());
  }

  public ManifestContent {
    if (contentDigest.length != 32) {
      throw new IllegalArgumentException("content digest must be SHA-256 (32 bytes)");
    }
    contentDigest = contentDigest.clone();
    replaces = replaces == null ? "" : replaces;
    fieldCollisions =
        fieldCollisions == null
            ? Map.of()
            : Collections.unmodifiableMap(new TreeMap<>(fieldCollisions));
  }

  /** True when the manifest names its place in the dataset (signed under domain v2). */
  public boolean sequenced() {
    return sequence != 0 || !replaces.isEmpty() || confirmShrink;
  }

  @Override
  public byte[] contentDigest() {
    return contentDigest.clone();
  }

  public byte[] canonicalEncoding() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean rates = !fieldCollisions.isEmpty();
    field(out, rates ? DOMAIN_V3 : sequenced() ? DOMAIN_V2 : DOMAIN);
    field(out, utf8(partner));
    field(out, utf8(dataset));
    field(out, utf8(extractId));
    field(out, utf8(period));
    field(out, utf8(mode));
    field(out, ByteBuffer.allocate(8).putLong(recordCount).array());
    field(out, contentDigest);
    field(out, utf8(schemaFingerprint));
    field(out, ByteBuffer.allocate(4).putInt(keyVersion).array());
    if (sequenced() || rates) {
      field(out, ByteBuffer.allocate(8).putLong(sequence).array());
      field(out, utf8(replaces));
      field(out, new byte[] {(byte) (confirmShrink ? 1 : 0)});
    }
    if (rates) {
      field(out, ByteBuffer.allocate(4).putInt(fieldCollisions.size()).array());
      for (var e : fieldCollisions.entrySet()) {
        field(out, utf8(e.getKey()));
        field(out, ByteBuffer.allocate(8).putLong(Double.doubleToLongBits(e.getValue())).array());
      }
    }
    return out.toByteArray();
  }

  public byte[] sign(Ed25519PrivateKeyParameters key) {
    Ed25519Signer s = new Ed25519Signer();
    s.init(true, key);
    byte[] m = canonicalEncoding();
    s.update(m, 0, m.length);
    return s.generateSignature();
  }

  public boolean verify(byte[] signature, Ed25519PublicKeyParameters key) {
    if (signature == null || signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
      return false;
    }
    Ed25519Signer s = new Ed25519Signer();
    s.init(false, key);
    byte[] m = canonicalEncoding();
    s.update(m, 0, m.length);
    return s.verifySignature(signature);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void field(ByteArrayOutputStream out, byte[] b) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
    out.writeBytes(b);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManifestContent m
        && Arrays.equals(m.canonicalEncoding(), canonicalEncoding());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(canonicalEncoding());
  }
}

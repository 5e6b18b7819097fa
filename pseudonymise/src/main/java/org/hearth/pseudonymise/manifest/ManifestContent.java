package org.hearth.pseudonymise.manifest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * What a partner signs about one extract. The canonical encoding is a domain tag followed by every
 * field, in this order, as a 4-byte big-endian length and the bytes (integers as fixed-width
 * big-endian): no two different manifests encode alike, and no field can be moved into another.
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
    int keyVersion) {
  private static final byte[] DOMAIN =
      "hearth-extract-manifest-v1".getBytes(StandardCharsets.US_ASCII);

  public ManifestContent {
    if (contentDigest.length != 32) {
      throw new IllegalArgumentException("content digest must be SHA-256 (32 bytes)");
    }
    contentDigest = contentDigest.clone();
  }

  @Override
  public byte[] contentDigest() {
    return contentDigest.clone();
  }

  public byte[] canonicalEncoding() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    field(out, DOMAIN);
    field(out, utf8(partner));
    field(out, utf8(dataset));
    field(out, utf8(extractId));
    field(out, utf8(period));
    field(out, utf8(mode));
    field(out, ByteBuffer.allocate(8).putLong(recordCount).array());
    field(out, contentDigest);
    field(out, utf8(schemaFingerprint));
    field(out, ByteBuffer.allocate(4).putInt(keyVersion).array());
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

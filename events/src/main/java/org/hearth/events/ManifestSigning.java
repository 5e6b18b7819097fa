package org.hearth.events;

import java.nio.ByteBuffer;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.hearth.pseudonymise.manifest.ManifestContent;

/**
 * The one bridge between the manifest event and what its signature covers: the edge signs through
 * it, the link job and the tests verify through it.
 */
public final class ManifestSigning {
  private ManifestSigning() {}

  /** What the manifest's signature covers. */
  public static ManifestContent content(ExtractManifest m) {
    return new ManifestContent(
        m.getPartner(),
        m.getDataset(),
        m.getExtractId(),
        m.getPeriod(),
        m.getMode().name(),
        m.getRecordCount(),
        bytes(m.getContentDigest()),
        m.getSchemaFingerprint(),
        m.getKeyVersion(),
        m.getSequence(),
        m.getReplaces(),
        m.getConfirmShrink(),
        fieldCollisions(m));
  }

  /** The edge's field collision rates, by field name (empty from edges that measure none). */
  public static java.util.Map<String, Double> fieldCollisions(ExtractManifest m) {
    java.util.Map<String, Double> out = new java.util.TreeMap<>();
    if (m.getFieldCollisions() != null) {
      out.putAll(m.getFieldCollisions());
    }
    return out;
  }

  /** The manifest with its signature set over {@link #content}. */
  public static ExtractManifest sign(ExtractManifest m, Ed25519PrivateKeyParameters key) {
    return ExtractManifest.newBuilder(m)
        .setSignature(ByteBuffer.wrap(content(m).sign(key)))
        .build();
  }

  public static byte[] signature(ExtractManifest m) {
    return bytes(m.getSignature());
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}

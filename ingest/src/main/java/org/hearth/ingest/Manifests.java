package org.hearth.ingest;

import java.nio.ByteBuffer;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.hearth.events.EventCodec;
import org.hearth.events.ExtractManifest;
import org.hearth.events.ExtractMode;
import org.hearth.events.ManifestSigning;
import org.hearth.pseudonymise.keys.PartnerKey;

/** The signed manifest that closes every transaction the edge publishes. */
final class Manifests {
  private Manifests() {}

  static ExtractManifest signed(
      PartnerKey key,
      Ed25519PrivateKeyParameters signingKey,
      String dataset,
      String extractId,
      String period,
      ExtractMode mode,
      long count,
      byte[] contentDigest,
      ExtractPlace place,
      java.util.Map<String, Double> fieldCollisions) {
    ExtractManifest unsigned =
        ExtractManifest.newBuilder()
            .setPartner(key.partner())
            .setDataset(dataset)
            .setExtractId(extractId)
            .setPeriod(period)
            .setMode(mode)
            .setRecordCount(count)
            .setContentDigest(ByteBuffer.wrap(contentDigest))
            .setSchemaFingerprint(EventCodec.recordSchemaFingerprint(dataset))
            .setKeyVersion(key.version())
            .setSequence(place.sequence())
            .setReplaces(place.replaces())
            .setConfirmShrink(place.confirmShrink())
            .setFieldCollisions(new java.util.HashMap<>(fieldCollisions))
            .setSignature(ByteBuffer.allocate(0))
            .build();
    return ManifestSigning.sign(unsigned, signingKey);
  }
}

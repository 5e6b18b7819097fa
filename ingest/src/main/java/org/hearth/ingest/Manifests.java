package org.hearth.ingest;

import java.nio.ByteBuffer;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.hearth.events.EventCodec;
import org.hearth.events.ExtractManifest;
import org.hearth.events.ExtractMode;
import org.hearth.pseudonymise.keys.PartnerKey;
import org.hearth.pseudonymise.manifest.ManifestContent;

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
      byte[] contentDigest) {
    ManifestContent content =
        new ManifestContent(
            key.partner(),
            dataset,
            extractId,
            period,
            mode.name(),
            count,
            contentDigest,
            EventCodec.recordSchemaFingerprint(),
            key.version());
    return ExtractManifest.newBuilder()
        .setPartner(key.partner())
        .setDataset(dataset)
        .setExtractId(extractId)
        .setPeriod(period)
        .setMode(mode)
        .setRecordCount(count)
        .setContentDigest(ByteBuffer.wrap(contentDigest))
        .setSchemaFingerprint(content.schemaFingerprint())
        .setKeyVersion(key.version())
        .setSignature(ByteBuffer.wrap(content.sign(signingKey)))
        .build();
  }
}

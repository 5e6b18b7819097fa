package org.hearth.pseudonymise.manifest;

import org.hearth.pseudonymise.keys.PartnerRegistry;
import org.hearth.pseudonymise.keys.PartnerRegistry.KeyVersion;

/** Checks a manifest's signature against the partner registry. */
public final class ManifestVerifier {
  private final PartnerRegistry registry;

  public ManifestVerifier(PartnerRegistry registry) {
    this.registry = registry;
  }

  /** Why a manifest was refused, or {@link Verdict#VALID}. */
  public enum Verdict {
    VALID,
    UNKNOWN_PARTNER_OR_VERSION,
    REVOKED_KEY_VERSION,
    BAD_SIGNATURE
  }

  public Verdict verify(ManifestContent m, byte[] signature) {
    var v = registry.version(m.partner(), m.keyVersion());
    if (v.isEmpty()) {
      return Verdict.UNKNOWN_PARTNER_OR_VERSION;
    }
    KeyVersion kv = v.get();
    if (kv.status() == PartnerRegistry.Status.REVOKED) {
      return Verdict.REVOKED_KEY_VERSION;
    }
    return m.verify(signature, kv.signingKey()) ? Verdict.VALID : Verdict.BAD_SIGNATURE;
  }
}

package org.hearth.pseudonymise.keys;

import java.math.BigInteger;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Derives every key from the master secret (HKDF-SHA-256 with a versioned, purpose-specific info
 * string), so the authority can re-issue any key without storing it.
 *
 * <p>Rotation gives a partner a new scalar k_p' and factor r_p' = k_L / k_p': the linkage pseudonym
 * k_L * H(m) does not change, so nothing is re-linked.
 */
public final class KeyAuthority {
  private final byte[] master;

  public KeyAuthority(MasterSecret master) {
    this.master = master.bytes(SecretAccess.reveal());
  }

  public PartnerKey partnerKey(String partner, int version) {
    PartnerId.require(partner, "partner");
    return new PartnerKey(
        partner,
        version,
        Scalars.derive(master, "hearth/v1/partner-scalar/" + partner + "/" + version),
        // per partner, not per version: record keys must survive a rotation for deltas to apply
        Scalars.hkdf(master, "hearth/v1/partner-record-key/" + partner, 32));
  }

  public RekeyFactor rekeyFactor(String partner, int version) {
    BigInteger kp = partnerKey(partner, version).scalar(SecretAccess.reveal());
    BigInteger r = linkageScalar().multiply(kp.modInverse(Scalars.N)).mod(Scalars.N);
    return new RekeyFactor(partner, version, r);
  }

  public ProjectKey projectKey(String project) {
    PartnerId.require(project, "project");
    return new ProjectKey(project, Scalars.hkdf(master, "hearth/v1/project-key/" + project, 32));
  }

  /** The partner's Ed25519 manifest-signing key for one key version. */
  public Ed25519PrivateKeyParameters signingKey(String partner, int version) {
    PartnerId.require(partner, "partner");
    return new Ed25519PrivateKeyParameters(
        Scalars.hkdf(master, "hearth/v1/partner-signing/" + partner + "/" + version, 32), 0);
  }

  /** k_L. Package-private: only tests and re-key derivation need it. */
  BigInteger linkageScalar() {
    return Scalars.derive(master, "hearth/v1/linkage-scalar");
  }

  @Override
  public String toString() {
    return "KeyAuthority[secret]";
  }
}

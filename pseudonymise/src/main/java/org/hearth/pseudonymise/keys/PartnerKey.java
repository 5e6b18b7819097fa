package org.hearth.pseudonymise.keys;

import java.math.BigInteger;
import java.util.Arrays;
import org.hearth.pseudonymise.Pseudonym;
import org.hearth.pseudonymise.curve.ScalarMultiplier;
import org.hearth.pseudonymise.normalise.MatchKey;

/**
 * A partner's pseudonymisation key for one key version: the scalar k_p. Held only by that partner.
 * It also carries the partner-local secret for record keys, which never link.
 */
public final class PartnerKey {
  private final String partner;
  private final int version;
  private final BigInteger scalar;
  private final byte[] recordKeySecret;
  private final ScalarMultiplier multiplier;

  public PartnerKey(String partner, int version, BigInteger scalar, byte[] recordKeySecret) {
    this.partner = PartnerId.require(partner, "partner");
    if (version < 1) {
      throw new IllegalArgumentException("key version must be 1 or more");
    }
    this.version = version;
    this.scalar = Scalars.requireInRange(scalar);
    if (recordKeySecret.length != 32) {
      throw new IllegalArgumentException("record key secret must be 32 bytes");
    }
    this.recordKeySecret = recordKeySecret.clone();
    this.multiplier = ScalarMultiplier.of(scalar);
  }

  public String partner() {
    return partner;
  }

  public int version() {
    return version;
  }

  /** k_p * H(match key): the partner pseudonym of one match key. */
  public Pseudonym.Partner pseudonymise(MatchKey key) {
    return new Pseudonym.Partner(
        partner, version, key.type(), multiplier.hashAndMultiply(Pseudonym.hasher(), key.bytes()));
  }

  /** The partner-local keyed hash of the partner's own case id. */
  public Pseudonym.RecordKey recordKey(String dataset, String caseId) {
    return Pseudonym.RecordKey.of(recordKeySecret, dataset, caseId);
  }

  public BigInteger scalar(SecretAccess access) {
    SecretAccess.check(access);
    return scalar;
  }

  public byte[] recordKeySecret(SecretAccess access) {
    SecretAccess.check(access);
    return recordKeySecret.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PartnerKey k
        && k.partner.equals(partner)
        && k.version == version
        && k.scalar.equals(scalar)
        && Arrays.equals(k.recordKeySecret, recordKeySecret);
  }

  @Override
  public int hashCode() {
    return partner.hashCode() * 31 + version;
  }

  @Override
  public String toString() {
    return "PartnerKey[partner=" + partner + ", version=" + version + ", secret]";
  }
}

package org.hearth.pseudonymise.keys;

import java.math.BigInteger;
import org.hearth.pseudonymise.curve.ScalarMultiplier;

/** r_p = k_L * k_p^-1 mod n for one partner key version: turns its pseudonyms into linkage ones. */
public final class RekeyFactor {
  private final String partner;
  private final int version;
  private final BigInteger factor;
  private final ScalarMultiplier multiplier;

  public RekeyFactor(String partner, int version, BigInteger factor) {
    this.partner = PartnerId.require(partner, "partner");
    this.version = version;
    this.factor = Scalars.requireInRange(factor);
    this.multiplier = ScalarMultiplier.of(factor);
  }

  public String partner() {
    return partner;
  }

  public int version() {
    return version;
  }

  /**
   * The linkage pseudonym x(r_p * P) of an encoded partner pseudonym P (32 bytes); rejects invalid
   * points.
   */
  public byte[] multiply(byte[] encodedPoint) {
    return multiplier.multiplyToX(encodedPoint);
  }

  public BigInteger factor(SecretAccess access) {
    SecretAccess.check(access);
    return factor;
  }

  @Override
  public String toString() {
    return "RekeyFactor[partner=" + partner + ", version=" + version + ", secret]";
  }
}

package org.hearth.pseudonymise.keys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.hearth.pseudonymise.curve.CurvePoint;

/** HKDF derivation and unbiased reduction into the scalar range [1, n - 1]. */
final class Scalars {
  static final BigInteger N = CurvePoint.ORDER;
  private static final byte[] SALT = "hearth-key-authority-v1".getBytes(StandardCharsets.US_ASCII);

  private Scalars() {}

  static byte[] hkdf(byte[] ikm, String info, int length) {
    HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
    g.init(new HKDFParameters(ikm, SALT, info.getBytes(StandardCharsets.UTF_8)));
    byte[] out = new byte[length];
    g.generateBytes(out, 0, length);
    return out;
  }

  /**
   * 48 bytes reduced mod (n - 1), plus one: as RFC 9380's hash_to_field, 128 extra bits make the
   * bias negligible, and the result is never zero.
   */
  static BigInteger derive(byte[] ikm, String info) {
    byte[] wide = hkdf(ikm, info, 48);
    return new BigInteger(1, wide).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
  }

  static BigInteger requireInRange(BigInteger k) {
    if (k.signum() <= 0 || k.compareTo(N) >= 0) {
      throw new IllegalArgumentException("scalar is outside [1, n-1] for P-256");
    }
    return k;
  }
}

package org.hearth.pseudonymise.curve;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.bouncycastle.crypto.hash2curve.HashToCurveProfile;
import org.bouncycastle.crypto.hash2curve.HashToEllipticCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.hearth.pseudonymise.Pseudonym;

/**
 * BouncyCastle 1.87 has its own RFC 9380 code. Hearth keeps its own on the hot path (about five
 * times faster here: straight-line field code against BigInteger), and checks the two agree on
 * arbitrary messages and tags, Hearth's own tag included.
 */
class HashToCurveAgreesWithBouncyCastleProperties {
  @Property(tries = 200)
  void sameHashAsBouncyCastle(
      @ForAll byte[] msg, @ForAll @AlphaChars @StringLength(min = 1, max = 40) String dst) {
    assertSame(
        HashToCurve.withDst(dst),
        HashToEllipticCurve.getInstance(HashToCurveProfile.P256_XMD_SHA_256, dst),
        msg);
  }

  @Property(tries = 100)
  void sameHashAsBouncyCastleWithHearthsTag(@ForAll byte[] msg) {
    assertSame(
        Pseudonym.hasher(),
        HashToEllipticCurve.getInstance(HashToCurveProfile.P256_XMD_SHA_256, Pseudonym.DST),
        msg);
  }

  private static void assertSame(HashToCurve ours, HashToEllipticCurve theirs, byte[] msg) {
    CurvePoint p = ours.hash(msg);
    ECPoint q = theirs.hashToCurve(msg).normalize();
    assertThat(p.x()).isEqualTo(q.getAffineXCoord().toBigInteger());
    assertThat(p.y()).isEqualTo(q.getAffineYCoord().toBigInteger());
  }
}

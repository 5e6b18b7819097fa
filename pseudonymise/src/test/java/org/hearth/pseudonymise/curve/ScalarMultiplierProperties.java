package org.hearth.pseudonymise.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/** The fast multiplier agrees with BouncyCastle's reference arithmetic, edge scalars included. */
class ScalarMultiplierProperties {
  private static final X9ECParameters P256 = CustomNamedCurves.getByName("P-256");
  private static final BigInteger N = CurvePoint.ORDER;

  @Property(tries = 200)
  void agreesWithBouncyCastle(@ForAll("scalars") BigInteger k, @ForAll("scalars") BigInteger m) {
    CurvePoint p = ScalarMultiplier.of(m).multiply(CurvePoint.GENERATOR);
    ECPoint ref = P256.getG().multiply(m).multiply(k).normalize();
    CurvePoint q = ScalarMultiplier.of(k).multiply(p);
    assertThat(q.x()).isEqualTo(ref.getAffineXCoord().toBigInteger());
    assertThat(q.y()).isEqualTo(ref.getAffineYCoord().toBigInteger());
  }

  @Property(tries = 100)
  void encodingRoundTrips(@ForAll("scalars") BigInteger k) {
    CurvePoint p = ScalarMultiplier.of(k).multiply(CurvePoint.GENERATOR);
    byte[] enc = p.encode();
    assertThat(enc).hasSize(33);
    assertThat(CurvePoint.decode(enc)).isEqualTo(p);
    assertThat(enc).isEqualTo(P256.getG().multiply(k).getEncoded(true));
  }

  @Property(tries = 100)
  void hashAndMultiplyIsMultiplyOfHash(@ForAll("scalars") BigInteger k, @ForAll byte[] msg) {
    HashToCurve h = HashToCurve.withDst("HEARTH-TEST-V01");
    ScalarMultiplier mul = ScalarMultiplier.of(k);
    assertThat(mul.hashAndMultiply(h, msg)).isEqualTo(mul.multiply(h.hash(msg)).encode());
  }

  @Property(tries = 50)
  void inverseScalarUndoesMultiplication(@ForAll("scalars") BigInteger k) {
    CurvePoint p = HashToCurve.withDst("HEARTH-TEST-V01").hash(k.toByteArray());
    CurvePoint q = ScalarMultiplier.of(k).multiply(p);
    assertThat(ScalarMultiplier.of(k.modInverse(N)).multiply(q)).isEqualTo(p);
  }

  @Property
  void scalarsOutsideTheGroupAreRejected(@ForAll("outOfRange") BigInteger k) {
    assertThatThrownBy(() -> ScalarMultiplier.of(k))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1, n-1]");
  }

  @Provide
  Arbitrary<BigInteger> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.ONE, N.subtract(BigInteger.ONE)),
        Arbitraries.of(
            BigInteger.ONE,
            BigInteger.TWO,
            BigInteger.valueOf(16),
            BigInteger.valueOf(17),
            BigInteger.valueOf(31),
            BigInteger.valueOf(32),
            BigInteger.ONE.shiftLeft(255),
            N.subtract(BigInteger.ONE),
            N.subtract(BigInteger.TWO),
            N.shiftRight(1)));
  }

  @Provide
  Arbitrary<BigInteger> outOfRange() {
    return Arbitraries.oneOf(
        Arbitraries.of(BigInteger.ZERO, N, N.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256)),
        Arbitraries.bigIntegers().between(BigInteger.valueOf(-1000), BigInteger.valueOf(-1)));
  }
}

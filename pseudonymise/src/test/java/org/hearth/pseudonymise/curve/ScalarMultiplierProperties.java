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

/**
 * Both engines agree with BouncyCastle's reference arithmetic and with each other, byte for byte,
 * edge scalars included.
 */
class ScalarMultiplierProperties {
  private static final X9ECParameters P256 = CustomNamedCurves.getByName("P-256");
  private static final BigInteger N = CurvePoint.ORDER;
  private static final HashToCurve H = HashToCurve.withDst("HEARTH-TEST-V01");

  @Property(tries = 200)
  void agreesWithBouncyCastle(@ForAll("scalars") BigInteger k, @ForAll("scalars") BigInteger m) {
    CurvePoint p = ScalarMultiplier.of(m).multiply(CurvePoint.GENERATOR);
    ECPoint ref = P256.getG().multiply(m).multiply(k).normalize();
    CurvePoint q = ScalarMultiplier.of(k).multiply(p);
    assertThat(q.x()).isEqualTo(ref.getAffineXCoord().toBigInteger());
    assertThat(q.y()).isEqualTo(ref.getAffineYCoord().toBigInteger());
    assertThat(ScalarMultiplier.of(k).multiplyToX(p.encode()))
        .isEqualTo(ref.getAffineXCoord().getEncoded());
  }

  @Property(tries = 100)
  void encodingRoundTrips(@ForAll("scalars") BigInteger k) {
    CurvePoint p = ScalarMultiplier.of(k).multiply(CurvePoint.GENERATOR);
    byte[] enc = p.encode();
    assertThat(enc).hasSize(65).isEqualTo(P256.getG().multiply(k).getEncoded(false));
    assertThat(CurvePoint.decode(enc)).isEqualTo(p);
    assertThat(p.encodeCompressed()).isEqualTo(P256.getG().multiply(k).getEncoded(true));
    assertThat(CurvePoint.decode(p.encodeCompressed())).isEqualTo(p);
  }

  @Property(tries = 100)
  void hashAndMultiplyIsMultiplyOfHashUpToSign(
      @ForAll("scalars") BigInteger k, @ForAll byte[] msg) {
    ScalarMultiplier mul = ScalarMultiplier.of(k);
    CurvePoint expected = mul.multiply(H.hash(msg));
    CurvePoint got = CurvePoint.decode(mul.hashAndMultiply(H, msg));
    assertThat(got.x()).isEqualTo(expected.x());
    assertThat(got.y().testBit(0)).as("the even root is published").isFalse();
    assertThat(got.y()).isIn(expected.y(), Fp.P.subtract(expected.y()));
  }

  @Property(tries = 100)
  void nativeAndJavaEnginesGiveTheSameBytes(@ForAll("scalars") BigInteger k, @ForAll byte[] msg) {
    ScalarMultiplier chosen = ScalarMultiplier.of(k);
    ScalarMultiplier java = ScalarMultiplier.inJava(k);
    byte[] edge = chosen.hashAndMultiply(H, msg);
    assertThat(edge).isEqualTo(java.hashAndMultiply(H, msg));
    assertThat(chosen.multiplyToX(edge)).isEqualTo(java.multiplyToX(edge));
    byte[] compressed = CurvePoint.decode(edge).encodeCompressed();
    assertThat(chosen.multiplyToX(compressed)).isEqualTo(java.multiplyToX(edge));
  }

  @Property(tries = 50)
  void theSignOfThePointDoesNotChangeTheResult(@ForAll("scalars") BigInteger k, @ForAll byte[] m) {
    CurvePoint p = H.hash(m);
    CurvePoint minus = CurvePoint.fromAffine(p.x(), Fp.P.subtract(p.y()));
    ScalarMultiplier mul = ScalarMultiplier.of(k);
    assertThat(mul.multiplyToX(minus.encode())).isEqualTo(mul.multiplyToX(p.encode()));
  }

  @Property(tries = 50)
  void inverseScalarUndoesMultiplication(@ForAll("scalars") BigInteger k) {
    CurvePoint p = H.hash(k.toByteArray());
    CurvePoint q = ScalarMultiplier.of(k).multiply(p);
    assertThat(ScalarMultiplier.of(k.modInverse(N)).multiply(q)).isEqualTo(p);
  }

  @Property
  void scalarsOutsideTheGroupAreRejected(@ForAll("outOfRange") BigInteger k) {
    assertThatThrownBy(() -> ScalarMultiplier.of(k))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1, n-1]");
    assertThatThrownBy(() -> ScalarMultiplier.inJava(k))
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

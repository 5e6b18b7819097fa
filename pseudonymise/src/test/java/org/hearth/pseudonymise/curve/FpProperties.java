package org.hearth.pseudonymise.curve;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written addition chain against BigInteger's square-and-multiply. */
class FpProperties {
  private static final BigInteger EXPONENT = Fp.P.subtract(BigInteger.valueOf(3)).shiftRight(2);

  @Property(tries = 300)
  void theSqrtRatioExponentIsPMinus3Over4(@ForAll("elements") BigInteger x) {
    int[] z = Fp.create();
    Fp.powPMinus3Over4(Fp.fromBigInteger(x), z, new Fp.Workspace());
    assertThat(Fp.toBigInteger(z)).isEqualTo(x.modPow(EXPONENT, Fp.P));
  }

  @Provide
  Arbitrary<BigInteger> elements() {
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.ZERO, Fp.P.subtract(BigInteger.ONE)),
        Arbitraries.of(
            BigInteger.ZERO,
            BigInteger.ONE,
            BigInteger.TWO,
            Fp.P.subtract(BigInteger.ONE),
            Fp.P.subtract(BigInteger.TWO)));
  }
}
